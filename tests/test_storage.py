"""Storage: URLs, SQLite pragmas and write transactions, lazy engines, migrations (including an
upgrade from an older revision that keeps its rows), validation before the database, purge."""
from __future__ import annotations

import json
import sqlite3
import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, inspect, select, text

from app import create_app
from app.model.submission import check_submission
from app.storage import db, store
from app.storage.models import StoredResult

from .conftest import make_result, migration_head
from .support.answers import BASE_ANSWERS
from .support.walk import client_get_verdict

DETAIL_FIELDS = ("company_name", "role_title", "contact_name")


@pytest.mark.parametrize("given, expected", [
    ("postgres://u:p@h:5432/d", "postgresql+psycopg://u:p@h:5432/d"),
    ("postgresql://u:p@h/d", "postgresql+psycopg://u:p@h/d"),
    ("postgresql+psycopg://u:p@h/d", "postgresql+psycopg://u:p@h/d"),
    ("sqlite:////tmp/x.db", "sqlite:////tmp/x.db"),
])
def test_database_url_spellings(given, expected):
    assert db.normalize_url(given) == expected


def test_default_database_is_sqlite_in_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app({"TESTING": True, "SECRET_KEY": "x"})
    assert app.config["DATABASE_URL"] == f"sqlite:///{app.instance_path}/interview_verdict.sqlite3"


def test_nothing_is_opened_until_first_use(tmp_path):
    path = tmp_path / "lazy.sqlite3"
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "DATABASE_URL": f"sqlite:///{path}"})
    assert not path.exists() and "engine" not in app.extensions.get("db", {})
    token, _ = make_result(app)
    assert path.exists()
    assert app.test_client().get(f"/r/{token}").status_code == 200
    db.dispose(app)


def test_sqlite_pragmas_on_every_connection(app):
    engine = db.get_engine(app)
    for _ in range(2):
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == db.BUSY_TIMEOUT_MS
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        engine.dispose()  # a new pool: the listener is engine-wide, not per connection object


def test_sqlite_writes_begin_immediate(app, tmp_path):
    with app.app_context():
        db.get_engine()
        with db.session(write=True):
            other = sqlite3.connect(tmp_path / "test.sqlite3", timeout=0.05, isolation_level=None)
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
            other.close()
        with db.session():  # a read takes no write lock
            other = sqlite3.connect(tmp_path / "test.sqlite3", timeout=0.05, isolation_level=None)
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
            other.close()


def test_engine_is_made_once_per_process(app, monkeypatch):
    first = db.get_engine(app)
    assert db.get_engine(app) is first
    monkeypatch.setattr(db.os, "getpid", lambda: -1)  # as after a fork
    assert db.get_engine(app) is not first


def test_migrations_match_the_models(db_app):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from app.storage.models import Base

    engine = db.get_engine(db_app)
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert version == migration_head()


def test_upgrade_from_an_older_revision_keeps_results(db_url, rules):
    """A database made by revision 0001, with a result in it, upgraded on first use."""
    from app.model.evaluate import evaluate
    from app.model.serialize import result_to_dict

    old = db.make_engine(db_url)
    db.upgrade(old, "0001")
    token, now = "T" * 43, store.utcnow()
    snapshot = result_to_dict(rules, evaluate(rules, BASE_ANSWERS), {"company_name": "Acme"})
    with old.connect() as conn, conn.begin():
        db.begin(conn, write=True)
        conn.execute(text(
            "INSERT INTO results (token_hash, owner_hash, answers, details, snapshot, created_at,"
            " expires_at) VALUES (:t, :o, :a, :d, :s, :c, :e)"),
            {"t": store.hash_secret(token), "o": store.hash_secret("owner"),
             "a": json.dumps(BASE_ANSWERS), "d": '{"company_name": "Acme"}',
             "s": json.dumps(snapshot),
             "c": now, "e": now + timedelta(days=3)})
    old.dispose()

    app = create_app({"TESTING": True, "SECRET_KEY": "x", "DATABASE_URL": db_url})
    page = app.test_client().get(f"/r/{token}")
    assert page.status_code == 200
    assert snapshot["verdict"]["label"].replace("'", "&#39;") in page.text and "Acme" in page.text
    with db.get_engine(app).connect() as conn:
        assert conn.execute(text("SELECT rules_version FROM results")).scalar() == rules.version
        assert "ix_results_expires_at" in {i["name"] for i in inspect(conn).get_indexes("results")}
    db.dispose(app)


def test_upgrade_is_safe_from_several_workers_at_once(db_url):
    engines = [db.make_engine(db_url) for _ in range(4)]
    errors = []

    def run(engine):
        try:
            db.upgrade(engine)
        except Exception as exc:  # pragma: no cover - the failure we guard against
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(e,)) for e in engines]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with engines[0].connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
    for e in engines:
        e.dispose()


