"""What the result page shows, worked out once from a stored result and today's rules.

Why one frozen value: the page used to ask the model piece by piece (today's verdict, the two
quick questions, the answers to try), and each piece validated the stored answers again. Here
they are validated once; the page (web/results/page.py) renders this value and nothing else.
It reads only the snapshot (what the owner saw) and adds, in plain words: each 'what would
change this' suggestion with the questions' prompts and choice labels, whether today's rules
would now give a different verdict, and the dates. Labels that today's rules no longer know
fall back to the stored ids, so an old result never breaks its page. Pure: no Flask, no I/O.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from .answers import validate_answers
from .chart import Chart, Scale, build_chart, build_scale
from .messages import choose, draft
from .result import side_of
from .rules import Rules
from .scoring import verdict_code
from .tryout import TryQuestion, try_questions

FIRST_KIND = {"go": "accept", "toss_up": "questions", "decline": "decline"}


@dataclass(frozen=True)
class ResultView:
    snapshot: Mapping
    verdict: Mapping
    side: str                          # go | toss_up | decline
    details: Mapping[str, str]
    details_line: str
    chart: Chart
    scale: Scale
    changes: tuple[dict, ...]          # what would change it, in words
    advice: tuple[dict, ...]
    more_advice: tuple[dict, ...]
    before_you_go: tuple[str, ...]
    first_messages: tuple[dict, ...]
    other_messages: tuple[dict, ...]
    nothing_changes: str | None
    today: dict | None                 # None when today's rules agree
    created_on: str
    updated_on: str | None
    expires_on: str
    unsure_questions: dict | None      # owner only
    try_it: dict                       # owner only: {questions, answers}


def long_date(value: datetime) -> str:
    return f"{value.day} {value:%B %Y}"


def verdict_label(rules: Rules, code: str) -> str:
    try:
        return rules.band(code).label
    except StopIteration:
        return code


def changes_in_words(rules: Rules, suggestions) -> tuple[dict, ...]:
    """({verdict, verdict_label, changes: [{prompt, label}], text}) from the suggestions."""
    out = []
    for s in suggestions:
        changes = []
        for c in s["changes"]:
            q = rules.questions.get(c["question"])
            label = q.label_of(c["to"]) if q and c["to"] in q.values else c["to"]
            changes.append({"prompt": q.prompt if q else c["question"], "label": label})
        out.append({"verdict": s["verdict"], "verdict_label": verdict_label(rules, s["verdict"]),
                    "changes": changes, "text": s.get("text")})
    return tuple(out)


def messages_of(snapshot) -> list[dict]:
    """The drafted messages; a result stored before there were several has one decline."""
    if "messages" in snapshot:
        return snapshot["messages"]
    if snapshot.get("decline_message"):
        return [{"kind": "decline", "title": "A message to decline", "to": "",
                 "text": snapshot["decline_message"], "optional": []}]
    return []


def details_line(details) -> str:
    """"Sales Lead at Globex, invited by Tom": the details folded into one line."""
    role, company, contact = (details.get(k) for k in ("role_title", "company_name",
                                                        "contact_name"))
    what = " at ".join(x for x in (role, company) if x)
    return ", ".join(x for x in (what, f"invited by {contact}" if contact else "") if x)


def before_you_go(advice) -> tuple[str, ...]:
    """The three things to do before a go: the preparation checklist chosen for this person."""
    prepare = next((a for a in advice if a.get("steps") and a["id"].startswith("prepare")),
                   next((a for a in advice if a.get("steps")), None))
    return tuple(prepare["steps"][:3]) if prepare else ()


def result_view(rules: Rules, snapshot: Mapping, answers: Mapping[str, str],
                details: Mapping[str, str], created_at: datetime,
                expires_at: datetime) -> ResultView:
    """The page's one view of a stored result; `answers` are validated here, once."""
    clean, errors = validate_answers(rules, answers)
    valid = not errors  # today's rules can weigh these answers (an old result may not be)
    advice = snapshot.get("advice", [])
    code = snapshot["verdict"]["code"]
    side = side_of(code)
    messages = messages_of(snapshot)
    first = [m for m in messages if m["kind"] == FIRST_KIND[side]][:1]
    today: dict | None = None
    if not valid:
        today = {"code": None, "label": None}
    elif (now_code := verdict_code(rules, clean)) != code:
        today = {"code": now_code, "label": verdict_label(rules, now_code)}
    unsure = None  # the two quick questions, for an owner unsure about a clear verdict
    if side != "toss_up" and valid and (message := choose(rules, "questions", clean)):
        unsure = draft(rules, message, clean, details, snapshot["verdict"].get("turns_on", ()))
    tryable: tuple[TryQuestion, ...] = try_questions(rules, clean) if valid else ()
    updated = snapshot.get("updated_at")
    return ResultView(
        snapshot=snapshot, verdict=snapshot["verdict"], side=side, details=details,
        details_line=details_line(details), chart=build_chart(snapshot["factors"]),
        scale=build_scale(rules, snapshot["score"]),
        changes=changes_in_words(rules, snapshot.get("what_would_change", [])),
        advice=tuple(a for a in advice if a.get("main", True)),
        more_advice=tuple(a for a in advice if not a.get("main", True)),
        before_you_go=before_you_go(advice), first_messages=tuple(first),
        other_messages=tuple(m for m in messages if m not in first),
        nothing_changes=snapshot.get("what_would_change_note"), today=today,
        created_on=long_date(created_at),
        updated_on=long_date(datetime.fromisoformat(updated)) if updated else None,
        expires_on=long_date(expires_at), unsure_questions=unsure,
        try_it={"questions": tryable, "answers": dict(answers)})
