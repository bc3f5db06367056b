"""A shared link's first view, answered before Flask (app/web/first_view.py): the same answer
the view gives, header by header and byte by byte apart from the new session's token; a token
that works for the friend's form; and never a page Flask would refuse (deleted, expired, an
unknown host), nor for a browser that sends a cookie."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest

from app import create_app
from app.storage import db, store
from app.web import first_view

from .conftest import make_result
from .test_opinions import opinion_rows
from .test_results import set_stored

TOKEN_IN_PAGE = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


@pytest.fixture()
def csrf_app(db_url):
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "WTF_CSRF_ENABLED": True,
                      "RATELIMIT_ENABLED": False, "DATABASE_URL": db_url})
    yield app
    db.dispose(app)


@pytest.fixture()
def answered_first(monkeypatch):
    """For every request, in order: True when FirstView answered it, False when Flask did."""
    answered = []
    real = first_view.FirstView.__call__

    def spy(self, environ, start_response):
        inner, reached = self.wsgi_app, []

        def flask(environ, start_response):
            reached.append(True)
            return inner(environ, start_response)
        self.wsgi_app = flask
        try:
            return real(self, environ, start_response)
        finally:
            self.wsgi_app = inner
            answered.append(not reached)
    monkeypatch.setattr(first_view.FirstView, "__call__", spy)
    return answered


def through_flask(monkeypatch):
    monkeypatch.setattr(first_view.FirstView, "_plain", staticmethod(lambda environ: False))


def comparable(response):
    """Headers without what differs per session (its cookie's value, the ETag over the token)
    and per second (Date); the body with the session's token taken out."""
    headers = sorted((k, v) for k, v in response.headers.items()
                     if k not in ("Set-Cookie", "ETag", "Date", "Content-Length"))
    cookie = response.headers["Set-Cookie"]
    attributes = sorted(cookie.split("; ")[1:])
    body = response.get_data()
    assert int(response.headers["Content-Length"]) == len(body)  # (gzip: varies with token)
    if response.headers.get("Content-Encoding") == "gzip":
        import gzip
        body = gzip.decompress(body)
    return headers, attributes, TOKEN_IN_PAGE.sub("TOKEN", body.decode())


@pytest.mark.parametrize("encoding", [None, "gzip, deflate, br"])
def test_the_first_view_is_the_answer_flask_gives(csrf_app, monkeypatch, answered_first,
                                                  encoding):
    token, _ = make_result(csrf_app)
    headers = {"Accept-Encoding": encoding} if encoding else {}
    with monkeypatch.context() as m:
        through_flask(m)
        flask_answer = csrf_app.test_client().get(f"/r/{token}", headers=headers)
    first = csrf_app.test_client().get(f"/r/{token}", headers=headers)
    assert answered_first[-2:] == [False, True]
    assert flask_answer.status_code == first.status_code == 200
    assert comparable(first) == comparable(flask_answer)
    assert len(TOKEN_IN_PAGE.findall(comparable(first)[2])) == 0  # every token was replaced
    assert first.headers["Vary"] == "Accept-Encoding, Cookie"
    assert first.headers["Content-Security-Policy"] and first.headers["ETag"]


def test_a_friend_who_came_by_the_first_view_can_give_an_opinion(csrf_app, answered_first):
    token, _ = make_result(csrf_app)
    csrf_app.test_client().get(f"/r/{token}")  # someone else's view keeps the page
    friend = csrf_app.test_client()
    page = friend.get(f"/r/{token}")
    assert answered_first[-2:] == [False, True]
    [csrf] = TOKEN_IN_PAGE.findall(page.text)
    sent = friend.post(f"/r/{token}/opinion", data={"opinion": "go", "csrf_token": csrf})
    assert sent.status_code == 303 and sent.headers["Location"].endswith(f"/r/{token}")
    assert [row.choice for row in opinion_rows(csrf_app)] == ["go"]
    again = friend.get(f"/r/{token}")  # now with cookies: Flask's view, with the answer
    assert answered_first[-1] is False
    assert re.search(r'name="opinion" value="go" checked', again.text)
    stranger = csrf_app.test_client()  # the same token from another browser: refused
    forged = stranger.post(f"/r/{token}/opinion", data={"opinion": "decline",
                                                        "csrf_token": csrf})
    assert forged.status_code == 303
    assert "That page had expired" in stranger.get(forged.headers["Location"]).text
    assert [row.choice for row in opinion_rows(csrf_app)] == ["go"]


@pytest.mark.parametrize("gone", ["deleted", "expired"])
def test_a_kept_page_is_never_served_once_its_result_is_gone(db_app, answered_first, gone):
    token, _ = make_result(db_app)
    for _ in range(2):
        assert db_app.test_client().get(f"/r/{token}").status_code == 200
    assert answered_first[-2:] == [False, True]
    if gone == "deleted":
        with db_app.app_context(), db.session(write=True) as s:
            s.execute(db_delete_result(token))
    else:
        set_stored(db_app, token, expires_at=store.utcnow() - timedelta(minutes=1))
    assert db_app.test_client().get(f"/r/{token}").status_code == 404
    assert answered_first[-1] is False


def db_delete_result(token):
    from sqlalchemy import delete

    from app.storage.models import StoredResult
    return delete(StoredResult).where(StoredResult.token_hash == store.hash_secret(token))


def test_an_untrusted_host_is_refused_as_flask_refuses_it(db_app, answered_first):
    token, _ = make_result(db_app)
    db_app.test_client().get(f"/r/{token}")
    assert db_app.test_client().get(f"/r/{token}", headers={"Host": "evil.example"}
                                    ).status_code == 400
    assert answered_first[-1] is False


@pytest.mark.parametrize("request_kind", ["cookie", "query", "head", "conditional"])
def test_anything_but_a_plain_first_view_goes_to_flask(db_app, answered_first, request_kind):
    token, _ = make_result(db_app)
    db_app.test_client().get(f"/r/{token}")
    client = db_app.test_client()
    path, headers, method = f"/r/{token}", {}, "GET"
    if request_kind == "cookie":
        client.set_cookie("other", "1")
    elif request_kind == "query":
        path += "?utm_source=chat"
    elif request_kind == "head":
        method = "HEAD"
    else:
        headers["If-None-Match"] = '"abc"'
    assert client.open(path, method=method, headers=headers).status_code == 200
    assert answered_first[-1] is False


def test_a_fault_on_the_way_is_met_by_flask_and_its_error_page(db_app, monkeypatch):
    """The database unavailable (a driver error, as lean.py meets it): the app's 503 page on
    the first view too, never a bare 500 from outside Flask."""
    from app.storage import lean

    token, _ = make_result(db_app)
    db_app.test_client().get(f"/r/{token}")  # kept
    with db_app.app_context():
        dbapi = db.get_engine().dialect.loaded_dbapi

    def unavailable(*args, **kwargs):
        raise dbapi.OperationalError("database is locked")
    monkeypatch.setattr(lean, "_first", unavailable)
    for client in (db_app.test_client(), db_app.test_client()):
        page = client.get(f"/r/{token}")
        assert page.status_code == 503 and "<!doctype html>" in page.text
        client.set_cookie("other", "1")  # the second: Flask's view itself


def test_a_dropped_connection_is_replaced_on_the_next_view(db_app):
    from app.storage import lean

    token, _ = make_result(db_app)
    assert db_app.test_client().get(f"/r/{token}").status_code == 200
    lean._held.value[2].dbapi_connection.close()  # as when the server drops the connection
    assert db_app.test_client().get(f"/r/{token}").status_code == 200
