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

What a view costs is what it does per request, so work that belongs to a page version is done
once, when the body is drawn: the body is kept with its digest (the ETag hashes the digest, the
key, the CSRF secret and the per-visitor parts, never the whole body again), and a request
that asks nothing conditional gets no conditional handling.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import NamedTuple

from flask import current_app, make_response, request, session
from flask_caching import Cache
from flask_wtf.csrf import generate_csrf
from werkzeug.wrappers import Response

cache = Cache()

CSRF_MARK = "\x00csrf-token\x00"  # control characters: no typed text or rules text holds them
Render = Callable[[Callable[[], str]], str]  # render(csrf_token) -> the page's HTML


class Drawn(NamedTuple):
    """A drawn body as the cache keeps it, with what every view of it would otherwise redo."""
    body: str
    digest: str  # sha256 of the body: the ETag names it instead of hashing the body each time


class Fill(NamedTuple):
    """Per-visitor parts put into a cached body for this request only: `apply` puts them in,
    `parts` name them (so two visitors shown different parts never share an ETag)."""
    apply: Callable[[str], str]
    parts: tuple[str, ...]


def init_app(app) -> None:
    """CACHE_* settings: config.py."""
    cache.init_app(app)


def _digest(body: str) -> str:
    return hashlib.sha256(body.encode()).hexdigest()


def _drawn(key: str | None, render: Render) -> Drawn:
    if key is None or "_flashes" in session:  # a flashed message is this request's own
        body = render(generate_csrf)
        return Drawn(body, _digest(body))
    drawn = cache.get(key)
    if not isinstance(drawn, Drawn):  # a miss, or a value an older release left in Redis
        body = render(lambda: CSRF_MARK)
        drawn = Drawn(body, _digest(body))
        cache.set(key, drawn)
    return drawn


def fragment(key: str, render: Callable[[], str]) -> str:
    """A drawn part shared by every visitor (CSRF_MARK where a token goes), cached."""
    body = cache.get(key)
    if body is None:
        body = render()
        cache.set(key, body)
    return body


def page(key: str | None, render: Render, fill: Fill | None = None) -> Response:
    """The page for `key` (drawn and cached on first use; never cached when `key` is None),
    with `fill` applied (per-visitor parts) and this request's CSRF token, as a 200 with a
    weak ETag, or a 304 to a request that already holds it."""
    drawn = _drawn(key, render)
    body = drawn.body if fill is None else fill.apply(drawn.body)
    token = generate_csrf() if CSRF_MARK in body else None  # sets the session's secret
    etag = None
    if key is not None:  # the body before its token: the same page, the same tag
        field = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
        parts = fill.parts if fill is not None else ()
        named = "\0".join((key, str(session.get(field, "")), drawn.digest, *parts))
        etag = hashlib.sha256(named.encode()).hexdigest()[:40]
    if token is not None:
        body = body.replace(CSRF_MARK, token)
    response = make_response(body)
    if etag is not None:
        response.set_etag(etag, weak=True)
        if "HTTP_IF_NONE_MATCH" in request.environ:  # only a conditional request can be a 304
            response.make_conditional(request)
    return response
