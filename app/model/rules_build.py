"""Turns the parsed rules file into frozen `Rules`, checking every entry on the way.

Why: a wrong weight type, an unknown factor or a condition on a value that does not exist must
stop the app at start-up with a message naming the entry (e.g. "factors[practice].scale.prep_time:
unknown value 'lots'"), never surface later as a wrong verdict.
"""
from __future__ import annotations

import tomllib
from dataclasses import replace
from functools import cache
from pathlib import Path

from .rules import (
    SIDES,
    VERDICT_CODES,
    Band,
    Choice,
    Dealbreaker,
    Factor,
    Question,
    Rules,
    RulesError,
    Step,
    freeze,
)
from .rules_build_texts import build_texts
from .rules_readers import conditions, ids, need, num, tables, text, unique

WORDING = ("clear", "fairly_clear", "fairly_clear_many", "fairly_clear_own", "and", "or",
           "close_call_go", "score_go", "score_decline", "score_even", "by_little", "by_some",
           "by_much", "dealbreaker_overrides", "why_toss_up_only", "tips",
           "close_call_decline", "close_call_go_plain", "close_call_decline_plain", "then_go",
           "then_toss_up", "then_decline", "nothing_changes", "why_go", "why_go_only",
           "why_decline", "why_decline_only", "why_toss_up", "why_dealbreaker", "why_nothing",
           "leaning_go", "leaning_decline")


SHORT_MAX = 24  # a short label's length: beside its answer on a 390 px wide phone
RULES_PATH = Path(__file__).with_name("rules.toml")


