"""The preview card's PNG, drawn once per result and kept beside it.

Why kept: drawing the card costs tens of milliseconds of CPU, and chat apps, crawlers and
people reloading ask for it again and again. The bytes are stored in their own table keyed by
the result's row (deleted with it: ON DELETE CASCADE, so deleting or purging a result deletes
its card) and tagged with a version (card design and rules version), so a redeploy that changes
either draws the card again, once. Nothing here knows how a card is drawn.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, event, select
from sqlalchemy import delete as sql_delete
from sqlalchemy import exc as sa_exc
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base, StoredResult
from .store import _utc, hash_secret, live_result


class StoredCard(Base):
    __tablename__ = "cards"

    result_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("results.id", ondelete="CASCADE"), primary_key=True)
    version: Mapped[str] = mapped_column(String(64))
    png: Mapped[bytes] = mapped_column(LargeBinary)


@dataclass(frozen=True)
class KeptCard:
    """What the card view needs: the result's expiry, and the kept PNG if it is current."""
    expires_at: datetime
    png: bytes | None


def find(session, token: str, *, version: str, now: datetime) -> KeptCard | None:
    """None for an unknown, expired or deleted result; else its expiry and, when a card of
    this version is kept, its bytes (one indexed query, no drawing, no snapshot read)."""
    where = live_result(token, now)
    if where is None:
        return None
    row = session.execute(
        select(StoredResult.expires_at, StoredCard.png, StoredCard.version)
        .outerjoin(StoredCard, StoredCard.result_id == StoredResult.id).where(where)
    ).first()
    if row is None:
        return None
    return KeptCard(_utc(row.expires_at), row.png if row.version == version else None)


def keep(session, token: str, *, version: str, png: bytes) -> None:
    """Keep the drawn card for this result; two workers drawing the same card at once, or
    the result deleted meanwhile, are not errors: the last writer wins, or nothing is kept."""
    result_id = session.scalar(select(StoredResult.id).where(
        StoredResult.token_hash == hash_secret(token)))
    if result_id is None:
        return
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(StoredCard).values(result_id=result_id, version=version, png=png)
    try:
        with session.begin_nested():
            session.execute(statement.on_conflict_do_update(
                index_elements=[StoredCard.result_id],
                set_={"version": version, "png": png}))
    except sa_exc.IntegrityError:  # the result was deleted between the two statements
        pass


@event.listens_for(StoredResult, "after_update")
def _forget_card_of_changed_result(_mapper, connection, target) -> None:
    """An owner's change on the same link rewrites the verdict: its kept card is dropped in
    the same transaction, and the next request draws the new one."""
    connection.execute(sql_delete(StoredCard).where(StoredCard.result_id == target.id))
