"""The optional free-text details (company_name, role_title, contact_name): checked, never scored.

Why strict: these strings reach pages, attributes, meta tags, JSON and a PNG card, and
PostgreSQL rejects NUL where SQLite accepts it. So: strings only, at most `max_length`
characters after trimming, no control characters of any kind.
"""
from __future__ import annotations

import unicodedata
from typing import Any

from .answers import AnswerError
from .rules import Rules

# joiners that real names and emoji need; every other format character (bidi overrides...) is out
ALLOWED_FORMAT = frozenset({"\u200c", "\u200d"})


def has_control_chars(text: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp")
               and ch not in ALLOWED_FORMAT for ch in text)


def validate_details(rules: Rules, raw: Any) -> tuple[dict[str, str], list[AnswerError]]:
    """Return (clean details without empty ones, errors)."""
    if raw is None:
        return {}, []
    if not isinstance(raw, dict):
        return {}, [AnswerError("details", "not_an_object", "details must be an object")]
    labels = dict(rules.details)
    clean, errors = {}, []
    for key, value in raw.items():
        if key not in labels:
            errors.append(AnswerError(str(key)[:80], "unknown_detail",
                                      f"{str(key)[:80]!r} is not one of {', '.join(labels)}"))
        elif not isinstance(value, str):
            errors.append(AnswerError(key, "wrong_type", f"{labels[key]} must be text"))
        elif has_control_chars(value):
            errors.append(AnswerError(key, "control_characters",
                                      f"{labels[key]} contains characters that are not allowed"))
        elif len(value.strip()) > rules.details_max_length:
            errors.append(AnswerError(key, "too_long", f"{labels[key]} must be "
                                      f"{rules.details_max_length} characters or fewer"))
        elif value.strip():
            clean[key] = value.strip()
    return clean, errors
