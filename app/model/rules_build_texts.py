"""Builds the words of the rules file: advice items, the draft's phrases and drafted messages.

Why apart from rules_build: these are what a career coach edits most, and each has its own
checks (every advice item names its sources and at least one filter; a message's conditions
name real questions and values; its placeholders are ones the drafter fills), so a typo stops
the app at start-up naming the entry, never a message with a hole in it.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from .rules import ADVICE_KINDS, MESSAGE_KINDS, Advice, Message, Paragraph, freeze
from .rules_readers import conditions, ids, need, text, unique

DRAFT_KEYS = ("greeting", "greeting_fallback", "role_and_company", "role_only", "company_only",
              "role_fallback", "company", "company_fallback", "signoff")
PLACEHOLDERS = {"greeting", "the_role", "company", "question_1", "question_2"}
OPTIONAL = ("", "reason", "keep_in_touch")


def _advice(raw: dict, i: int, sources, codes, questions, factors, dealbreakers) -> Advice:
    aid = text(raw, "id", f"advice[{i}]")
    where = f"advice[{aid}]"
    need(raw.get("kind") in ADVICE_KINDS, f"{where}.kind", f"must be one of {ADVICE_KINDS}")
    srcs = ids(raw, "sources", sources, where, "source")
    need(srcs, f"{where}.sources", "every advice item names its sources")
    steps = raw.get("steps", [])
    need(all(isinstance(s, str) and s for s in steps), f"{where}.steps", "must be strings")
    item = Advice(
        id=aid, kind=raw["kind"], title=text(raw, "title", where), text=text(raw, "text", where),
        sources=srcs, steps=tuple(steps),
        verdicts=frozenset(ids(raw, "verdicts", codes, where, "verdict")),
        when=conditions(raw.get("when", {}), questions, f"{where}.when"),
        factors=frozenset(ids(raw, "factors", {f.id for f in factors}, where, "factor")),
        dealbreakers=frozenset(ids(raw, "dealbreakers", {d.id for d in dealbreakers}, where,
                                   "dealbreaker")),
        unless=conditions(raw.get("unless", {}), questions, f"{where}.unless"),
        leans=frozenset(ids(raw, "leans", ("go", "decline"), where, "lean")))
    need(item.verdicts or item.when or item.factors or item.dealbreakers, where,
         "needs at least one of verdicts, when, factors, dealbreakers")
    return item


def _placeholders_known(value: str, where: str) -> None:
    for name in re.findall(r"\{(\w+)\}", value):
        need(name in PLACEHOLDERS, where, f"unknown placeholder {{{name}}}")


def _message(raw: dict, i: int, questions) -> Message:
    mid = text(raw, "id", f"messages[{i}]")
    where = f"messages[{mid}]"
    need(raw.get("kind") in MESSAGE_KINDS, f"{where}.kind", f"must be one of {MESSAGE_KINDS}")
    paragraphs = []
    for j, par in enumerate(raw.get("paragraphs", [])):
        pw = f"{where}.paragraphs[{j}]"
        if isinstance(par, str):
            par = {"text": par}
        need(isinstance(par, dict), pw, "must be a text or a table with text")
        need(par.get("optional", "") in OPTIONAL, f"{pw}.optional", f"must be one of {OPTIONAL}")
        body = text(par, "text", pw)
        _placeholders_known(body, pw)
        paragraphs.append(Paragraph(body, conditions(par.get("when", {}), questions, f"{pw}.when"),
                                    par.get("optional", "")))
    need(paragraphs, f"{where}.paragraphs", "a message needs paragraphs")
    return Message(id=mid, kind=raw["kind"], title=text(raw, "title", where),
                   to=text(raw, "to", where), paragraphs=tuple(paragraphs),
                   when=conditions(raw.get("when", {}), questions, f"{where}.when"),
                   greeting=text(raw, "greeting", where, required=False))


def _side_by_side(raw: dict, sources, questions) -> Mapping:
    """The "which to prepare for first" sentences of /mine, when to say them, and sources."""
    where = "side_by_side"
    for key in ("want_most", "clearest"):
        need("{first}" in text(raw, key, where), f"{where}.{key}", "needs {first}")
    return freeze({"short_time": conditions(raw.get("short_time"), questions,
                                            f"{where}.short_time"),
                   "want_most": raw["want_most"], "clearest": raw["clearest"],
                   "sources": ids(raw, "sources", sources, where, "source")})


def build_texts(data: dict, sources, codes, questions, factors, dealbreakers) -> dict:
    """The Rules fields for advice, the draft and messages, each checked."""
    advice = [_advice(raw, i, sources, codes, questions, factors, dealbreakers)
              for i, raw in enumerate(data.get("advice", []))]
    unique(advice, "advice")
    draft = data.get("draft", {})
    for key in DRAFT_KEYS:
        text(draft, key, "draft")
    questions_ = draft.get("default_questions")
    need(isinstance(questions_, list) and len(questions_) == 2
         and all(isinstance(q, str) and q for q in questions_), "draft.default_questions",
         "must be two questions")
    messages = [_message(raw, i, questions) for i, raw in enumerate(data.get("messages", []))]
    unique(messages, "messages")
    for kind in MESSAGE_KINDS:
        need(any(m.kind == kind and not m.when for m in messages) or kind == "thanks",
             "messages", f"kind {kind!r} needs a variant without conditions, as the fallback")
    return {"advice": tuple(advice), "draft": freeze({k: draft[k] for k in DRAFT_KEYS}),
            "default_questions": tuple(questions_), "messages": tuple(messages),
            "side_by_side": _side_by_side(data.get("side_by_side", {}), sources, questions)}
