"""How long the app waits for the database before answering 503: never for ever.

Why: with no timeout, a database that stops answering (frozen, a lock held by a migration or a
backup, a network that drops packets) holds every app thread that asks it something, and soon
the landing page and /healthz stop answering too. Three limits, each for a different stall:

- connecting: libpq's `connect_timeout` (PostgreSQL; SQLite opens a local file);
- a statement or a lock the server is still working on: PostgreSQL's `statement_timeout` and
  `lock_timeout` (the server cancels the statement), SQLite's busy timeout (db.py);
- a server that answers nothing at all (stopped, frozen by SIGSTOP, a dead network path): the
  server cannot cancel anything then, so the client stops waiting. psycopg passes every wait on
  the connection's socket (a query, a fetch, a commit, the pool's ping, the rollback when a
  connection goes back to the pool) through `Connection.wait`, which takes a timeout:
  `TimedConnection` gives it one, a little longer than the server's own, and closes the
  connection when it expires (its state is unknown), so SQLAlchemy discards it as disconnected.

Every such failure is an OperationalError, which the app answers with 503 (web/errors.py).
`at_most(seconds)` shortens the client's wait for one block of code in this thread: /healthz
answers within its own shorter limit.
"""
from __future__ import annotations

import math
import threading
import time
from contextlib import contextmanager

import psycopg

CONNECT_TIMEOUT = 2  # seconds; libpq's minimum
STATEMENT_TIMEOUT = 3.0  # seconds the server may spend on one statement, or waiting for a lock
CLIENT_GRACE = 0.5  # the client waits this much longer than the server, then gives up
SQLITE_BUSY_TIMEOUT = 5.0  # seconds SQLite waits for another writer's lock

_local = threading.local()


def postgres_connect_args(statement_timeout: float = STATEMENT_TIMEOUT) -> dict:
    ms = int(statement_timeout * 1000)
    return {"connect_timeout": CONNECT_TIMEOUT,
            "options": f"-c statement_timeout={ms} -c lock_timeout={ms}"
                       f" -c idle_in_transaction_session_timeout={ms * 10}"}


@contextmanager
def at_most(seconds: float):
    """Every wait on the database in this block, in this thread, ends within `seconds` of
    its start (a connection that times out is closed: the pool makes a new one)."""
    before = getattr(_local, "deadline", None)
    deadline = time.monotonic() + seconds
    _local.deadline = deadline if before is None else min(before, deadline)
    try:
        yield
    finally:
        _local.deadline = before


class Stalled(psycopg.OperationalError):
    """No answer within the client's limit: the connection was closed (nothing to retry on
    at once: a new connection to the same server would wait as long)."""


class TimedConnection(psycopg.Connection):
    """psycopg's connection, whose waits on the server end after `client_timeout` seconds."""

    client_timeout = usual_timeout = STATEMENT_TIMEOUT + CLIENT_GRACE

    def wait(self, gen, interval=0.1, timeout=None):
        limit = self.client_timeout if timeout is None else min(timeout, self.client_timeout)
        deadline = getattr(_local, "deadline", None)
        if deadline is not None:
            limit = max(0.01, min(limit, deadline - time.monotonic()))
        started = time.monotonic()
        try:
            return super().wait(gen, interval=interval, timeout=limit)
        except psycopg.OperationalError:
            if time.monotonic() - started >= limit and not self.closed:
                self.pgconn.finish()  # half-read answer: the connection cannot be reused
                raise Stalled(f"the database did not answer within {limit:.1f} s") from None
            raise


def connect_postgres(statement_timeout: float):
    """For SQLAlchemy's do_connect event: a TimedConnection whose client wait follows the
    server's statement timeout."""
    def connect(_dialect, _record, cargs, cparams):
        deadline = getattr(_local, "deadline", None)
        if deadline is not None:  # within at_most(): no longer than what is left (libpq: >= 2)
            cparams = {**cparams, "connect_timeout": max(
                CONNECT_TIMEOUT, min(cparams.get("connect_timeout", CONNECT_TIMEOUT),
                                     math.ceil(deadline - time.monotonic())))}
        connection = TimedConnection.connect(*cargs, **cparams)
        connection.client_timeout = connection.usual_timeout = statement_timeout + CLIENT_GRACE
        return connection
    return connect
