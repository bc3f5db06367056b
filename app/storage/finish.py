"""One result per finished questionnaire: a replayed final POST answers with the result it
already stored instead of storing another.

Why: the session cookie is signed, not single-use, so the same final POST (its cookie and
CSRF token) could be sent again and again, each time storing a result. A random finish key is
issued into the questionnaire's session when it starts (web/wizard.py); the result is stored
with the key's hash (unique), so the database holds nothing that could be replayed. To answer a
replay with the same link, the share token and the owner's secret are kept sealed with pads
derived from the key: only whoever holds the key (the cookie) can unseal them, and a copy of
the database still opens no link. The finish row goes with its result (ON DELETE CASCADE).

The key is bound to what is submitted: the stored hash is of the session's key together with
the answers and details of this POST (`bound`). A copy of the session cookie taken earlier
holds the key of that moment only (the wizard makes a new one on every save), and a POST with
other answers or details is another submission: neither finds a result made by someone else.
Only the same final POST, sent again, finds the result it made.
"""
from __future__ import annotations

import base64
import hashlib
import json
from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, select
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Mapped, mapped_column

from ..model.rules import Rules
from ..model.submission import Submission
from . import db, devices, store
from .models import Base, StoredResult

ATTEMPTS = 3  # two identical POSTs at once on PostgreSQL: the second one's insert collides


class FinishedQuestionnaire(Base):
    __tablename__ = "finishes"
    __table_args__ = (Index("ux_finishes_finish_hash", "finish_hash", unique=True),)

    result_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("results.id", ondelete="CASCADE"), primary_key=True)
    finish_hash: Mapped[str] = mapped_column(String(64))
    seal: Mapped[str] = mapped_column(String(128))


def finish_hash(key: str) -> str:
    return hashlib.sha256(b"finish\0" + key.encode()).hexdigest()


def _pad(key: str, label: bytes) -> bytes:
    return hashlib.sha256(label + b"\0" + key.encode()).digest()


def _xor(data: bytes, pad: bytes) -> bytes:
    return bytes(a ^ b for a, b in zip(data, pad, strict=True))


def _raw(token: str) -> bytes:
    return base64.urlsafe_b64decode(token + "=")


def _text(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def seal(key: str, token: str, owner_secret: str) -> str:
    return (_xor(_raw(token), _pad(key, b"token"))
            + _xor(_raw(owner_secret), _pad(key, b"owner"))).hex()


def unseal(key: str, sealed: str) -> tuple[str, str]:
    raw = bytes.fromhex(sealed)
    return _text(_xor(raw[:32], _pad(key, b"token"))), _text(_xor(raw[32:], _pad(key, b"owner")))


def bound(key: str, submission: Submission) -> str:
    """The finish key of this submission: the session's key with its answers and details."""
    what = json.dumps([dict(submission.answers), dict(submission.details)], sort_keys=True,
                      ensure_ascii=True, separators=(",", ":"))
    return key + "\0" + hashlib.sha256(what.encode()).hexdigest()


def _already(session, key: str) -> store.Created | None:
    row = session.execute(
        select(FinishedQuestionnaire.seal, StoredResult.expires_at)
        .join(StoredResult, StoredResult.id == FinishedQuestionnaire.result_id)
        .where(FinishedQuestionnaire.finish_hash == finish_hash(key))).first()
    if row is None:
        return None
    token, owner_secret = unseal(key, row.seal)
    return store.Created(token, owner_secret, row.expires_at)


def store_once(rules: Rules, submission: Submission, key: str, *, now: datetime,
               ttl_days: int, device_secret: str | None = None) -> store.Created:
    """The result stored for this finish key: found if it was stored already, else stored now
    (with the key's hash and the sealed token, in the same write transaction; and, given the
    browser's device secret, the row that lists it on that device's /mine)."""
    key = bound(key, submission)
    for attempt in range(ATTEMPTS):
        try:
            with db.session(write=True) as s:
                found = _already(s, key)
                if found is not None:
                    return found
                created = store.create(s, rules, submission, now=now, ttl_days=ttl_days)
                s.flush()
                token_hash = store.hash_secret(created.token)
                result_id = s.scalar(select(StoredResult.id).where(
                    StoredResult.token_hash == token_hash))
                if device_secret is not None:
                    devices.remember(s, result_id, token_hash, created.token, device_secret)
                s.add(FinishedQuestionnaire(result_id=result_id, finish_hash=finish_hash(key),
                                            seal=seal(key, created.token,
                                                      created.owner_secret)))
            return created
        except sa_exc.IntegrityError:
            if attempt == ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")
