"""One verdict, whole: the score and its factors, dealbreakers, how firmly it stands, what would
change it and the advice, as a frozen Result.

Why a module above scoring and whatif: what-would-change rescores variants of the answers with
scoring's tools, and the full result needs both, so composing them here keeps each free of the
other (no import circle). The answers are scored once (scoring.Rescorer), and the same scorer
rescores the one-step trials (whatif.trials). Pure: no Flask, no I/O, no clock.
"""
from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from .advice import select_advice
from .hinges import named_and_listed
from .result import DealbreakerResult, FactorResult, Result, Verdict
from .rules import Rules
from .scoring import Rescorer, capped_band
from .whatif import trials, turns_on, what_would_change


def strength_of(code: str, hinges: tuple[str, ...]) -> str:
    """Honest strength: a toss-up is a close call; a verdict that one step of one answer moves
    off its side is fairly clear (and says which answer); otherwise it is clear-cut."""
    if code == "toss_up":
        return "close_call"
    return "fairly_clear" if hinges else "clear"


def evaluate(rules: Rules, answers: Mapping[str, str]) -> Result:
    """Score a complete, valid answer set (see model.submission) into a frozen Result."""
    scored = Rescorer(rules, answers)
    factors = [FactorResult(f.id, f.side, f.label, c, f.sources)
               for f in rules.factors if (c := scored.contribution[f.id])]
    factors.sort(key=lambda r: -abs(r.contribution))
    score = round(sum(r.contribution for r in factors), 2)
    dealbreakers = scored.fired
    capped_index = capped_band(rules, score, dealbreakers)
    code = rules.verdict_order[capped_index]
    one_step = trials(rules, answers, one_step=True, rescorer=scored)
    hinges = turns_on(one_step, code)
    strength = strength_of(code, hinges)  # every answer that could turn out differently counts
    named, listed = named_and_listed(  # what the page names: see model.hinges
        rules, scored.base_total, what_would_change(one_step, code))
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
        advice=select_advice(rules, code, answers, {f.id for f in factors},
                             {d.id for d in dealbreakers}, lean),
    )
