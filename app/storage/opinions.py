"""Friends' opinions on a stored result ("What would you do?") and the owner's "How sure are you
now?", kept with the result.

Why this shape: one opinion per browser per result, so the row is keyed by (result, hash of a
random per-browser secret) and written with an upsert: the same browser posting again, or the
same POST replayed, changes its row and never adds one. The secret itself is never stored.
Opinions go with their result (ON DELETE CASCADE, with SQLite's foreign keys switched on by
db.py), so deleting a result or purging it at expiry deletes them too.
The result page's look-up (store.head) counts them and sums their revisions for its
version, so its kept page changes whenever an opinion does.
Each opinion records the result's revision it was given about (`result_revision`): after the
owner changes their answers, earlier opinions are shown as "given about an earlier verdict" and
left out of the tally. A friend can withdraw their own opinion (by their browser's secret); the
owner can remove a note (by its handle, a hash that names no row and no browser).
"""
from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, func, select
from sqlalchemy import delete as sql_delete
from sqlalchemy import update as sql_update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, mapped_column

from ..model.opinion import CHOICES
from .models import Base, StoredResult
from .store import _utc, hash_secret, live_result


class StoredOpinion(Base):
    __tablename__ = "opinions"
    __table_args__ = (Index("ux_opinions_result_browser", "result_id", "browser_hash",
                            unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    result_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("results.id", ondelete="CASCADE"))
    browser_hash: Mapped[str] = mapped_column(String(64))
    choice: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(String(200), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revision: Mapped[int] = mapped_column(Integer)  # +1 on every change: part of `stamp`
    result_revision: Mapped[int] = mapped_column(Integer, server_default="0")  # about which


@dataclass(frozen=True)
class Opinions:
    """What a page shows: the tally for everyone, the notes for the owner, one browser's own."""
    tally: dict[str, int]  # only opinions about the result as it is now
    notes: list[dict] = field(default_factory=list)  # newest first: {choice, note, updated_at,
    #                                                   earlier, handle}
    mine: dict | None = None  # {choice, note, earlier}
    confidence: str | None = None
    earlier: int = 0  # opinions given about an earlier verdict (not in the tally)


def _result_id(session, token: str, now: datetime) -> tuple[int, str | None, int] | None:
    """(id, the owner's confidence, revision) of a live result, or None."""
    where = live_result(token, now)
    if where is None:
        return None
    row = session.execute(select(StoredResult.id, StoredResult.confidence,
                                 StoredResult.revision).where(where)).first()
    return (row[0], row[1], row[2]) if row is not None else None


def note_handle(browser_hash: str) -> str:
    """How the owner's page names a note: derived from the friend's browser hash, one way."""
    return hashlib.sha256(b"note\0" + browser_hash.encode()).hexdigest()[:24]


def give(session, token: str, browser_secret: str, choice: str, note: str | None, *,
         now: datetime) -> bool:
    """Store or change this browser's opinion (choice and note already checked by the model);
    False when the result is gone. Whether the owner may answer is the caller's question."""
    assert choice in CHOICES
    found = _result_id(session, token, now)
    if found is None:
        return False
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = StoredOpinion.__table__
    statement = insert(StoredOpinion).values(
        result_id=found[0], browser_hash=hash_secret(browser_secret), choice=choice, note=note,
        created_at=now, updated_at=now, revision=1, result_revision=found[2])
    session.execute(statement.on_conflict_do_update(
        index_elements=[StoredOpinion.result_id, StoredOpinion.browser_hash],
        set_={"choice": choice, "note": note, "updated_at": now,
              "revision": table.c.revision + 1, "result_revision": found[2]}))
    return True


def withdraw(session, token: str, browser_secret: str, *, now: datetime) -> bool:
    """Delete this browser's own opinion; False when the result is gone or it gave none."""
    found = _result_id(session, token, now)
    if found is None:
        return False
    gone = session.execute(sql_delete(StoredOpinion).where(
        StoredOpinion.result_id == found[0],
        StoredOpinion.browser_hash == hash_secret(browser_secret)))
    return gone.rowcount == 1


def remove_note(session, token: str, handle: str, *, now: datetime) -> bool:
    """The owner takes a friend's note off (the friend's choice stays counted); False when the
    result or the note is gone. Whether the caller is the owner is the caller's question."""
    found = _result_id(session, token, now)
    if found is None:
        return False
    for opinion_id, browser_hash in session.execute(
            select(StoredOpinion.id, StoredOpinion.browser_hash).where(
                StoredOpinion.result_id == found[0], StoredOpinion.note.is_not(None))):
        if hmac.compare_digest(note_handle(browser_hash), str(handle)):
            session.execute(sql_update(StoredOpinion).where(StoredOpinion.id == opinion_id)
                            .values(note=None, revision=StoredOpinion.revision + 1))
            return True
    return False


def read(session, token: str, *, now: datetime, owner: bool = False,
         browser_secret: str | None = None) -> Opinions | None:
    """The opinions on a live result as one viewer may see them; None when it is gone."""
    found = _result_id(session, token, now)
    if found is None:
        return None
    result_id, confidence, revision = found
    tally = dict.fromkeys(CHOICES, 0)
    earlier = 0
    for choice, about, count in session.execute(
            select(StoredOpinion.choice, StoredOpinion.result_revision, func.count())
            .where(StoredOpinion.result_id == result_id)
            .group_by(StoredOpinion.choice, StoredOpinion.result_revision)):
        if about == revision:
            tally[choice] += count
        else:
            earlier += count
    notes, mine = [], None
    if owner:
        notes = [{"choice": r.choice, "note": r.note, "updated_at": _utc(r.updated_at),
                  "earlier": r.result_revision != revision,
                  "handle": note_handle(r.browser_hash)}
                 for r in session.execute(
                     select(StoredOpinion.choice, StoredOpinion.note, StoredOpinion.updated_at,
                            StoredOpinion.result_revision, StoredOpinion.browser_hash)
                     .where(StoredOpinion.result_id == result_id,
                            StoredOpinion.note.is_not(None))
                     .order_by(StoredOpinion.updated_at.desc(), StoredOpinion.id.desc()))]
    elif browser_secret:
        row = session.execute(select(StoredOpinion.choice, StoredOpinion.note,
                                     StoredOpinion.result_revision).where(
            StoredOpinion.result_id == result_id,
            StoredOpinion.browser_hash == hash_secret(browser_secret))).first()
        mine = ({"choice": row.choice, "note": row.note,
                 "earlier": row.result_revision != revision} if row is not None else None)
    return Opinions(tally, notes, mine, confidence if owner else None, earlier)


def set_confidence(session, token: str, value: str, *, now: datetime) -> bool:
    """The owner's "How sure are you now?" (a Core update: the result's kept card stays)."""
    found = _result_id(session, token, now)
    if found is None:
        return False
    session.execute(sql_update(StoredResult).where(StoredResult.id == found[0])
                    .values(confidence=value))
    return True
