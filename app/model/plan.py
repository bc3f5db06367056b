"""The rules arranged once, at load, for the per-request arithmetic: an answer set becomes one
tuple (an answer, or None, per question), and every factor, dealbreaker and condition reads
its answers out of it with an `operator.itemgetter` and looks its result up in a table.

Why: `evaluate` scores one answer set and then a dozen one-step variants of it on every
request; walking the rules' conditions generically for each costs more than the arithmetic.
The tables hold exactly what scoring.factor_contribution and rules.conditions_hold give (a
property test checks), so the verdicts are the same. Scores are also kept in whole cents:
contributions are rounded to 0.01, so an integer sum is exact and `cents / 100` equals the
rounded float total the bands are compared with. Nothing here depends on one answer set.
"""
from __future__ import annotations

import math
from itertools import product
from operator import itemgetter

from .rules import Rules
from .scoring import MAX_TABLE, compiled, factor_contribution


def _always(vals) -> tuple:
    return ()


def getter(positions) -> itemgetter:
    """Picks these positions out of an answer tuple: one value alone, several as a tuple."""
    return itemgetter(*positions) if positions else _always


class _Allowed:
    """`key in allowed`: every picked answer is one of its condition's values (used when the
    accepted combinations are too many to list)."""

    def __init__(self, sets):
        self.sets = sets

    def __contains__(self, key) -> bool:
        return all(v in s for v, s in zip(key, self.sets, strict=True))


def accepted(conditions):
    """What `key in` checks for (question, allowed) conditions picked as one key."""
    sets = [frozenset(allowed) for _, allowed in conditions]
    if len(sets) == 1:
        return sets[0]
    size = 1
    for s in sets:
        size *= len(s)
    return frozenset(product(*sets)) if size <= MAX_TABLE else _Allowed(sets)


class _Computed:
    """A factor too wide to table: its contribution worked out on each look-up."""

    def __init__(self, factor, reads, cents: bool):
        self.factor, self.reads, self.cents = factor, reads, cents

    def __getitem__(self, key) -> float | int:
        key = (key,) if len(self.reads) == 1 else key
        c = factor_contribution(self.factor, {q: v for q, v in zip(self.reads, key, strict=True)
                                              if v is not None})
        return round(c * 100) if self.cents else c


def least_cents(score: float) -> int:
    """The fewest whole cents n with n / 100 >= score (n / 100 only grows with n)."""
    n = math.floor(score * 100) - 2
    while n / 100 < score:
        n += 1
    return n


class Plan:
    """Positions, getters and tables for one Rules object (see `plan`)."""

    def __init__(self, rules: Rules):
        c = compiled(rules)
        self.qids = tuple(rules.questions)
        self.pos = {q: i for i, q in enumerate(self.qids)}
        self.answer_tuple = itemgetter(*self.qids)  # of a dict that answers every question
        self.factor_get, self.floats, self.cents = [], [], []
        self.reads = tuple(t.reads for t in c.factors)
        for t in c.factors:
            self.factor_get.append(getter([self.pos[q] for q in t.reads]))
            if t.table is None:
                self.floats.append(_Computed(t.factor, t.reads, False))
                self.cents.append(_Computed(t.factor, t.reads, True))
                continue
            single = len(t.reads) == 1
            floats = {(k[0] if single else k): v for k, v in t.table.items()}
            self.floats.append(floats)
            self.cents.append({k: round(v * 100) for k, v in floats.items()})
        self.factors = tuple(zip(self.factor_get, self.floats, strict=True))
        self.factor_index = ids = {f.id: i for i, f in enumerate(rules.factors)}
        self.dealbreakers = tuple(
            (self.condition(d.when), tuple(ids[f] for f in d.unless), cap)
            for d, cap in zip(rules.dealbreakers, c.caps, strict=True))
        self.factors_by_question = c.factors_by_question
        self.dealbreakers_by_question = c.dealbreakers_by_question
        self.cent_bands = tuple((None if m is None else least_cents(m), i) for m, i in c.bands)
        self.conditional = tuple((q.id, self.condition(q.asked_if.items()))
                                 for q in rules.conditional)
        self.moves = None  # the changeable questions' one-step rows: stepplan.moves
        self.advice = None  # each verdict's advice items, ranked: advice.advice_for

    def condition(self, conditions) -> tuple:
        """(getter, accepted): the conditions hold for an answer tuple `vals` exactly when
        `getter(vals) in accepted`."""
        conditions = tuple(conditions)
        return getter([self.pos[q] for q, _ in conditions]), accepted(conditions)

    def answers_tuple(self, answers) -> tuple:
        """The answer to each question in question order, None where there is none."""
        if len(answers) == len(self.qids) > 1:
            try:
                return self.answer_tuple(answers)
            except KeyError:
                pass
        return tuple(map(answers.get, self.qids))

    def band(self, cents: int) -> int:
        """The band index of a total in cents (as scoring.band_of with the rounded score)."""
        for least, i in self.cent_bands:
            if least is None or cents >= least:
                return i
        raise AssertionError("the last band has no minimum")  # pragma: no cover


def plan(rules: Rules) -> Plan:
    """The plan of these rules, built on first use (rules_build warms it at load)."""
    found = rules.__dict__.get("_plan")
    if found is None:
        found = Plan(rules)
        object.__setattr__(rules, "_plan", found)
    return found
