"""What the result page shows, worked out from a stored record and today's rules.

Why separate from the views: the page reads only the snapshot (what the owner saw), and adds
three things in plain words: each 'what would change this' suggestion with the questions'
prompts and choice labels, whether today's rules would now give a different verdict, and the
expiry date. Labels that today's rules no longer know fall back to the stored ids, so an old
result never breaks its page.
"""
from __future__ import annotations

import re
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


FIRST_KIND = {"go": "accept", "decline": "decline"}
DECLINE_KINDS = ("decline",)  # a close call's "If you decline"; its other drafts are "If you go"
PLACEHOLDER = re.compile(r"\[[^\]\n]{1,40}\]")  # "[Your name]", "[day]": left for the person


def to_fill(text: str) -> list[str]:
    """The placeholders a draft still holds, each once, in order."""
    return list(dict.fromkeys(PLACEHOLDER.findall(text)))


def with_sender(message: dict, details) -> dict:
    """A draft as the page offers it: signed with the person's first name when they gave it,
    the placeholders still to fill, and an email subject."""
    text = message["text"]
    if details.get("your_name"):
        text = text.replace("[Your name]", details["your_name"])
    role = details.get("role_title")
    return {**message, "text": text, "to_fill": to_fill(text),
            "subject": f"Interview invitation: {role}" if role else "Your interview invitation"}


def ways_forward(side: str, messages: list[dict]) -> dict:
    """A close call's two ways forward, whatever drafts the result carries: the go side (the
    questions to ask first, an acceptance) and the decline side."""
    if side != "toss_up":
        return {"go": [], "decline": []}
    return {"go": [m for m in messages if m["kind"] not in DECLINE_KINDS + ("thanks",)],
            "decline": [m for m in messages if m["kind"] in DECLINE_KINDS]}


def tipping_points(snapshot) -> list[dict]:
    """What a close call turns on: the first two suggestions, as the model ranks them (the
    verdict's note names the same two), each with the side it tips towards."""
    return [{"text": s["text"], "side": side_of(s["verdict"])}
            for s in snapshot.get("what_would_change", []) if s.get("text")][:2]


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


UNTITLED = " (published without a title; our description)"


def sources_list(advice: list[dict]) -> tuple[list[dict], dict[str, int]]:
    """Every article the advice names, once, numbered in order of first mention, with short
    titles (an untitled article's description without the note, said once under the list)."""
    found: dict[str, dict] = {}
    for a in advice:
        for s in a.get("sources", []):
            key = s.get("id") or s["title"]
            if key not in found:
                title = s["title"].removesuffix(UNTITLED)
                found[key] = {**s, "short": title, "described": title != s["title"],
                              "n": len(found) + 1}
    return list(found.values()), {k: v["n"] for k, v in found.items()}


def page_context(rules: Rules, record: StoredRecord) -> dict:
    snapshot = record.snapshot
    advice = snapshot.get("advice", [])
    side = side_of(snapshot["verdict"]["code"])
    messages = messages_of(snapshot)
    messages = [with_sender(m, record.details) for m in messages]
    first = [m for m in messages if m["kind"] == FIRST_KIND.get(side)][:1]
    ways = ways_forward(side, messages)
    updated = snapshot.get("updated_at")
    sources, number = sources_list(advice)
    advice = [{**a, "refs": [number[s.get("id") or s["title"]] for s in a.get("sources", [])]}
              for a in advice]
    return {
        "snapshot": snapshot,
        "verdict": snapshot["verdict"],
        "side": side,
        "details": record.details,
        "details_line": details_line(record.details),
        "chart": build_chart(snapshot["factors"]),
        "scale": build_scale(rules, snapshot["score"]),
        "contribution_text": contribution_text,
        "changes": changes_in_words(rules, snapshot.get("what_would_change", [])),
        "sources": sources,
        "advice": [a for a in advice if a.get("main", True)],
        "more_advice": [a for a in advice if not a.get("main", True)],
        "before_you_go": before_you_go(advice),
        "first_messages": first,
        "ways": ways,
        "tipping_points": tipping_points(snapshot) if side == "toss_up" else [],
        "other_messages": [m for m in messages if m not in first + ways["go"] + ways["decline"]],
        "nothing_changes": snapshot.get("what_would_change_note"),
        "today": today_differs(rules, record),
        "created_on": long_date(record.created_at),
        "updated_on": long_date(datetime.fromisoformat(updated)) if updated else None,
        "expires_on": long_date(record.expires_at),
        "unsure_questions": unsure_questions(rules, record, side),  # owner only (_opinions)
        "try_it": {"questions": try_questions(rules, record.answers),  # owner only (_try.html)
                   "answers": dict(record.answers)},
    }
