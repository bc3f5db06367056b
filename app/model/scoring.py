"""The arithmetic of a verdict: factor contributions, dealbreakers and bands.

Why pure: it is the core of every verdict (API, wizard, stored snapshots) and of every
"what would change" trial, tested directly with tables of cases and hypothesis properties.
Every number comes from the rules file; this module only knows how to combine them.
`evaluate` (one level up) composes it with what-would-change and advice into a Result.
"""
from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from .rules import Dealbreaker, Factor, Rules, conditions_hold


def factor_contribution(factor, answers: Mapping[str, str]) -> float:
    """weight x product(scale) x sum(add), signed by side; 0 when a `when` condition fails."""
    get = answers.get
    for qid, allowed in factor.when:
        if get(qid) not in allowed:
            return 0.0
    value = factor.weight
    for qid, table in factor.scale:
        answer = get(qid)
        if answer is not None:
            value *= table.get(answer, 1.0)
    if factor.add:
        value *= sum([table.get(get(qid), 0.0) for qid, table in factor.add])
    value = round(value, 2)
    return value if factor.side == "pro" else -value


def dealbreaker_fires(rules: Rules, dealbreaker, answers: Mapping[str, str]) -> bool:
    """Its conditions hold, and none of the factors it names under `unless` applies."""
    if not conditions_hold(dealbreaker.when, answers):
        return False
    by_id = rules.factors_by_id
    return not any(factor_contribution(by_id[f], answers) for f in dealbreaker.unless)


def fired_dealbreakers(rules: Rules, answers: Mapping[str, str]):
    return tuple(d for d in rules.dealbreakers if dealbreaker_fires(rules, d, answers))


def band_of(rules: Rules, score: float) -> int:
    for i, band in enumerate(rules.bands):
        if band.min_score is None or score >= band.min_score:
            return i
    raise AssertionError("the last band has no minimum")  # pragma: no cover


def capped_band(rules: Rules, score: float, dealbreakers) -> int:
    """The band the score falls in, no better than any fired dealbreaker's cap."""
    return max([band_of(rules, round(score, 2))]
               + [rules.verdict_order.index(d.cap) for d in dealbreakers])


def verdict_for_score(rules: Rules, score: float, answers: Mapping[str, str]) -> str:
    return rules.verdict_order[capped_band(rules, score, fired_dealbreakers(rules, answers))]


def verdict_code(rules: Rules, answers: Mapping[str, str]) -> str:
    """Just the verdict, for one answer set."""
    return verdict_for_score(rules, sum(factor_contribution(f, answers) for f in rules.factors),
                             answers)


class Rescorer:
    """Verdicts for many variants of one answer set: 'what would change' tries a dozen.

    The answer set is scored once; a variant recomputes only the factors and dealbreakers that
    read a changed answer (`factor_contribution` and `dealbreaker_fires`, as for any verdict)
    and moves the total by the difference. Contributions are rounded to 0.01 and the total is
    rounded before it meets the bands, so the verdict is the one `verdict_code` gives."""

    def __init__(self, rules: Rules, answers: Mapping[str, str]):
        self.rules, self.answers = rules, answers
        self.contribution = {f.id: factor_contribution(f, answers) for f in rules.factors}
        self.base_total = sum(self.contribution.values())
        self.fired = tuple(d for d in rules.dealbreakers
                           if conditions_hold(d.when, answers)
                           and not any(self.contribution[f] for f in d.unless))
        self.factors_by_question = rules.factors_by_question
        self.dealbreakers_by_question = rules.dealbreakers_by_question

    def _reading(self, variant: Mapping[str, str], changed: Collection[str] | None
                 ) -> tuple[Iterable[Factor], Iterable[Dealbreaker]]:
        """The factors and dealbreakers that read an answer `variant` changes."""
        if changed is None:
            changed = {k for k in variant.keys() | self.answers.keys()
                       if variant.get(k) != self.answers.get(k)}
        if len(changed) == 1:  # most trials: one answer changed, nothing dropped or added
            (qid,) = changed
            return self.factors_by_question[qid], self.dealbreakers_by_question[qid]
        factors: dict[str, Factor] = {}
        dealbreakers: dict[str, Dealbreaker] = {}
        for qid in changed:
            factors.update((f.id, f) for f in self.factors_by_question[qid])
            dealbreakers.update((d.id, d) for d in self.dealbreakers_by_question[qid])
        return factors.values(), dealbreakers.values()

    def total(self, variant: Mapping[str, str], touched: Iterable[Factor] | None = None) -> float:
        """The unrounded total of `variant`: this set's total moved by the factors it touches."""
        if touched is None:
            touched = self._reading(variant, None)[0]
        total, contribution = self.base_total, self.contribution
        for f in touched:
            total += factor_contribution(f, variant) - contribution[f.id]
        return total

    def verdict(self, variant: Mapping[str, str], changed: Collection[str] | None = None) -> str:
        """The verdict of `variant`; `changed` (the questions whose answer differs, added or
        dropped included) saves working that out when the caller knows it."""
        return self.scored(variant, changed)[1]

    def scored(self, variant: Mapping[str, str], changed: Collection[str] | None = None
               ) -> tuple[float, str]:
        """(the unrounded total, the verdict) of `variant`, as `total` and `verdict` give."""
        rules = self.rules
        touched, rechecked = self._reading(variant, changed)
        total = self.total(variant, touched)
        order = rules.verdict_order
        band = band_of(rules, round(total, 2))
        if self.fired:
            ids = {d.id for d in rechecked}
            for d in self.fired:
                if d.id not in ids:
                    band = max(band, order.index(d.cap))
        for d in rechecked:  # only one that could lower the verdict further is checked
            cap = order.index(d.cap)
            if cap > band and dealbreaker_fires(rules, d, variant):
                band = cap
        return total, order[band]
