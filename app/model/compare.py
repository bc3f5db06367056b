"""Several verdicts side by side ("Your interviews", GET /mine): their order, and which one to
prepare for first when time is short.

Why here, pure: the order and the sentence are judgements about answers and verdicts, the same
for any face that shows them. The order: the go side first, the ones the person most wants
leading (how interested they said they are in the role, then the score), then the close calls,
then the decline side (each by score, the nearest to going first). The sentence comes from the
rules file (`side_by_side`) and is said only when it is true: two or more on the go side, and
the person said their time to prepare is short for at least one of them. Article 003: preparing
for an interview you want less takes time from the ones you want more.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from .advice import sources_of
from .result import side_of
from .rules import Rules, conditions_hold

SIDE_ORDER = {"go": 0, "toss_up": 1, "decline": 2}


def interest(rules: Rules, answers: Mapping[str, str]) -> int:
    """How much the person wants the role: its place in role_interest's order (-1 unsaid)."""
    question = rules.questions.get("role_interest")
    order = question.better if question is not None and question.better else ()
    value = answers.get("role_interest")
    return order.index(value) if value in order else -1


def sort_key(rules: Rules, answers: Mapping[str, str], snapshot: Mapping) -> tuple:
    """Where a result goes on the list (smaller first); ties are the caller's (newest first)."""
    side = side_of(snapshot["verdict"]["code"])
    wanted = interest(rules, answers) if side == "go" else 0
    return SIDE_ORDER[side], -wanted, -float(snapshot.get("score", 0.0))


def prepare_first(rules: Rules, ordered: Sequence[tuple[Mapping, Mapping]],
                  first_name: str) -> dict | None:
    """{text, sources} saying which go-side result to prepare for first, or None when it would
    not be true. `ordered`: (answers, snapshot) pairs in list order (sort_key); `first_name`:
    how the page names the first one."""
    words = rules.side_by_side
    if not words:
        return None
    go = [(a, s) for a, s in ordered if side_of(s["verdict"]["code"]) == "go"]
    if len(go) < 2 or not any(conditions_hold(words["short_time"], a) for a, _ in go):
        return None
    most = interest(rules, go[0][0])
    key = "want_most" if all(interest(rules, a) < most for a, _ in go[1:]) else "clearest"
    return {"text": words[key].replace("{first}", first_name),
            "sources": sources_of(rules, words["sources"])}
