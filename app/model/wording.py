"""The sentences around a verdict: how firmly it stands, and each "what would change" entry.

Why data-driven: every phrase comes from rules.toml (`wording`, each question's `hinge` and
`find_out`), so a career coach rewords them in one place, and the API, stored snapshots and
pages all say the same thing. Pure: no Flask.
"""
from __future__ import annotations

from collections.abc import Mapping

from .result import Result, Suggestion, Verdict, side_of
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


def _phrases(rules: Rules, factors, side: str, n: int = 2) -> str:
    by_id = rules.factors_by_id
    phrases = [by_id[f.id].why for f in factors if f.side == side and f.id in by_id][:n]
    return rules.wording["or"].replace(" or ", " and ").join(phrases) if phrases else ""


def why_sentence(rules: Rules, result: Result) -> str:
    """One sentence of why: a fired dealbreaker, else the reasons that weigh most on the side
    the verdict takes, set against the strongest on the other (factors come strongest first)."""
    w = rules.wording
    if result.dealbreakers:
        by_id = {d.id: d for d in rules.dealbreakers}
        first = by_id.get(result.dealbreakers[0].id)
        if first is not None:
            return w["why_dealbreaker"].replace("{dealbreaker}", first.why)
    pros = _phrases(rules, result.factors, "pro")
    cons = _phrases(rules, result.factors, "con", 1 if result.verdict.code != "toss_up" else 2)
    code = result.verdict.code
    if code == "toss_up" and pros and cons:
        key = "why_toss_up"
    elif side_of(code) == "decline" or (code == "toss_up" and not pros):
        key = "why_decline" if pros and cons else "why_decline_only"
        pros = _phrases(rules, result.factors, "pro", 1)
        cons = _phrases(rules, result.factors, "con")
    else:
        key = "why_go" if pros and cons else "why_go_only"
    if not pros and not cons:
        return w["why_nothing"]
    return w[key].replace("{pros}", pros).replace("{cons}", cons)


def suggestion_text(rules: Rules, suggestion: Suggestion, answers: Mapping[str, str]) -> str:
    """"If the role turns out more interesting than it sounds, going is worth it." """
    first = suggestion.changes[0]
    q = rules.questions[first.question]
    condition = q.find_out_text(answers[first.question], first.to)
    then = rules.wording[f"then_{side_of(suggestion.verdict)}"]
    return f"If {condition}, {then}."
