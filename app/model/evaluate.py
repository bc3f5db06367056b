"""One verdict, whole: the score and its factors, dealbreakers, how firmly it stands, what would
change it and the advice, as a frozen Result.

Why a module above scoring and whatif: what-would-change rescores variants of the answers with
scoring's tools, and the full result needs both, so composing them here keeps each free of the
other (no import circle). The arithmetic runs on the load-time plan (model.plan: the answers as
one tuple, every factor and dealbreaker a table look-up) and the one-step trials on
model.onestep. Pure: no Flask, no I/O, no clock.
"""
from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from .advice import advice_for
from .hinges import named_and_listed
from .onestep import hinges_and_suggestions
from .plan import plan
from .result import DealbreakerResult, FactorResult, Result, Verdict
from .rules import Rules
from .scoring import capped_band


def strength_of(code: str, hinges: tuple[str, ...]) -> str:
    """Honest strength: a toss-up is a close call; a verdict that one step of one answer moves
    off its side is fairly clear (and says which answer); otherwise it is clear-cut."""
    if code == "toss_up":
        return "close_call"
    return "fairly_clear" if hinges else "clear"


def evaluate(rules: Rules, answers: Mapping[str, str]) -> Result:
    """Score a complete, valid answer set (see model.submission) into a frozen Result."""
    p = plan(rules)
    vals = p.answers_tuple(answers)
    contributions = [table[get(vals)] for get, table in p.factors]
    factors = [FactorResult(f.id, f.side, f.label, c, f.sources)
               for f, c in zip(rules.factors, contributions, strict=True) if c]
    factors.sort(key=lambda r: -abs(r.contribution))
    score = round(sum(r.contribution for r in factors), 2)
    fired = [i for i, ((get, ok), unless, _) in enumerate(p.dealbreakers)
             if get(vals) in ok and not any([contributions[f] for f in unless])]
    dealbreakers = [rules.dealbreakers[i] for i in fired]
    capped_index = capped_band(rules, score, dealbreakers)
    code = rules.verdict_order[capped_index]
    # the score rounded to 0.01 is the sum of whole cents over 100: round(score * 100) is it
    hinges, suggestions = hinges_and_suggestions(rules, p, answers, vals, contributions,
                                                 round(score * 100), fired, code)
    strength = strength_of(code, hinges)  # every answer that could turn out differently counts
    named, listed = named_and_listed(rules, answers, suggestions)  # what the page names
    lean = ("go" if score >= rules.lean_go_from else "decline") if code == "toss_up" else None
    return Result(
        rules_version=rules.version,
        answers=MappingProxyType(dict(answers)),
        verdict=Verdict(code, rules.bands[capped_index].label, strength,
                        rules.strengths[strength], lean, named),
        score=score,
        factors=tuple(factors),
        dealbreakers=tuple(DealbreakerResult(d.id, d.reason, d.cap, d.sources)
                           for d in dealbreakers),
        what_would_change=listed,
        advice=advice_for(rules, p, code, vals, {f.id for f in factors},
                          {d.id for d in dealbreakers}, lean),
    )
