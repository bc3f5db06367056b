"""The arithmetic of a verdict: factor contributions, dealbreakers and bands.

Why pure: it is the core of every verdict (API, wizard, stored snapshots) and of every
"what would change" trial, tested directly with tables of cases and hypothesis properties.
Every number comes from the rules file; this module only knows how to combine them.
`evaluate` (one level up) composes it with what-would-change and advice into a Result.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import product

from .rules import Rules, conditions_hold

MAX_TABLE = 4096  # a factor reading more answer combinations than this is computed, not looked up


def factor_contribution(factor, answers: Mapping[str, str]) -> float:
    """weight x product(scale) x sum(add), signed by side; 0 when a `when` condition fails."""
    for qid, allowed in factor.when:
        if answers.get(qid) not in allowed:
            return 0.0
    value = factor.weight
    for qid, table in factor.scale:
        answer = answers.get(qid)
        if answer is not None:
            value *= table.get(answer, 1.0)
    if factor.add:
        value *= sum(table.get(answers.get(qid), 0.0) for qid, table in factor.add)
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


class FactorTable:
    """One factor's contribution as a function of the answers it reads, worked out at load for
    every combination (each answer or none), so scoring is a lookup: the same numbers
    `factor_contribution` gives, since the table holds exactly its results."""

    __slots__ = ("factor", "reads", "table")

    def __init__(self, rules: Rules, factor):
        self.factor = factor
        self.reads = tuple(dict.fromkeys(q for q, _ in (*factor.when, *factor.scale, *factor.add)))
        options = [(None, *rules.questions[q].values) if q in rules.questions else (None,)
                   for q in self.reads]
        size = 1
        for o in options:
            size *= len(o)
        self.table = None
        if size <= MAX_TABLE:
            self.table = {combo: factor_contribution(factor, dict(
                (q, v) for q, v in zip(self.reads, combo, strict=True) if v is not None))
                for combo in product(*options)}

    def __call__(self, answers: Mapping[str, str]) -> float:
        if self.table is None:
            return factor_contribution(self.factor, answers)
        return self.table[tuple([answers.get(q) for q in self.reads])]


@dataclass(frozen=True)
class Compiled:
    """What scoring needs from the rules, arranged for speed once per Rules object."""
    factors: tuple[FactorTable, ...]
    factors_by_question: Mapping[str, tuple[int, ...]]      # factor indexes reading a question
    dealbreakers_by_question: Mapping[str, tuple[int, ...]]
    caps: tuple[int, ...]  # each dealbreaker's cap, as a band index
    bands: tuple[tuple[float | None, int], ...]


def compiled(rules: Rules) -> Compiled:
    """The rules' scoring tables, built on first use (rules_build warms them at load)."""
    found = rules.__dict__.get("_compiled")
    if found is None:
        ids = {f.id: i for i, f in enumerate(rules.factors)}
        dids = {d.id: i for i, d in enumerate(rules.dealbreakers)}
        found = Compiled(
            factors=tuple(FactorTable(rules, f) for f in rules.factors),
            factors_by_question={q: tuple(ids[f.id] for f in fs)
                                 for q, fs in rules.factors_by_question.items()},
            dealbreakers_by_question={q: tuple(dids[d.id] for d in ds)
                                      for q, ds in rules.dealbreakers_by_question.items()},
            caps=tuple(rules.verdict_order.index(d.cap) for d in rules.dealbreakers),
            bands=tuple((b.min_score, i) for i, b in enumerate(rules.bands)))
        object.__setattr__(rules, "_compiled", found)
    return found


class Rescorer:
    """Verdicts for many variants of one answer set, fast: 'what would change' tries hundreds.

    Only the factors that read a changed question are looked up again (in the load-time
    tables), and the total moves by their difference; contributions are rounded to 0.01 before
    summing, so the result is the verdict `verdict_code` gives."""

    def __init__(self, rules: Rules, answers: Mapping[str, str]):
        self.rules, self.answers = rules, answers
        self.c = c = compiled(rules)
        self.contribution = [t(answers) for t in c.factors]
        self.total = sum(self.contribution)
        self.fired = [i for i, d in enumerate(rules.dealbreakers)
                      if dealbreaker_fires(rules, d, answers)]
        self.cap = max([c.caps[i] for i in self.fired], default=0)

    def verdict(self, variant: Mapping[str, str], changed=None) -> str:
        """The verdict of `variant`; `changed` (the questions whose answer differs, added or
        dropped included) saves working that out when the caller knows it."""
        if changed is None:
            changed = {k for k in variant.keys() | self.answers.keys()
                       if variant.get(k) != self.answers.get(k)}
        c, rules, total = self.c, self.rules, self.total
        by_q, dby_q = c.factors_by_question, c.dealbreakers_by_question
        factors = {i for qid in changed for i in by_q[qid]}
        for i in sorted(factors):
            total += c.factors[i](variant) - self.contribution[i]
        rechecked = {i for qid in changed for i in dby_q[qid]}
        if rechecked:
            dbs, caps = rules.dealbreakers, c.caps
            cap = max([caps[i] for i in self.fired if i not in rechecked]
                      + [caps[i] for i in rechecked if dealbreaker_fires(rules, dbs[i], variant)],
                      default=0)
        else:
            cap = self.cap
        score = round(total, 2)
        band = next(i for m, i in c.bands if m is None or score >= m)
        return rules.verdict_order[max(band, cap)]
