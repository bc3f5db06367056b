"""Limits per client on what costs the service: storing results, the API, the card, delete.

Why Flask-Limiter with its own configuration keys: RATELIMIT_ENABLED and RATELIMIT_STORAGE_URI
(memory:// per process by default; redis:// for several workers or servers) are read from the
environment like the rest of the configuration (config.py), and so are the limits themselves
(RATELIMIT_RESULTS, RATELIMIT_API, RATELIMIT_CARD, RATELIMIT_DELETE,
RATELIMIT_OPINIONS), read at each request.
Limits are on by default; RATELIMIT_ENABLED=0 is for benchmarks and load tests only.

One limiter per app (not a module global): its storage and its on/off switch belong to that
app. The limits are attached to the registered views by endpoint, so the views themselves
carry no decorator. A client is its address (behind a proxy: after ProxyFix, so TRUST_PROXY
must be right). Over a limit: the app's 429 page, or JSON from the API, with Retry-After
(errors.py).
"""
from __future__ import annotations

from flask import Flask, current_app
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
    "mine.forget": ("RATELIMIT_DELETE", ["POST"]),  # "Forget this device" deletes rows
}


def _limit_from(key: str):
    return lambda: current_app.config[key]


def init_app(app: Flask) -> None:
    """After the blueprints are registered: wraps their views by endpoint."""
    limiter = Limiter(key_func=get_remote_address, headers_enabled=False,
                      strategy=app.config.get("RATELIMIT_STRATEGY", "fixed-window"))
    limiter.init_app(app)
    app.extensions[EXTENSION] = limiter
    if not limiter.enabled:
        return
    for endpoint, (key, methods) in LIMITED.items():
        view = app.view_functions[endpoint]
        limited = limiter.limit(_limit_from(key), methods=methods, scope=endpoint)(view)
        app.view_functions[endpoint] = limited  # type: ignore[assignment]


def current_reset_at() -> float | None:
    """When the limit this request broke resets (epoch seconds), for Retry-After."""
    limiter = current_app.extensions.get(EXTENSION)
    current = limiter.current_limit if limiter is not None else None
    return current.reset_at if current is not None else None
