"""Friends' opinions on a stored result ("What would you do?") and the owner's "How sure are you
now?", kept with the result.

Why this shape: one opinion per browser per result, so the row is keyed by (result, hash of a
random per-browser secret) and written with an upsert: the same browser posting again, or the
same POST replayed, changes its row and never adds one. The secret itself is never stored.
Opinions go with their result (ON DELETE CASCADE, with SQLite's foreign keys switched on by
db.py), so deleting a result or purging it at expiry deletes them too.
The result page's look-up (store.head) counts them and sums their revisions for its
version, so its kept page changes whenever an opinion does.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, func, select
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


@dataclass(frozen=True)
class Opinions:
    """What a page shows: the tally for everyone, the notes for the owner, one browser's own."""
    tally: dict[str, int]
    notes: list[dict] = field(default_factory=list)  # newest first: {choice, note, updated_at}
    mine: dict | None = None  # {choice, note}
    confidence: str | None = None


def _result_id(session, token: str, now: datetime) -> tuple[int, str | None] | None:
    where = live_result(token, now)
    if where is None:
        return None
    row = session.execute(select(StoredResult.id, StoredResult.confidence).where(where)).first()
    return (row[0], row[1]) if row is not None else None


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
        created_at=now, updated_at=now, revision=1)
    session.execute(statement.on_conflict_do_update(
        index_elements=[StoredOpinion.result_id, StoredOpinion.browser_hash],
        set_={"choice": choice, "note": note, "updated_at": now,
              "revision": table.c.revision + 1}))
    return True


def read(session, token: str, *, now: datetime, owner: bool = False,
         browser_secret: str | None = None) -> Opinions | None:
    """The opinions on a live result as one viewer may see them; None when it is gone."""
    found = _result_id(session, token, now)
    if found is None:
        return None
    result_id, confidence = found
    tally = dict.fromkeys(CHOICES, 0)
    for choice, count in session.execute(
            select(StoredOpinion.choice, func.count()).where(StoredOpinion.result_id == result_id)
            .group_by(StoredOpinion.choice)):
        tally[choice] = count
    notes, mine = [], None
    if owner:
        notes = [{"choice": r.choice, "note": r.note, "updated_at": _utc(r.updated_at)}
                 for r in session.execute(
                     select(StoredOpinion.choice, StoredOpinion.note, StoredOpinion.updated_at)
                     .where(StoredOpinion.result_id == result_id,
                            StoredOpinion.note.is_not(None))
                     .order_by(StoredOpinion.updated_at.desc(), StoredOpinion.id.desc()))]
    elif browser_secret:
        row = session.execute(select(StoredOpinion.choice, StoredOpinion.note).where(
            StoredOpinion.result_id == result_id,
            StoredOpinion.browser_hash == hash_secret(browser_secret))).first()
        mine = {"choice": row.choice, "note": row.note} if row is not None else None
    return Opinions(tally, notes, mine, confidence if owner else None)


def set_confidence(session, token: str, value: str, *, now: datetime) -> bool:
    """The owner's "How sure are you now?" (a Core update: the result's kept card stays)."""
    found = _result_id(session, token, now)
    if found is None:
        return False
    session.execute(sql_update(StoredResult).where(StoredResult.id == found[0])
                    .values(confidence=value))
    return True
