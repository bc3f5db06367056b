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
                  dealbreaker_ids: set[str]) -> tuple[str, ...]:
    """The advice ids for this person, most specific first: every filter an item declares must
    hold (its verdicts, its answer conditions, one of its factors, one of its dealbreakers)."""
    chosen = []
    for item in rules.advice:
        if (item.kind == "go" and code in DECLINE_SIDE) or (item.kind == "decline"
                                                            and code in GO_SIDE):
            continue
        if ((not item.verdicts or code in item.verdicts)
                and conditions_hold(item.when, answers)
                and (not item.factors or item.factors & factor_ids)
                and (not item.dealbreakers or item.dealbreakers & dealbreaker_ids)):
            chosen.append(item)
    chosen.sort(key=lambda item: -item.specificity)  # stable: file order among equals
    return tuple(item.id for item in chosen)

