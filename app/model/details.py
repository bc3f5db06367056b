"""The optional free-text details (company_name, role_title, contact_name): checked, never scored.

Why strict: these strings reach pages, attributes, meta tags, JSON and a PNG card, and
PostgreSQL rejects NUL where SQLite accepts it. So: strings only, at most `max_length`
characters after trimming, no control characters of any kind.
"""
from __future__ import annotations

import unicodedata
from typing import Any

from .answers import AnswerError, shown
from .rules import Rules

# joiners that real names and emoji need; every other format character (bidi overrides...) is out
ALLOWED_FORMAT = frozenset({"\u200c", "\u200d"})


def has_control_chars(text: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp")
               and ch not in ALLOWED_FORMAT for ch in text)


# characters that draw nothing though Unicode calls them letters or symbols (Hangul fillers,
# the blank Braille pattern...): a detail made only of these (and spaces, joiners, combining
# marks) would show as an empty name on the page and the card
BLANK_LOOKING = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e\u2028\u2029")


def has_unassigned_chars(text: str) -> bool:
    """Unassigned code points and noncharacters (U+FFFF, U+FDD0...): category Cn."""
    return any(unicodedata.category(ch) == "Cn" for ch in text)


def is_invisible(text: str) -> bool:
    """Nothing in it would be seen: only blanks, joiners, combining marks or fillers."""
    return not any(ch not in BLANK_LOOKING and not ch.isspace() and ch not in ALLOWED_FORMAT
                   and unicodedata.category(ch) not in ("Mn", "Me", "Zs") for ch in text)


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
            errors.append(AnswerError(shown(key), "unknown_detail",
                                      f"'{shown(key)}' is not one of {', '.join(labels)}"))
        elif not isinstance(value, str):
            errors.append(AnswerError(key, "wrong_type", f"{labels[key]} must be text"))
        elif has_control_chars(value):
            errors.append(AnswerError(key, "control_characters",
                                      f"{labels[key]} contains characters that are not allowed"))
        elif has_unassigned_chars(value):
            errors.append(AnswerError(key, "unassigned_characters",
                                      f"{labels[key]} contains characters that cannot be shown: "
                                      "please type it again"))
        elif value.strip() and is_invisible(value):
            errors.append(AnswerError(key, "invisible", f"{labels[key]} has no visible "
                                      "characters: type it again, or leave it empty"))
        elif len(value.strip()) > rules.details_max_length:
            errors.append(AnswerError(key, "too_long", f"{labels[key]} must be "
                                      f"{rules.details_max_length} characters or fewer"))
        elif value.strip():
            clean[key] = value.strip()
    return clean, errors
