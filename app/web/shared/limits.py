"""Limits per client on what costs the service: storing results, the API, the card, delete.

Why Flask-Limiter with its own configuration keys: RATELIMIT_ENABLED and RATELIMIT_STORAGE_URI
(memory:// per process by default; redis:// for several workers or servers) are read from the
environment like the rest of the configuration (config.py), and so are the limits themselves
(RATELIMIT_RESULTS, RATELIMIT_API, RATELIMIT_CARD, RATELIMIT_DELETE,
RATELIMIT_OPINIONS, RATELIMIT_OPINIONS_PER_RESULT), read at each request. Friends' answers are
counted per client and per result. Several workers with memory:// multiply every limit: a
warning at start-up says so (warn_if_counted_per_process, called by gunicorn.conf.py).
Limits are on by default; RATELIMIT_ENABLED=0 is for benchmarks and load tests only.

One limiter per app (not a module global): its storage and its on/off switch belong to that
app. The limits are attached to the registered views by endpoint, so the views themselves
carry no decorator. A client is its address (behind a proxy: after ProxyFix, so TRUST_PROXY
must be right). Over a limit: the app's 429 page, or JSON from the API, with Retry-After
(errors.py).
"""
from __future__ import annotations

import hashlib
import logging

from flask import Flask, current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

EXTENSION = "iv_limiter"  # Flask-Limiter keeps a set of its own under "limiter"

# endpoint -> (config key holding its limit, methods it applies to; None for all)
LIMITED = {
    "wizard.check": ("RATELIMIT_RESULTS", ["POST"]),  # the final POST stores a result
    "api.verdict": ("RATELIMIT_API", None),
    "api.questionnaire": ("RATELIMIT_API", None),
    "results.card": ("RATELIMIT_CARD", None),
    "results.delete": ("RATELIMIT_DELETE", None),
    "preview.update": ("RATELIMIT_RESULTS", ["POST"]),  # "make it my answer" rewrites a result
    "opinions.give": ("RATELIMIT_OPINIONS", ["POST"]),  # second opinions and "How sure?"
    "opinions.confidence": ("RATELIMIT_OPINIONS", ["POST"]),
    "opinions.withdraw": ("RATELIMIT_OPINIONS", ["POST"]),
    "opinions.remove_note": ("RATELIMIT_OPINIONS", ["POST"]),
    "mine.forget": ("RATELIMIT_DELETE", ["POST"]),  # "Forget this device" deletes rows
}


# Flask-Limiter's own words when its storage goes and comes back (once each: it counts in
# memory in between); its other lines (one per refused request, naming the client) stay out
STORAGE_NEWS = ("Rate limit storage unreachable", "Rate limit storage recovered")


class _StorageNews(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.ERROR or str(record.msg).startswith(STORAGE_NEWS)


def _log_storage_news() -> None:
    """Flask-Limiter logs to "flask-limiter", which has no handler of its own (so nothing is
    written) and writes the recovery at INFO: both lines go to the app's log handler."""
    from flask.logging import default_handler

    logger = logging.getLogger("flask-limiter")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    if not any(isinstance(f, _StorageNews) for f in logger.filters):
        logger.addFilter(_StorageNews())
    if default_handler not in logger.handlers:
        logger.addHandler(default_handler)


# endpoint -> config key of its limit per result (whoever sends them): friends' answers on one
# result are counted together too, so many addresses cannot stuff one result's tally
PER_RESULT = {
    "opinions.give": "RATELIMIT_OPINIONS_PER_RESULT",
}


def _result_key() -> str:
    """The result a request is about, hashed: a share token never sits in the limiter's
    storage (Redis), where a copy would open the result."""
    token = (request.view_args or {}).get("token", "")
    return "result:" + hashlib.sha256(str(token).encode()).hexdigest()[:32]


def warn_if_counted_per_process(app: Flask, workers: int) -> bool:
    """At start-up (gunicorn.conf.py): in-memory counts are per process, so with several
    workers every limit is multiplied by their number. True when it warned."""
    uri = str(app.config.get("RATELIMIT_STORAGE_URI", "memory://"))
    if workers > 1 and app.config.get("RATELIMIT_ENABLED") and uri.startswith("memory"):
        app.logger.warning(
            "limits are counted per worker (%d workers, each allowing the full limit): set "
            "RATELIMIT_STORAGE_URI to a shared storage, e.g. redis://127.0.0.1:6379/0",
            workers)
        return True
    return False


def _limit_from(key: str):
    return lambda: current_app.config[key]


def init_app(app: Flask) -> None:
    """After the blueprints are registered: wraps their views by endpoint."""
    limiter = Limiter(key_func=get_remote_address, headers_enabled=False,
                      strategy=app.config.get("RATELIMIT_STRATEGY", "fixed-window"))
    limiter.init_app(app)
    app.extensions[EXTENSION] = limiter
    _log_storage_news()
    if not limiter.enabled:
        return
    for endpoint, (key, methods) in LIMITED.items():
        view = app.view_functions[endpoint]
        limited = limiter.limit(_limit_from(key), methods=methods, scope=endpoint)(view)
        app.view_functions[endpoint] = limited  # type: ignore[assignment]
    for endpoint, key in PER_RESULT.items():
        view = app.view_functions[endpoint]
        limited = limiter.limit(_limit_from(key), methods=["POST"], key_func=_result_key,
                                scope=endpoint + "/result")(view)
        app.view_functions[endpoint] = limited  # type: ignore[assignment]


def current_reset_at() -> float | None:
    """When the limit this request broke resets (epoch seconds), for Retry-After."""
    limiter = current_app.extensions.get(EXTENSION)
    current = limiter.current_limit if limiter is not None else None
    return current.reset_at if current is not None else None
