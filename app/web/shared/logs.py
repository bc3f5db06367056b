"""Logs an operator can use that carry no share token: one redaction, used by the app's own
log records and by gunicorn's access log (gunicorn.conf.py).

Why: a share link is the whole secret of a result, and it appears in request lines
(`GET /r/<token>`), in the Referer of every asset a result page loads and in the Location of
the 303 that follows a finished questionnaire. Every such value is rewritten to `/r/[token]`
before it is written anywhere.
"""
from __future__ import annotations

import logging
import re

SHARE_PATH = re.compile(r"/r/[A-Za-z0-9_-]+")
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
