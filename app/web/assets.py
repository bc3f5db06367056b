"""Static files made once at start-up: minified, compressed, fingerprinted, served from memory.

Why: every page loads the same few stylesheets and one script. Each is read once, stripped of
comments and layout whitespace (readable sources stay in static/), gzipped once for browsers
that accept it, and named by a short hash of what is served: `url_for('static', ...)` adds
`?v=<hash>`, and a URL with the current hash is cached for a year as immutable, so a returning
visitor downloads nothing and a new release is never stale. A URL without it is still served,
but must be revalidated. Files that appear after start-up are served by Flask as usual.
"""
from __future__ import annotations

import hashlib
import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, Response, request

from .compress import accepts_gzip, gzipped

YEAR = 365 * 24 * 3600
IMMUTABLE = f"public, max-age={YEAR}, immutable"
TEXT_TYPES = {".css", ".js", ".svg"}


@dataclass(frozen=True)
class Asset:
    data: bytes
    gzipped: bytes | None
    mimetype: str
    fingerprint: str


def minify_css(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"\s*([{};,>])\s*", r"\1", text).replace(";}", "}").strip()


def minify_js(text: str) -> str:
    """Whole-line comments, indentation and blank lines only: line breaks stay (no ASI risk)."""
    lines = (line.strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//")) + "\n"


def build(path: Path) -> Asset:
    data = path.read_bytes()
    if path.suffix == ".css":
        data = minify_css(data.decode()).encode()
    elif path.suffix == ".js":
        data = minify_js(data.decode()).encode()
    packed = gzipped(data, 9) if path.suffix in TEXT_TYPES else None  # once: the best level
    mimetype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return Asset(data, packed if packed and len(packed) < len(data) else None,
                 mimetype, hashlib.sha256(data).hexdigest()[:12])


def collect(folder: str | None) -> dict[str, Asset]:
    """{path relative to the static folder: Asset} for every file in it."""
    root = Path(folder or "")
    if not root.is_dir():
        return {}
    return {p.relative_to(root).as_posix(): build(p)
            for p in sorted(root.rglob("*")) if p.is_file()}


def init_app(app: Flask) -> None:
    assets = collect(app.static_folder)
    app.extensions["assets"] = assets
    flask_static = app.view_functions["static"]

    @app.url_defaults
    def _fingerprint(endpoint, values):
        if endpoint == "static" and "v" not in values:
            found = assets.get(values.get("filename", ""))
            if found:
                values["v"] = found.fingerprint

    def static(filename):
        asset = assets.get(filename)
        if asset is None:
            return flask_static(filename=filename)
        packed = asset.gzipped is not None and accepts_gzip()
        response = Response(asset.gzipped if packed else asset.data, mimetype=asset.mimetype)
        if packed:
            response.headers["Content-Encoding"] = "gzip"
        response.vary.add("Accept-Encoding")
        response.set_etag(asset.fingerprint + ("-gz" if packed else ""))
        fresh = request.args.get("v") == asset.fingerprint
        response.headers["Cache-Control"] = IMMUTABLE if fresh else "no-cache"
        return response.make_conditional(request)

    app.view_functions["static"] = static
