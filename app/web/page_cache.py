"""Pages rendered once: a result page is kept per (result version, rules version, owner or
visitor view, host) in this process and served with a strong ETag, every later view only
checking that it is still live; a questionnaire step is kept per everything it shows (the
wizard builds that key), so a step view is a session read and a token fill.

Why it stays correct: every view first asks the database (store.head, a lean query) whether the
result is live and who owns it, so a delete or an expiry takes effect at once on every worker;
an update changes the version in the key. The owner's page carries a CSRF token, which belongs
to one session: it is rendered as a placeholder and filled in per request. A page with a
flashed message is rendered for that request only, never kept.
"""
from __future__ import annotations

import hashlib
import secrets
from collections import OrderedDict
from threading import Lock

from flask import Response, current_app, request, session
from flask_wtf.csrf import generate_csrf

from . import compress

MAX_PAGES = 1024  # bodies kept per process (20 KiB at most each), least recently used dropped
CSRF_PLACEHOLDER = "csrf-placeholder-" + secrets.token_hex(16)
RAW_KEY, SIGNED_KEY = "csrf_token", "csrf_signed"  # Flask-WTF's session key, and ours

_pages: OrderedDict = OrderedDict()
_lock = Lock()


def cacheable() -> bool:
    """False when this request must see something of its own (a flashed message)."""
    return "_flashes" not in session


def page_body(key, render) -> str:
    """The kept body for `key`, or render(csrf_token) once and keep it."""
    with _lock:
        body = _pages.get(key)
        if body is not None:
            _pages.move_to_end(key)
            return body
    body = render(lambda: CSRF_PLACEHOLDER)
    with _lock:
        _pages[key] = body
        while len(_pages) > MAX_PAGES:
            _pages.popitem(last=False)
    return body


def forget(token_hash: str) -> None:
    """Drop this worker's copies of a result's pages (others never serve theirs: see above)."""
    with _lock:
        for key in [k for k in _pages if k[0] == token_hash]:
            del _pages[key]


def session_csrf() -> str:
    """This session's signed CSRF token, made once and kept beside the raw one it signs.
    Flask-WTF signs a new token (with a new timestamp) on every request, which costs a
    serializer and an HMAC, and changes a kept page's bytes on every view, so no 304 would
    ever answer; tokens live as long as the session (WTF_CSRF_TIME_LIMIT is None), so one
    signed token per session is as good, kept with the name of the key that signed it: a new
    SECRET_KEY (or WTF_CSRF_SECRET_KEY) signs a new one."""
    config = current_app.config
    if config.get("WTF_CSRF_TIME_LIMIT") is not None:
        return generate_csrf()  # tokens expire: sign afresh, as Flask-WTF does
    key = config.get("WTF_CSRF_SECRET_KEY") or current_app.secret_key
    key = key if isinstance(key, bytes) else str(key).encode()
    signer = hashlib.sha256(b"csrf-signer\0" + key).hexdigest()[:16]
    raw, kept = session.get(RAW_KEY), session.get(SIGNED_KEY)
    if raw and isinstance(kept, list) and len(kept) == 3 and kept[0] == raw and kept[2] == signer:
        return kept[1]
    signed = generate_csrf()
    if session.get(RAW_KEY):  # (a test's shared `g` can hold a token from another session)
        session[SIGNED_KEY] = [session[RAW_KEY], signed, signer]
    return signed


def forget_csrf() -> None:
    """Drop the kept signed token (a refused form POST): the next page signs a new one."""
    session.pop(SIGNED_KEY, None)


def with_csrf(body: str) -> str:
    """The kept body with this session's CSRF token in place of the placeholder."""
    if CSRF_PLACEHOLDER in body:
        return body.replace(CSRF_PLACEHOLDER, session_csrf())
    return body


def conditional_html(body: str) -> Response:
    """200 with a strong ETag over the exact bytes sent (gzipped when the browser accepts it),
    or 304 when If-None-Match matches."""
    data = with_csrf(body).encode()
    packed = compress.accepts_gzip()
    if packed:
        data = compress.gzipped(data)
    response = Response(data, mimetype="text/html")
    if packed:
        response.headers["Content-Encoding"] = "gzip"
    response.vary.add("Accept-Encoding")
    response.set_etag(hashlib.sha256(data).hexdigest()[:40])
    return response.make_conditional(request)
