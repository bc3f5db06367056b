"""Static files through Flask's own static route, with fingerprinted URLs cached for a year.

Why: every page loads the same few stylesheets and one script. `url_for('static', ...)` adds
`?v=<hash of the file>`, and a request naming the current hash is answered as immutable for a
year, so a returning visitor downloads nothing and a new release is never stale; a URL without
it (or with an old hash) must be revalidated. Flask serves the file (ETag, 304, Range); gzip is
Flask-Compress's when no proxy does it (nginx in front: docs/nginx.conf).
"""
from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from flask import Flask, Response, request

IMMUTABLE = "public, max-age=31536000, immutable"


def init_app(app: Flask) -> None:
    root = Path(app.static_folder or "")

    @cache
    def fingerprint(filename: str) -> str | None:
        path = root / filename
        if not path.is_file() or root.resolve() not in path.resolve().parents:
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()[:12]

    @app.url_defaults
    def _fingerprint(endpoint: str, values: dict) -> None:
        if endpoint == "static" and "v" not in values:
            values["v"] = fingerprint(values.get("filename", ""))

    @app.after_request
    def _caching(response: Response) -> Response:
        if request.endpoint == "static" and response.status_code in (200, 304):
            name = (request.view_args or {}).get("filename", "")
            fresh = request.args.get("v") is not None and request.args.get("v") == fingerprint(
                name)
            response.headers["Cache-Control"] = IMMUTABLE if fresh else "no-cache"
        return response
