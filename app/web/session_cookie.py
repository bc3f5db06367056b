"""The session cookie: Flask's signed cookie, Secure whenever HTTPS is in use, for less.

Why its own save: Flask's `save_session` reads each cookie setting through the app and request
proxies, parses the Vary header twice and formats the cookie through the response's helper;
on a shared result's first view (a new session holding the friend's CSRF token) that was more
than the rest of the view. This one sets the same cookie, with the same attributes, in one
pass (tests/test_signing.py compares it with Flask's own). The signing serializer is kept per
key (signing.py), and the stateless JSON API never reads the cookie: it gets an empty session.
"""
from __future__ import annotations

from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface
from werkzeug.http import dump_cookie

from . import signing

STATELESS_PREFIX = "/api/"


def https_request(app: Flask, environ: dict) -> bool:
    """BASE_URL says https, or this very request came over HTTPS (after ProxyFix)."""
    base = app.config.get("BASE_URL") or ""
    return base.lower().startswith("https://") or environ.get("wsgi.url_scheme") in (
        "https", "wss")


def secure_cookies(app: Flask, environ: dict) -> bool:
    """Secure on every cookie we set whenever HTTPS is in use, or when configured so."""
    return bool(app.config.get("SESSION_COOKIE_SECURE")) or https_request(app, environ)


def add_vary(response, name: str) -> None:
    """`name` in the Vary header, without parsing it (werkzeug's `vary` parses and rewrites)."""
    vary = response.headers.get("Vary")
    if not vary:
        response.headers["Vary"] = name
    elif name.lower() not in {v.strip().lower() for v in vary.split(",")}:
        response.headers["Vary"] = f"{vary}, {name}"


class SessionInterface(SecureCookieSessionInterface):
    serializer = signing.PlainFirstJSON()

    def get_cookie_secure(self, app: Flask) -> bool:
        return secure_cookies(app, request.environ)

    def get_signing_serializer(self, app: Flask):
        if not app.secret_key:
            return None
        keys = (*(app.config.get("SECRET_KEY_FALLBACKS") or ()), app.secret_key)
        return signing.serializer(keys, self.salt, self.serializer, self.key_derivation,
                                  self.digest_method)

    def open_session(self, app: Flask, request):
        if request.path.startswith(STATELESS_PREFIX) and app.secret_key:
            return self.session_class()
        return super().open_session(app, request)

    def _attributes(self, app: Flask, environ: dict) -> dict:
        return {"domain": self.get_cookie_domain(app), "path": self.get_cookie_path(app),
                "secure": secure_cookies(app, environ),
                "partitioned": self.get_cookie_partitioned(app),
                "samesite": self.get_cookie_samesite(app),
                "httponly": self.get_cookie_httponly(app)}

    def new_cookie(self, app: Flask, values: dict, environ: dict) -> str:
        """The Set-Cookie value for a new session holding `values`, made outside any request
        (first_view.py): what save_session sets for it."""
        return dump_cookie(self.get_cookie_name(app),
                           self.get_signing_serializer(app).dumps(values),
                           max_size=app.config.get("MAX_COOKIE_SIZE", 4093),
                           **self._attributes(app, environ))

    def save_session(self, app: Flask, session, response) -> None:
        """As Flask's: Vary: Cookie once the session was read; an emptied session's cookie
        deleted; a changed (or permanent-refreshed) one signed and set."""
        if session.accessed or session.modified:
            add_vary(response, "Cookie")
        if not session and not session.modified:
            return
        name = self.get_cookie_name(app)
        attributes = self._attributes(app, request.environ)
        if not session:
            response.headers.add("Set-Cookie", dump_cookie(
                name, "", max_age=0, expires=0, **attributes))
            return
        if not self.should_set_cookie(app, session):
            return
        value = self.get_signing_serializer(app).dumps(dict(session))
        response.headers.add("Set-Cookie", dump_cookie(
            name, value, expires=self.get_expiration_time(app, session),
            max_size=app.config.get("MAX_COOKIE_SIZE", 4093), **attributes))
