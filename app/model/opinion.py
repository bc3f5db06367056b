"""A friend's answer to "What would you do?": one of three choices and an optional one-line note.

Why here, pure: the note is free text a friend types that reaches the owner's page and JSON, so
it gets exactly the checks of the free-text details (details.py): no control characters, no
unassigned ones, not invisible-only, trimmed, and a length limit. One message per problem, in
words for people; the value is never echoed back in a message.
"""
from __future__ import annotations

from .details import has_control_chars, has_unassigned_chars, is_invisible

CHOICES = ("go", "decline", "unsure")
CHOICE_LABELS = {"go": "I'd go", "decline": "I'd decline", "unsure": "Not sure"}
NOTE_MAX = 200
CONFIDENCE = ("sure", "unsure")


def check_choice(raw) -> tuple[str | None, str | None]:
    """(the choice, None) or (None, what to do)."""
    if isinstance(raw, str) and raw in CHOICES:
        return raw, None
    return None, "Choose what you would do: go, decline or not sure"


def check_note(raw) -> tuple[str | None, str | None]:
    """(the trimmed note or None when empty, None) or (None, what is wrong with it)."""
    if raw is None:
        return None, None
    if not isinstance(raw, str):
        return None, "The note must be text"
    if has_control_chars(raw):
        return None, "The note contains characters that are not allowed"
    if has_unassigned_chars(raw):
        return None, "The note contains characters that cannot be shown: please type it again"
    if raw.strip() and is_invisible(raw):
        return None, "The note has no visible characters: type it again, or leave it empty"
    if len(raw.strip()) > NOTE_MAX:
        return None, f"The note must be {NOTE_MAX} characters or fewer"
    return raw.strip() or None, None


def tally_text(tally: dict[str, int]) -> str:
    """'2 would go, 1 would decline, 0 not sure'."""
    return (f"{tally.get('go', 0)} would go, {tally.get('decline', 0)} would decline, "
            f"{tally.get('unsure', 0)} not sure")
