"""The questionnaire's path through the steps, worked out from the rules and the answers so far.

Why a pure module: which steps a person sees, which one comes next, what "Step 2 of 4" means
and whether a step may be visited yet are all facts about (rules, answers), so they are tested
without HTTP and the views stay thin. The session cookie is untrusted input: `load_state`
turns anything (a tampered, foreign or stale value) into a clean state or a fresh one.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ...model.answers import drop_unasked
from ...model.rules import Rules, Step

FROM_RE = re.compile(r"[0-9a-f]{64}")  # the hash of the result being changed, never its token
FINISH_RE = re.compile(r"[A-Za-z0-9_-]{43}")  # the finish key: secrets.token_urlsafe(32)
SEALED_RE = re.compile(r"[A-Za-z0-9_=-]{1,1400}")  # details sealed by web/shared/encrypted.py
RETURN_TO = frozenset({"check"})  # the only pages a step may hand back to: no open redirect


def load_state(rules: Rules, raw: Any) -> dict:
    """A clean {'answers': {...}, 'from'?: token hash, 'owned'?: True, 'made'?: True,
    'finish'?: key, 'tried'?: {step, missing}, 'draft'?: sealed details} from whatever the session
    held. `from`: the result whose answers are being changed; `owned`: its owner is changing
    them (checked against the owner's cookie when they began), so they may update that same
    link; `made`: these answers have just given a result; `finish`: this questionnaire's finish
    key (storage/finish.py); `tried`: that step was sent with these questions unanswered or
    refused (its GET shows them with their errors); `draft`: check answers was sent and
    refused, the details typed there (sealed: web/shared/encrypted.py)."""
    state: dict = {"answers": {}}
    if not isinstance(raw, Mapping):
        return state
    answers = raw.get("answers")
    if isinstance(answers, Mapping):
        kept = {k: v for k, v in answers.items()
                if isinstance(k, str) and k in rules.questions and isinstance(v, str)
                and v in rules.questions[k].values}
        state["answers"] = drop_unasked(rules, kept)
    token = raw.get("from")
    if isinstance(token, str) and FROM_RE.fullmatch(token):
        state["from"] = token
        if raw.get("owned") is True:
            state["owned"] = True
    if raw.get("made") is True:
        state["made"] = True
    key = raw.get("finish")
    if isinstance(key, str) and FINISH_RE.fullmatch(key):
        state["finish"] = key
    tried = raw.get("tried")
    if isinstance(tried, Mapping) and isinstance(tried.get("missing"), list):
        step = find_step(rules, tried.get("step"))
        if step is not None:
            ids = {q.id for q in step.questions}
            state["tried"] = {"step": step.id, "missing": [q for q in tried["missing"] if q in ids]}
    draft = raw.get("draft")
    if isinstance(draft, str) and SEALED_RE.fullmatch(draft):
        state["draft"] = draft
    return state


def asked_in_step(rules: Rules, step: Step, answers: Mapping[str, str]):
    """The questions of one step this person is asked, given the answers so far."""
    return [q for q in step.questions if q.is_asked(answers)]


def merge_step(rules: Rules, step: Step, answers: Mapping[str, str],
               posted: Mapping[str, Any]) -> dict[str, str]:
    """Answers plus the valid posted values of this step, in question order, so a condition on
    an earlier question of the same step sees the value chosen on this very page."""
    merged = dict(answers)
    for q in step.questions:
        value = posted.get(q.id)
        if q.is_asked(merged) and isinstance(value, str) and value in q.values:
            merged[q.id] = value
    return drop_unasked(rules, merged)


def path(rules: Rules, answers: Mapping[str, str]) -> list[Step]:
    """The steps on this person's own path: a step whose questions are all unasked is skipped."""
    return [s for s in rules.steps if asked_in_step(rules, s, answers)]


def is_complete(rules: Rules, step: Step, answers: Mapping[str, str]) -> bool:
    """Every question of the step that this person is asked has an answer."""
    return all(q.id in answers for q in asked_in_step(rules, step, answers))


def first_unanswered(rules: Rules, answers: Mapping[str, str]) -> Step | None:
    """The first step on the path with an unanswered question; None when all are answered."""
    return next((s for s in path(rules, answers) if not is_complete(rules, s, answers)), None)


def find_step(rules: Rules, step_id: object) -> Step | None:
    """The step named in a URL, or None: an unknown id is a redirect, not an error page."""
    return next((s for s in rules.steps if s.id == step_id), None)


def is_reachable(rules: Rules, step: Step, answers: Mapping[str, str]) -> bool:
    """On the path, and every step before it answered: no step can be skipped by URL."""
    for s in path(rules, answers):
        if s.id == step.id:
            return True
        if not is_complete(rules, s, answers):
            return False
    return False


def position(rules: Rules, step: Step, answers: Mapping[str, str]) -> tuple[int, int]:
    """(n, m) for "Step n of m", counting only the steps on this person's path."""
    ids = [s.id for s in path(rules, answers)]
    return ids.index(step.id) + 1, len(ids)


def neighbour(rules: Rules, step: Step, answers: Mapping[str, str], offset: int) -> Step | None:
    """The step before (-1) or after (+1) this one on the path, or None at either end."""
    steps = path(rules, answers)
    ids = [s.id for s in steps]
    if step.id not in ids:
        return None
    i = ids.index(step.id) + offset
    return steps[i] if 0 <= i < len(steps) else None


def back_from(rules: Rules, step: Step, answers: Mapping[str, str],
              returning: bool) -> Step | str | None:
    """Where Back leads from a step: "check" when the person came from check answers and
    nothing new is asked, else the step before on the path, else None (the landing page)."""
    if returning and first_unanswered(rules, answers) is None:
        return "check"
    return neighbour(rules, step, answers, -1)


def after_saving(rules: Rules, step: Step, answers: Mapping[str, str],
                 returning: bool) -> Step | None:
    """The step to show after this one is saved, or None for check answers. Coming from check
    answers, go back there unless a change made a new question appear."""
    answers = drop_unasked(rules, answers)
    if returning:
        return first_unanswered(rules, answers)
    return neighbour(rules, step, answers, +1)


def safe_return(value: Any) -> str | None:
    """The ?return= target if it is on the allow-list, else None."""
    return value if isinstance(value, str) and value in RETURN_TO else None
