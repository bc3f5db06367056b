"""A Core SELECT compiled once per dialect and run on a pooled DBAPI connection.

Why: the look-up every result page view starts with (store.head) is one indexed row, yet going
through a Connection's execute costs several times the query itself (an execution context, a
transaction begun and rolled back, events, a Result object). The statement is still built with
SQLAlchemy Core and compiled by SQLAlchemy for the engine's dialect, once; its parameters go
through their columns' own bind processors (a datetime becomes what SQLite stores); the
connection comes from, and goes back to, the engine's pool (engine.raw_connection(), whose
return to the pool rolls back). Values come back as the driver gives them, so use it only where
the raw values serve (store.head compares them, nothing more).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, Select


class Prepared:
    """`statement`, compiled once for each dialect it meets."""

    def __init__(self, statement: Select):
        self.statement = statement
        self._compiled: dict[Any, tuple[str, tuple[str, ...], dict, dict, bool]] = {}

    def _for(self, dialect) -> tuple[str, tuple[str, ...], dict, dict, bool]:
        found = self._compiled.get(dialect)
        if found is None:
            compiled = self.statement.compile(dialect=dialect)
            names = tuple(compiled.positiontup or ()) if dialect.positional else tuple(
                compiled.binds)
            fixed = {name: bind.value for name, bind in compiled.binds.items()
                     if not bind.required}  # literal values in the statement itself
            processors: dict[str, Callable] = {}
            for name, bind in compiled.binds.items():
                processor = bind.type.bind_processor(dialect)
                if processor is not None:
                    processors[name] = processor
            found = (compiled.string, names, fixed, processors, dialect.positional)
            self._compiled[dialect] = found
        return found

    def params(self, dialect, values: Mapping[str, Any]):
        """The driver's parameters for `values` (by bind name), in its paramstyle."""
        _, names, fixed, processors, positional = self._for(dialect)
        merged = {**fixed, **values}
        for name, processor in processors.items():
            merged[name] = processor(merged[name])
        return tuple(merged[name] for name in names) if positional else merged


class Reader:
    """One pooled DBAPI connection, for prepared reads."""

    def __init__(self, connection, dialect):
        self.connection, self.dialect = connection, dialect

    def first(self, prepared: Prepared, values: Mapping[str, Any]) -> tuple | None:
        """The first row of `prepared` for `values`, as the driver returns it, or None."""
        sql = prepared._for(self.dialect)[0]
        cursor = self.connection.cursor()
        try:
            cursor.execute(sql, prepared.params(self.dialect, values))
            return cursor.fetchone()
        finally:
            cursor.close()


@contextmanager
def reader(engine: Engine):
    """A Reader on a connection checked out of `engine`'s pool, returned (rolled back) after."""
    connection = engine.raw_connection()
    try:
        yield Reader(connection, engine.dialect)
    finally:
        connection.close()
