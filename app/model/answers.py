"""Checking a set of answers against the questionnaire, with every problem named.

Why here and not in the forms: the JSON API, each wizard step and the final check all need the
same rules (which questions are asked, which values exist), so they live here once: the step
forms call `answer_problem` for their messages. No Flask import.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .rules import Question, Rules


@dataclass(frozen=True)
class AnswerError:
    field: str | None  # the question id, or None for a problem with the whole request
    # not_an_object | unknown_question | wrong_type | invalid_value | missing | not_asked
    code: str
    message: str

    def as_dict(self) -> dict:
        return {"field": self.field, "code": self.code, "message": self.message}


def shown(key) -> str:
    """A key as an error may show it (never raw): ASCII only, the rest escaped, at most 80."""
    return str(key).encode("ascii", "backslashreplace").decode("ascii")[:80]


class InvalidAnswers(ValueError):
    def __init__(self, errors: list[AnswerError]):
        super().__init__("; ".join(e.message for e in errors))
        self.errors = errors


def asked_questions(rules: Rules, answers: Mapping[str, str]) -> list[Question]:
    """The questions this person is asked, in order, given the answers so far."""
    return [q for q in rules.questions.values() if q.is_asked(answers)]


def drop_unasked(rules: Rules, answers: Mapping[str, str]) -> dict[str, str]:
    """Answers to questions whose condition is now false are dropped, never kept as stale data.

    Conditions only look back at earlier questions, so one pass in question order is enough."""
    kept = dict(answers)
    for q in rules.conditional:
        if q.id in kept and not q.is_asked(kept):
            del kept[q.id]
    return kept


def newly_asked(rules: Rules, answers: Mapping[str, str]) -> list[Question]:
    """Conditional questions that apply to these answers but have no answer yet."""
    return [q for q in rules.conditional
            if q.id not in answers and not q.optional and q.is_asked(answers)]


def answer_problem(question: Question, value: Any) -> str | None:
    """What is wrong with one answer to one question: None, 'missing', 'wrong_type' or
    'invalid_value'. The one rule of a valid answer, used by the API, the step forms and the
    final check alike."""
    if value == "":
        return "missing"
    if not isinstance(value, str):
        return "wrong_type"
    return None if value in question.values else "invalid_value"


def validate_answers(rules: Rules, raw: Any) -> tuple[dict[str, str], list[AnswerError]]:
    """Return (clean answers, errors). Clean answers are only meaningful when errors is empty."""
    if not isinstance(raw, Mapping):
        return {}, [AnswerError(None, "not_an_object",
                                "answers must be an object mapping question ids to values")]
    errors: list[AnswerError] = []
    clean: dict[str, str] = {}
    for key, value in raw.items():
        question = rules.questions.get(key) if isinstance(key, str) else None
        if question is None:
            errors.append(AnswerError(shown(key), "unknown_question",
                                      f"'{shown(key)}' is not a question"))
            continue
        problem = answer_problem(question, value)
        if problem == "wrong_type":
            errors.append(AnswerError(key, problem, f"{key}: the answer must be a string, one of "
                                      f"{', '.join(question.values)}"))
        elif problem is not None:
            errors.append(AnswerError(key, "invalid_value", f"{key}: {value[:80]!r} is not one "
                                      f"of {', '.join(question.values)}"))
        else:
            clean[key] = value
    for question in rules.questions.values():
        asked = question.is_asked(clean)
        if asked and question.id not in raw and not question.optional:
            errors.append(AnswerError(question.id, "missing",
                                      f"{question.id}: an answer is required"))
        elif (not asked and question.asked_if and question.id in clean
              and all(q in clean for q in question.asked_if)):
            conditions = " and ".join(f"{q} is {' or '.join(sorted(v))}"
                                      for q, v in question.asked_if.items())
            errors.append(AnswerError(question.id, "not_asked",
                                      f"{question.id}: not asked unless {conditions}"))
    return clean, errors


def require_valid(rules: Rules, raw: Any) -> dict[str, str]:
    clean, errors = validate_answers(rules, raw)
    if errors:
        raise InvalidAnswers(errors)
    return clean
