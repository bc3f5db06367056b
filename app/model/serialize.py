"""A Result as the JSON contract of PRODUCT.md (API answers and stored snapshots alike).

Why one function: the API, the stored snapshot and the `/r/<token>.json` view must never
drift apart, so they all call `result_to_dict`. Fields beyond PRODUCT.md's are additions
(`note`, `lean`, `turns_on`, `score_words`, each suggestion's `text`, advice `main`,
`messages` with their `side`); the `decline_message` string is kept for clients that read it.
"""
from __future__ import annotations

from collections.abc import Mapping

from .advice import advice_items, sources_of
from .messages import drafted_messages
from .result import Result
from .rules import Rules
from .wording import score_words, suggestion_text, verdict_note, why_sentence


def result_to_dict(rules: Rules, result: Result, details: Mapping[str, str] | None = None) -> dict:
    v = result.verdict
    messages = drafted_messages(rules, v.code, result.answers, details, v.turns_on)
    out = {
        "rules_version": result.rules_version,
        "answers": dict(result.answers),
        "verdict": {"code": v.code, "label": v.label, "strength": v.strength,
                    "strength_label": v.strength_label, "note": verdict_note(rules, result),
                    "why": why_sentence(rules, result),
                    "lean": v.lean, "turns_on": list(v.turns_on)},
        "score": result.score,
        "score_words": score_words(rules, result),
        "factors": [{"id": f.id, "side": f.side, "label": f.label, "contribution": f.contribution,
                     "sources": sources_of(rules, f.sources)} for f in result.factors],
        "dealbreakers": [{"id": d.id, "reason": d.reason, "caps_verdict_at": d.cap,
                          "sources": sources_of(rules, d.sources)} for d in result.dealbreakers],
        "what_would_change": [{"changes": [{"question": c.question, "to": c.to}
                                           for c in s.changes], "verdict": s.verdict,
                               "text": suggestion_text(rules, s, result.answers)}
                              for s in result.what_would_change],
        "advice": advice_items(rules, result.advice),
        "messages": messages,
    }
    if not result.what_would_change:
        out["what_would_change_note"] = rules.wording["nothing_changes"]
    decline = next((m for m in messages if m["kind"] == "decline"), None)
    if decline is not None:
        out["decline_message"] = decline["text"]
    return out


FRIEND_VERDICT = ("code", "label", "strength", "strength_label", "why", "note", "lean")
FRIEND_FACTOR = ("id", "side", "label", "contribution", "sources")


def friend_view(snapshot: Mapping) -> dict:
    """What a friend's page shows of a stored verdict, and nothing more: the verdict and why,
    its reasons (the factors, with their weight and articles), the total, and what would change
    it, in our words. Never the answers, the details, the drafted messages, the advice, what
    the verdict turns on or what settles it (those speak of the owner's own answers)."""
    verdict = snapshot["verdict"]
    changes = []
    for suggestion in snapshot.get("what_would_change", []):
        shown = {"verdict": suggestion.get("verdict"), "text": suggestion.get("text")}
        if not shown["text"]:  # a result stored before suggestions were worded
            shown["changes"] = suggestion.get("changes", [])
        changes.append(shown)
    return {
        "rules_version": snapshot.get("rules_version"),
        "verdict": {key: verdict.get(key) for key in FRIEND_VERDICT},
        "score": snapshot.get("score"),
        "factors": [{key: f.get(key) for key in FRIEND_FACTOR}
                    for f in snapshot.get("factors", [])],
        "what_would_change": changes,
        "what_would_change_note": snapshot.get("what_would_change_note"),
    }
