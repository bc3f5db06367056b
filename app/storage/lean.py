"""One SELECT, compiled once per dialect and run on the pooled DBAPI connection itself.

Why: the result page asks the database on every view whether its result is still live (so a
delete or an expiry takes effect at once on every worker). Through SQLAlchemy's Connection that
question cost about 0.2 ms, mostly the execution machinery around a statement that never
changes; the same SQL on the DBAPI cursor costs a fifth of that. The statement is still built
with SQLAlchemy (store.py) and compiled by it for the engine's dialect, with the bound values
converted by the column types' own processors, so nothing here knows SQLite from PostgreSQL.
Each thread keeps one connection of its own for these reads, taken out of the engine's pool
once and set to autocommit: a single SELECT needs no transaction, and an autocommit connection
holds no lock and no snapshot between reads, so every read sees the latest commit. Checking a
connection out of the pool and back (with its rollback) cost more than the query. After any
driver error the connection is replaced and the read tried once more (a dropped connection is
not always reported as one); a second failure is raised as SQLAlchemy's own error, so the app
answers it as it answers any database error (a 503 when the database is unavailable). Each
thread's connection is one more than the pool's: count them in the database's limit.
"""
from __future__ import annotations

import os
import threading
from threading import Lock

from sqlalchemy.exc import DBAPIError

from .timeouts import Stalled

_compiled: dict = {}
_lock = Lock()
_held = threading.local()


def _compile(statement, dialect):
    """(sql, names in order or None for named parameters, defaults, processors by name)."""
    key = (id(statement), type(dialect), dialect.paramstyle)
    found = _compiled.get(key)
    if found is None or found[0] is not statement:
        compiled = statement.compile(dialect=dialect)
        binds = compiled.binds
        processors = {name: bind.type.dialect_impl(dialect).bind_processor(dialect)
                      for name, bind in binds.items()}
        defaults = {name: bind.value for name, bind in binds.items() if not bind.required}
        order = list(compiled.positiontup) if compiled.positional else None
        found = (statement, (compiled.string, order, defaults,
                             {k: p for k, p in processors.items() if p is not None}))
        with _lock:
            _compiled[key] = found
    return found[1]


class LeanConnection:
    """Runs compiled SQLAlchemy SELECTs for their first row on this thread's kept connection."""

    def __init__(self, engine):
        self.engine, self.dialect = engine, engine.dialect

    def first(self, statement, params: dict) -> tuple | None:
        sql, order, defaults, processors = _compile(statement, self.dialect)
        values = {**defaults, **params}
        for name, process in processors.items():
            values[name] = process(values[name])
        args = tuple(values[n] for n in order) if order is not None else values
        failure = self.dialect.loaded_dbapi.Error
        kept = _kept(self.engine)
        try:
            return _first(kept or _connection(self.engine), sql, args)
        except failure as exc:  # a kept one dropped, closed, locked: a new one, one more try
            release(self.engine)
            if kept is None or isinstance(exc, Stalled):  # a stalled database: answer now
                raise DBAPIError.instance(sql, args, exc, failure, hide_parameters=True,
                                          dialect=self.dialect) from exc
        try:
            return _first(_connection(self.engine), sql, args)
        except failure as exc:  # as SQLAlchemy's own (errors.py: a 503 for an unavailable one)
            raise DBAPIError.instance(sql, args, exc, failure, hide_parameters=True,
                                      dialect=self.dialect) from exc


def _first(connection, sql: str, args) -> tuple | None:
    cursor = connection.cursor()
    try:
        cursor.execute(sql, args)
        row = cursor.fetchone()
    finally:
        cursor.close()
    return tuple(row) if row is not None else None


def _kept(engine):
    """This thread's kept connection for `engine` in this process, or None."""
    held = getattr(_held, "value", None)
    if held is not None and held[0] is engine and held[1] == os.getpid():
        return held[2]
    return None


def _connection(engine):
    """This thread's kept connection for `engine` (a new one after a fork or for a new
    engine: at most one per thread)."""
    if (kept := _kept(engine)) is not None:
        return kept
    held = getattr(_held, "value", None)
    if held is not None:
        release(held[0])
    fairy = engine.raw_connection()
    fairy.detach()  # ours now: no longer counted in, or returned to, the pool
    engine.dialect.set_isolation_level(fairy.dbapi_connection, "AUTOCOMMIT")
    _held.value = (engine, os.getpid(), fairy)
    return fairy


def release(engine) -> None:
    """Close this thread's kept connection for `engine`, if any (never one from a parent
    process: that one belongs to it)."""
    held = getattr(_held, "value", None)
    if held is not None and held[0] is engine:
        _held.value = None
        if held[1] == os.getpid():
            try:
                held[2].close()
            except Exception:  # noqa: BLE001 - a dropped connection may refuse to close
                pass
