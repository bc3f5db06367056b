"""The sentences around a verdict: how firmly it stands, and each "what would change" entry.

Why data-driven: every phrase comes from rules.toml (`wording`, each question's `hinge` and
`find_out`), so a career coach rewords them in one place, and the API, stored snapshots and
pages all say the same thing. Pure: no Flask.
"""
from __future__ import annotations

from typing import Mapping

from .result import Suggestion, Verdict, side_of
from .rules import Rules


def _either(rules: Rules, phrases: list[str]) -> str:
    """"a", "a or b", "a, b or c"."""
    w = rules.wording
    if len(phrases) < 3:
        return w["or"].join(phrases)
    return w["and"].join(phrases[:-1]) + w["or"] + phrases[-1]


def verdict_note(rules: Rules, verdict: Verdict) -> str:
    """"No single answer ... would change it." / "This turns on one answer: ..." / the lean."""
    w = rules.wording
    hinges = _either(rules, [rules.questions[q].hinge for q in verdict.turns_on
                             if q in rules.questions])
    if verdict.code == "toss_up":
        lean = verdict.lean or "decline"
        key = f"close_call_{lean}" if hinges else f"close_call_{lean}_plain"
        return w[key].replace("{turns_on}", hinges)
    if verdict.strength == "fairly_clear" and hinges:
        key = "fairly_clear" if len(verdict.turns_on) == 1 else "fairly_clear_many"
        return w[key].replace("{turns_on}", hinges)
    return w["clear"]


def suggestion_text(rules: Rules, suggestion: Suggestion, answers: Mapping[str, str]) -> str:
    """"If the role turns out more interesting than it sounds, going is worth it." """
    first = suggestion.changes[0]
    q = rules.questions[first.question]
    condition = q.find_out_text(answers[first.question], first.to)
    then = rules.wording[f"then_{side_of(suggestion.verdict)}"]
    return f"If {condition}, {then}."
