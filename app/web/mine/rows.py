"""What each row of /mine shows, worked out from a result made on this device.

Why apart from the views: the words of a row (the owner's company and role, the verdict and how
clear it is, the one or two things it turns on, the friends' tally, the dates) are plain data
for the template, and the order and the "prepare first" sentence are the model's
(model/compare.py). Everything comes from the stored snapshot and the rules file.
"""
from __future__ import annotations

from ...model.compare import prepare_first, sort_key
from ...model.opinion import tally_text
from ...model.result import side_of
from ...model.result_view import long_date, role_at_company
from ...model.rules import Rules
from ...model.wording import how_clear
from ...storage.devices import Made


def turns_on(rules: Rules, verdict) -> list[str]:
    """The one or two answers that could move it (their `hinge` phrases), most telling first."""
    return [rules.questions[q].hinge for q in verdict.get("turns_on", ())
            if q in rules.questions and rules.questions[q].hinge][:2]


def could_change(rules: Rules, verdict) -> str:
    """The answers it turns on; with none named, the result page's own words: clear-cut, or
    (when only the person's own circumstances could move it) that nothing to find out would."""
    named = turns_on(rules, verdict)
    if named:
        return rules.wording["or"].join(named)
    return rules.wording["clear" if verdict.get("strength") == "clear" else "fairly_clear_own"]


def row(rules: Rules, made: Made) -> dict:
    verdict = made.snapshot["verdict"]
    total = sum(made.tally.values())
    return {
        "token": made.token, "title": role_at_company(made.details),
        "side": side_of(verdict["code"]),
        "verdict": verdict["label"], "how_clear": how_clear(rules, verdict),
        "could_change": could_change(rules, verdict),
        "tally": tally_text(made.tally) if total else None,
        "made_on": long_date(made.created_at), "deleted_on": long_date(made.expires_at),
    }


def side_by_side(rules: Rules, made: list[Made]) -> tuple[list[dict], dict | None]:
    """The rows in list order (newest first among equals), and the sentence saying which to
    prepare for first, when it is true."""
    ordered = sorted(made, key=lambda m: (sort_key(rules, m.answers, m.snapshot),
                                          -m.created_at.timestamp()))
    rows = [row(rules, m) for m in ordered]
    if not rows:
        return rows, None
    title = rows[0]["title"]
    first = f"the first one on this list ({title})" if title else "the first one on this list"
    return rows, prepare_first(rules, [(m.answers, m.snapshot) for m in ordered], first)
