"""Shared fixtures: the app on a fresh SQLite file (or TEST_DATABASE_URL) with CSRF off, the
rules, and a complete answer set to start from; `db_app`/`db_client` run a test on SQLite and on
PostgreSQL (TEST_POSTGRES_URL, skipped with a message when unset), each on an empty database.

pytest-flask provides `client` (the `app`'s test client) and, for the browser tests,
`live_server`. Helpers shared with scripts/ live in tests/support/.
"""
from __future__ import annotations

import json
import os
from datetime import timedelta

import pytest
from sqlalchemy import text

from app import create_app
from app.model.rules_build import load_rules
from app.storage import db

from .support.answers import BASE_ANSWERS
from .support.walk import RESULT_PATH, client_get_verdict, owner_cookie


@pytest.fixture(scope="session")
def rules():
    return load_rules()


@pytest.fixture()
def base_answers():
    return dict(BASE_ANSWERS)


@pytest.fixture()
def app(tmp_path):
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,  # limits have their own tests (test_limits.py)
        "DATABASE_URL": os.environ.get("TEST_DATABASE_URL")
        or f"sqlite:///{tmp_path / 'test.sqlite3'}",
    })
    yield app
    db.dispose(app)


POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL")


def migration_head() -> str:
    """The newest migration (there is one head: migrations/ is linear)."""
    from alembic.script import ScriptDirectory
    heads = ScriptDirectory(str(db.MIGRATIONS)).get_heads()
    assert len(heads) == 1, heads
    return heads[0]


def insert_old_result(conn, rules, token: str, answers: dict, now, revision: int | None = None):
    """A live result row written as an older schema holds it, in plain SQL (the app's models are
    today's), for the migration tests: no details, the owner's secret "owner", 3 days to live;
    `revision` only for schemas that have the column (0006 and later)."""
    from app.model.evaluate import evaluate
    from app.model.serialize import result_to_dict
    from app.storage import store

    extra = ", revision" if revision is not None else ""
    conn.execute(text(
        "INSERT INTO results (token_hash, owner_hash, answers, details, rules_version,"
        f" snapshot, created_at, expires_at{extra})"
        f" VALUES (:t, :o, :a, '{{}}', :r, :s, :c, :e{', :v' if extra else ''})"),
        {"t": store.hash_secret(token), "o": store.hash_secret("owner"),
         "a": json.dumps(answers), "r": rules.version,
         "s": json.dumps(result_to_dict(rules, evaluate(rules, answers), {})),
         "c": now, "e": now + timedelta(days=3), "v": revision})


def empty_postgres(url: str) -> None:
    """Drop what earlier tests made, so each test starts from an empty database."""
    from sqlalchemy import text

    engine = db.make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS device_results, opinions, finishes, cards, results,"
                          " alembic_version CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'results.sqlite3'}"
    if not POSTGRES_URL:
        pytest.skip("PostgreSQL tests need TEST_POSTGRES_URL (.ci/run starts a throwaway "
                    "server and sets it; see README), e.g. "
                    "postgresql+psycopg://app:app@127.0.0.1:5432/appdb")
    empty_postgres(POSTGRES_URL)
    return POSTGRES_URL


@pytest.fixture()
def db_app(db_url):
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret",
                      "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False,
                      "DATABASE_URL": db_url})
    yield app
    db.dispose(app)


@pytest.fixture()
def db_client(db_app):
    return db_app.test_client()


def make_result(app, answers=None, details=None):
    """Store a result through the real wizard (a fresh test client answers every step, then
    posts the details to check answers): (share token, owner cookie value).

    In its own app context: pytest-flask keeps a request context of `app` pushed during each
    test, and requests reuse an app context of their app that is already pushed, so without one
    of its own every client of the test would share one `g`, where Flask-WTF caches the CSRF
    token of the first session that asked for one."""
    with app.app_context():
        response = client_get_verdict(app.test_client(), dict(answers or BASE_ANSWERS),
                                      dict(details or {}))
    assert response.status_code == 303, response.text[:500]
    location = response.headers["Location"]
    assert RESULT_PATH.search(location), location
    return location.rsplit("/", 1)[1], owner_cookie(response)
