"""The database: one lazily created engine per process, safe pragmas, migrations on first use.

Why this shape:
- The engine is made on first use in each process (never at import, never before gunicorn
  forks), keyed by process id, so forked workers never share a connection.
- SQLite pragmas (WAL, busy timeout, foreign keys, synchronous) are set in an ENGINE-WIDE
  connect listener; a per-instance listener has silently failed in real projects. WAL reports
  failure by returning the old mode, so the answer is checked.
- Writes start as writes (BEGIN IMMEDIATE on SQLite): a read that upgrades to a write fails at
  once under contention, whatever the busy timeout. SQLite's driver is left in autocommit and
  `begin` says BEGIN where a transaction is wanted (a session, a migration); a page's one-query
  look-up (`reading`) needs none, a single SELECT being consistent by itself. (No engine-wide
  "begin" listener: any connection event makes SQLAlchemy dispatch events on every statement.)
- The schema is Alembic's job from the first table; `upgrade head` runs on first use inside a
  write transaction (and a PostgreSQL advisory lock), so several workers starting at once
  migrate exactly once. `flask --app app db-upgrade` does the same by hand.
"""
from __future__ import annotations

import os
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path

from flask import Flask, current_app
from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from ..paths import MIGRATIONS
from . import timeouts

BUSY_TIMEOUT_MS = int(timeouts.SQLITE_BUSY_TIMEOUT * 1000)
_MIGRATE_ATTEMPTS = 6  # about 3 s of waiting in all, on SQLite only
_MIGRATE_LOCK_ID = 0x1F_2E_3D  # any constant shared by every worker


def normalize_url(url: str) -> str:
    """Accept the postgres:// and postgresql:// spellings hosts hand out; use psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record):
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (see begin)
    cur = dbapi_connection.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    mode = cur.execute("PRAGMA journal_mode = WAL").fetchone()[0].lower()
    in_memory = cur.execute("PRAGMA database_list").fetchone()[2] == ""
    if mode != "wal" and not in_memory:
        raise RuntimeError(f"SQLite refused WAL mode (journal_mode is {mode!r})")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA synchronous = FULL")
    cur.close()


def begin(conn, write: bool = False) -> None:
    """Start the transaction SQLAlchemy has just opened on `conn`: on SQLite (autocommit driver)
    BEGIN, or BEGIN IMMEDIATE for a write; PostgreSQL's driver begins by itself."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _private_sqlite_file(url: str) -> None:
    """Create the SQLite file readable by its owner only (its -wal and -shm files follow it):
    it holds company and contact names."""
    database = make_url(url).database
    if (database and database != ":memory:" and not database.startswith("file:")
            and Path(database).parent.is_dir() and not Path(database).exists()):
        try:  # else SQLite reports the missing folder, or the file it cannot write (a 503)
            os.close(os.open(database, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))
        except OSError:
            pass  # made by another worker meanwhile, or a read-only folder: SQLite says which


def make_engine(url: str, timeout: float = timeouts.STATEMENT_TIMEOUT) -> Engine:
    """hide_parameters: a logged database error never carries answers, details or hashes.
    `timeout`: the longest a PostgreSQL statement or lock wait may take (timeouts.py); a pool
    with no free connection for as long answers 503 too."""
    url = normalize_url(url)
    if url.startswith("sqlite"):
        _private_sqlite_file(url)
        return create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
                             hide_parameters=True)
    engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5,
                           pool_timeout=timeout, hide_parameters=True,
                           connect_args=timeouts.postgres_connect_args(timeout))
    event.listen(engine, "do_connect", timeouts.connect_postgres(timeout))
    return engine


def get_engine(app: Flask | None = None) -> Engine:
    """This process's engine for the app, created (and the schema upgraded) on first use."""
    app = app or current_app
    state = app.extensions.setdefault("db", {})
    if state.get("pid") != os.getpid():
        engine = make_engine(app.config["DATABASE_URL"], app.config["DATABASE_TIMEOUT"])
        upgrade(engine)
        state.update(pid=os.getpid(), engine=engine)
    return state["engine"]


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Alembic upgrade inside one write transaction; concurrent callers wait, then no-op."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    for attempt in range(_MIGRATE_ATTEMPTS):
        try:
            with engine.connect() as conn, conn.begin():
                begin(conn, write=True)
                if conn.dialect.name == "postgresql":  # other workers wait for this one
                    _patient(conn)
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATE_LOCK_ID})")
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, revision)
            return
        except OperationalError as exc:
            # SQLite can answer "database is locked" at once, without waiting out the busy
            # timeout (seen on a loaded machine when several workers open a new file together);
            # the upgrade is idempotent, so wait a little and try again
            locked = engine.dialect.name == "sqlite" and "locked" in str(exc.orig)
            if not locked or attempt == _MIGRATE_ATTEMPTS - 1:
                raise
            engine.dispose()
            time.sleep(0.1 * 2 ** attempt)


def _patient(conn) -> None:
    """A migration may wait for another worker's, and take its time: a minute, for this
    transaction only (the client's own wait is set back when the connection is returned)."""
    conn.exec_driver_sql("SET LOCAL lock_timeout = '60s'")
    conn.exec_driver_sql("SET LOCAL statement_timeout = '60s'")
    conn.connection.dbapi_connection.client_timeout = 61


@event.listens_for(Engine, "checkin")
def _usual_wait(dbapi_connection, _record):
    if isinstance(dbapi_connection, timeouts.TimedConnection):
        dbapi_connection.client_timeout = dbapi_connection.usual_timeout


@contextmanager
def session(write: bool = False):
    """A session in one transaction: committed on success, rolled back on error."""
    with get_engine().connect() as conn, Session(bind=conn) as s, conn.begin():
        begin(conn, write)
        yield s
        s.flush()


@contextmanager
def reading(app: Flask | None = None):
    """A pooled connection for one Core query (no ORM session; on SQLite no BEGIN): store.head."""
    with get_engine(app).connect() as conn:
        yield conn


def dispose(app: Flask) -> None:
    """Close this process's pooled connections (tests, and before a fork)."""
    state = app.extensions.get("db", {})
    if state.get("engine") is not None:
        engine = state.pop("engine")
        engine.dispose()
        state.pop("pid", None)
