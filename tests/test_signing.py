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

from app.web import page_cache, signing

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
        token = page_cache.session_csrf()
        validate_csrf(token)  # raises when refused
        assert page_cache.session_csrf() == token  # the same for the rest of the session
    with app.test_request_context():
        with pytest.raises(Exception, match="CSRF"):
            validate_csrf(token)  # another session (no raw token): refused
