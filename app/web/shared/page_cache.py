"""Rendered pages cached with Flask-Caching, each behind one key naming all it depends on.

Why: drawing a result page from its stored snapshot costs a few milliseconds, and the same
(result version, rules version, owner or visitor, base URL) always draws the same page; a
questionnaire step likewise. The view that draws a page also builds its key, in one function
beside it (results page_key,
questionnaire step_key), so a new per-page fact goes into that one
place. The cache is Flask-Caching's (CACHE_TYPE: SimpleCache per process by default; RedisCache
for several workers), so nothing here knows how or where bodies are kept.

What never enters the cache: the per-request CSRF token (the cached body holds CSRF_MARK where
`csrf_token()` was called; Flask-WTF's own generate_csrf() fills it on every view), anything
added by `fill` after the cached body is read (a friend's own answer), and every page that
shows a flashed message (drawn for that request only). Each view first asks the database
whether its result is live, so a delete or an expiry is a 404 at once whatever is cached.

A repeat view answers 304 to a matching If-None-Match: the weak ETag names the page and the
session's CSRF secret, so the copy a browser holds still carries a token that session accepts.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable

from flask import current_app, make_response, request, session
from flask_caching import Cache
from flask_wtf.csrf import generate_csrf
from werkzeug.wrappers import Response

cache = Cache()

CSRF_MARK = "\x00csrf-token\x00"  # control characters: no typed text or rules text holds them
Render = Callable[[Callable[[], str]], str]  # render(csrf_token) -> the page's HTML


def init_app(app) -> None:
    """CACHE_* settings: config.py."""
    cache.init_app(app)


def _body(key: str | None, render: Render) -> str:
    if key is None or "_flashes" in session:  # a flashed message is this request's own
        return render(generate_csrf)
    return fragment(key, lambda: render(lambda: CSRF_MARK))


def fragment(key: str, render: Callable[[], str]) -> str:
    """A drawn part shared by every visitor (CSRF_MARK where a token goes), cached."""
    body = cache.get(key)
    if body is None:
        body = render()
        cache.set(key, body)
    return body


def page(key: str | None, render: Render,
         fill: Callable[[str], str] | None = None) -> Response:
    """The page for `key` (drawn and cached on first use; never cached when `key` is None),
    with `fill` applied (per-visitor parts) and this request's CSRF token, as a 200 with a
    weak ETag or a 304."""
    body = _body(key, render)
    if fill is not None:
        body = fill(body)
    token = generate_csrf() if CSRF_MARK in body else None  # sets the session's secret
    etag = None
    if key is not None:  # the body before its token: the same page, the same tag
        field = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
        named = f"{key}\0{session.get(field, '')}\0{body}".encode()
        etag = hashlib.sha256(named).hexdigest()[:40]
    if token is not None:
        body = body.replace(CSRF_MARK, token)
    response = make_response(body)
    if etag is not None:
        response.set_etag(etag, weak=True)
    return response.make_conditional(request)
