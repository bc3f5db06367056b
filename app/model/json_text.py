"""Keys in a JSON request that are not text: lone surrogates and non-characters, in any key at
any depth, found before anything else looks at the request (and could echo the key).

Why: JSON's `\\ud800` escape decodes to a lone surrogate, which no UTF-8 writer can encode
(orjson refuses it, the database may too): echoed in an error, or stored, it became a 500.
Non-characters (U+FFFE, U+FFFF, U+FDD0..U+FDEF, and the last two of every plane) are "never to
be interchanged". Either gives a 400 naming the problem and where it is, by the request's own
field names only (answers, details): a key is never echoed raw (answers.shown escapes). Values
are checked where they are read, with the field they belong to: an answer must be one of its
choices (model/answers.py), a detail has no control, surrogate or unassigned character
(model/details.py), anything else is an unknown field.
"""
from __future__ import annotations

import re

from .answers import AnswerError

TOP_LEVEL = ("answers", "details")
# one character class for both: surrogates, U+FDD0..U+FDEF, and U+xFFFE/U+xFFFF in every plane
_BAD = re.compile("[\ud800-\udfff\ufdd0-\ufdef" + "".join(
    f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17)) + "]")


def _problem(text: str) -> str | None:
    found = _BAD.search(text)
    if found is None:
        return None
    point = ord(found.group())
    if 0xD800 <= point <= 0xDFFF:
        return f"a lone surrogate (U+{point:04X})"
    return f"a non-character (U+{point:04X})"


def bad_text(data) -> AnswerError | None:
    """The first lone surrogate or non-character in a key of a parsed JSON body, as a 400's
    error."""
    stack = [(data, None)]
    while stack:
        value, field = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                where = field or (key if key in TOP_LEVEL else None)
                problem = _problem(key) if isinstance(key, str) else None
                if problem is not None:
                    return AnswerError(field, "bad_characters",
                                       f"a key {'in ' + field if field else 'of the body'} "
                                       f"contains {problem}: send text as UTF-8 characters")
                stack.append((item, where))
        elif isinstance(value, list):
            stack.extend((item, field) for item in value)
    return None
