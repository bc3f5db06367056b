"""160 people finishing at once against gunicorn with the project's configuration, on SQLite
and on PostgreSQL: no error of any kind, and every link handed out opens."""
from __future__ import annotations

import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from ..conftest import POSTGRES_URL, empty_postgres
from ..servers import Gunicorn
from .people import Person

PEOPLE = 160


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'load.sqlite3'}"
    if not POSTGRES_URL:
        pytest.skip("needs TEST_POSTGRES_URL")
    empty_postgres(POSTGRES_URL)
    return POSTGRES_URL


def test_160_people_finishing_at_once(tmp_path, database_url):
    # limits off: 160 people from one loopback address are a load test, not abuse
    with Gunicorn(tmp_path / "gunicorn.log", {"DATABASE_URL": database_url,
                                              "RATELIMIT_ENABLED": "0",
                                              "GUNICORN_ACCESS_LOG": ""}) as server:
        people = [Person(server.port) for _ in range(PEOPLE)]
        barrier = threading.Barrier(PEOPLE, timeout=120)
        with ThreadPoolExecutor(PEOPLE) as pool:
            checks = list(pool.map(lambda p: p.answer_everything(), people))
            started = time.monotonic()
            links = list(pool.map(lambda p, c: p.finish(c, barrier), people, checks))
            burst = time.monotonic() - started
        assert len(set(links)) == PEOPLE
        opened = [urllib.request.urlopen(server.url + link, timeout=30).status for link in links]
        assert opened == [200] * PEOPLE
        log = server.log.read_text()
    assert "Traceback" not in log and "database is locked" not in log, log[-3000:]
    print(f"\n{PEOPLE} finishes at once on {database_url.split(':')[0]}: 0 errors, "
          f"{PEOPLE} links open, the burst of final POSTs answered in {burst:.2f} s")
