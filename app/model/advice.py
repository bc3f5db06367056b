"""Advice as the person reads it: items with their sources, and the drafted decline message.

Why separate from scoring: scoring only chooses advice ids (pure and comparable across rule
versions); this module turns ids into text, names each source article, and fills the
optional details into the message. No Flask; escaping is the templates' job.
"""
from __future__ import annotations

import re
from typing import Mapping

from .result import DECLINE_SIDE, GO_SIDE
from .rules import Rules

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def sources_of(rules: Rules, ids) -> list[dict]:
    return [{"id": sid, "title": rules.sources[sid]["title"],
             **({"publisher": rules.sources[sid]["publisher"]}
                if "publisher" in rules.sources[sid] else {})} for sid in ids]


def advice_items(rules: Rules, ids) -> list[dict]:
    by_id = {a.id: a for a in rules.advice}
    return [{"id": a.id, "kind": a.kind, "title": a.title, "text": a.text, "steps": list(a.steps),
             "sources": sources_of(rules, a.sources)}
            for a in (by_id[i] for i in ids if i in by_id)]


def decline_message(rules: Rules, details: Mapping[str, str] | None) -> str:
    """A short, polite message that reads naturally with or without each optional detail."""
    d = {k: v for k, v in (details or {}).items() if v}
    t = rules.draft
    greeting = t["greeting"] if "contact_name" in d else t["greeting_fallback"]
    if "role_title" in d and "company_name" in d:
        opening = t["opening"]
    elif "role_title" in d:
        opening = t["opening_no_company"]
    elif "company_name" in d:
        opening = t["opening_no_role"]
    else:
        opening = t["opening_fallback"]
    text = "\n\n".join([greeting, " ".join([opening, t["body"]]), t["closing"], t["signoff"]])
    # one pass, so a detail that itself contains "{company_name}" is never expanded again
    return _fill(text, d)


def _fill(template: str, values: Mapping[str, str]) -> str:
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def select_advice(rules: Rules, code: str, factor_ids: set[str], dealbreaker_ids: set[str]):
    chosen = []
    for item in rules.advice:
        if item.kind == "go" and code in DECLINE_SIDE:
            continue
        if item.kind == "decline" and code in GO_SIDE:
            continue
        if (code in item.verdicts or item.factors & factor_ids
                or item.dealbreakers & dealbreaker_ids):
            chosen.append(item.id)
    return tuple(chosen)
