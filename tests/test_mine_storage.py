"""Your interviews in storage and through the app, on SQLite and PostgreSQL: what is stored with
a result made on a device (only the cookie's hash, the link sealed), delete and expiry taking a
row off the list at once, forgetting a device, the cookie's attributes, the links to /mine, and
the 0007 migration from a 0006 database with results in it."""
from __future__ import annotations

import hashlib
import json
import re
from datetime import timedelta

import pytest
from sqlalchemy import inspect, text

from app import create_app
from app.storage import db, store

from .conftest import insert_old_result
from .support.answers import BASE_ANSWERS, CLOSE, DECLINE, GO, MIXED
from .support.walk import client_get_verdict
from .test_results import set_stored


def make(client, answers, details=None) -> str:
    """A result made by this client (one browser): its token."""
    response = client_get_verdict(client, dict(answers), dict(details or {}))
    assert response.status_code == 303, response.text[:300]
    return response.headers["Location"].rsplit("/", 1)[1]


def listed(client) -> list[str]:
    """The tokens /mine links to, in order."""
    import re
    page = client.get("/mine")
    assert page.status_code == 200
    return re.findall(r'class="mine-item.*?href="/r/([A-Za-z0-9_-]{43})"', page.text, re.S)


def device_cookie(client):
    return client.get_cookie("iv_device")


def rows(app) -> list[tuple]:
    with db.get_engine(app).connect() as conn:
        return [tuple(r) for r in conn.execute(text(
            "SELECT d.device_hash, d.link_seal, r.token_hash FROM device_results d "
            "JOIN results r ON r.id = d.result_id ORDER BY r.id"))]


def test_only_the_cookies_hash_is_stored_and_the_link_is_sealed(db_app):
    client = db_app.test_client()
    with db_app.app_context():
        tokens = [make(client, GO), make(client, DECLINE)]
    secret = device_cookie(client).value
    stored = rows(db_app)
    expected = hashlib.sha256(b"device\0" + secret.encode()).hexdigest()
    assert [(h, t) for h, _, t in stored] == [(expected, store.hash_secret(x)) for x in tokens]
    with db.get_engine(db_app).connect() as conn:
        dump = json.dumps([list(map(str, r)) for table in ("results", "device_results",
                                                           "finishes")
                           for r in conn.execute(text(f"SELECT * FROM {table}"))])
    assert secret not in dump and not any(token in dump for token in tokens)
    assert all(len(seal) == 64 and seal != tokens[0] for _, seal, _ in stored)
    assert listed(client) == [tokens[0], tokens[1]]


@pytest.mark.parametrize("how", ["delete", "expire", "purge"])
def test_delete_and_expiry_take_a_row_off_the_list_at_once(db_app, how):
    client = db_app.test_client()
    with db_app.app_context():
        go, close = make(client, GO), make(client, CLOSE)
    assert listed(client) == [go, close]
    if how == "delete":
        response = client.post(f"/r/{close}/delete", data={"from": "mine"})
        assert (response.status_code, response.headers["Location"]) == (303, "/mine")
    else:
        set_stored(db_app, close, expires_at=store.utcnow() - timedelta(seconds=1))
        if how == "purge":
            output = db_app.test_cli_runner().invoke(args=["purge-results"]).output.strip()
            assert output == "Deleted 1 expired result."
    assert listed(client) == [go]
    assert len(rows(db_app)) == (2 if how == "expire" else 1)


def test_forget_removes_the_hashes_and_the_cookie_not_the_results(db_app):
    client, other = db_app.test_client(), db_app.test_client()
    with db_app.app_context():
        mine, theirs = make(client, GO), make(other, DECLINE)
    response = client.post("/mine/forget")
    assert (response.status_code, response.headers["Location"]) == (303, "/mine")
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("iv_device="))
    assert "Max-Age=0" in cookie and "Path=/" in cookie
    assert device_cookie(client) is None and listed(client) == []
    assert len(rows(db_app)) == 1  # the other browser's
    assert listed(other) == [theirs]
    assert db_app.test_client().get(f"/r/{mine}").status_code == 200


@pytest.mark.parametrize(("config", "secure"), [
    ({}, False), ({"SESSION_COOKIE_SECURE": True}, True)])
def test_the_device_cookie_is_set_only_when_a_result_is_made(tmp_path, config, secure):
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "WTF_CSRF_ENABLED": False,
                      "RATELIMIT_ENABLED": False, **config,
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'c.sqlite3'}"})
    client = app.test_client()
    for path in ("/", "/mine", "/mine/forget", "/q/"):
        response = client.get(path)
        assert not any(c.startswith("iv_device=")
                       for c in response.headers.getlist("Set-Cookie")), path
    client.post("/mine/forget")
    assert device_cookie(client) is None
    with app.app_context():
        response = client_get_verdict(client, dict(BASE_ANSWERS), {})
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("iv_device="))
    value, *attributes = [a.strip() for a in cookie.split(";")]
    assert len(value.split("=", 1)[1]) == 43
    assert {"HttpOnly", "Path=/", "SameSite=Lax", f"Max-Age={90 * 86400}"} <= set(attributes)
    assert ("Secure" in attributes) is secure
    db.dispose(app)


