"""The result page's drafts and sources as the person reads them, from a stored snapshot.

Why apart from result_view: these only reshape what the snapshot holds (its drafted messages,
its advice's sources) for reading: signed with the person's name, the placeholders still to
fill, a close call's two ways forward, each article once and numbered. Pure: no Flask.
"""
from __future__ import annotations

import re

FIRST_KIND = {"go": "accept", "decline": "decline"}
DECLINE_KINDS = ("decline",)  # a close call's "If you decline"; its other drafts are "If you go"
PLACEHOLDER = re.compile(r"\[[^\]\n]{1,40}\]")  # "[Your name]", "[day]": left for the person
UNTITLED = " (published without a title; our description)"


def messages_of(snapshot) -> list[dict]:
    """The drafted messages; a result stored before there were several has one decline."""
    if "messages" in snapshot:
        return snapshot["messages"]
    if snapshot.get("decline_message"):
        return [{"kind": "decline", "title": "A message to decline", "to": "",
                 "text": snapshot["decline_message"], "optional": []}]
    return []


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