def test_db_upgrade_command(db_app):
    result = db_app.test_cli_runner().invoke(args=["db-upgrade"])
    assert result.exit_code == 0 and "up to date" in result.output
    assert inspect(db.get_engine(db_app)).has_table("results")


def _count(app) -> int:
    with app.app_context(), db.session() as s:
        return s.scalar(select(func.count()).select_from(StoredResult))


@pytest.mark.parametrize("details", [
    {"company_name": "Acme\x00Corp"}, {"role_title": "Dev\x07"}, {"contact_name": "x" * 81},
    {"nickname": "x"}, {"company_name": 7},
])
def test_bad_details_are_refused_before_the_database(db_app, rules, details):
    submission, errors = check_submission(rules, BASE_ANSWERS, details)
    assert submission is None and errors  # storage only ever receives a checked Submission
    if set(details) <= set(DETAIL_FIELDS) and all(isinstance(v, str) for v in details.values()):
        # what a form can carry: the final POST refuses it too, back to the details step
        client = db_app.test_client()
        response = client_get_verdict(client, BASE_ANSWERS, details)
        assert (response.status_code, response.headers["Location"]) == (303, "/q/details")
        assert 'role="alert"' in client.get("/q/details").text
    assert _count(db_app) == 0


def test_secrets_are_stored_hashed(db_app):
    token, owner = make_result(db_app, details={"company_name": "Acme"})
    with db.get_engine(db_app).connect() as conn:
        row = conn.execute(text("SELECT * FROM results")).mappings().one()
    dump = repr(dict(row))
    assert token not in dump and owner not in dump
    assert row["token_hash"] == store.hash_secret(token)


def test_purge_results_deletes_only_expired_and_is_idempotent(db_app):
    keep, _ = make_result(db_app)
    gone, _ = make_result(db_app)
    with db_app.app_context(), db.session(write=True) as s:
        row = s.scalar(select(StoredResult)
                       .where(StoredResult.token_hash == store.hash_secret(gone)))
        row.expires_at = store.utcnow() - timedelta(seconds=1)
    runner = db_app.test_cli_runner()
    assert runner.invoke(args=["purge-results"]).output.strip() == "Deleted 1 expired result."
    assert runner.invoke(args=["purge-results"]).output.strip() == "Deleted 0 expired results."
    assert _count(db_app) == 1
    client = db_app.test_client()
    assert client.get(f"/r/{keep}").status_code == 200
    assert client.get(f"/r/{gone}").status_code == 404


def test_an_upgrade_that_finds_sqlite_locked_at_once_waits_and_tries_again(tmp_path,
                                                                            monkeypatch):
    """SQLite may answer "database is locked" without waiting out the busy timeout when
    several workers open a new file together; the upgrade (idempotent) tries again."""
    from alembic import command
    from sqlalchemy.exc import OperationalError

    real, calls = command.upgrade, []

    def flaky(cfg, revision):
        calls.append(revision)
        if len(calls) < 3:
            raise OperationalError("BEGIN", {}, sqlite3.OperationalError("database is locked"))
        real(cfg, revision)

    monkeypatch.setattr(command, "upgrade", flaky)
    engine = db.make_engine(f"sqlite:///{tmp_path / 'locked.sqlite3'}")
    db.upgrade(engine)
    assert len(calls) == 3 and inspect(engine).has_table("results")

    def broken(cfg, revision):
        raise OperationalError("BEGIN", {}, sqlite3.OperationalError("disk I/O error"))

    monkeypatch.setattr(command, "upgrade", broken)
    with pytest.raises(OperationalError, match="disk I/O"):  # anything else is not retried
        db.upgrade(engine)
    engine.dispose()


def test_an_update_gives_the_result_page_a_new_version_and_a_view_none(db_app, rules):
    """The lean look-up's version (the kept page's key) moves with every update of the answers
    or details, even to the same answers; reading does not move it."""
    token, _ = make_result(db_app)
    with db_app.app_context():
        def version():
            with db.reading() as conn:
                return store.head(conn, token, now=store.utcnow()).version
        first = version()
        assert version() == first
        submission, problems = check_submission(rules, dict(BASE_ANSWERS), {})
        assert not problems
        seen = [first]
        for _ in range(2):  # the same answers twice: still a new version each time
            with db.session(write=True) as s:
                assert store.update(s, rules, token, submission, now=store.utcnow())
            seen.append(version())
        assert len(set(seen)) == 3
        with db.session() as s:
            assert s.scalar(select(StoredResult.revision)) == 2
