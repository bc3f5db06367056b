"""The questionnaire's entry in the session, as the result pages change it.

Why shared: "Change my answers" (results) reopens the questionnaire on stored answers, and a
delete or a try-a-change update (results) must leave no stale answers behind in this browser's
questionnaire; the questionnaire reads and cleans the same entry (questionnaire/flow.py
load_state). Features never import each other, so both use this module.
"""
from __future__ import annotations

import secrets
from collections.abc import Mapping

from flask import session

KEY = "wizard"


def begin_change(answers: Mapping[str, str], changing: str, owned: bool = False) -> None:
    """Reopen the questionnaire on stored answers ("Change my answers"), as a new questionnaire
    with its own finish key. The signed cookie is readable, so it gets the hash of the result's
    token, which opens nothing; `owned` lets the owner update that same link."""
    session[KEY] = {"answers": dict(answers), "from": changing,
                    "finish": secrets.token_urlsafe(32), **({"owned": True} if owned else {})}


def forget_result(token_hash: str) -> None:
    """A deleted or rewritten result leaves nothing behind in this browser's questionnaire."""
    entry = session.get(KEY)
    if isinstance(entry, Mapping) and entry.get("from") == token_hash:
        session.pop(KEY, None)
