"""kill -9 of gunicorn's master and every worker in the middle of a stream of finishes, on
SQLite, three times over: the database passes its integrity check and every link that was
handed out before the crash still opens."""
from __future__ import annotations

import os
import sqlite3
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from ..servers import Gunicorn
from .people import Person

STREAMS = 8
ROUNDS = int(os.environ.get("CRASH_ROUNDS", "3"))  # longer runs by hand: CRASH_ROUNDS=20
SECONDS_BEFORE_KILL = float(os.environ.get("CRASH_SECONDS", "4"))


def stream_of_finishes(port: int, links: list, stop: threading.Event) -> int:
    """One person after another finishing, until the server dies; returns failures seen."""
    failures = 0
    while not stop.is_set():
        try:
            person = Person(port, timeout=10)
            links.append(person.finish(person.answer_everything()))
        except Exception:  # noqa: BLE001 - the server being killed under us is the point
            failures += 1
            time.sleep(0.05)
    return failures


def test_kill_9_during_finishes_loses_no_handed_out_link(tmp_path):
    path = tmp_path / "crash.sqlite3"
    env = {"DATABASE_URL": f"sqlite:///{path}", "RATELIMIT_ENABLED": "0",
           "GUNICORN_ACCESS_LOG": ""}
    handed_out: list[str] = []
    for round_ in range(ROUNDS):
        server = Gunicorn(tmp_path / f"gunicorn-{round_}.log", env)
        links: list[str] = []
        stop = threading.Event()
        with ThreadPoolExecutor(STREAMS) as pool:
            futures = [pool.submit(stream_of_finishes, server.port, links, stop)
                       for _ in range(STREAMS)]
            time.sleep(SECONDS_BEFORE_KILL)
            server.kill9()
            stop.set()
            [f.result() for f in futures]
        assert links, "no finish completed before the kill"
        handed_out += links
    check = sqlite3.connect(path)
    try:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = check.execute("SELECT count(*) FROM results").fetchone()[0]
    finally:
        check.close()
    with Gunicorn(tmp_path / "gunicorn-after.log", env) as server:
        opened = [urllib.request.urlopen(server.url + link, timeout=30).status
                  for link in handed_out]
    assert opened == [200] * len(handed_out)
    assert stored >= len(handed_out)
    print(f"\nkill -9 x{ROUNDS}: {len(handed_out)} links handed out, {stored} rows stored, "
          "integrity_check ok, 0 lost")
