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

from flask import Flask, current_app, has_request_context, request
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

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


def https_request(app: Flask, environ: dict) -> bool:
    """BASE_URL says https, or this very request came over HTTPS (after ProxyFix)."""
    base = app.config.get("BASE_URL") or ""
    return base.lower().startswith("https://") or environ.get("wsgi.url_scheme") in (
        "https", "wss")


def cookies_secure() -> bool:
    """Secure on every cookie we set whenever HTTPS is in use, or when configured so."""
    environ = request.environ if has_request_context() else {}
    return bool(current_app.config.get("SESSION_COOKIE_SECURE")) or https_request(
        current_app, environ)


def cookie_name(name: str, path: str = "/") -> str:
    """The name a cookie is set and read under. Over HTTPS it carries the prefix that browsers
    enforce: `__Host-` for a cookie of the whole site (only accepted Secure, with Path=/ and no
    Domain, so neither a sibling subdomain nor a plain-HTTP page can plant or overwrite it; a
    planted session cookie was the start of a session fixation) and `__Secure-` for one scoped
    to a result's or the questionnaire's path, which `__Host-` does not allow. Only when served
    over HTTPS (BASE_URL https, or this request): over plain HTTP (development, the tests), even
    with SESSION_COOKIE_SECURE forced, the bare name."""
    environ = request.environ if has_request_context() else {}
    if not https_request(current_app, environ):
        return name
    return ("__Host-" if path == "/" else "__Secure-") + name


PRIVATE_HEADERS = (("X-Robots-Tag", "noindex, nofollow"), ("Cache-Control", "no-store"))


def private(response):
    """After every response about one person's result (its page, preview, friends' answers,
    /mine): never indexed, never kept by a browser or a proxy. A view that says how it may be
    cached (the card) keeps its own Cache-Control."""
    for name, value in PRIVATE_HEADERS:
        response.headers.setdefault(name, value)
    return response


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
    # Flask's documented way to add WSGI middleware; ProxyFix (outside) runs first
    app.wsgi_app = SecurityHeaders(app.wsgi_app, app)  # type: ignore[method-assign]
    if app.config.get("TRUST_PROXY"):
        n = int(app.config["TRUST_PROXY"])
        proxied = ProxyFix(app.wsgi_app, x_for=n, x_proto=n,
                           x_host=n if app.config.get("TRUST_PROXY_HOST") else 0)
        app.wsgi_app = proxied  # type: ignore[method-assign]
    csrf.init_app(app)
