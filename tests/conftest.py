"""Shared fixtures: the app on a fresh SQLite file (or TEST_DATABASE_URL), a client, the rules,
and complete answer sets to start from."""
from __future__ import annotations

import os

import pytest

from app import create_app
from app.rules import load_rules

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


@pytest.fixture()
def client(app):
    return app.test_client()