@cache
def load_rules(path: str | Path = RULES_PATH) -> Rules:
    """Read, check and build the rules file; cached, so every caller shares one object."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(f"{path}: not valid TOML: {exc}") from None
    return build_rules(data)


def _question(raw: dict, step_id: str, where: str) -> Question:
    qid = text(raw, "id", where)
    where = f"questions[{qid}]"
    choices = raw.get("choices")
    if not isinstance(choices, list) or len(choices) < 2:
        raise RulesError(f"{where}.choices: needs 2+ choices")
    for c in choices:
        need(isinstance(c, list) and len(c) == 2 and all(isinstance(x, str) for x in c),
              f"{where}.choices", f"each choice is [value, label], got {c!r}")
    values = [c[0] for c in choices]
    need(len(set(values)) == len(values), f"{where}.choices", "duplicate value")
    better = raw.get("better")
    if better is not None:
        need(sorted(better) == sorted(values), f"{where}.better", "must list every value once")
    steps = raw.get("steps")
    if steps is not None:
        need(sorted(steps) == sorted(values) and not better, f"{where}.steps",
             "must list every value once, and only where there is no `better`")
    changeable = raw.get("changeable", False)
    flags = {k: raw.get(k, False) for k in ("changeable", "optional", "life_fact")}
    for k, v in flags.items():
        need(isinstance(v, bool), f"{where}.{k}", "must be true or false")
    suggest_to = raw.get("suggest_to")
    if suggest_to is not None:
        need(isinstance(suggest_to, list) and set(suggest_to) <= set(values) and suggest_to,
             f"{where}.suggest_to", "must list some of the question's values")
        suggest_to = frozenset(suggest_to)
    find_out = raw.get("find_out", {})
    need(isinstance(find_out, dict) and all(isinstance(v, str) and v for v in find_out.values()),
         f"{where}.find_out", "must be a table of texts")
    if changeable:
        keys = {"up", "down"} if better else set(values)
        moves = {f"{a}>{b}" for a in values for b in values if a != b} if not better else set()
        need(keys <= set(find_out) <= keys | moves, f"{where}.find_out",
             f"needs exactly {', '.join(sorted(keys))} (plus from>to entries if unordered)")
        text(raw, "hinge", where)
    return Question(id=qid, step=step_id, prompt=text(raw, "prompt", where),
                    help=text(raw, "help", where, required=False),
                    choices=tuple(Choice(v, label) for v, label in choices),
                    better=tuple(better) if better else None, changeable=changeable,
                    steps=tuple(steps) if steps else None,
                    hinge=text(raw, "hinge", where, required=False), find_out=freeze(find_out),
                    ask=text(raw, "ask", where, required=False),
                    error=text(raw, "error", where), optional=flags["optional"],
                    life_fact=flags["life_fact"], suggest_to=suggest_to,
                    short=_short(raw.get("short", ""), f"{where}.short"))


def _short(value: object, where: str) -> str:
    """An optional short label (a question's or a detail's) for check answers, where it sits
    beside the answer on one row: a few words, so the summary stays short on a phone."""
    short = value.strip() if isinstance(value, str) else None
    need(short is not None and len(short) <= SHORT_MAX, where,
         f"must be a string of at most {SHORT_MAX} characters")
    return short or ""


def build_rules(data: dict) -> Rules:
    """Every entry of the parsed file checked and frozen; RulesError names the first bad one."""
    version = text(data, "version", "rules")
    sources = data.get("sources", {})
    need(isinstance(sources, dict) and sources, "sources", "must name the articles")
    for sid, src in sources.items():
        text(src, "title", f"sources[{sid}]")

    steps, questions, raw_conditions = [], {}, {}
    for i, raw_step in enumerate(data.get("steps", [])):
        sid = text(raw_step, "id", f"steps[{i}]")
        qs = []
        for j, raw_q in enumerate(raw_step.get("questions", [])):
            q = _question(raw_q, sid, f"steps[{sid}].questions[{j}]")
            need(q.id not in questions, f"questions[{q.id}]", "duplicate id")
            questions[q.id] = q
            raw_conditions[q.id] = (raw_q.get("asked_if"), raw_q.get("suggest_if"))
            qs.append(q)
        need(qs, f"steps[{sid}]", "has no questions")
        steps.append(Step(sid, text(raw_step, "title", f"steps[{sid}]"), tuple(qs)))
    need(steps, "steps", "no steps declared")
    unique(steps, "steps")

    # conditions may only look back at questions asked earlier: a step never depends on a later one
    order = list(questions)
    for qid, (raw, raw_suggest) in raw_conditions.items():
        q = questions[qid]
        if raw is not None:
            cond = conditions(raw, questions, f"questions[{qid}].asked_if")
            for other, _ in cond:
                need(order.index(other) < order.index(qid), f"questions[{qid}].asked_if.{other}",
                     "a condition must refer to an earlier question")
            q = replace(q, asked_if=freeze(dict(cond)))
        if raw_suggest is not None:
            q = replace(q, suggest_if=conditions(
                raw_suggest, questions, f"questions[{qid}].suggest_if"))
        questions[qid] = q
    steps = [Step(s.id, s.title, tuple(questions[q.id] for q in s.questions)) for s in steps]

    details = data.get("details", {})
    fields = details.get("fields", [])
    need(all(isinstance(f, list) and len(f) == 2 for f in fields), "details.fields",
          "each field is [id, label]")
    max_length = int(num(details.get("max_length"), "details.max_length"))
    raw_short = details.get("short", {})
    need(isinstance(raw_short, dict), "details.short", "must be a table of id = label")
    for fid in raw_short:
        need(fid in {f[0] for f in fields}, f"details.short.{fid}", "unknown detail")
    details_short = {fid: _short(v, f"details.short.{fid}") for fid, v in raw_short.items()}

    factors = []
    for i, raw in enumerate(data.get("factors", [])):
        fid = text(raw, "id", f"factors[{i}]")
        where = f"factors[{fid}]"
        need(raw.get("side") in SIDES, f"{where}.side", f"must be one of {SIDES}")
        weight = num(raw.get("weight"), f"{where}.weight")
        need(weight > 0, f"{where}.weight", "must be positive (the side gives the sign)")
        factors.append(Factor(
            id=fid, side=raw["side"], label=text(raw, "label", where), weight=weight,
            sources=ids(raw, "sources", sources, where, "source"), why=text(raw, "why", where),
            when=conditions(raw.get("when", {}), questions, f"{where}.when"),
            scale=tables(raw.get("scale", {}), questions, f"{where}.scale"),
            add=tables(raw.get("add", {}), questions, f"{where}.add")))
    unique(factors, "factors")

    verdicts = data.get("verdicts", {})
    bands, last = [], None
    for i, raw in enumerate(verdicts.get("bands", [])):
        code = text(raw, "code", f"verdicts.bands[{i}]")
        min_score = raw.get("min_score")
        if min_score is not None:
            min_score = num(min_score, f"verdicts.bands[{code}].min_score")
            need(last is None or min_score < last, f"verdicts.bands[{code}].min_score",
                  "bands must go from the best verdict down")
            last = min_score
        bands.append(Band(code, text(raw, "label", f"verdicts.bands[{code}]"), min_score))
    need(len(bands) >= 2 and bands[-1].min_score is None and
          all(b.min_score is not None for b in bands[:-1]), "verdicts.bands",
          "every band but the last needs min_score; the last takes the rest")
    codes = [b.code for b in bands]
    need(tuple(codes) == VERDICT_CODES, "verdicts.bands",
          f"must be exactly {', '.join(VERDICT_CODES)}, in that order")
    strengths = data.get("strengths", {})
    for key in ("clear", "fairly_clear", "close_call"):
        text(strengths, key, "strengths")
    wording = data.get("wording", {})
    for key in WORDING:
        text(wording, key, "wording")

    dealbreakers = []
    for i, raw in enumerate(data.get("dealbreakers", [])):
        did = text(raw, "id", f"dealbreakers[{i}]")
        where = f"dealbreakers[{did}]"
        need(raw.get("cap") in codes, f"{where}.cap", f"unknown verdict {raw.get('cap')!r}")
        dealbreakers.append(Dealbreaker(
            id=did, cap=raw["cap"], reason=text(raw, "reason", where), why=text(raw, "why", where),
            sources=ids(raw, "sources", sources, where, "source"),
            when=conditions(raw.get("when"), questions, f"{where}.when"),
            unless=ids(raw, "unless", {f.id for f in factors}, where, "factor")))
    unique(dealbreakers, "dealbreakers")

    return Rules(
        version=version, sources=freeze({k: freeze(v) for k, v in sources.items()}),
        steps=tuple(steps), questions=freeze(questions),
        details=tuple((f[0], f[1]) for f in fields), details_max_length=max_length,
        details_short=freeze(details_short),
        factors=tuple(factors), dealbreakers=tuple(dealbreakers), bands=tuple(bands),
        lean_go_from=num(verdicts.get("lean_go_from"), "verdicts.lean_go_from"),
        strengths=freeze(strengths), wording=freeze({k: wording[k] for k in WORDING}),
        verdict_order=tuple(codes),
        **build_texts(data, sources, codes, questions, factors, dealbreakers))
