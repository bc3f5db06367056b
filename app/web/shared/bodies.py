"""Request bodies sent in chunks, read once and checked before the app sees them.

Why: with Transfer-Encoding: chunked there is no Content-Length to refuse up front, and a
malformed chunk (bad size, missing terminator, a broken trailer) makes gunicorn raise from
inside the first read, which was a 500 on every POST route; a chunked body over the limit was
silently cut, then reported as "not JSON". Here the whole chunked body is read (at most
MAX_CONTENT_LENGTH + 1 bytes) before Flask builds the request: a read error becomes a 400 and
an oversized body a 413, both through the app's own error pages (`refuse_bad_bodies` runs
before every other before_request hook, CSRF included); a good body is handed on as a plain
one with its Content-Length.
"""
from __future__ import annotations

import io

from flask import Flask, abort, request

BODY_ERROR = "interview_verdict.body_error"
CHUNK = 64 * 1024


class ChunkedBodies:
    """WSGI middleware: buffer chunked bodies, or mark the request with 400/413."""

    def __init__(self, wsgi_app, app: Flask):
        self.wsgi_app, self.app = wsgi_app, app

    def __call__(self, environ, start_response):
        if "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower():
            self._buffer(environ, self.app.config.get("MAX_CONTENT_LENGTH"))
        return self.wsgi_app(environ, start_response)

    @staticmethod
    def _buffer(environ, limit: int | None) -> None:
        stream, parts, size = environ["wsgi.input"], [], 0
        try:
            while True:
                part = stream.read(CHUNK)
                if not part:
                    break
                size += len(part)
                parts.append(part)
                if limit is not None and size > limit:
                    environ[BODY_ERROR] = 413
                    break
        except Exception:  # noqa: BLE001 - any failure to read the body is the client's
            environ[BODY_ERROR] = 400
        body = b"" if BODY_ERROR in environ else b"".join(parts)
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        environ.pop("HTTP_TRANSFER_ENCODING", None)
        environ["wsgi.input_terminated"] = False
        if BODY_ERROR in environ:
            environ["HTTP_CONNECTION"] = "close"


def refuse_bad_bodies():
    code = request.environ.get(BODY_ERROR)
    if code:
        abort(code)


def init_app(app: Flask) -> None:
    app.wsgi_app = ChunkedBodies(app.wsgi_app, app)  # type: ignore[method-assign]
    app.before_request_funcs.setdefault(None, []).insert(0, refuse_bad_bodies)
