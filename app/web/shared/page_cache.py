"""Rendered pages cached with Flask-Caching, each behind one key naming all it depends on.

Why: drawing a result page from its stored snapshot costs a few milliseconds, and the same
(result version, rules version, owner or visitor, base URL) always draws the same page; a
questionnaire step likewise. The view that draws a page also builds its key, in one function
beside it (results page_key, questionnaire step_key), so a new per-page fact goes into that one
place. The cache is Flask-Caching's (CACHE_TYPE: SimpleCache per process by default; RedisCache
for several workers), so nothing here knows how or where bodies are kept.

What never enters the cache: the per-request CSRF token (the cached body holds CSRF_MARK where
`csrf_token()` was called; Flask-WTF's own generate_csrf() fills it on every view), the parts a
view fills for one visitor (`fill`: a friend's own answer, each in its named `mark`), and every
page that shows a flashed message (drawn for that request only). Each view first asks the
database whether its result is live, so a delete or an expiry is a 404 at once whatever is
cached.

A repeat view answers 304 to a matching If-None-Match: the weak ETag names the page, the
session's CSRF secret and the filled parts, so the copy a browser holds still carries a token
that session accepts.

What a view costs is what it does per request, so work that belongs to a page version is done
once, when the body is drawn: the body is kept encoded, cut at its marks, with its digest, so a
view joins bytes (no search, no copy, no encoding of the whole page) and the ETag hashes the
digest, never the whole body again; a request that asks nothing conditional gets no
conditional handling.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from typing import NamedTuple

from flask import current_app, make_response, request, session
from flask_caching import Cache
from flask_wtf.csrf import generate_csrf
from werkzeug.wrappers import Response

cache = Cache()
_NAME = re.compile("[a-z-]+")
FORMAT = "drawn-2"  # in every page's key: a release that changes Drawn reads no older one


def mark(name: str) -> str:
    """A named place in a drawn body, filled per request (control characters: no typed text or
    rules text holds them; an unfilled mark is left empty). Names: lower case and hyphens."""
    if not _NAME.fullmatch(name):
        raise ValueError(f"a mark's name is lower case and hyphens: {name!r}")
    return f"\x00{name}\x00"


CSRF = "csrf-token"
CSRF_MARK = mark(CSRF)
_MARKS = re.compile(f"\x00({_NAME.pattern})\x00")
Render = Callable[[Callable[[], str]], str]  # render(csrf_token) -> the page's HTML


class Drawn(NamedTuple):
    """A drawn body as the cache keeps it: encoded once, cut at its marks."""
    parts: tuple[bytes, ...]  # the body's bytes before, between and after its marks
    names: tuple[str, ...]    # the mark between parts[i] and parts[i + 1]
    digest: str               # sha256 of the body: the ETag names it instead of the body


def _cut(body: str) -> Drawn:
    pieces = _MARKS.split(body)  # text, name, text, name, ..., text
    return Drawn(tuple(p.encode() for p in pieces[0::2]), tuple(pieces[1::2]),
                 hashlib.sha256(body.encode()).hexdigest())


def init_app(app) -> None:
    """CACHE_* settings: config.py."""
    cache.init_app(app)


def _drawn(key: str | None, render: Render) -> Drawn:
    if key is None or "_flashes" in session:  # a flashed message is this request's own
        return _cut(render(generate_csrf))
    key = f"{FORMAT}/{key}"  # (an older Drawn would not even unpickle: a TypeError, not a miss)
    drawn = cache.get(key)
    if not isinstance(drawn, Drawn):  # a miss, or a value of another kind under this key
        drawn = _cut(render(lambda: CSRF_MARK))
        cache.set(key, drawn)
    return drawn


def fragment(key: str, render: Callable[[], str]) -> str:
    """A drawn part shared by every visitor (CSRF_MARK where a token goes), cached."""
    body = cache.get(key)
    if body is None:
        body = render()
        cache.set(key, body)
    return body


def page(key: str | None, render: Render, fill: dict[str, str] | None = None) -> Response:
    """The page for `key` (drawn and cached on first use; never cached when `key` is None),
    with `fill` (mark name -> this visitor's part, which may hold CSRF_MARK) and this request's
    CSRF token in their marks, as a 200 with a weak ETag, or a 304 to a request that already
    holds it."""
    drawn = _drawn(key, render)
    fill = fill or {}
    values = dict(fill)
    if CSRF in drawn.names or any(CSRF_MARK in v for v in values.values()):
        token = generate_csrf()  # sets the session's secret
        values = {name: v.replace(CSRF_MARK, token) for name, v in values.items()}
        values[CSRF] = token
    etag = None
    if key is not None:  # the page, the session's secret and the filled parts: not the token
        field = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
        parts = [f"{name}={fill.get(name, '')}" for name in sorted(set(drawn.names))
                 if name != CSRF]
        named = "\0".join((key, str(session.get(field, "")), drawn.digest, *parts))
        etag = hashlib.sha256(named.encode()).hexdigest()[:40]
    body = [drawn.parts[0]]
    for name, part in zip(drawn.names, drawn.parts[1:], strict=True):
        body += (values.get(name, "").encode(), part)
    response = make_response(b"".join(body))
    if etag is not None:
        response.set_etag(etag, weak=True)
        if "HTTP_IF_NONE_MATCH" in request.environ:  # only a conditional request can be a 304
            response.make_conditional(request)
    return response
