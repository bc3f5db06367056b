"""The result page is drawn once per result version, rules version and owner/visitor view and
cached (Flask-Caching), served with an ETag; every view still asks the database whether the
result is live and whose it is. No visitor ever sees another's part of a page: the owner's
controls, a friend's own answer, a session's CSRF token. Every test runs on SQLite and on
PostgreSQL."""
from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import delete as sql_delete

from app import create_app
from app.storage import db, store
from app.storage.models import StoredResult

from .conftest import make_result
from .support.answers import DECLINE
from .support.walk import OWNER_COOKIE
from .test_results import set_stored

OWNER_ONLY = "Delete this result"


def test_a_matching_if_none_match_answers_304(db_client, db_app):
    token, _ = make_result(db_app)
    first = db_client.get(f"/r/{token}")
    etag = first.headers["ETag"]
    # weak: the bytes differ by the CSRF token signed for each view; the page does not
    assert first.status_code == 200 and etag.startswith('W/"')
    again = db_client.get(f"/r/{token}", headers={"If-None-Match": etag})
    assert (again.status_code, again.data, again.headers["ETag"]) == (304, b"", etag)
    other = db_client.get(f"/r/{token}", headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200 and other.headers["ETag"] == etag
    assert other.text.count("<h2") == first.text.count("<h2")
    assert again.headers["Cache-Control"] == "no-store"  # private, as every /r/ response


def test_a_deleted_or_expired_result_is_404_at_once_even_when_its_page_was_kept(
        db_client, db_app, db_url):
    token, _ = make_result(db_app)
    gone, _ = make_result(db_app)
    etags = {t: db_client.get(f"/r/{t}").headers["ETag"] for t in (token, gone)}
    # another worker (another app, same database) deletes one and the other expires: this
    # worker's kept page is never served again, with or without If-None-Match
    other = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "WTF_CSRF_ENABLED": False,
                        "RATELIMIT_ENABLED": False, "DATABASE_URL": db_url})
    with other.app_context(), db.session(write=True) as s:
        s.execute(sql_delete(StoredResult).where(
            StoredResult.token_hash == store.hash_secret(gone)))
    db.dispose(other)
    set_stored(db_app, token, expires_at=store.utcnow() - timedelta(minutes=1))
    for t in (token, gone):
        assert db_client.get(f"/r/{t}").status_code == 404
        assert db_client.get(f"/r/{t}", headers={"If-None-Match": etags[t]}).status_code == 404


def test_the_owners_delete_takes_effect_at_once(db_client, db_app):
    token, owner = make_result(db_app)
    assert db_client.get(f"/r/{token}").status_code == 200  # kept, as a visitor's view
    db_client.set_cookie(OWNER_COOKIE, owner, path=f"/r/{token}")
    assert OWNER_ONLY in db_client.get(f"/r/{token}").text  # kept, as the owner's
    assert db_client.post(f"/r/{token}/delete").status_code == 303
    assert db_client.get(f"/r/{token}").status_code == 404


def test_the_owner_and_a_visitor_each_see_their_own_view(db_app):
    token, owner = make_result(db_app, DECLINE)
    visitor = db_app.test_client()
    owner_client = db_app.test_client()
    owner_client.set_cookie(OWNER_COOKIE, owner, path=f"/r/{token}")
    wrong = db_app.test_client()
    wrong.set_cookie(OWNER_COOKIE, "not-the-secret", path=f"/r/{token}")
    for _ in range(2):  # the first view renders and keeps, the second is served as kept
        for client, is_owner in ((visitor, False), (owner_client, True), (wrong, False)):
            html = client.get(f"/r/{token}").text
            assert (OWNER_ONLY in html) is is_owner
            assert "\x00" not in html  # no placeholder is ever sent
    assert (visitor.get(f"/r/{token}").headers["ETag"]
            != owner_client.get(f"/r/{token}").headers["ETag"])


def test_an_update_or_other_rules_show_a_new_page(db_client, db_app):
    token, _ = make_result(db_app, DECLINE)
    assert "Old wording" not in db_client.get(f"/r/{token}").text
    set_stored(db_app, token, snapshot=lambda row: {
        **row.snapshot, "verdict": {**row.snapshot["verdict"], "label": "Old wording: go"}})
    assert "Old wording: go" in db_client.get(f"/r/{token}").text


def test_a_flashed_message_is_shown_once_and_never_kept(db_client, db_app):
    token, _ = make_result(db_app)
    with db_client.session_transaction() as session:
        session["_flashes"] = [("message", "Just for you")]
    assert "Just for you" in db_client.get(f"/r/{token}").text
    assert "Just for you" not in db_client.get(f"/r/{token}").text
    assert "Just for you" not in db_app.test_client().get(f"/r/{token}").text


TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


def _tokens(html: str) -> set[str]:
    return {a or b for a, b in TOKEN.findall(html)}


def test_no_visitor_gets_another_visitors_part_of_a_cached_page(tmp_path):
    """With CSRF on: the owner's controls, a friend's own answer and note, and each session's
    CSRF token stay with their browser, on the first (drawn) and every later (cached) view."""
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "RATELIMIT_ENABLED": False,
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'cache.sqlite3'}"})
    with app.app_context():
        token, owner = make_result(app, DECLINE)
    friend, stranger, owner_client = (app.test_client() for _ in range(3))
    owner_client.set_cookie(OWNER_COOKIE, owner, path=f"/r/{token}")
    page = friend.get(f"/r/{token}").text
    (friend_token,) = _tokens(page)
    answered = friend.post(f"/r/{token}/opinion", data={
        "opinion": "go", "note": "Only mine to see", "csrf_token": friend_token})
    assert answered.status_code == 303
    for _ in range(2):
        seen = {name: c.get(f"/r/{token}").text for name, c in
                (("friend", friend), ("stranger", stranger), ("owner", owner_client))}
        assert re.search(r'name="opinion" value="go" checked', seen["friend"])
        assert "checked" not in seen["stranger"].split('action="/r/')[-1]
        assert OWNER_ONLY in seen["owner"]
        assert OWNER_ONLY not in seen["friend"] and OWNER_ONLY not in seen["stranger"]
        assert not [name for name, html in seen.items() if "\x00" in html]  # every mark filled
        tokens = {name: _tokens(html) for name, html in seen.items()}
        assert all(tokens.values())
        assert not tokens["friend"] & tokens["stranger"]
        assert not tokens["owner"] & (tokens["friend"] | tokens["stranger"])
    # a cached page's token works for its own session, and for no other
    ok = stranger.post(f"/r/{token}/opinion", data={
        "opinion": "unsure", "csrf_token": next(iter(tokens["stranger"]))})
    assert ok.status_code == 303
    thief = app.test_client()
    thief.get(f"/r/{token}")
    forged = thief.post(f"/r/{token}/opinion", data={
        "opinion": "unsure", "csrf_token": next(iter(tokens["friend"]))})
    assert (forged.status_code, forged.headers["Location"]) == (303, f"/r/{token}")
    assert "That page had expired, so nothing was done" in thief.get(f"/r/{token}").text


def test_the_etag_matches_weakly_for_the_same_session_only(app):
    token, _ = make_result(app)
    client = app.test_client()
    client.get(f"/r/{token}")
    etag = client.get(f"/r/{token}").headers["ETag"]
    assert client.get(f"/r/{token}", headers={"If-None-Match": etag}).status_code == 304
    assert client.get(f"/r/{token}", headers={"If-None-Match": etag[2:]}).status_code == 304
    other = app.test_client()
    assert other.get(f"/r/{token}", headers={"If-None-Match": etag}).status_code == 200
