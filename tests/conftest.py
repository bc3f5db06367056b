"""Shared fixtures: the app on a fresh SQLite file (or TEST_DATABASE_URL), a client, the rules,
and complete answer sets to start from; `db_app`/`db_client` run a test on SQLite and on
PostgreSQL (TEST_POSTGRES_URL, skipped with a message when unset), each on an empty database."""
from __future__ import annotations

import os

import pytest

from app import create_app
from app.storage import db
from app.model.rules_build import load_rules

# A complete, valid answer set: employed and content, a recruiter call about a so-so role.
BASE_ANSWERS = {
    "employment": "employed_happy", "searching": "not_looking", "last_interview": "1_to_3y",
    "pivot": "no", "source": "recruiter", "role_interest": "low", "company": "neutral",
    "fit": "partial", "industry": "same", "stage": "first", "prep_time": "some",
    "time_off": "easy", "unsettle": "no", "other_offers": "none",
}


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
        "DATABASE_URL": os.environ.get("TEST_DATABASE_URL")
        or f"sqlite:///{tmp_path / 'test.sqlite3'}",
    })
    yield app
    db.dispose(app)


@pytest.fixture()
def client(app):
    return app.test_client()


POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL")


def empty_postgres(url: str) -> None:
    """Drop what earlier tests made, so each test starts from an empty database."""
    from sqlalchemy import text

    engine = db.make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS cards, results, alembic_version CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'results.sqlite3'}"
    if not POSTGRES_URL:
        pytest.skip("PostgreSQL tests need TEST_POSTGRES_URL, e.g. after "
                    "`bash recipes/postgres.sh temp`: "
                    "postgresql+psycopg://app:app@127.0.0.1:55432/appdb")
    empty_postgres(POSTGRES_URL)
    return POSTGRES_URL


@pytest.fixture()
def db_app(db_url):
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret",
                      "WTF_CSRF_ENABLED": False, "DATABASE_URL": db_url})
    yield app
    db.dispose(app)


@pytest.fixture()
def db_client(db_app):
    return db_app.test_client()


def make_result(app, answers=None, details=None):
    """Store a result through the real final POST: (token, owner cookie value)."""
    from app.web.owner import OWNER_COOKIE

    import re

    client = app.test_client()
    with client.session_transaction() as sess:
        sess["wizard"] = {"answers": dict(answers or BASE_ANSWERS)}
    form = dict(details or {})
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/q/check").text)
    if csrf:  # an app with CSRF on: post the page's own token, as a browser would
        form["csrf_token"] = csrf.group(1)
    response = client.post("/q/check", data=form)
    assert response.status_code == 303, response.status_code
    token = response.location.rsplit("/", 1)[1]
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(OWNER_COOKIE + "=")
    return token, cookie.split(";", 1)[0].split("=", 1)[1]
