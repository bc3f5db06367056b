"""Headers and protections every response gets, whatever page or API produced it.

Why one place: a strict Content-Security-Policy, nosniff, Referrer-Policy same-origin (not
no-referrer: Flask-WTF's HTTPS referrer check needs it), frame-ancestors none, resources not
embeddable by other sites, nothing cached unless a view says so, and HTTPS made sticky without
remembering a setting: cookies are Secure and HSTS is sent whenever the request is HTTPS or
BASE_URL is https. CSRF is on for every form POST (the factory exempts the stateless JSON API).
Behind a proxy (TRUST_PROXY) only X-Forwarded-For and -Proto are believed; X-Forwarded-Host
only with TRUST_PROXY_HOST, and Flask's TRUSTED_HOSTS (config.py) refuses any other Host.
"""
from __future__ import annotations

from functools import wraps

from flask import Flask, current_app, has_request_context, request
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from .session_cookie import SessionInterface, https_request, secure_cookies

csrf = CSRFProtect()

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
])
PERMISSIONS = "camera=(), microphone=(), geolocation=(), browsing-topics=(), payment=(), usb=()"
HSTS = "max-age=31536000; includeSubDomains"


def cookies_secure() -> bool:
    """The session cookie's rule (session_cookie.secure_cookies) for our other cookies."""
    return secure_cookies(current_app, request.environ if has_request_context() else {})


class SecurityHeaders:
    """WSGI middleware: the headers above added to the list every response starts with (plain
    tuples: werkzeug's header object costs more per header than the rest of a small page).
    Inside ProxyFix, so the scheme it sees is the one the client used."""

    FIXED = [("Content-Security-Policy", CSP), ("X-Content-Type-Options", "nosniff"),
             ("Referrer-Policy", "same-origin"), ("X-Frame-Options", "DENY"),
             ("Cross-Origin-Opener-Policy", "same-origin"),
             ("Cross-Origin-Resource-Policy", "same-origin"), ("Permissions-Policy", PERMISSIONS),
             ("Cache-Control", "no-store")]  # views and static files that may be cached say so

    REPLACED = {"server", "strict-transport-security"} | {
        name.lower() for name, _ in FIXED if name not in ("Content-Security-Policy",
                                                         "Cache-Control")}

    def __init__(self, wsgi_app, app: Flask):
        self.wsgi_app, self.app = wsgi_app, app

    def __call__(self, environ, start_response):
        https = https_request(self.app, environ)

        def start(status, headers, exc_info=None):
            names = {name.lower() for name, _ in headers}
            if names & self.REPLACED:  # ours win; a view may only set its own CSP and caching
                headers[:] = [h for h in headers if h[0].lower() not in self.REPLACED]
                names -= self.REPLACED
            headers.extend(h for h in self.FIXED if h[0].lower() not in names)
            if https:
                headers.append(("Strict-Transport-Security", HSTS))
            return start_response(status, headers, exc_info)

        return self.wsgi_app(environ, start)


def init_app(app: Flask) -> None:
    app.wsgi_app = SecurityHeaders(app.wsgi_app, app)  # ProxyFix (outside it) runs first
    if app.config.get("TRUST_PROXY"):
        n = int(app.config["TRUST_PROXY"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n,
                                x_host=n if app.config.get("TRUST_PROXY_HOST") else 0)
    app.session_interface = SessionInterface()
    csrf.init_app(app)
    hooks = app.before_request_funcs.setdefault(None, [])
    hooks[:] = [_only_for_checked_methods(app, h) if getattr(h, "__name__", "") == "csrf_protect"
                else h for h in hooks]


def _only_for_checked_methods(app: Flask, hook):
    """Flask-WTF's hook looks up its exemptions before the method, through a dozen proxy
    reads, on every request; a GET is never checked, so it is skipped here first (the hook
    itself, exemptions included, runs unchanged for the methods it checks)."""
    @wraps(hook)
    def csrf_protect():
        if request.method in app.config["WTF_CSRF_METHODS"]:
            return hook()
        return None
    return csrf_protect
