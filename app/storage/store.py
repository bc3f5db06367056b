"""Storing, finding, deleting and purging results: plain functions over a SQLAlchemy session.

Why separate from the views: these are the rules of a share link (only a checked Submission is
stored; tokens and owner secrets only hashed; unknown, expired and deleted all
look the same: None), tested directly on SQLite and PostgreSQL. The clock is a parameter.
"""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from types import MappingProxyType

from sqlalchemy import and_, bindparam, column, func, select, table
from sqlalchemy import delete as sql_delete

from ..model.evaluate import evaluate
from ..model.rules import Rules
from ..model.serialize import result_to_dict
from ..model.submission import Submission
from .models import StoredResult

TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{43}")  # secrets.token_urlsafe(32): 256 bits
HASH_RE = re.compile(r"[0-9a-f]{64}")  # hash_secret(): sha256 hex


@dataclass(frozen=True)
class Created:
    token: str
    owner_secret: str
    expires_at: datetime


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def utcnow() -> datetime:
    return datetime.now(UTC)


def _utc(value: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything here is stored in UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


@dataclass(frozen=True)
class StoredRecord:
    """A live stored result as the views read it: no database id, nothing to write back."""
    answers: Mapping[str, str]
    details: Mapping[str, str]
    rules_version: str
    snapshot: Mapping  # the verdict as its owner saw it (serialize.result_to_dict)
    created_at: datetime
    expires_at: datetime
    owner_hash: str


def create(session, rules: Rules, submission: Submission, *, now: datetime,
           ttl_days: int) -> Created:
    """Score and store a submission (checked once, by model.submission, on the way in)."""
    answers, details = dict(submission.answers), dict(submission.details)
    snapshot = result_to_dict(rules, evaluate(rules, answers), details)
    token, owner_secret = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    expires_at = now + timedelta(days=ttl_days)
    session.add(StoredResult(
        token_hash=hash_secret(token), owner_hash=hash_secret(owner_secret), answers=answers,
        details=details, rules_version=rules.version, snapshot=snapshot,
        created_at=now, expires_at=expires_at))
    return Created(token, owner_secret, expires_at)


def live_result(token, now: datetime):
    """The WHERE clause of a live result found by its share token (unique index, not expired),
    or None for a value that cannot be a token: every look-up by token uses it."""
    if not isinstance(token, str) or not TOKEN_RE.fullmatch(token):
        return None
    return and_(StoredResult.token_hash == hash_secret(token), StoredResult.expires_at > now)


def _live(session, token: str, now: datetime) -> StoredResult | None:
    where = live_result(token, now)
    return None if where is None else session.scalar(select(StoredResult).where(where))


def _live_by_hash(session, token_hash: str, now: datetime) -> StoredResult | None:
    return session.scalar(select(StoredResult).where(
        StoredResult.token_hash == token_hash, StoredResult.expires_at > now))


def update(session, rules: Rules, token: str, submission: Submission, *,
           now: datetime) -> bool:
    """Replace a live result's answers, details and verdict, keeping its link, owner and
    expiry ("Change my answers" on the same link); the snapshot says when. False if gone."""
    row = _live(session, token, now)
    if row is None:
        return False
    answers, details = dict(submission.answers), dict(submission.details)
    row.answers, row.details, row.rules_version = answers, details, rules.version
    row.revision = StoredResult.revision + 1  # by the database: two updates at once, two raises
    row.snapshot = {**result_to_dict(rules, evaluate(rules, answers), details),
                    "updated_at": now.isoformat()}
    return True


@dataclass(frozen=True)
class LiveHead:
    """What a page view needs before anything else: the result is live, who owns it, and which
    version of its page to show: when the row was made and its revision (raised by every update
    of its answers or details; a row made again, say from a backup, is another page), its
    rules version, the owner's "How sure?" and its opinions (count and sum of revisions)."""
    token_hash: str
    owner_hash: str
    version: tuple


_OPINIONS = table("opinions", column("result_id"), column("revision"))  # storage/opinions.py
_HEAD = select(  # built once: constructing a statement costs more than running this one
    StoredResult.owner_hash, StoredResult.created_at, StoredResult.rules_version,
    StoredResult.revision, StoredResult.confidence,
    select(func.count()).where(_OPINIONS.c.result_id == StoredResult.id).scalar_subquery(),
    select(func.coalesce(func.sum(_OPINIONS.c.revision), 0))
    .where(_OPINIONS.c.result_id == StoredResult.id).scalar_subquery(),
).where(StoredResult.token_hash == bindparam("token_hash"),
        StoredResult.expires_at > bindparam("now", type_=StoredResult.expires_at.type))


def head(connection, token: str, *, now: datetime) -> LiveHead | None:
    """The look-up of a result by its token hash, one Core query through the unique index
    (on db.reading()'s pooled connection; SQLAlchemy caches its compiled form), no ORM object,
    no JSON decoded; None if unknown, expired or deleted (as `find`)."""
    if not isinstance(token, str) or not TOKEN_RE.fullmatch(token):
        return None
    token_hash = hash_secret(token)
    row = connection.execute(_HEAD, {"token_hash": token_hash, "now": now}).first()
    if row is None:
        return None
    return LiveHead(token_hash, row[0], (row[1:4], *row[4:]))


def owns_head(live: LiveHead, owner_secret: str | None) -> bool:
    return _owns(live.owner_hash, owner_secret)


def details_by_token_hash(session, token_hash: str, *, now: datetime) -> dict:
    """The details of a live result, found by the hash of its token ("Change my answers" keeps
    only the hash in the session cookie, which opens nothing); {} when there is none."""
    row = _live_by_hash(session, token_hash, now) if HASH_RE.fullmatch(token_hash) else None
    return dict(row.details) if row is not None else {}


def find(session, token: str, *, now: datetime) -> StoredRecord | None:
    """The stored result, frozen, or None if unknown, expired or deleted (all look the same)."""
    row = _live(session, token, now)
    if row is None:
        return None
    return StoredRecord(
        answers=MappingProxyType(dict(row.answers)), details=MappingProxyType(dict(row.details)),
        rules_version=row.rules_version, snapshot=row.snapshot,
        created_at=_utc(row.created_at), expires_at=_utc(row.expires_at),
        owner_hash=row.owner_hash)


def is_owner(record: StoredRecord, owner_secret: str | None) -> bool:
    return _owns(record.owner_hash, owner_secret)


def _owns(owner_hash: str, owner_secret: str | None) -> bool:
    return owner_secret is not None and owner_secret != "" and hmac.compare_digest(
        owner_hash, hash_secret(owner_secret))


def delete(session, token: str, owner_secret: str | None, *, now: datetime) -> bool | None:
    """True when deleted; False when the secret is wrong; None when there is no such result."""
    row = _live(session, token, now)
    if row is None:
        return None
    if not _owns(row.owner_hash, owner_secret):
        return False
    session.delete(row)
    return True


def purge_expired(session, *, now: datetime) -> int:
    """Delete every result past its expiry; returns how many (0 the second time)."""
    return session.execute(sql_delete(StoredResult).where(StoredResult.expires_at <= now)).rowcount
