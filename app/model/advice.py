"""Advice as the person reads it: which items fit their answers, in what order, with sources.

Why separate from scoring: scoring weighs; this module chooses the advice ids for a verdict and
the answers behind it (pure and comparable across rule versions) and turns ids into text that
names each source article. Drafted messages live in `messages`. No Flask; escaping is the
templates' job.
"""
from __future__ import annotations

from collections.abc import Mapping

from .result import DECLINE_SIDE, GO_SIDE
from .rules import Rules, conditions_hold

MAIN_ADVICE = 3  # shown at once; the rest are folded


def sources_of(rules: Rules, ids) -> list[dict]:
    """The named sources as JSON objects."""
    out = []
    for sid in ids:
        source = rules.sources[sid]
        item = {"id": sid, "title": source["title"]}
        if "publisher" in source:
            item["publisher"] = source["publisher"]
        out.append(item)
    return out


def advice_items(rules: Rules, ids) -> list[dict]:
    """The chosen items as the person reads them; the first MAIN_ADVICE are shown, the rest
    folded (`main` false), never dropped."""
    by_id = rules.advice_by_id
    items = [by_id[i] for i in ids if i in by_id]
    return [{"id": a.id, "kind": a.kind, "title": a.title, "text": a.text, "steps": list(a.steps),
             "sources": sources_of(rules, a.sources), "main": n < MAIN_ADVICE}
            for n, a in enumerate(items)]


def select_advice(rules: Rules, code: str, answers: Mapping[str, str], factor_ids: set[str],
                  dealbreaker_ids: set[str], lean: str | None = None) -> tuple[str, ...]:
    """The advice ids for this person, most specific first: every filter an item declares must
    hold (its verdicts, its answer conditions, none of its `unless` answers, the lean of a
    close call, one of its factors, one of its dealbreakers); a close call in its own order."""
    chosen = []
    for item in rules.advice:
        if (item.kind == "go" and code in DECLINE_SIDE) or (item.kind == "decline"
                                                            and code in GO_SIDE):
            continue
        if ((not item.verdicts or code in item.verdicts)
                and conditions_hold(item.when, answers)
                and not any(answers.get(q) in allowed for q, allowed in item.unless)
                and (not item.leans or code != "toss_up" or lean in item.leans)
                and (not item.factors or item.factors & factor_ids)
                and (not item.dealbreakers or item.dealbreakers & dealbreaker_ids)):
            chosen.append(item)
    chosen.sort(key=lambda item: -item.specificity)  # stable: file order among equals
    return close_call_order(rules, code, tuple(item.id for item in chosen), lean)


def close_call_order(rules: Rules, code: str, ids: tuple[str, ...], lean: str | None
                     ) -> tuple[str, ...]:
    """A close call leads with its own item (`close_call`), then takes turns between the side
    it leans to and the other, so neither way forward is buried; other verdicts keep `ids`."""
    if code != "toss_up":
        return ids
    kinds = {a.id: a.kind for a in rules.advice}
    first = [i for i in ids if i == "close_call"]
    rest = [i for i in ids if i != "close_call"]
    ahead = "decline" if lean == "decline" else "go"
    leaning = [i for i in rest if kinds[i] in (ahead, "any")]
    other = [i for i in rest if kinds[i] not in (ahead, "any")]
    turns = []
    while leaning or other:
        for queue in (leaning, other):
            if queue:
                turns.append(queue.pop(0))
    return tuple(first + turns)

