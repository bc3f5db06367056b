"""The shape of a verdict: frozen values that scoring produces and everything else reads.

Why a module of its own: the API, the stored snapshots, the result page and 'what would
change' all pass these around; keeping them apart from the arithmetic keeps scoring short.
The small records made many times per verdict (a factor, a change, a suggestion) are
NamedTuples: as immutable as a frozen dataclass, a fraction of its cost to make.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

GO_SIDE = frozenset({"go", "lean_go"})
DECLINE_SIDE = frozenset({"lean_decline", "decline"})


def side_of(code: str) -> str:
    """'go', 'toss_up' or 'decline': which way a verdict code leans."""
    return "go" if code in GO_SIDE else "decline" if code in DECLINE_SIDE else "toss_up"


class FactorResult(NamedTuple):
    id: str
    side: str
    label: str
    contribution: float  # signed: + pushes towards going, - towards declining
    sources: tuple[str, ...]


class DealbreakerResult(NamedTuple):
    id: str
    reason: str
    cap: str
    sources: tuple[str, ...]


class Change(NamedTuple):
    question: str
    to: str


class Suggestion(NamedTuple):
    changes: tuple[Change, ...]
    verdict: str


@dataclass(frozen=True)
class Verdict:
    code: str
    label: str
    strength: str        # clear | fairly_clear | close_call
    strength_label: str
    lean: str | None = None              # a close call: "go" or "decline"
    turns_on: tuple[str, ...] = ()       # the (at most two) answers named: see model.hinges


@dataclass(frozen=True)
class Result:
    rules_version: str
    answers: Mapping[str, str]
    verdict: Verdict
    score: float
    factors: tuple[FactorResult, ...]
    dealbreakers: tuple[DealbreakerResult, ...]
    what_would_change: tuple[Suggestion, ...]
    advice: tuple[str, ...]
