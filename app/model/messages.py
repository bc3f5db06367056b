"""Drafted messages that fit the person: which variant, which lines, their details filled in.

Why here and data-driven: how the interview came about and how far along it is decide what
there is to say (a recruiter's cold call has nothing to withdraw from; after several rounds the
honest line is that it isn't the right fit), and the answers decide which lines are true for
this person. The variants and their lines live in rules.toml; this module picks, fills and
joins them. Details are filled in one pass, so text a person typed is never expanded again.
No Flask; escaping is the templates' job.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from .result import DECLINE_SIDE, GO_SIDE
from .rules import Message, Rules, conditions_hold

PLACEHOLDER = re.compile(r"\{(\w+)\}")
SIDE_OF_KIND = {"accept": "go", "questions": "go", "decline": "decline", "thanks": "decline"}
KINDS_FOR = {"go": ("accept",), "toss_up": ("questions", "decline"),
             "decline": ("decline", "thanks")}


@lru_cache(maxsize=1024)
def _parts(template: str) -> tuple[str, ...]:
    """A template split at its placeholders: literal text, then a name, then text... (the
    templates are the rules' own, so they are split once each)."""
    return tuple(PLACEHOLDER.split(template))


def _fill(template: str, values: Mapping[str, str]) -> str:
    """One pass: a placeholder inside a filled-in value stays literal, an unknown one stays."""
    parts = _parts(template)
    if len(parts) == 1:
        return template
    out = list(parts)
    for i in range(1, len(parts), 2):
        out[i] = values.get(parts[i], "{" + parts[i] + "}")
    return "".join(out)


def _the_role(rules: Rules, d: Mapping[str, str]) -> str:
    t = rules.draft
    key = ("role_and_company" if "role_title" in d and "company_name" in d else
           "role_only" if "role_title" in d else
           "company_only" if "company_name" in d else "role_fallback")
    return _fill(t[key], d)


def _questions(rules: Rules, turns_on) -> list[str]:
    """The two quick questions: those of the answers the verdict turns on, then defaults."""
    asked = [rules.questions[q].ask for q in turns_on if rules.questions[q].ask]
    return (asked + [q for q in rules.default_questions if q not in asked])[:2]


def draft(rules: Rules, message: Message, answers: Mapping[str, str],
          details: Mapping[str, str] | None, turns_on=()) -> dict:
    """One message as the person reads it, with the names of the lines they may drop."""
    d = {k: v for k, v in (details or {}).items() if v}
    t = rules.draft
    greeting = (message.greeting or
                (_fill(t["greeting"], d) if "contact_name" in d else t["greeting_fallback"]))
    q1, q2 = _questions(rules, turns_on)
    values = {"greeting": greeting, "the_role": _the_role(rules, d),
              "company": _fill(t["company"], d) if "company_name" in d else t["company_fallback"],
              "question_1": q1, "question_2": q2}
    lines = [p for p in message.paragraphs if conditions_hold(p.when, answers)]
    paragraphs: list[str] = []
    for i, p in enumerate(lines):  # the person's reasons, one after another, read as one
        if p.optional == "reason" and i and lines[i - 1].optional == "reason":
            paragraphs[-1] += " " + _fill(p.text, values)
        else:
            paragraphs.append(_fill(p.text, values))
    text = "\n\n".join(paragraphs + [t["signoff"]])
    return {"id": message.id, "kind": message.kind, "side": SIDE_OF_KIND[message.kind],
            "title": message.title, "to": message.to,
            "text": text, "optional": sorted({p.optional for p in lines if p.optional})}


def choose(rules: Rules, kind: str, answers: Mapping[str, str]) -> Message | None:
    """The first variant of this kind whose conditions hold."""
    return next((m for m in rules.messages
                 if m.kind == kind and conditions_hold(m.when, answers)), None)


def drafted_messages(rules: Rules, code: str, answers: Mapping[str, str],
                     details: Mapping[str, str] | None, turns_on=()) -> list[dict]:
    """The messages for a verdict: accepting on the go side; for a close call both ways
    forward, the two quick questions to ask before going and a decline; a decline (and a
    thank-you to a referrer) on the decline side. Each names its `side`."""
    side = "go" if code in GO_SIDE else "decline" if code in DECLINE_SIDE else "toss_up"
    out = []
    for kind in KINDS_FOR[side]:
        message = choose(rules, kind, answers)
        if message is not None:
            out.append(draft(rules, message, answers, details, turns_on))
    return out
