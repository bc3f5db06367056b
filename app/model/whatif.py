"""What would change the verdict: the smallest answer changes that give a different verdict.

Why this shape: a verdict is only trustworthy if the person can see what it hinges on. We try
single changes first, then pairs, and only on answers a person could change or be wrong about
(rules.toml marks them `changeable`): never their employment or interview history. Each
suggestion, applied, is a complete valid answer set: answers whose question stops applying are
dropped, and a question that starts applying is answered inside the suggestion itself.
"""
from __future__ import annotations

from itertools import combinations
from typing import Mapping

from .answers import asked_questions, drop_unasked, newly_asked
from .rules import Rules
from .scoring import Rescorer
from .result import Change, Suggestion

MAX_SUGGESTIONS = 5


def _distance(rules: Rules, qid: str, old: str, new: str) -> int:
    """How far an answer moves: steps along its order, or 1 for an unordered question."""
    order = rules.questions[qid].better
    return abs(order.index(new) - order.index(old)) if order else 1


def apply_changes(rules: Rules, answers: Mapping[str, str], changes) -> dict[str, str]:
    """The answer set a suggestion describes (unasked answers dropped)."""
    new = dict(answers)
    for change in changes:
        new[change.question] = change.to
    return drop_unasked(rules, new)


def _completions(rules: Rules, answers: dict[str, str]):
    """Every way to answer questions that a change made newly applicable: [(extra changes, answers)]."""
    missing = newly_asked(rules, answers)
    if not missing:
        return [((), answers)]
    q = missing[0]
    out = []
    for value in q.values:
        for extra, done in _completions(rules, drop_unasked(rules, {**answers, q.id: value})):
            out.append(((Change(q.id, value),) + extra, done))
    return out


def _single_changes(rules: Rules, answers: Mapping[str, str]):
    for q in asked_questions(rules, answers):
        if q.changeable:
            for value in q.values:
                if value != answers[q.id]:
                    yield Change(q.id, value), _distance(rules, q.id, answers[q.id], value)


def _nearest(rules: Rules, answers: Mapping[str, str], current: str, candidates):
    """For each (questions changed, verdict reached), keep the nearest suggestion."""
    order = list(rules.questions)
    best: dict[tuple, tuple] = {}
    flipping: set[Change] = set()
    rescorer = Rescorer(rules, answers)
    for changes, dist in candidates:
        moved = {c.question for c in changes}
        for extra, complete in _completions(rules, apply_changes(rules, answers, changes)):
            changed = moved | {c.question for c in extra} | (answers.keys() - complete.keys())
            verdict = rescorer.verdict(complete, changed)
            if verdict == current:
                continue
            flipping.update(changes)
            key = (tuple(c.question for c in changes), verdict)
            rank = (dist, [order.index(c.question) for c in changes])
            if key not in best or rank < best[key][0]:
                best[key] = (rank, Suggestion(tuple(changes) + extra, verdict))
    return sorted(best.values(), key=lambda t: t[0]), flipping


def what_would_change(rules: Rules, answers: Mapping[str, str], current: str):
    singles = list(_single_changes(rules, answers))
    found, flips_alone = _nearest(rules, answers, current, (([c], d) for c, d in singles))
    suggestions = [s for _, s in found]
    if len(suggestions) < MAX_SUGGESTIONS:
        # a pair is only worth showing if neither change on its own already moves the verdict
        pairs = (([a, b], da + db) for (a, da), (b, db) in combinations(singles, 2)
                 if a.question != b.question and a not in flips_alone and b not in flips_alone)
        found_pairs, _ = _nearest(rules, answers, current, pairs)
        # one pair per verdict not already reached by a single change: variety, not repetition
        reached = {s.verdict for s in suggestions}
        for _, pair in found_pairs:
            if pair.verdict not in reached:
                reached.add(pair.verdict)
                suggestions.append(pair)
    return tuple(suggestions[:MAX_SUGGESTIONS])
