"""A database that stops answering, under README's production command: PostgreSQL frozen with
SIGSTOP (every process of the cluster, as a hung host or a stuck disk looks from outside), and
a SQLite file the app may no longer write, or that is gone. Every route that needs the database
answers 503 within seconds, the landing page keeps answering, /healthz says "unavailable"
within its own short limit, and after the stall everything works again."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from ..servers import Gunicorn, Postgres
from .people import Person

UNKNOWN = "/r/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde"
DB_ROUTE_LIMIT = 6.5  # seconds: one client wait (statement timeout + 0.5 s), one connect (2 s)
HEALTH_LIMIT = 4.0  # /healthz: 1.5 s on a kept connection, then at most one 2 s connect


def timed(port: int, method: str, path: str, body: dict | None = None,
          person: Person | None = None) -> tuple[int, float]:
    person = person or Person(port, timeout=30)
    started = time.monotonic()
    status, _, _ = person.request(method, path, body)
    return status, time.monotonic() - started


def cluster_pids(pg: Postgres) -> list[int]:
    master = int((pg.dir / "postmaster.pid").read_text().split()[0])
    children = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True)
    return [master, *map(int, children.stdout.split())]


@pytest.fixture()
def postgres(tmp_path):
    pg = Postgres(tmp_path)
    yield pg
    for pid in cluster_pids(pg):  # never leave it frozen
        os.kill(pid, signal.SIGCONT)
    pg.stop()


def test_frozen_postgres_gives_503_in_seconds_while_landing_page_answers(tmp_path, postgres):
    env = {"DATABASE_URL": postgres.url, "RATELIMIT_ENABLED": "0", "GUNICORN_ACCESS_LOG": ""}
    with Gunicorn(tmp_path / "gunicorn.log", env) as server:
        person = Person(server.port, timeout=30)
        link = person.finish(person.answer_everything())
        waiting = Person(server.port, timeout=30)
        check = waiting.answer_everything()
        for _ in range(4):  # every thread of both workers holds a pooled connection
            assert timed(server.port, "GET", link)[0] == 200
        assert timed(server.port, "GET", "/healthz")[0] == 200

        frozen = cluster_pids(postgres)
        for pid in frozen:
            os.kill(pid, signal.SIGSTOP)
        try:
            with ThreadPoolExecutor(4) as pool:
                # fewer than one worker's threads (4): the landing page always finds one
                stalled = [pool.submit(timed, server.port, "GET", link)]
                stalled += [pool.submit(timed, server.port, "GET", UNKNOWN)]
                stalled += [pool.submit(timed, server.port, "POST", check[0],
                                        {"csrf_token": check[1]}, waiting)]
                time.sleep(0.5)  # the stalled requests are in, holding threads
                landing = [timed(server.port, "GET", "/") for _ in range(5)]
                health = timed(server.port, "GET", "/healthz")
                answered = [f.result() for f in stalled]
        finally:
            for pid in frozen:
                os.kill(pid, signal.SIGCONT)

        print(f"\nfrozen PostgreSQL: DB routes {[(s, round(t, 2)) for s, t in answered]}, "
              f"landing page {[(s, round(t, 2)) for s, t in landing]}, "
              f"/healthz {(health[0], round(health[1], 2))}")
        assert [status for status, _ in answered] == [503] * 3, answered
        assert max(seconds for _, seconds in answered) < DB_ROUTE_LIMIT, answered
        assert [status for status, _ in landing] == [200] * 5
        assert max(seconds for _, seconds in landing) < 2.0, landing
        assert health[0] == 503 and health[1] < HEALTH_LIMIT, health
        # the database is back: so is every route, without a restart
        deadline = time.monotonic() + 20
        while timed(server.port, "GET", "/healthz")[0] != 200:
            assert time.monotonic() < deadline, "never healthy again"
        assert timed(server.port, "GET", link)[0] == 200
        assert "Traceback" not in server.log.read_text()


def read_only(path: Path) -> None:
    """Root writes any file whatever its mode: as root, the file or folder is made immutable."""
    path.chmod(0o555 if path.is_dir() else 0o444)
    if os.geteuid() == 0:
        if shutil.which("chattr") is None:
            pytest.skip("as root, needs chattr (e2fsprogs) to make a file read-only")
        subprocess.run(["chattr", "+i", str(path)], check=True)


def writable_again(path: Path) -> None:
    if os.geteuid() == 0 and path.exists():
        subprocess.run(["chattr", "-i", str(path)], capture_output=True)


UNAVAILABLE = {"result page": 503, "unknown link": 503, "finish": 503, "health": 503,
               "landing page": 200}


@pytest.mark.parametrize(("fault", "expected"), [
    # reads still work (WAL's -shm can be made beside it); storing a result cannot
    ("read-only file", {**UNAVAILABLE, "result page": 200, "unknown link": 404,
                        "health": 200}),
    ("read-only folder", UNAVAILABLE),  # WAL cannot even read without its -shm file
    ("missing folder", UNAVAILABLE),
])
def test_unwritable_or_missing_sqlite_gives_503_not_500(tmp_path, fault, expected):
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "verdicts.sqlite3"
    env = {"DATABASE_URL": f"sqlite:///{path}", "RATELIMIT_ENABLED": "0",
           "GUNICORN_ACCESS_LOG": ""}
    with Gunicorn(tmp_path / "first.log", env) as server:  # a database with a result in it
        person = Person(server.port)
        link = person.finish(person.answer_everything())
    for leftover in folder.glob("*-*"):  # -wal and -shm: checkpointed on a clean stop
        leftover.unlink()
    if fault == "missing folder":
        path.unlink()
        folder.rmdir()
    frozen = {"read-only file": path, "read-only folder": folder}.get(fault)
    if frozen is not None:
        read_only(frozen)
    try:
        with Gunicorn(tmp_path / "faulty.log", env) as server:
            person = Person(server.port)
            check = person.answer_everything()  # the questionnaire itself keeps working
            statuses = {
                "result page": timed(server.port, "GET", link)[0],
                "unknown link": timed(server.port, "GET", UNKNOWN)[0],
                "finish": timed(server.port, "POST", check[0], {"csrf_token": check[1]},
                                person)[0],
                "health": timed(server.port, "GET", "/healthz")[0],
                "landing page": timed(server.port, "GET", "/")[0],
            }
    finally:
        if frozen is not None:
            writable_again(frozen)
    log = (tmp_path / "faulty.log").read_text()
    assert statuses == expected
    assert "Traceback" not in log, log[-3000:]
