"""Which results were made on a device ("Your interviews", GET /mine), without an account.

Why this shape: a browser that makes a result holds a random device secret (a cookie); each
result made there gets a row with the secret's hash, never the secret. The result's share token
is stored only sealed: XORed with a pad derived from the secret and the token's hash, so the
browser holding the cookie can list its links, and a copy of the database opens none of them.
Rows go with their result (ON DELETE CASCADE): deleting a result or purging it at expiry takes
it off the list at once, and the list reads only live results anyway. Forgetting a device
deletes its rows, never a result.
"""
from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, delete, func, select
from sqlalchemy.orm import Mapped, mapped_column

from ..model.opinion import CHOICES
from .models import Base, StoredResult
from .opinions import StoredOpinion
from .store import TOKEN_RE, _utc


class DeviceResult(Base):
    __tablename__ = "device_results"

    result_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("results.id", ondelete="CASCADE"), primary_key=True)
    device_hash: Mapped[str] = mapped_column(String(64), index=True)
    link_seal: Mapped[str] = mapped_column(String(64))


def is_device_secret(value) -> bool:
    """A device secret as the cookie carries it: secrets.token_urlsafe(32), 256 bits."""
    return isinstance(value, str) and TOKEN_RE.fullmatch(value) is not None


def device_hash(secret: str) -> str:
    return hashlib.sha256(b"device\0" + secret.encode()).hexdigest()


def _pad(secret: str, token_hash: str) -> bytes:
    return hashlib.sha256(b"device-link\0" + secret.encode() + b"\0" + token_hash.encode()).digest()


def _seal(token: str, pad: bytes) -> str:
    raw = base64.urlsafe_b64decode(token + "=")
    return bytes(a ^ b for a, b in zip(raw, pad, strict=True)).hex()


def _unseal(sealed: str, pad: bytes) -> str:
    raw = bytes(a ^ b for a, b in zip(bytes.fromhex(sealed), pad, strict=True))
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def remember(session, result_id: int, token_hash: str, token: str, secret: str) -> None:
    """Note that this device made this result (in the transaction that stores it)."""
    session.add(DeviceResult(result_id=result_id, device_hash=device_hash(secret),
                             link_seal=_seal(token, _pad(secret, token_hash))))


@dataclass(frozen=True)
class Made:
    """A live result made on this device, as /mine shows it."""
    token: str
    answers: dict
    details: dict
    snapshot: dict
    created_at: datetime
    expires_at: datetime
    tally: dict


def listed(session, secret: str, *, now: datetime) -> list[Made]:
    """The live results made on this device, newest first, each with its friends' tally."""
    rows = session.execute(
        select(StoredResult.id, StoredResult.token_hash, StoredResult.answers,
               StoredResult.details, StoredResult.snapshot, StoredResult.created_at,
               StoredResult.expires_at, DeviceResult.link_seal)
        .join(DeviceResult, DeviceResult.result_id == StoredResult.id)
        .where(DeviceResult.device_hash == device_hash(secret), StoredResult.expires_at > now)
        .order_by(StoredResult.created_at.desc(), StoredResult.id.desc())).all()
    tallies = {row.id: dict.fromkeys(CHOICES, 0) for row in rows}
    if tallies:
        for result_id, choice, count in session.execute(
                select(StoredOpinion.result_id, StoredOpinion.choice, func.count())
                .where(StoredOpinion.result_id.in_(tallies))
                .group_by(StoredOpinion.result_id, StoredOpinion.choice)):
            tallies[result_id][choice] = count
    return [Made(token=_unseal(r.link_seal, _pad(secret, r.token_hash)),
                 answers=dict(r.answers), details=dict(r.details), snapshot=r.snapshot,
                 created_at=_utc(r.created_at), expires_at=_utc(r.expires_at),
                 tally=tallies[r.id]) for r in rows]


def has_results(session, secret: str, *, now: datetime) -> bool:
    """Whether any live result was made on this device (the landing page links to /mine)."""
    return session.scalar(
        select(DeviceResult.result_id).join(StoredResult,
                                            DeviceResult.result_id == StoredResult.id)
        .where(DeviceResult.device_hash == device_hash(secret), StoredResult.expires_at > now)
        .limit(1)) is not None


def forget(session, secret: str) -> int:
    """Forget this device: its rows go, the results and their links stay. How many rows."""
    return session.execute(delete(DeviceResult).where(
        DeviceResult.device_hash == device_hash(secret))).rowcount
