"""The stored result, as a table.

Why these columns: a shared link must show exactly what its owner saw, so the verdict is kept
as computed (`snapshot`, from serialize.result_to_dict) next to the answers and the rules
version it came from. Neither the share token nor the owner's secret is stored in the clear:
only their sha256 hashes, so a copy of the database opens no links and deletes nothing. The
numeric id never leaves the database. The schema itself is owned by migrations/ (Alembic).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, Index, Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class StoredResult(Base):
    __tablename__ = "results"
    __table_args__ = (Index("ux_results_token_hash", "token_hash", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64))
    owner_hash: Mapped[str] = mapped_column(String(64))
    answers: Mapped[dict] = mapped_column(JSON)
    details: Mapped[dict] = mapped_column(JSON)
    rules_version: Mapped[str] = mapped_column(String(32), server_default="unknown")
    snapshot: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    confidence: Mapped[str | None] = mapped_column(String(16), nullable=True)  # "How sure?"
    # raised by every write of answers, details or snapshot (store.update): kept result pages
    # are keyed by it, so a writer that does not raise it leaves the old page served
    revision: Mapped[int] = mapped_column(Integer, server_default="0")
