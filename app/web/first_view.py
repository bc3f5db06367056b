"""A shared result's first view in a browser, answered before Flask when its page is kept.

Why: the commonest request the product serves is a friend opening a shared link for the first
time: no cookie at all, a page every such visitor sees alike (kept by page_cache) apart from
the new session and the CSRF token of the friend's form. Through Flask that view spent most of
its time in the framework (request and session objects, hooks, header objects), more than
twice the time of the work itself. This WSGI middleware answers exactly that request, and only
when everything it needs is already kept in this process, by the same functions the view uses:
the lean live check (store.head: a delete or an expiry takes effect at once), the same kept
page and key (results.page_key), the same friend's form, the same session cookie and CSRF token
(csrf_token.new_session, SessionInterface.new_cookie), the same bytes and ETag
(page_cache.encoded), and results' own headers; SecurityHeaders, outside it, adds the rest.
Anything else (a cookie, a query, a conditional request, HEAD, an unknown host, a page not yet
kept, and any fault, such as the database being down: Flask then logs it and shows the error
page) goes to Flask. tests/test_first_view.py compares the two answers header by header.
"""
from __future__ import annotations

import re

from werkzeug.sansio.utils import host_is_trusted

from ..storage import db, store
from . import compress, csrf_token, opinion_parts, page_cache
from .results import PRIVATE_HEADERS, page_key

SHARE_PATH = re.compile(r"/r/([A-Za-z0-9_-]{43})")


class FirstView:
    def __init__(self, wsgi_app, app):
        self.wsgi_app, self.app = wsgi_app, app
        self._trusted: dict = {}

    def __call__(self, environ, start_response):
        try:
            answer = self._answer(environ) if self._plain(environ) else None
        except Exception:  # noqa: BLE001 - Flask meets the same fault and answers it properly
            answer = None
        if answer is None:
            return self.wsgi_app(environ, start_response)
        data, headers = answer
        start_response("200 OK", headers)
        return [data]

    @staticmethod
    def _plain(environ) -> bool:
        return (environ.get("REQUEST_METHOD") == "GET" and not environ.get("HTTP_COOKIE")
                and not environ.get("QUERY_STRING") and "HTTP_IF_NONE_MATCH" not in environ
                and SHARE_PATH.fullmatch(environ.get("PATH_INFO", "")) is not None)

    def _host_trusted(self, host) -> bool:
        """Flask's TRUSTED_HOSTS check (werkzeug's function), remembered per Host value."""
        trusted = self.app.config.get("TRUSTED_HOSTS")
        known = self._trusted.get((host, id(trusted)))
        if known is None:
            known = bool(host) and (not trusted or host_is_trusted(host, trusted))
            if len(self._trusted) > 256:
                self._trusted.clear()
            self._trusted[(host, id(trusted))] = known
        return known

    def _answer(self, environ):
        app = self.app
        if (not csrf_token.kept_tokens_apply(app.config) or not app.secret_key
                or not self._host_trusted(environ.get("HTTP_HOST"))):
            return None
        token = environ["PATH_INFO"][3:]
        rules = app.extensions["rules"]
        with db.reading(app) as conn:
            live = store.head(conn, token, now=store.utcnow())
        if live is None:
            return None  # Flask answers the 404
        kept = page_cache.peek(page_key(live, rules, False, app, environ))
        form = page_cache.peek(opinion_parts.empty_form_key(live.token_hash))
        if kept is None or form is None:
            return None  # Flask draws and keeps them
        values, signed = csrf_token.new_session(app)
        filled = {"opinion": form.text.replace(page_cache.CSRF_PLACEHOLDER, signed),
                  "csrf": signed}
        packed = compress.gzip_accepted(environ.get("HTTP_ACCEPT_ENCODING"))
        data, _, headers = page_cache.encoded(kept, filled, packed,
                                              vary="Accept-Encoding, Cookie")
        headers += [("Content-Type", "text/html; charset=utf-8"),
                    ("Content-Length", str(len(data))), *PRIVATE_HEADERS,
                    ("Set-Cookie", app.session_interface.new_cookie(app, values, environ))]
        return data, headers


def init_app(app) -> None:
    """Before security.init_app: SecurityHeaders (and ProxyFix) must wrap this answer too."""
    app.wsgi_app = FirstView(app.wsgi_app, app)
