"""Responses gzipped for browsers that accept it: pages, JSON, and anything else textual.

Why: a result page with its stylesheets is about 40 KiB as text and a third of that on the
wire; a person on a phone waits for the wire. Static files come compressed already (assets.py,
once at start-up); result pages are compressed before their ETag is taken (page_cache), so a
304 still answers a repeat view. Everything else textual over 1 KiB is compressed here, at a
level that costs a fraction of a millisecond. No third party, no extension needed.
"""
from __future__ import annotations

import gzip
from functools import lru_cache

from flask import Flask, Response, request
from werkzeug.http import parse_accept_header

from .session_cookie import add_vary

TEXTUAL = {"text/html", "application/json", "text/css", "text/javascript",
           "application/javascript", "image/svg+xml", "text/plain"}
MIN_SIZE = 1024
LEVEL = 5


def accepts_gzip() -> bool:
    return gzip_accepted(request.environ.get("HTTP_ACCEPT_ENCODING"))


@lru_cache(maxsize=64)
def gzip_accepted(offered: str | None) -> bool:
    """gzip named (or "*") with a quality above zero; a browser sends the same header on every
    request, so its answer is remembered."""
    return bool(offered) and parse_accept_header(offered)["gzip"] > 0


def gzipped(data: bytes, level: int = LEVEL) -> bytes:
    """Deterministic (no timestamp), so the same page gives the same bytes and the same ETag."""
    return gzip.compress(data, level, mtime=0)


def compress(response: Response) -> Response:
    add_vary(response, "Accept-Encoding")
    if (response.direct_passthrough or response.is_streamed or response.status_code != 200
            or "Content-Encoding" in response.headers or response.mimetype not in TEXTUAL
            or not accepts_gzip()):
        return response
    data = response.get_data()
    if len(data) < MIN_SIZE:
        return response
    response.set_data(gzipped(data))
    response.headers["Content-Encoding"] = "gzip"
    etag, weak = response.get_etag()
    if etag:
        response.set_etag(etag + "-gz", weak=weak)
    return response


def init_app(app: Flask) -> None:
    app.after_request(compress)
