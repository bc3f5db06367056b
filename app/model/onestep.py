"""What one step of one answer would do to a verdict, worked out the fast way for `evaluate`.

Why a second path beside whatif.trials: `evaluate` only reads the one-step trials that move the
verdict to another side (its hinges and at most MAX_SUGGESTIONS suggestions), on every request.
So each trial is scored from the difference in whole cents, by looking up only the factors and
dealbreakers that read the changed answer in the plan's tables, and no object is built for a
trial that does not move the verdict. A change that can make another question applicable or
not (a gate), or an answer set with a question left unanswered, goes through whatif's general
completions instead, so the result is always the one the full trials give.
"""
from __future__ import annotations

from collections.abc import Mapping

from .plan import Plan
from .result import Change, Suggestion, side_of
from .rules import Rules
from .scoring import Rescorer
from .stepplan import moves
from .whatif import MAX_SUGGESTIONS, _completions, apply_changes, trials


def unanswered(p: Plan, vals) -> bool:
    """Some conditional question applies to these answers but has no answer."""
    return any(vals[p.pos[qid]] is None and get(vals) in ok for qid, (get, ok) in p.conditional)


def hinges_and_suggestions(rules: Rules, p: Plan, answers: Mapping[str, str], vals,
                           contributions, total: int, fired, code: str
                           ) -> tuple[tuple[str, ...], tuple[Suggestion, ...]]:
    """(hinges, suggestions): the questions one step of which moves the verdict `code` to
    another side, in question order, and the first MAX_SUGGESTIONS such changes. `total` is
    the score in whole cents, `fired` the dealbreakers' indexes."""
    side = side_of(code)
    if unanswered(p, vals):
        return _general(rules, answers, side)
    order, caps = rules.verdict_order, [p.dealbreakers[i][2] for i in fired]
    same = frozenset(i for i, c in enumerate(order) if side_of(c) == side)
    hinges: list[str] = []
    found: list[Suggestion] = []
    rescorer = None
    for m in moves(p, rules):
        if (m.asked is not None and m.asked[0](vals) not in m.asked[1]) or (
                m.suggest is not None and m.suggest[0](vals) not in m.suggest[1]):
            continue
        q, current = m.question, vals[m.at]
        if m.gate:  # other answers may be dropped or newly asked: the general way
            rescorer = rescorer or Rescorer(rules, answers)
            moved = _gated(rules, answers, rescorer, q, m.steps[current], side)
        else:
            get, table = m.summed
            row = table[get(vals)]
            base = total - row[current]
            others = max([c for i, c in zip(fired, caps, strict=True) if i not in m.touched],
                         default=0) if fired else 0
            checks = [(allowed, [t[g(vals)] for g, t in moving], cap)
                      for g, ok, allowed, fixed, moving, cap in m.dealbreakers
                      if cap > others and g(vals) in ok
                      and not any([contributions[f] for f in fixed])]
            moved = []
            for value in m.steps[current]:
                cap = others
                for allowed, unless, d_cap in checks:
                    if d_cap > cap and (allowed is None or value in allowed) and not any(
                            [r[value] for r in unless]):
                        cap = d_cap
                index = max(p.band(base + row[value]), cap)
                if index not in same:
                    moved.append(((Change(q.id, value),), order[index]))
        if moved:
            hinges.append(q.id)
            found.extend(Suggestion(c, v) for c, v in moved[:MAX_SUGGESTIONS - len(found)])
    return tuple(hinges), tuple(found)


def _gated(rules: Rules, answers, rescorer: Rescorer, q, steps, side: str) -> list:
    """The moving one-step changes of a question some condition reads, with their
    completions (as whatif.trials tries them)."""
    out = []
    for value in steps:
        change = Change(q.id, value)
        for extra, complete in _completions(rules, apply_changes(rules, answers, [change])):
            changed = {q.id} | {c.question for c in extra} | (answers.keys() - complete.keys())
            verdict = rescorer.verdict(complete, changed)
            if side_of(verdict) != side:
                out.append(((change,) + extra, verdict))
    return out


def _general(rules: Rules, answers, side: str):
    """Every one-step trial the slow way (an answer set with a question left unanswered)."""
    moving = [t for t in trials(rules, answers, one_step=True)
              if t.distance == 1 and side_of(t.verdict) != side]
    return (tuple(dict.fromkeys(t.changes[0].question for t in moving)),
            tuple(Suggestion(t.changes, t.verdict) for t in moving[:MAX_SUGGESTIONS]))
