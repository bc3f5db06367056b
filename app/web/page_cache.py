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
import re
import secrets
from collections import OrderedDict
from threading import Lock

from flask import Response, request, session
from werkzeug.http import parse_etags, quote_etag

from . import compress, spliced_gzip
from .csrf_token import session_csrf

MAX_PAGES = 1024  # bodies kept per process (20 KiB at most each), least recently used dropped
_NONCE = secrets.token_hex(16)
_MARKS = re.compile(f"kept-{_NONCE}-([a-z]+)_")

_pages: OrderedDict = OrderedDict()
_lock = Lock()


def marker(name: str) -> str:
    """A placeholder a kept page carries for a part filled in per request (lower-case name)."""
    return f"kept-{_NONCE}-{name}_"


CSRF_PLACEHOLDER = marker("csrf")


class Kept:
    """A rendered body, split once at its placeholders into encoded literal parts, so a view
    joins bytes instead of searching and copying the whole text for each placeholder; gzipped,
    its literal parts are compressed once and only the filled-in parts per view
    (spliced_gzip.py)."""

    __slots__ = ("text", "parts", "names", "digest", "_deflated")

    def __init__(self, text: str):
        pieces = _MARKS.split(text)  # literal, name, literal, name, ..., literal
        self.text = text
        self.parts = [p.encode() if i % 2 == 0 else p for i, p in enumerate(pieces)]
        self.names = frozenset(pieces[1::2])
        # the placeholders' random part left out: the same page, the same ETag in every process
        self.digest = hashlib.sha256(_MARKS.sub("\0\\1\0", text).encode()).digest()
        self._deflated = None

    def fill(self, values: dict, packed: bool = False) -> tuple[bytes, bytes]:
        """The bytes with `values` (name -> text) in place, gzipped when `packed`, and a digest
        of exactly the plain bytes."""
        filled = {name: values[name].encode() for name in self.names}
        digest = hashlib.sha256(self.digest + b"\0".join(filled[n] for n in sorted(filled)))
        if not packed:
            parts = [p if i % 2 == 0 else filled[p] for i, p in enumerate(self.parts)]
            return b"".join(parts), digest.digest()
        if self._deflated is None:  # once per kept page (two threads may both do it: same)
            self._deflated = [spliced_gzip.deflated(p) if i % 2 == 0 else None
                              for i, p in enumerate(self.parts)]
        pieces = [(p, self._deflated[i]) if i % 2 == 0 else (filled[p], None)
                  for i, p in enumerate(self.parts)]
        return spliced_gzip.member(pieces), digest.digest()


def cacheable() -> bool:
    """False when this request must see something of its own (a flashed message)."""
    return "_flashes" not in session


def kept_page(key, render) -> Kept:
    """The kept page for `key`, or render(csrf_token) once and keep it."""
    with _lock:
        kept = _pages.get(key)
        if kept is not None:
            _pages.move_to_end(key)
            return kept
    kept = Kept(render(lambda: CSRF_PLACEHOLDER))
    with _lock:
        _pages[key] = kept
        while len(_pages) > MAX_PAGES:
            _pages.popitem(last=False)
    return kept


def peek(key) -> Kept | None:
    """The kept page for `key` if this process has one (nothing is drawn)."""
    with _lock:
        return _pages.get(key)


def page_body(key, render) -> str:
    """The kept body's text for `key` (its placeholders in it)."""
    return kept_page(key, render).text


def forget(token_hash: str) -> None:
    """Drop this worker's copies of a result's pages (others never serve theirs: see above)."""
    with _lock:
        for key in [k for k in _pages if k[0] == token_hash]:
            del _pages[key]


def encoded(kept: Kept, values: dict, packed: bool,
            vary: str = "Accept-Encoding") -> tuple[bytes, str, list]:
    """The bytes to send (gzipped when `packed`), their strong ETag and the headers naming
    them, for any view that answers with a kept page (first_view.py included)."""
    data, digest = kept.fill(values, packed)
    etag = digest.hex()[:40] + ("-gz" if packed else "")
    headers = [("Vary", vary), ("ETag", quote_etag(etag))]
    if packed:
        headers.append(("Content-Encoding", "gzip"))
    return data, etag, headers


def conditional_html(kept: Kept, values: dict | None = None) -> Response:
    """The kept page with `values` and this session's CSRF token filled in: 200 with a strong
    ETag naming exactly the bytes sent (gzipped when the browser accepts it), or 304 when
    If-None-Match has it."""
    values = dict(values or {})
    if "csrf" in kept.names:
        values["csrf"] = session_csrf()
    data, etag, headers = encoded(kept, values, compress.accepts_gzip())
    asked = request.environ.get("HTTP_IF_NONE_MATCH")
    if asked and parse_etags(asked).contains_weak(etag):  # If-None-Match compares weakly
        return Response(status=304, headers=[h for h in headers if h[0] in ("Vary", "ETag")])
    return Response(data, headers=headers, mimetype="text/html")
