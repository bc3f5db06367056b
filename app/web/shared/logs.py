"""Logs an operator can use that carry no share token: one redaction, used by the app's own
log records and by gunicorn's access log (gunicorn.conf.py).

Why: a share link is the whole secret of a result, and it appears in request lines
(`GET /r/<token>`), in the Referer of every asset a result page loads and in the Location of
the 303 that follows a finished questionnaire. Every such value is rewritten to `/r/[token]`
before it is written anywhere, in any spelling a server decodes to the same route: each
character of `/r/<token>` may be percent-encoded (`/%72/%41b%63...` is served as `/r/Abc...`),
so an encoded character counts as part of the token, and an encoded slash or `r` as the path.
docs/nginx.conf redacts its access log with the same pattern.
"""
from __future__ import annotations

import logging
import re

_SLASH = r"(?:/|%2[Ff])"
_TOKEN_CHAR = r"(?:[A-Za-z0-9_-]|%(?!2[Ff])[0-9A-Fa-f]{2})"
SHARE_PATH = re.compile(_SLASH + r"(?:r|%72)" + _SLASH + _TOKEN_CHAR + "+")
REDACTED = "/r/[token]"


def redact(value):
    """The value with every share path's token replaced; non-strings pass through."""
    return SHARE_PATH.sub(REDACTED, value) if isinstance(value, str) else value


class RedactingFormatter(logging.Formatter):
    """Formats as usual (traceback included), then redacts the whole text."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def init_app(app) -> None:
    """Every handler on the app's logger (Flask's own stderr handler, which gunicorn's error
    log receives) formats through the redaction; the format stays Flask's."""
    from flask.logging import default_handler

    for handler in {default_handler, *app.logger.handlers}:
        if not isinstance(handler.formatter, RedactingFormatter):
            handler.setFormatter(RedactingFormatter(
                "[%(asctime)s] %(levelname)s in %(module)s: %(message)s"))
