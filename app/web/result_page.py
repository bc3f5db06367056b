"""What the result page shows, worked out from a stored record and today's rules.

Why separate from the views: the page reads only the snapshot (what the owner saw), and adds
three things in plain words: each 'what would change this' suggestion with the questions'
prompts and choice labels, whether today's rules would now give a different verdict, and the
expiry date. Labels that today's rules no longer know fall back to the stored ids, so an old
result never breaks its page.
"""
from __future__ import annotations

from datetime import datetime

from ..model.answers import validate_answers
from ..model.chart import build_chart, contribution_text
from ..model.rules import Rules
from ..storage.store import StoredRecord
from ..model.result import side_of
from ..model.scoring import verdict_code


def long_date(value: datetime) -> str:
    return f"{value.day} {value:%B %Y}"


def verdict_label(rules: Rules, code: str) -> str:
    try:
        return rules.band(code).label
    except StopIteration:
        return code


def changes_in_words(rules: Rules, suggestions: list[dict]) -> list[dict]:
    """[{verdict, verdict_label, changes: [{prompt, label}]}] from the snapshot's suggestions."""
    out = []
    for s in suggestions:
        changes = []
        for c in s["changes"]:
            q = rules.questions.get(c["question"])
            label = q.label_of(c["to"]) if q and c["to"] in q.values else c["to"]
            changes.append({"prompt": q.prompt if q else c["question"], "label": label})
        out.append({"verdict": s["verdict"], "verdict_label": verdict_label(rules, s["verdict"]),
                    "changes": changes, "text": s.get("text")})
    return out


def today_differs(rules: Rules, record: StoredRecord) -> dict | None:
    """None when today's rules agree with the stored verdict; else what they would say."""
    answers, errors = validate_answers(rules, record.answers)
    if errors:
        return {"code": None, "label": None}
    code = verdict_code(rules, answers)
    if code == record.snapshot["verdict"]["code"]:
        return None
    return {"code": code, "label": verdict_label(rules, code)}


def messages_of(snapshot) -> list[dict]:
    """The drafted messages; a result stored before there were several has one decline."""
    if "messages" in snapshot:
        return snapshot["messages"]
    if snapshot.get("decline_message"):
        return [{"kind": "decline", "title": "A message to decline", "to": "",
                 "text": snapshot["decline_message"], "optional": []}]
    return []


def page_context(rules: Rules, record: StoredRecord) -> dict:
    snapshot = record.snapshot
    advice = snapshot.get("advice", [])
    return {
        "snapshot": snapshot,
        "verdict": snapshot["verdict"],
        "side": side_of(snapshot["verdict"]["code"]),
        "details": record.details,
        "detail_labels": dict(rules.details),
        "chart": build_chart(snapshot["factors"]),
        "contribution_text": contribution_text,
        "pros": [f for f in snapshot["factors"] if f["contribution"] > 0],
        "cons": [f for f in snapshot["factors"] if f["contribution"] < 0],
        "changes": changes_in_words(rules, snapshot.get("what_would_change", [])),
        "advice": [a for a in advice if a.get("main", True)],
        "more_advice": [a for a in advice if not a.get("main", True)],
        "messages": messages_of(snapshot),
        "nothing_changes": snapshot.get("what_would_change_note"),
        "today": today_differs(rules, record),
        "created_on": long_date(record.created_at),
        "expires_on": long_date(record.expires_at),
    }
