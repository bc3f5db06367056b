"""The session's CSRF token, signed once and kept for the session.

Why: Flask-WTF signs a new token (with a new timestamp) on every request, which costs a
serializer and an HMAC, and changes a kept page's bytes on every view, so no 304 would ever
answer. Tokens live as long as the session here (WTF_CSRF_TIME_LIMIT is None), so one signed
token per session is as good. It is kept in the session beside the raw token it signs, with
the name of the key that signed it: a new SECRET_KEY (or WTF_CSRF_SECRET_KEY) signs a new one.
The raw token, its session key and the signed format are Flask-WTF's own, so its validation
is untouched.
"""
from __future__ import annotations

import hashlib
import os

from flask import current_app, g, session
from flask_wtf.csrf import generate_csrf

from . import signing

SIGNED_KEY = "csrf_signed"  # ours, beside Flask-WTF's raw token (WTF_CSRF_FIELD_NAME)


def _field(app) -> str:
    return app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")


def _key(app) -> bytes:
    key = app.config.get("WTF_CSRF_SECRET_KEY") or app.secret_key
    return key if isinstance(key, bytes) else str(key).encode()


def _signer_name(key: bytes) -> str:
    return hashlib.sha256(b"csrf-signer\0" + key).hexdigest()[:16]


def kept_tokens_apply(config) -> bool:
    """One signed token per session only when tokens do not expire."""
    return config.get("WTF_CSRF_TIME_LIMIT") is None


def session_csrf() -> str:
    """This session's signed CSRF token, made once and kept beside the raw one it signs."""
    config = current_app.config
    if not kept_tokens_apply(config):
        return generate_csrf()  # tokens expire: sign afresh, as Flask-WTF does
    key, field = _key(current_app), _field(current_app)
    signer = _signer_name(key)
    raw, kept = session.get(field), session.get(SIGNED_KEY)
    if raw and isinstance(kept, list) and len(kept) == 3 and kept[0] == raw and kept[2] == signer:
        return kept[1]
    signed = _sign_csrf(field, key)
    if session.get(field):  # (a test's shared `g` can hold a token from another session)
        session[SIGNED_KEY] = [session[field], signed, signer]
    return signed


def _sign_csrf(field: str, key: bytes) -> str:
    """Flask-WTF's generate_csrf (the same raw token in the session, the same signed format,
    the same `g` entry its form fields read), with a kept serializer (signing.py)."""
    if field in g:
        return g.get(field)
    raw = session.get(field)
    if not isinstance(raw, str) or not raw:
        raw = session[field] = _new_raw()
    signed = _signed(key, raw)
    setattr(g, field, signed)
    return signed


def _new_raw() -> str:
    return hashlib.sha1(os.urandom(64)).hexdigest()  # Flask-WTF's raw token


def _signed(key: bytes, raw: str) -> str:
    return signing.serializer(key, signing.CSRF_SALT).dumps(raw)


def new_session(app) -> tuple[dict, str]:
    """A new session's contents holding a fresh token, and the signed token, made outside any
    request (first_view.py) exactly as `session_csrf` makes them for a session without one."""
    key, raw = _key(app), _new_raw()
    signed = _signed(key, raw)
    return {_field(app): raw, SIGNED_KEY: [raw, signed, _signer_name(key)]}, signed


def forget_csrf() -> None:
    """Drop the kept signed token (a refused form POST): the next page signs a new one."""
    session.pop(SIGNED_KEY, None)
