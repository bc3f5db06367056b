"""A database lock held elsewhere (a migration, a backup, a stuck transaction) makes a request
answer 503 within the database timeout, on SQLite (busy timeout) and PostgreSQL (lock and
statement timeouts), and changes nothing; the same request works once the lock is gone.
The frozen server and the read-only file are in tests/faults/test_stalls.py."""
from __future__ import annotations

import time

from sqlalchemy import text

from app.storage import db, timeouts

from .conftest import make_result
from .support.walk import OWNER_COOKIE


def hold_write_lock(db_app):
    """Another connection that holds a write lock on the results until it is closed."""
    engine = db.make_engine(db_app.config["DATABASE_URL"])
    conn = engine.connect()
    conn.begin()
    db.begin(conn, write=True)  # SQLite: BEGIN IMMEDIATE
    if conn.dialect.name == "postgresql":
        conn.execute(text("LOCK TABLE results IN EXCLUSIVE MODE"))
    return engine, conn


def test_a_held_lock_gives_503_within_the_timeout_then_works(db_app, db_client):
    token, owner = make_result(db_app)
    db_client.set_cookie(OWNER_COOKIE, owner, path=f"/r/{token}")
    limit = (timeouts.SQLITE_BUSY_TIMEOUT if "sqlite" in db_app.config["DATABASE_URL"]
             else db_app.config["DATABASE_TIMEOUT"])
    engine, conn = hold_write_lock(db_app)
    try:
        started = time.monotonic()
        response = db_client.post(f"/r/{token}/delete")
        waited = time.monotonic() - started
    finally:
        conn.close()
        engine.dispose()
    assert response.status_code == 503
    assert limit - 0.5 < waited < limit + 2, waited
    assert db_client.get(f"/r/{token}").status_code == 200  # nothing was deleted
    assert db_client.post(f"/r/{token}/delete").status_code == 303


def test_a_slow_postgres_statement_is_cancelled_by_the_server(db_app):
    if not db_app.config["DATABASE_URL"].startswith("postgresql"):
        return  # SQLite has no statement that waits on a server
    with db_app.app_context():
        started = time.monotonic()
        try:
            with db.session() as s:
                s.execute(text("SELECT pg_sleep(30)"))
        except Exception as exc:  # noqa: BLE001 - which one is the assertion
            failure = exc
        waited = time.monotonic() - started
    assert "statement timeout" in str(failure)
    assert db_app.config["DATABASE_TIMEOUT"] <= waited < db_app.config["DATABASE_TIMEOUT"] + 1
