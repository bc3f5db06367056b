"""Trying one change to a stored answer set ("Try it" on the result page), checked in one place.

Why in the model: the preview page, "make it my answer" and the owner's page controls must agree
with "what would change" (whatif.suggestable) on which answers a person could change or be wrong
about, and bad input must get the same plain message whoever asks. The caller scores the answer
set with evaluate and stores it only through check_submission. Pure: no Flask, no I/O.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .answers import validate_answers
from .result import Change
from .rules import Rules
from .whatif import apply_changes, suggestable


@dataclass(frozen=True)
class TryQuestion:
    """One answer that can be tried: its current choice and the others, as (value, label)."""
    id: str
    prompt: str
    current_label: str
    others: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Tried:
    """A checked change: the question, the new choice's label, the complete answer set."""
    question: str
    prompt: str
    value: str
    label: str
    answers: Mapping[str, str]


def try_questions(rules: Rules, clean: Mapping[str, str]) -> tuple[TryQuestion, ...]:
    """The answers the owner can try, in question order. `clean`: answers today's rules accept
    (result_view validates them; an old result that fails offers nothing to try)."""
    return tuple(TryQuestion(q.id, q.prompt, q.label_of(clean[q.id]),
                             tuple((c.value, c.label) for c in q.choices
                                   if c.value != clean[q.id]))
                 for q in suggestable(rules, clean))


def try_change(rules: Rules, answers: Mapping[str, str], pairs: Sequence[tuple[str, str]]
               ) -> tuple[Tried | None, str | None]:
    """(the tried change, None), or (None, what is wrong in plain words). `pairs` are the
    request's (name, value) pairs: exactly one, naming an answer try_questions offers."""
    if not pairs:
        return None, "Pick an answer to try, then press “Try it”."
    if len(pairs) > 1:
        return None, "You can try one change at a time: pick one answer and press “Try it”."
    qid, value = pairs[0]
    clean, errors = validate_answers(rules, answers)
    if errors:
        return None, ("Our questionnaire has changed since this result was made, so its answers "
                      "can't be tried again. Use “Change my answers” instead.")
    offered = {q.id: q for q in suggestable(rules, clean)}
    q = offered.get(qid)
    if q is None:
        return None, "That isn't one of your answers that can be tried here."
    if value not in q.values:
        return None, f"That isn't one of the choices for “{q.prompt}”."
    if value == clean[qid]:
        return None, f"That is already your answer to “{q.prompt}”."
    changed = apply_changes(rules, clean, [Change(qid, value)])
    _, problems = validate_answers(rules, changed)
    if problems:  # it would bring up a question not yet answered
        return None, ("That change brings up another question, so it can't be previewed here. "
                      "Use “Change my answers” instead.")
    return Tried(qid, q.prompt, value, q.label_of(value), changed), None
