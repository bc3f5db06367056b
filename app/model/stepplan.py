"""For each changeable question, what one step of its answer touches, arranged at load so a
trial is a few look-ups: the factors that read it summed into one row (the other answers they
read -> the total of their cents for each of its values) and the dealbreakers that read it
split into the conditions on the other answers and the values of this one that they allow.

Why: `evaluate` tries every one-step change on each request; with these rows a question's
trials need one look-up for all of its values together, and a dealbreaker whose other
conditions fail (or that could not raise the cap) is set aside before any value is tried.
The rows are the plan's tables regrouped and summed in whole cents, so the verdicts are the
same numbers.
"""
from __future__ import annotations

from itertools import product

from .plan import Plan, accepted, getter
from .rules import Rules
from .scoring import MAX_TABLE


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


class _Summed:
    """A question's summed row worked out on each look-up (its other answers are too many to
    table): `get` hands it the whole answer tuple."""

    def __init__(self, rows, values):
        self.rows, self.values = rows, values

    def __getitem__(self, vals) -> dict:
        parts = [table[get(vals)] for get, table in self.rows]
        return {v: sum([row[v] for row in parts]) for v in self.values}


def _whole(vals):
    return vals


def _summed(p: Plan, rules: Rules, qid: str, factors, rows):
    """(getter, table): for the other answers the factors reading `qid` read, the sum of
    their cents for each value of `qid`."""
    values = rules.questions[qid].values
    others = tuple(dict.fromkeys(q for i in factors for q in p.reads[i] if q != qid))
    options = [(None, *rules.questions[q].values) for q in others]
    size = 1
    for o in options:
        size *= len(o)
    if size > MAX_TABLE or not all(isinstance(t, dict) for _, t in rows):
        return _whole, _Summed(rows, values)
    picks = [getter([others.index(q) for q in p.reads[i] if q != qid]) for i in factors]
    table = {}
    for combo in product(*options):
        parts = [t[pick(combo)] for pick, (_, t) in zip(picks, rows, strict=True)]
        table[combo[0] if len(combo) == 1 else combo] = {
            v: sum([row[v] for row in parts]) for v in values}
    return getter([p.pos[q] for q in others]), table


class Move:
    """One changeable question's one-step rows (see the module's docstring)."""

    __slots__ = ("question", "at", "gate", "asked", "suggest", "steps", "summed",
                 "dealbreakers", "touched")

    def __init__(self, p: Plan, rules: Rules, q, gate: bool):
        self.question, self.at, self.gate = q, p.pos[q.id], gate
        self.asked = p.condition(q.asked_if.items()) if q.asked_if else None
        self.suggest = p.condition(q.suggest_if) if q.suggest_if else None
        self.steps = {old: tuple(v for v in q.values if q.distance(old, v) == 1)
                      for old in q.values}
        factors = p.factors_by_question[q.id]
        rows = tuple(_row(p, rules, i, q.id) for i in factors)
        self.summed = _summed(p, rules, q.id, factors, rows)
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
                tuple(f for f in unless if f not in factors),
                tuple(rows[factors.index(f)] for f in unless if f in factors),
                p.dealbreakers[d][2]))


def moves(p: Plan, rules: Rules) -> tuple[Move, ...]:
    """The changeable questions' rows, in question order (built once, kept on the plan)."""
    if p.moves is None:
        gates = frozenset(k for q in rules.conditional for k in q.asked_if)
        p.moves = tuple(Move(p, rules, q, q.id in gates)
                        for q in rules.questions.values() if q.changeable)
    return p.moves