def test_the_landing_and_owner_pages_link_to_mine_once_there_are_results(db_app):
    client = db_app.test_client()
    assert 'href="/mine"' not in client.get("/").text
    with db_app.app_context():
        token = make(client, MIXED)
    assert 'href="/mine"' in client.get("/").text
    assert 'href="/mine"' in client.get(f"/r/{token}").text  # the owner's page
    assert 'href="/mine"' not in db_app.test_client().get(f"/r/{token}").text  # a friend's
    client.post(f"/r/{token}/delete")
    assert 'href="/mine"' not in client.get("/").text  # nothing live left


def test_a_wrong_device_cookie_lists_nothing_and_changes_nothing(db_app):
    client = db_app.test_client()
    with db_app.app_context():
        make(client, GO)
    for value in ("x" * 43, "<script>", ""):
        stranger = db_app.test_client()
        stranger.set_cookie("iv_device", value)
        assert listed(stranger) == []
        assert stranger.post("/mine/forget").status_code == 303
    assert len(rows(db_app)) == 1


def test_upgrade_from_0006_keeps_results_and_lists_none_of_them(db_url, rules):
    old = db.make_engine(db_url)
    db.upgrade(old, "0006")
    token, now = "T" * 43, store.utcnow()
    with old.begin() as conn:
        insert_old_result(conn, rules, token, GO, now)
    old.dispose()

    app = create_app({"TESTING": True, "SECRET_KEY": "x", "DATABASE_URL": db_url,
                      "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
    client = app.test_client()
    assert client.get(f"/r/{token}").status_code == 200
    with app.app_context():
        made = make(client, DECLINE)
    assert listed(client) == [made]  # the older result is not listed; nobody was asked
    with db.get_engine(app).connect() as conn:
        columns = {c["name"]: c for c in inspect(conn).get_columns("device_results")}
        assert set(columns) == {"result_id", "device_hash", "link_seal"}
        assert not any(c["nullable"] for c in columns.values())
        assert inspect(conn).get_pk_constraint("device_results")["constrained_columns"] == [
            "result_id"]
        assert [(f["referred_table"], f["options"].get("ondelete")) for f in
                inspect(conn).get_foreign_keys("device_results")] == [("results", "CASCADE")]
        assert {i["name"] for i in inspect(conn).get_indexes("device_results")} == {
            "ix_device_results_device_hash"}
        assert conn.execute(text("SELECT count(*) FROM results")).scalar() == 2
    with app.app_context(), db.session(write=True) as s:  # the cascade works on either database
        s.execute(text("DELETE FROM results"))
    assert rows(app) == []
    db.dispose(app)


def test_the_page_says_which_to_prepare_for_first_when_time_is_short(db_app, rules):
    client = db_app.test_client()
    with db_app.app_context():
        make(client, dict(GO, role_interest="some", prep_time="some"), {"company_name": "Beta"})
        make(client, dict(GO, prep_time="some"), {"company_name": "Alpha", "role_title": "Lead"})
    page = client.get("/mine").text
    sentence = rules.side_by_side["want_most"].replace(
        "{first}", "the first one on this list (Lead at Alpha)")
    assert sentence.replace("'", "&#39;") in page
    assert rules.sources["003"]["title"].replace("'", "&#39;") in page


@pytest.mark.parametrize(("answers", "words"), [
    (GO, lambda rules: rules.wording["clear"]),  # clear-cut: no answer would change it
    (DECLINE, lambda rules: rules.questions["fit"].hinge),  # turns on one answer, named
    # going, fairly clear, but only the person's own time or feelings could move it
    (dict(BASE_ANSWERS, role_interest="some", fit="strong"),
     lambda rules: rules.wording["fairly_clear_own"]),
])
def test_what_could_change_it_says_what_the_result_page_says(db_app, rules, answers, words):
    client = db_app.test_client()
    with db_app.app_context():
        token = make(client, answers)
    expected = words(rules).replace("'", "&#39;")
    page = client.get("/mine").text
    assert f"<dt>What could change it</dt><dd>{expected}</dd>" in page
    assert len(re.findall(r"<dt>What could change it</dt>", page)) == 1
    if words(rules) != rules.questions["fit"].hinge:  # the owner's page says the same sentence
        assert expected in client.get(f"/r/{token}").text


def test_the_list_is_read_like_any_page_and_forgetting_is_limited(tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "WTF_CSRF_ENABLED": False,
                      "RATELIMIT_DELETE": "2 per minute", "RATELIMIT_RESULTS": "1 per minute",
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'limits.sqlite3'}"})
    client = app.test_client()
    with app.app_context():
        token = make(client, GO)
    assert [client.get("/mine").status_code for _ in range(12)] == [200] * 12
    assert listed(client) == [token]
    codes = [client.post("/mine/forget").status_code for _ in range(3)]
    assert codes == [303, 303, 429]
    db.dispose(app)
