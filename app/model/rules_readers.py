"""Small checked readers for the rules file: each names the entry it is reading on failure.

Why separate: rules_check builds the model; these say, in one place, what a number, a text,
a list of ids, a condition and a table of multipliers must look like.
"""
from __future__ import annotations

from typing import Any

from .rules import Question, RulesError, freeze


def need(cond: object, where: str, msg: str) -> None:
    """Stop with a RulesError naming `where` unless `cond` is true (or non-empty)."""
    if not cond:
        raise RulesError(f"{where}: {msg}")


def num(value: Any, where: str) -> float:
    need(isinstance(value, (int, float)) and not isinstance(value, bool), where,
          f"must be a number, got {value!r}")
    return float(value)


def text(entry: dict, key: str, where: str, required: bool = True) -> str:
    value = entry.get(key, "" if not required else None)
    if not isinstance(value, str) or not (value.strip() or not required):
        raise RulesError(f"{where}.{key}: "
                         + ("must be a non-empty string" if required else "must be a string"))
    return value


def ids(entry: dict, key: str, known, where: str, what: str) -> tuple[str, ...]:
    values = entry.get(key, [])
    need(isinstance(values, list), f"{where}.{key}", "must be a list")
    for v in values:
        need(v in known, f"{where}.{key}", f"unknown {what} {v!r}")
    return tuple(values)


def conditions(raw: Any, questions: dict[str, Question], where: str):
    need(isinstance(raw, dict), where, "must be a table of question = [values]")
    out = []
    for qid, values in raw.items():
        need(qid in questions, f"{where}.{qid}", "unknown question")
        need(isinstance(values, list) and values, f"{where}.{qid}", "must be a non-empty list")
        for v in values:
            need(v in questions[qid].values, f"{where}.{qid}", f"unknown value {v!r}")
        out.append((qid, frozenset(values)))
    return tuple(out)


def tables(raw: Any, questions: dict[str, Question], where: str):
    need(isinstance(raw, dict), where, "must be a table of question = {value = number}")
    out = []
    for qid, table in raw.items():
        need(qid in questions, f"{where}.{qid}", "unknown question")
        need(isinstance(table, dict), f"{where}.{qid}", "must be a table of value = number")
        for v, multiplier in table.items():
            need(v in questions[qid].values, f"{where}.{qid}", f"unknown value {v!r}")
            num(multiplier, f"{where}.{qid}.{v}")
        out.append((qid, freeze({v: float(n) for v, n in table.items()})))
    return tuple(out)


def unique(items, where: str) -> None:
    seen = set()
    for item in items:
        need(item.id not in seen, where, f"duplicate id {item.id!r}")
        seen.add(item.id)
