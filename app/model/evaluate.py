"""One verdict, whole: the score and its factors, dealbreakers, strength, what would change it
and the advice ids, as a frozen Result.

Why a module above scoring and whatif: what-would-change rescores variants of the answers with
scoring's tools, and the full result needs what-would-change, so composing them here keeps both
free of each other (no import circle). Pure: no Flask, no I/O, no clock.
"""
from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

from .advice import select_advice
from .result import DealbreakerResult, FactorResult, Result, Verdict
from .rules import Rules
from .scoring import capped_band, factor_contribution, fired_dealbreakers, strength
from .whatif import what_would_change


def evaluate(rules: Rules, answers: Mapping[str, str]) -> Result:
    """Score a complete, valid answer set (see answers.require_valid) into a frozen Result."""
    factors = []
    for f in rules.factors:
        c = factor_contribution(f, answers)
        if c:
            factors.append(FactorResult(f.id, f.side, f.label, c, f.sources))
    factors.sort(key=lambda r: -abs(r.contribution))
    score = round(sum(r.contribution for r in factors), 2)
    dealbreakers = fired_dealbreakers(rules, answers)
    capped_index = capped_band(rules, score, dealbreakers)
    code = rules.verdict_order[capped_index]
    how_clear = strength(rules, code, score, bool(dealbreakers))
    return Result(
        rules_version=rules.version,
        answers=MappingProxyType(dict(answers)),
        verdict=Verdict(code, rules.bands[capped_index].label, how_clear,
                        rules.strengths[how_clear]),
        score=score,
        factors=tuple(factors),
        dealbreakers=tuple(DealbreakerResult(d.id, d.reason, d.cap, d.sources)
                           for d in dealbreakers),
        what_would_change=what_would_change(rules, answers, code),
        advice=select_advice(rules, code, {f.id for f in factors}, {d.id for d in dealbreakers}),
    )
