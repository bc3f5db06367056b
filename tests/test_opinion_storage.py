"""Second opinions in storage: one row per browser (upserted), read as each viewer may see
them, a stamp that changes with every opinion, gone with the result's expiry; the 0005
migration from a 0004 database with data in it; the limit on posting. SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, inspect, select, text

from app import create_app
from app.storage import db, opinions, store
from app.storage.opinions import StoredOpinion

from .conftest import insert_old_result, make_result, migration_head
from .support.answers import BASE_ANSWERS
from .test_results import set_stored


def count(app) -> int:
    with app.app_context(), db.session() as s:
        return s.scalar(select(func.count()).select_from(StoredOpinion))


def test_one_opinion_per_browser_changed_in_place_and_stamped(db_app):
    token, _ = make_result(db_app)
    now = store.utcnow()
    with db_app.app_context():
        with db.reading() as conn:  # the result page's lean look-up: its version
            before = store.head(conn, token, now=now).version
        stamps = [before]
        for secret, choice, note in (("a" * 43, "go", "Yes"), ("a" * 43, "go", "Yes"),
                                     ("b" * 43, "unsure", None), ("a" * 43, "decline", None)):
            with db.session(write=True) as s:
                assert opinions.give(s, token, secret, choice, note, now=now) is True
            with db.reading() as conn:
                stamps.append(store.head(conn, token, now=now).version)
        assert len(set(stamps)) == len(stamps)  # every change, even the same answer again
        with db.session() as s:
            mine = opinions.read(s, token, now=now, browser_secret="b" * 43)
            owner = opinions.read(s, token, now=now, owner=True)
            assert opinions.read(s, "x" * 43, now=now) is None
        with db.session(write=True) as s:
            assert opinions.give(s, "x" * 43, "a" * 43, "go", None, now=now) is False
    assert before[1:] == (None, 0, 0)  # no "How sure?" yet, no opinion
    assert mine.tally == {"go": 0, "decline": 1, "unsure": 1}
    assert (mine.mine, mine.notes, mine.confidence) == (
        {"choice": "unsure", "note": None, "earlier": False}, [], None)
    assert owner.mine is None and owner.notes == []  # the note went when "a" changed its mind
    assert count(db_app) == 2


def test_opinions_are_purged_with_their_expired_result(db_app):
    keep, _ = make_result(db_app)
    gone, _ = make_result(db_app)
    for token in (keep, gone):
        db_app.test_client().post(f"/r/{token}/opinion", data={"opinion": "go", "note": "Hi"})
    assert count(db_app) == 2
    set_stored(db_app, gone, expires_at=store.utcnow() - timedelta(seconds=1))
    assert db_app.test_client().post(f"/r/{gone}/opinion",
                                     data={"opinion": "go"}).status_code == 404
    output = db_app.test_cli_runner().invoke(args=["purge-results"]).output.strip()
    assert output == "Deleted 1 expired result."
    assert count(db_app) == 1
    assert "1 would go" in db_app.test_client().get(f"/r/{keep}").text


def test_upgrade_from_0004_keeps_results_and_adds_opinions(db_url, rules):
    old = db.make_engine(db_url)
    db.upgrade(old, "0004")
    token, now = "T" * 43, store.utcnow()
    with old.begin() as conn:
        insert_old_result(conn, rules, token, BASE_ANSWERS, now)
        conn.execute(text("INSERT INTO finishes (result_id, finish_hash, seal) "
                          "SELECT id, :f, 'ab' FROM results"), {"f": "f" * 64})
    old.dispose()

    app = create_app({"TESTING": True, "SECRET_KEY": "x", "DATABASE_URL": db_url,
                      "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
    client = app.test_client()
    assert client.get(f"/r/{token}").status_code == 200
    assert client.post(f"/r/{token}/opinion", data={"opinion": "go"}).status_code == 303
    with db.get_engine(app).connect() as conn:
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert version == migration_head()
        assert conn.execute(text("SELECT confidence FROM results")).scalar() is None
        assert conn.execute(text("SELECT choice FROM opinions")).scalar() == "go"
        assert "ux_opinions_result_browser" in {
            i["name"] for i in inspect(conn).get_indexes("opinions")}
    with app.app_context(), db.session(write=True) as s:  # the cascade works on either database
        s.execute(text("DELETE FROM results"))
    assert count(app) == 0
    db.dispose(app)


def test_posting_opinions_is_limited(tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "WTF_CSRF_ENABLED": False,
                      "RATELIMIT_OPINIONS": "2 per minute",
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'limits.sqlite3'}"})
    token, owner = make_result(app)
    client = app.test_client()
    codes = [client.post(f"/r/{token}/opinion", data={"opinion": "go"}).status_code
             for _ in range(3)]
    assert codes == [303, 303, 429]
    client.set_cookie("iv_owner", owner, path=f"/r/{token}")
    codes = [client.post(f"/r/{token}/confidence", data={"confidence": "sure"}).status_code
             for _ in range(3)]
    assert codes == [303, 303, 429]
    db.dispose(app)


def test_downgrade_to_0004_keeps_results_and_their_finishes(db_app, db_url):
    from alembic import command
    from alembic.config import Config

    token, _ = make_result(db_app)
    db_app.test_client().post(f"/r/{token}/opinion", data={"opinion": "go"})
    db.dispose(db_app)
    engine = db.make_engine(db_url)
    cfg = Config()
    cfg.set_main_option("script_location", str(db.MIGRATIONS))
    with engine.connect() as conn, conn.begin():
        db.begin(conn, write=True)
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0004")
    with engine.connect() as conn:
        assert not inspect(conn).has_table("opinions")
        assert "confidence" not in {c["name"] for c in inspect(conn).get_columns("results")}
        assert conn.execute(text("SELECT count(*) FROM finishes")).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM results")).scalar() == 1
    engine.dispose()


FRIEND_A, FRIEND_B = "a" * 43, "b" * 43


def give(app, token, secret, choice, note=None):
    with app.app_context(), db.session(write=True) as s:
        return opinions.give(s, token, secret, choice, note, now=store.utcnow())


def read(app, token, **viewer):
    with app.app_context(), db.session() as s:
        return opinions.read(s, token, now=store.utcnow(), **viewer)


def owner_updates(app, rules, token):
    from app.model.submission import check_submission
    submission, problems = check_submission(rules, {**BASE_ANSWERS, "role_interest": "high"}, {})
    assert not problems
    with app.app_context(), db.session(write=True) as s:
        assert store.update(s, rules, token, submission, now=store.utcnow())


def test_answers_about_an_earlier_verdict_are_marked_and_not_counted(db_app, rules):
    token, _ = make_result(db_app)
    give(db_app, token, FRIEND_A, "go", "Take it")
    give(db_app, token, FRIEND_B, "decline")
    assert read(db_app, token).tally == {"go": 1, "decline": 1, "unsure": 0}
    owner_updates(db_app, rules, token)
    seen = read(db_app, token, owner=True)
    assert (seen.tally, seen.earlier) == ({"go": 0, "decline": 0, "unsure": 0}, 2)
    assert [(n["note"], n["earlier"]) for n in seen.notes] == [("Take it", True)]
    assert read(db_app, token, browser_secret=FRIEND_B).mine == {
        "choice": "decline", "note": None, "earlier": True}
    give(db_app, token, FRIEND_B, "unsure")  # answering again: about the verdict as it is now
    seen = read(db_app, token, browser_secret=FRIEND_B)
    assert (seen.tally, seen.earlier) == ({"go": 0, "decline": 0, "unsure": 1}, 1)
    assert seen.mine == {"choice": "unsure", "note": None, "earlier": False}


def test_a_friend_withdraws_their_own_answer_only(db_app):
    token, _ = make_result(db_app)
    give(db_app, token, FRIEND_A, "go", "Yes")
    give(db_app, token, FRIEND_B, "decline")
    with db_app.app_context(), db.session(write=True) as s:
        assert opinions.withdraw(s, token, FRIEND_A, now=store.utcnow()) is True
        assert opinions.withdraw(s, token, FRIEND_A, now=store.utcnow()) is False  # none left
        assert opinions.withdraw(s, "x" * 43, FRIEND_B, now=store.utcnow()) is False
    seen = read(db_app, token, owner=True)
    assert (seen.tally, seen.notes) == ({"go": 0, "decline": 1, "unsure": 0}, [])
    assert count(db_app) == 1


def test_the_owner_removes_a_note_and_the_answer_stays_counted(db_app):
    token, _ = make_result(db_app)
    other, _ = make_result(db_app)
    give(db_app, token, FRIEND_A, "go", "Rude words")
    give(db_app, token, FRIEND_B, "go", "Kind words")
    give(db_app, other, FRIEND_A, "go", "Rude words")
    handle = next(n["handle"] for n in read(db_app, token, owner=True).notes
                  if n["note"] == "Rude words")
    assert FRIEND_A not in handle and store.hash_secret(FRIEND_A) not in handle
    with db_app.app_context(), db.session(write=True) as s:
        assert opinions.remove_note(s, other, "0" * 24, now=store.utcnow()) is False
        assert opinions.remove_note(s, token, handle, now=store.utcnow()) is True
        assert opinions.remove_note(s, token, handle, now=store.utcnow()) is False
    seen = read(db_app, token, owner=True)
    assert [n["note"] for n in seen.notes] == ["Kind words"]
    assert seen.tally["go"] == 2
    assert [n["note"] for n in read(db_app, other, owner=True).notes] == ["Rude words"]


def test_upgrade_from_0007_keeps_opinions_counted(db_url, rules):
    old = db.make_engine(db_url)
    db.upgrade(old, "0007")
    token, now = "U" * 43, store.utcnow()
    with old.begin() as conn:
        insert_old_result(conn, rules, token, BASE_ANSWERS, now, revision=4)
        for secret, choice, note in ((FRIEND_A, "go", "Yes"), (FRIEND_B, "unsure", None)):
            conn.execute(text(
                "INSERT INTO opinions (result_id, browser_hash, choice, note, created_at,"
                " updated_at, revision) SELECT id, :b, :ch, :n, :c, :c, 1 FROM results"),
                {"b": store.hash_secret(secret), "ch": choice, "n": note, "c": now})
    old.dispose()
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "DATABASE_URL": db_url,
                      "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
    seen = read(app, token, owner=True)
    assert (seen.tally, seen.earlier) == ({"go": 1, "decline": 0, "unsure": 1}, 0)
    with db.get_engine(app).connect() as conn:
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert version == migration_head()
        assert sorted(conn.execute(text("SELECT result_revision FROM opinions")).scalars()) == [
            4, 4]
    owner_updates(app, rules, token)
    assert read(app, token).earlier == 2
    db.dispose(app)
