"""A Result as the JSON contract of PRODUCT.md (API answers and stored snapshots alike).

Why one function: the API, the stored snapshot and the `/r/<token>.json` view must never
drift apart, so they all call `result_to_dict`.
"""
from __future__ import annotations

from typing import Mapping

from .advice import advice_items, decline_message, sources_of
from .rules import Rules
from .result import DECLINE_SIDE, Result


def result_to_dict(rules: Rules, result: Result, details: Mapping[str, str] | None = None) -> dict:
    out = {
        "rules_version": result.rules_version,
        "answers": dict(result.answers),
        "verdict": {"code": result.verdict.code, "label": result.verdict.label,
                    "strength": result.verdict.strength,
                    "strength_label": result.verdict.strength_label},
        "score": result.score,
        "factors": [{"id": f.id, "side": f.side, "label": f.label, "contribution": f.contribution,
                     "sources": sources_of(rules, f.sources)} for f in result.factors],
        "dealbreakers": [{"id": d.id, "reason": d.reason, "caps_verdict_at": d.cap,
                          "sources": sources_of(rules, d.sources)} for d in result.dealbreakers],
        "what_would_change": [{"changes": [{"question": c.question, "to": c.to}
                                           for c in s.changes], "verdict": s.verdict}
                              for s in result.what_would_change],
        "advice": advice_items(rules, result.advice),
    }
    if result.verdict.code in DECLINE_SIDE or result.verdict.code == "toss_up":
        out["decline_message"] = decline_message(rules, details)
    return out
