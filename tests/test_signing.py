"""The kept serializers (app/web/signing.py) write what Flask and Flask-WTF read: a session
cookie the stock session interface opens, a CSRF token Flask-WTF accepts, tagged values (flashed
messages) kept whole, and a rotated key honoured."""
from __future__ import annotations

import pytest
from flask import session
from flask.json.tag import TaggedJSONSerializer
from flask.sessions import SecureCookieSessionInterface
from flask_wtf.csrf import validate_csrf
from itsdangerous import BadSignature, URLSafeTimedSerializer
from markupsafe import Markup

from app.web import csrf_token, signing

PLAIN = [
    {"answers": {"employment": "employed_happy", "stage": "first"}, "n": 3, "ok": True,
     "none": None, "list": ["a", "b"], "nested": [{"x": "é"}]},
    {},
    {" t": "looks like a tag", "other": 1},
]
TAGGED = [
    {"_flashes": [("message", "Your result was deleted")]},
    {" t": ["a", "b"]},  # one key that is a tag's name: must be escaped, not written plain
    {"html": Markup("<b>x</b>")},
    {"raw": b"\x00bytes"},
]


@pytest.mark.parametrize("value", PLAIN + TAGGED)
def test_session_values_read_back_by_flasks_tagged_json(app, value):
    with app.app_context():
        text = signing.PlainFirstJSON().dumps(value)
        assert TaggedJSONSerializer().loads(text) == value


@pytest.mark.parametrize("value", PLAIN)
def test_plain_values_are_written_as_tagged_json_writes_them(app, value):
    with app.app_context():
        assert signing.PlainFirstJSON().dumps(value) == TaggedJSONSerializer().dumps(value)


def test_a_session_cookie_opens_with_flasks_own_interface(app):
    with app.test_request_context():
        session["answers"] = {"employment": "employed_happy"}
        cookie = app.session_interface.get_signing_serializer(app).dumps(dict(session))
        stock = SecureCookieSessionInterface().get_signing_serializer(app)
        assert stock.loads(cookie) == {"answers": {"employment": "employed_happy"}}


def test_a_rotated_key_still_opens_the_old_cookie_and_signs_with_the_new(app):
    with app.test_request_context():
        old = app.session_interface.get_signing_serializer(app).dumps({"a": "1"})
        app.config.update(SECRET_KEY="new-secret", SECRET_KEY_FALLBACKS=["test-secret"])
        app.secret_key = "new-secret"
        rotated = app.session_interface.get_signing_serializer(app)
        assert rotated.loads(old) == {"a": "1"}
        new = rotated.dumps({"a": "2"})
        with pytest.raises(BadSignature):
            URLSafeTimedSerializer("test-secret", salt="cookie-session",
                                   serializer=TaggedJSONSerializer(),
                                   signer_kwargs={"key_derivation": "hmac",
                                                  "digest_method": __import__("hashlib").sha1}
                                   ).loads(new)


def test_the_kept_csrf_token_is_one_flask_wtf_accepts(app):
    app.config.update(WTF_CSRF_ENABLED=True, WTF_CSRF_TIME_LIMIT=None)
    with app.test_request_context():
        token = csrf_token.session_csrf()
        validate_csrf(token)  # raises when refused
        assert csrf_token.session_csrf() == token  # the same for the rest of the session
    with app.test_request_context():
        with pytest.raises(Exception, match="CSRF"):
            validate_csrf(token)  # another session (no raw token): refused


def _set_cookies(interface, app, session_values, modified=True, base_url="http://localhost/"):
    from flask import Response
    from flask.sessions import SecureCookieSession
    with app.test_request_context("/", base_url=base_url):
        session = SecureCookieSession(session_values)
        session.modified = modified
        session.accessed = True
        response = Response()
        interface.save_session(app, session, response)
        return response.headers.getlist("Set-Cookie"), response.headers.get("Vary")


def _attributes(cookie: str):
    name_value, *attributes = cookie.split("; ")
    return name_value.split("=", 1)[0], sorted(a for a in attributes if not a.startswith(
        "Expires="))


@pytest.mark.parametrize("settings", [
    {},
    {"SESSION_COOKIE_SECURE": True, "SESSION_COOKIE_SAMESITE": "Strict"},
    {"SESSION_COOKIE_DOMAIN": "example.test", "SESSION_COOKIE_PATH": "/app"},
    {"BASE_URL": "https://example.test"},
])
@pytest.mark.parametrize("values", [{"answers": {"a": "b"}}, {}])
def test_our_session_cookie_has_the_attributes_flask_gives_it(app, settings, values):
    app.config.update(settings)
    theirs = SecureCookieSessionInterface()
    theirs.get_cookie_secure = app.session_interface.get_cookie_secure  # ours: https sticks
    ours_cookies, ours_vary = _set_cookies(app.session_interface, app, values)
    their_cookies, their_vary = _set_cookies(theirs, app, values)
    assert [_attributes(c) for c in ours_cookies] == [_attributes(c) for c in their_cookies]
    assert ours_vary == their_vary == "Cookie"
    if values:
        value = ours_cookies[0].split(";")[0].split("=", 1)[1]
        assert theirs.get_signing_serializer(app).loads(value) == values


def test_an_https_request_gets_a_secure_session_cookie(app):
    cookies, _ = _set_cookies(app.session_interface, app, {"a": "1"},
                              base_url="https://localhost/")
    assert "Secure" in cookies[0].split("; ")


def test_an_unchanged_session_sets_no_cookie(app):
    cookies, vary = _set_cookies(app.session_interface, app, {"a": "1"}, modified=False)
    assert cookies == [] and vary == "Cookie"


@pytest.mark.parametrize("value", PLAIN + TAGGED + [{"note": 'a {" t": trap'}])
def test_what_we_write_we_read_back(app, value):
    with app.app_context():
        ours = signing.PlainFirstJSON()
        assert ours.loads(ours.dumps(value)) == value
        assert ours.loads(TaggedJSONSerializer().dumps(value)) == value
