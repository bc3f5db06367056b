"""What would change the verdict, and how firmly it stands: one answer changed at a time.

Why this shape: a verdict is only trustworthy if the person can see what it hinges on, and a
suggestion is only worth reading if it changes what they would do. So we try every single
change to the answers a person could change or be wrong about (rules.toml marks them
`changeable`, and `suggest_if` keeps out what isn't plausible for them, like other offers for
someone not looking) and keep those that move the verdict to another side: go side, toss-up,
decline side. Never their employment or history. The same trials give the strength: clear-cut
when no one-step change moves the verdict off its side. Each suggestion, applied, is a complete
valid answer set: answers whose question stops applying are dropped, and a question that starts
applying is answered inside the suggestion itself.

`trials` is the one statement of all this (every change, with its completions); `evaluate`
reads its one-step trials for the hinges and the suggestions.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from .answers import asked_questions, drop_unasked, newly_asked
from .result import Change, Suggestion, side_of
from .rules import Rules, conditions_hold
from .scoring import Rescorer

MAX_SUGGESTIONS = 12  # every moving change, before hinges.py keeps what a person can act on


class Trial(NamedTuple):
    changes: tuple[Change, ...]  # the change tried first, then any newly asked answers
    distance: int                # notches the tried answer moved
    verdict: str
    total: float                 # its unrounded score (hinges.py ranks changes by the move)


def apply_changes(rules: Rules, answers: Mapping[str, str], changes) -> dict[str, str]:
    """The answer set a suggestion describes (unasked answers dropped)."""
    new = dict(answers)
    for change in changes:
        new[change.question] = change.to
    return drop_unasked(rules, new)


def _completions(rules: Rules, answers: dict[str, str]):
    """Every way to answer the questions a change made newly applicable:
    [(extra changes, answers)]."""
    missing = newly_asked(rules, answers)
    if not missing:
        return [((), answers)]
    q = missing[0]
    out = []
    for value in q.values:
        for extra, done in _completions(rules, drop_unasked(rules, {**answers, q.id: value})):
            out.append(((Change(q.id, value),) + extra, done))
    return out


def suggestable(rules: Rules, answers: Mapping[str, str]):
    """The asked questions whose answer the person could change or be wrong about."""
    return [q for q in asked_questions(rules, answers)
            if q.changeable and (not q.suggest_if or conditions_hold(q.suggest_if, answers))]


def trials(rules: Rules, answers: Mapping[str, str], one_step: bool = False,
           rescorer: Rescorer | None = None) -> tuple[Trial, ...]:
    """Every single change of a suggestable answer, with the verdict and total it gives; with
    `one_step`, only the changes of one notch (all that turns_on and what_would_change read).
    `rescorer`, the answers' own Rescorer, saves scoring them again."""
    rescorer = rescorer or Rescorer(rules, answers)
    out = []
    # a question some condition reads may drop answers or ask new ones; with a question left
    # unanswered, any change may complete it
    gates = rules.gates if not newly_asked(rules, answers) else frozenset(rules.questions)
    for q in suggestable(rules, answers):
        current = answers[q.id]
        for value in (q.one_step[current] if one_step else q.values):
            if value == current:
                continue
            change = Change(q.id, value)
            distance = 1 if one_step else q.distance(current, value)
            if q.id not in gates:  # no condition reads it: nothing dropped, nothing newly asked
                total, verdict = rescorer.scored({**answers, q.id: value}, (q.id,))
                out.append(Trial((change,), distance, verdict, total))
                continue
            for extra, complete in _completions(rules, apply_changes(rules, answers, [change])):
                changed = ({q.id} | {c.question for c in extra}
                           | (answers.keys() - complete.keys()))
                total, verdict = rescorer.scored(complete, changed)
                out.append(Trial((change,) + extra, distance, verdict, total))
    return tuple(out)


def moving(all_trials, current: str) -> list[Trial]:
    """The one-step trials that move the verdict to another side, in question order: what the
    person might find out or do that would change what they do. A change of two notches or more
    (from "it's struggling" to "I'd love to work there") is not something a person is plausibly
    wrong about, so it is not offered; when nothing is left, the verdict is robust."""
    return [t for t in all_trials if t.distance == 1 and side_of(t.verdict) != side_of(current)]


def turns_on(all_trials, current: str) -> tuple[str, ...]:
    """The questions one step of which moves the verdict to another side, in question order
    (the same trials what_would_change lists)."""
    return tuple(dict.fromkeys(t.changes[0].question for t in moving(all_trials, current)))


def what_would_change(all_trials, current: str) -> list[Trial]:
    """The moving trials offered as changes (at most MAX_SUGGESTIONS)."""
    return moving(all_trials, current)[:MAX_SUGGESTIONS]


def as_suggestion(trial: Trial) -> Suggestion:
    return Suggestion(trial.changes, trial.verdict)
