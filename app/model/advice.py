"""Advice as the person reads it: which items fit their answers, in what order, with sources.

Why separate from scoring: scoring weighs; this module chooses the advice ids for a verdict and
the answers behind it (pure and comparable across rule versions) and turns ids into text that
names each source article. Drafted messages live in `messages`. No Flask; escaping is the
templates' job.
"""
from __future__ import annotations

from collections.abc import Mapping

from .plan import Plan
from .result import DECLINE_SIDE, GO_SIDE
from .rules import Rules, conditions_hold

MAIN_ADVICE = 3  # shown at once; the rest are folded


def _source_dicts(rules: Rules) -> dict[str, dict]:
    """Each source as the JSON names it (built once, kept on the rules)."""
    found = rules.__dict__.get("_source_dicts")
    if found is None:
        found = {sid: {"id": sid, "title": s["title"],
                       **({"publisher": s["publisher"]} if "publisher" in s else {})}
                 for sid, s in rules.sources.items()}
        object.__setattr__(rules, "_source_dicts", found)
    return found


def sources_of(rules: Rules, ids) -> list[dict]:
    """The named sources as JSON objects (fresh copies: a caller may change its own)."""
    by_id = _source_dicts(rules)
    return [by_id[sid].copy() for sid in ids]


def advice_items(rules: Rules, ids) -> list[dict]:
    """The chosen items as the person reads them; the first MAIN_ADVICE are shown, the rest
    folded (`main` false), never dropped."""
    by_id = rules.__dict__.get("_advice_by_id")
    if by_id is None:
        by_id = {a.id: a for a in rules.advice}
        object.__setattr__(rules, "_advice_by_id", by_id)
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


def ranked(rules: Rules, p: Plan) -> dict:
    """For each verdict, the items it may show, most specific first, with their conditions as
    look-ups on the plan's answer tuple (built once, kept on the plan)."""
    if p.advice is None:
        by_specificity = sorted(rules.advice, key=lambda item: -item.specificity)  # stable
        p.advice = {code: tuple(
            (item.id, *p.condition(item.when), item.factors, item.dealbreakers,
             tuple(p.condition([c]) for c in item.unless), item.leans)
            for item in by_specificity if not (item.kind == "go" and code in DECLINE_SIDE)
            and not (item.kind == "decline" and code in GO_SIDE)
            and (not item.verdicts or code in item.verdicts)) for code in rules.verdict_order}
    return p.advice


def advice_for(rules: Rules, p: Plan, code: str, vals, factor_ids, dealbreaker_ids,
               lean: str | None = None) -> tuple[str, ...]:
    """What select_advice chooses, from the plan's answer tuple `vals`."""
    return close_call_order(rules, code, tuple([
        i for i, get, ok, factors, dealbreakers, unless, leans in ranked(rules, p)[code]
        if get(vals) in ok and (not factors or not factors.isdisjoint(factor_ids))
        and (not dealbreakers or not dealbreakers.isdisjoint(dealbreaker_ids))
        and not any(g(vals) in a for g, a in unless)
        and (not leans or code != "toss_up" or lean in leans)]), lean)
