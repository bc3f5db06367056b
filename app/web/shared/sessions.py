"""The cookie session: Flask's own, answering this product's cookie rules through its hooks.

Why a module of its own: security.py says what every response gets; this is the one place
that says how the session cookie is named, when it is Secure, and which paths have no use for
a session at all (the stateless JSON API and static files: a cookie sent along there is never
unsigned, and nothing is signed on the way out).
"""
from __future__ import annotations

from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import URLSafeTimedSerializer

from .security import cookie_name, cookies_secure


class SessionInterface(SecureCookieSessionInterface):
    """Flask's cookie session, with its documented hooks answering security.py's rules:
    `get_cookie_secure` instead of the fixed SESSION_COOKIE_SECURE, `get_cookie_name` with the
    `__Host-` prefix over HTTPS; and its signing serializer made once per set of keys instead
    of on every open and save (building one costs as much as using it). Paths that have no use
    for a session (`stateless`: the JSON API, static files) get Flask's null session: a cookie
    sent along is never unsigned, and nothing is signed or set on the way out."""

    def __init__(self) -> None:
        self._serializers: dict[tuple, URLSafeTimedSerializer | None] = {}
        self.stateless: tuple[str, ...] = ()  # path prefixes served without a session

    def open_session(self, app: Flask, request):
        if request.path.startswith(self.stateless):
            return None  # Flask then makes its null session (empty; writing to it fails)
        return super().open_session(app, request)

    def get_cookie_secure(self, app: Flask) -> bool:
        return cookies_secure()

    def get_cookie_name(self, app: Flask) -> str:
        return cookie_name(app.config["SESSION_COOKIE_NAME"], self.get_cookie_path(app))

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        if keys not in self._serializers:  # a changed key or fallback list: a new one
            self._serializers[keys] = super().get_signing_serializer(app)
        return self._serializers[keys]


def init_app(app: Flask, *stateless: str) -> None:
    """Flask's cookie session, with the paths under `stateless` served without one."""
    interface = SessionInterface()
    interface.stateless = tuple(p.rstrip("/") + "/" for p in stateless)
    app.session_interface = interface
