"""A finished questionnaire, checked once on the way in: the answers and the optional details.

Why a type of its own: the API and the wizard's final POST both turn raw input into a
`Submission` here, and storage only accepts a `Submission`, so nothing is validated twice and
nothing unchecked reaches the database. Pure: no Flask.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from .answers import AnswerError, validate_answers
from .details import validate_details
from .rules import Rules


@dataclass(frozen=True)
class Submission:
    answers: Mapping[str, str]   # complete and valid for the rules it was checked against
    details: Mapping[str, str]   # trimmed, empty ones dropped


def check_submission(rules: Rules, answers: Any, details: Any = None
                     ) -> tuple[Submission | None, list[AnswerError]]:
    """(the submission, []) when everything is valid, else (None, every problem found)."""
    clean_answers, errors = validate_answers(rules, answers)
    clean_details, detail_errors = validate_details(rules, details)
    errors = errors + detail_errors
    if errors:
        return None, errors
    return Submission(MappingProxyType(clean_answers), MappingProxyType(clean_details)), []
