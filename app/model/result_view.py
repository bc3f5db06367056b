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
from .result_texts import FIRST_KIND, messages_of, sources_list, ways_forward, with_sender
from .rules import Rules
from .scoring import verdict_code
from .tryout import TryQuestion, try_questions
from .wording import how_clear


@dataclass(frozen=True)
class ResultView:
    snapshot: Mapping
    verdict: Mapping
    side: str                          # go | toss_up | decline
    how_clear: str                     # "Fairly clear", "Leaning towards going"
    details: Mapping[str, str]
    details_line: str
    chart: Chart
    scale: Scale
    changes: list[dict]                # what would change it, in words
    sources: list[dict]                # the advice's articles, numbered
    advice: list[dict]
    more_advice: list[dict]
    before_you_go: list[str]
    first_messages: list[dict]
    ways: dict                         # a close call's two ways forward
    tipping_points: list[dict]
    other_messages: list[dict]
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


def changes_in_words(rules: Rules, suggestions) -> list[dict]:
    """[{verdict, verdict_label, changes: [{prompt, label}], text}] from the suggestions."""
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


def tipping_points(snapshot) -> list[dict]:
    """What a close call turns on: the first two suggestions, as the model ranks them (the
    verdict's note names the same two), each with the side it tips towards."""
    return [{"text": s["text"], "side": side_of(s["verdict"])}
            for s in snapshot.get("what_would_change", []) if s.get("text")][:2]


def role_at_company(details) -> str:
    """"Sales Lead at Globex", or whichever of the two the owner gave; "" for neither."""
    return " at ".join(x for x in (details.get("role_title"), details.get("company_name")) if x)


def details_line(details) -> str:
    """"Sales Lead at Globex, invited by Tom": the details folded into one line."""
    contact = details.get("contact_name")
    return ", ".join(x for x in (role_at_company(details),
                                 f"invited by {contact}" if contact else "") if x)


def before_you_go(advice: list[dict]) -> list[str]:
    """The three things to do before a go: the preparation checklist chosen for this person."""
    prepare = next((a for a in advice if a.get("steps") and a["id"].startswith("prepare")),
                   next((a for a in advice if a.get("steps")), None))
    return list(prepare["steps"][:3]) if prepare else []


def result_view(rules: Rules, snapshot: Mapping, answers: Mapping[str, str],
                details: Mapping[str, str], created_at: datetime,
                expires_at: datetime) -> ResultView:
    """The page's one view of a stored result; `answers` are validated here, once."""
    clean, errors = validate_answers(rules, answers)
    valid = not errors  # today's rules can weigh these answers (an old result may not be)
    code = snapshot["verdict"]["code"]
    side = side_of(code)
    messages = [with_sender(m, details) for m in messages_of(snapshot)]
    first = [m for m in messages if m["kind"] == FIRST_KIND.get(side)][:1]
    ways = ways_forward(side, messages)
    sources, number = sources_list(snapshot.get("advice", []))
    advice = [{**a, "refs": [number[s.get("id") or s["title"]] for s in a.get("sources", [])]}
              for a in snapshot.get("advice", [])]
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
        snapshot=snapshot, verdict=snapshot["verdict"], side=side,
        how_clear=how_clear(rules, snapshot["verdict"]), details=details,
        details_line=details_line(details), chart=build_chart(snapshot["factors"]),
        scale=build_scale(rules, snapshot["score"]),
        changes=changes_in_words(rules, snapshot.get("what_would_change", [])),
        sources=sources, advice=[a for a in advice if a.get("main", True)],
        more_advice=[a for a in advice if not a.get("main", True)],
        before_you_go=before_you_go(advice), first_messages=first, ways=ways,
        tipping_points=tipping_points(snapshot) if side == "toss_up" else [],
        other_messages=[m for m in messages if m not in first + ways["go"] + ways["decline"]],
        nothing_changes=snapshot.get("what_would_change_note"), today=today,
        created_on=long_date(created_at),
        updated_on=long_date(datetime.fromisoformat(updated)) if updated else None,
        expires_on=long_date(expires_at), unsure_questions=unsure,
        try_it={"questions": tryable, "answers": dict(answers)})
