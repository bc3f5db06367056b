"""Two app servers behind one imagined load balancer, sharing one PostgreSQL and one Redis
(both started here): a result made on one opens, is limited and is deleted on the other."""
from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from ..servers import Gunicorn, Postgres, Redis
from .people import CSRF, Person


@pytest.fixture(scope="module")
def backends(tmp_path_factory):
    folder = tmp_path_factory.mktemp("backends")
    postgres = Postgres(folder)
    try:
        redis = Redis(folder)
        try:
            yield postgres, redis
        finally:
            redis.stop()
    finally:
        postgres.stop()


@pytest.fixture(scope="module")
def two_servers(backends, tmp_path_factory):
    postgres, redis = backends
    folder = tmp_path_factory.mktemp("servers")
    env = {"DATABASE_URL": postgres.url, "RATELIMIT_STORAGE_URI": redis.url,
           "SECRET_KEY": "shared-by-every-server", "GUNICORN_ACCESS_LOG": ""}
    with Gunicorn(folder / "a.log", env) as a, Gunicorn(folder / "b.log", env) as b:
        yield a, b


def status(url: str) -> int:
    try:
        return urllib.request.urlopen(url, timeout=10).status
    except urllib.error.HTTPError as e:
        return e.code


def test_result_made_on_one_server_opens_is_limited_and_is_deleted_on_the_other(two_servers):
    a, b = two_servers
    person = Person(a.port)
    link = person.finish(person.answer_everything())
    assert status(b.url + link) == 200 and status(b.url + link + ".json") == 200
    # the card limit (30 a minute per client) is counted in the shared Redis: 20 on each
    cards = [status(server.url + link + "/card.png") for _ in range(20) for server in (a, b)]
    assert cards[:30] == [200] * 30 and set(cards[30:]) == {429}
    person.port = b.port  # the load balancer sends the owner to the other server
    code, _, page = person.request("GET", link)
    assert code == 200 and "Delete this result" in page  # the owner is recognised there too
    code, _, page = person.request("GET", link + "/delete")  # "are you sure?"
    assert code == 200
    code, location, _ = person.request("POST", link + "/delete",
                                       {"csrf_token": CSRF.search(page).group(1)})
    assert (code, location) == (303, "/")
    assert status(a.url + link) == 404 and status(b.url + link) == 404
