"""What the result page shows, worked out from a stored record and today's rules.

Why separate from the views: the page reads only the snapshot (what the owner saw), and adds
three things in plain words: each 'what would change this' suggestion with the questions'
prompts and choice labels, whether today's rules would now give a different verdict, and the
expiry date. Labels that today's rules no longer know fall back to the stored ids, so an old
result never breaks its page.
"""
from __future__ import annotations

from datetime import datetime

from ...model.answers import validate_answers
from ...model.chart import build_chart, build_scale, contribution_text
from ...model.messages import choose, draft
from ...model.result import side_of
from ...model.rules import Rules
from ...model.scoring import verdict_code
from ...model.tryout import try_questions
from ...storage.store import StoredRecord


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


FIRST_KIND = {"go": "accept", "toss_up": "questions", "decline": "decline"}


def details_line(details) -> str:
    """"Sales Lead at Globex, invited by Tom": the details folded into one line."""
    role, company, contact = (details.get(k) for k in ("role_title", "company_name",
                                                        "contact_name"))
    what = " at ".join(x for x in (role, company) if x)
    return ", ".join(x for x in (what, f"invited by {contact}" if contact else "") if x)


def before_you_go(advice: list[dict]) -> list[str]:
    """The three things to do before a go: the preparation checklist chosen for this person."""
    prepare = next((a for a in advice if a.get("steps") and a["id"].startswith("prepare")),
                   next((a for a in advice if a.get("steps")), None))
    return list(prepare["steps"][:3]) if prepare else []


def unsure_questions(rules: Rules, record: StoredRecord, side: str) -> dict | None:
    """The two quick questions, drafted for an owner who is still unsure about a clear verdict
    (a close call has them among its messages already)."""
    if side == "toss_up":
        return None
    answers, errors = validate_answers(rules, record.answers)
    message = None if errors else choose(rules, "questions", answers)
    if message is None:
        return None
    turns_on = record.snapshot["verdict"].get("turns_on", ())
    return draft(rules, message, answers, record.details, turns_on)


def page_context(rules: Rules, record: StoredRecord) -> dict:
    snapshot = record.snapshot
    advice = snapshot.get("advice", [])
    side = side_of(snapshot["verdict"]["code"])
    messages = messages_of(snapshot)
    first = [m for m in messages if m["kind"] == FIRST_KIND[side]][:1]
    if side == "toss_up":  # a close call offers both ways forward at once (issue 18)
        first += [m for m in messages if m["kind"] == "decline"][:1]
    updated = snapshot.get("updated_at")
    return {
        "snapshot": snapshot,
        "verdict": snapshot["verdict"],
        "side": side,
        "details": record.details,
        "details_line": details_line(record.details),
        # a friend's page never names the person who invited the owner
        "friend_details_line": details_line({k: v for k, v in record.details.items()
                                             if k != "contact_name"}),
        "chart": build_chart(snapshot["factors"]),
        "scale": build_scale(rules, snapshot["score"]),
        "contribution_text": contribution_text,
        "changes": changes_in_words(rules, snapshot.get("what_would_change", [])),
        "advice": [a for a in advice if a.get("main", True)],
        "more_advice": [a for a in advice if not a.get("main", True)],
        "before_you_go": before_you_go(advice),
        "first_messages": first,
        "other_messages": [m for m in messages if m not in first],
        "nothing_changes": snapshot.get("what_would_change_note"),
        "today": today_differs(rules, record),
        "created_on": long_date(record.created_at),
        "updated_on": long_date(datetime.fromisoformat(updated)) if updated else None,
        "expires_on": long_date(record.expires_at),
        "unsure_questions": unsure_questions(rules, record, side),  # owner only (_opinions)
        "try_it": {"questions": try_questions(rules, record.answers),  # owner only (_try.html)
                   "answers": dict(record.answers)},
    }
