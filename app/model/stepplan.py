"""For each changeable question, what one step of its answer touches, arranged at load so a
trial is a few look-ups: the factors that read it as rows (the other answers they read ->
the cents for each of its values) and the dealbreakers that read it split into the conditions
on the other answers and the values of this one that they allow.

Why: `evaluate` tries every one-step change on each request; with these rows a question's
trials need one look-up per factor for all of its values together, and a dealbreaker whose
other conditions fail (or that could not raise the cap) is set aside before any value is
tried. The rows are the plan's tables regrouped, so the verdicts are the same numbers.
"""
from __future__ import annotations

from .plan import Plan, accepted, getter
from .rules import Rules


class _Row:
    """A too-wide factor's row, worked out on each look-up from its computed contributions."""

    def __init__(self, cents, n_reads: int, j: int, values):
        self.cents, self.n_reads, self.j, self.values = cents, n_reads, j, values

    def __getitem__(self, ctx) -> dict:
        ctx = () if self.n_reads == 1 else (ctx,) if self.n_reads == 2 else ctx
        keys = {v: ctx[:self.j] + (v,) + ctx[self.j:] for v in self.values}
        return {v: self.cents[k[0] if self.n_reads == 1 else k] for v, k in keys.items()}


def _row(p: Plan, rules: Rules, i: int, qid: str):
    """(getter of the other answers factor i reads, their row table)."""
    reads = p.reads[i]
    j = reads.index(qid)
    get = getter([p.pos[q] for q in reads if q != qid])
    table = p.cents[i]
    if not isinstance(table, dict):
        return get, _Row(table, len(reads), j, rules.questions[qid].values)
    rows: dict = {}
    for key, cents in table.items():
        key = (key,) if len(reads) == 1 else key
        ctx = key[:j] + key[j + 1:]
        rows.setdefault(ctx[0] if len(ctx) == 1 else ctx, {})[key[j]] = cents
    return get, rows


class Move:
    """One changeable question's one-step rows (see the module's docstring)."""

    __slots__ = ("question", "at", "gate", "asked", "suggest", "steps", "factors", "rows",
                 "dealbreakers", "touched")

    def __init__(self, p: Plan, rules: Rules, q, gate: bool):
        self.question, self.at, self.gate = q, p.pos[q.id], gate
        self.asked = p.condition(q.asked_if.items()) if q.asked_if else None
        self.suggest = p.condition(q.suggest_if) if q.suggest_if else None
        self.steps = {old: tuple(v for v in q.values if q.distance(old, v) == 1)
                      for old in q.values}
        self.factors = p.factors_by_question[q.id]
        self.rows = tuple(_row(p, rules, i, q.id) for i in self.factors)
        self.touched = frozenset(p.dealbreakers_by_question[q.id])
        self.dealbreakers = []
        for d in p.dealbreakers_by_question[q.id]:
            dealbreaker = rules.dealbreakers[d]
            others = [(k, a) for k, a in dealbreaker.when if k != q.id]
            mine = [frozenset(a) for k, a in dealbreaker.when if k == q.id]
            unless = [p.factor_index[f] for f in dealbreaker.unless]
            self.dealbreakers.append((
                getter([p.pos[k] for k, _ in others]), accepted(others),
                frozenset.intersection(*mine) if mine else None,
                tuple(f for f in unless if f not in self.factors),
                tuple(self.factors.index(f) for f in unless if f in self.factors),
                p.dealbreakers[d][2]))


def moves(p: Plan, rules: Rules) -> tuple[Move, ...]:
    """The changeable questions' rows, in question order (built once, kept on the plan)."""
    if p.moves is None:
        gates = frozenset(k for q in rules.conditional for k in q.asked_if)
        p.moves = tuple(Move(p, rules, q, q.id in gates)
                        for q in rules.questions.values() if q.changeable)
    return p.moves
