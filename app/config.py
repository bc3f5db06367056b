"""Where configuration comes from, in order: defaults, instance/config.py, environment, tests.

No secret lives in code. On a first local run without SECRET_KEY, a random key is generated
into the instance folder (instance/secret_key, mode 600) so sessions survive a restart.
"""
from __future__ import annotations

import os
import secrets
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask

from .model.rules_build import RULES_PATH

DEFAULTS = {
    "MAX_CONTENT_LENGTH": 1024 * 1024,   # 1 MiB: anything bigger answers 413
    "RESULT_TTL_DAYS": 90,
    # seconds a database statement or lock wait may take before the request answers 503
    # (PostgreSQL's statement and lock timeouts; storage/timeouts.py)
    "DATABASE_TIMEOUT": 3.0,
    # absolute URL for share links and cards; else the request's host
    "BASE_URL": None,
    "RULES_PATH": str(RULES_PATH),
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_SECURE": False,
    "PREFERRED_URL_SCHEME": "http",
    "WTF_CSRF_TIME_LIMIT": None,         # the token lives as long as the session: no lost answers
    "TRUST_PROXY": 0,                    # number of proxies in front (ProxyFix), 0 for none
    "TRUST_PROXY_HOST": False,           # also believe X-Forwarded-Host (only if the proxy sets it)
    "TRUSTED_HOSTS": None,               # None: BASE_URL's host, or loopback names without it
    # Flask-Limiter's own keys, and one limit per costly thing, per client address (limits.py)
    "RATELIMIT_ENABLED": True,
    "RATELIMIT_STORAGE_URI": "memory://",  # per process; redis://host:6379/0 for several
    # Redis down: count in memory meanwhile, and never turn a request into a 500 over a limit
    "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
    "RATELIMIT_SWALLOW_ERRORS": True,
    "RATELIMIT_RESULTS": "10 per minute;60 per hour;300 per day",
    "RATELIMIT_API": "30 per minute;600 per hour",
    "RATELIMIT_CARD": "30 per minute;300 per hour",
    "RATELIMIT_DELETE": "10 per minute;50 per hour",
    "RATELIMIT_OPINIONS": "10 per minute;60 per hour",
    "RATELIMIT_OPINIONS_PER_RESULT": "20 per minute;100 per hour",  # from every client together
    # Flask-Compress: gzip only (every browser has it; no brotli build needed), streamed
    # static files included; nginx in front does it instead (COMPRESS_REGISTER=0 there).
    # Level 3: a result page's 12 KB in 48 us and 3.7 KB, where level 5 took 76 us for 3.5 KB
    # (every view is compressed again: its CSRF token differs)
    "COMPRESS_ALGORITHM": ["gzip"],
    "COMPRESS_ALGORITHM_STREAMING": ["gzip"],
    "COMPRESS_LEVEL": 3,
    "COMPRESS_MIN_SIZE": 1024,
    "COMPRESS_MIMETYPES": ["text/html", "text/css", "text/javascript", "application/javascript",
                           "application/json", "image/svg+xml", "text/plain"],
    # Flask-Caching for rendered pages (web/shared/page_cache.py): per process by default;
    # CACHE_TYPE=RedisCache with CACHE_REDIS_URL to share them between workers
    "CACHE_TYPE": "SimpleCache",
    "CACHE_DEFAULT_TIMEOUT": 3600,
    "CACHE_THRESHOLD": 1024,
}

# Hosts answered when BASE_URL is unset: a development machine, a test, a local health check.
LOOPBACK_HOSTS = ["localhost", "127.0.0.1"]  # Werkzeug 3.1 cannot match an IPv6 entry

def _flag(value: str) -> bool:
    return value.strip().lower() in ("1", "true", "yes", "on")


def _names(value: str) -> list[str]:
    return [name.strip() for name in value.split(",") if name.strip()]


# environment variable -> (config key, parser)
ENVIRONMENT: dict[str, tuple[str, Callable[[str], object]]] = {
    "SECRET_KEY": ("SECRET_KEY", str),
    "DATABASE_URL": ("DATABASE_URL", str),
    "DATABASE_TIMEOUT": ("DATABASE_TIMEOUT", float),
    "BASE_URL": ("BASE_URL", str),
    "RESULT_TTL_DAYS": ("RESULT_TTL_DAYS", int),
    "SESSION_COOKIE_SECURE": ("SESSION_COOKIE_SECURE", _flag),
    "TRUST_PROXY": ("TRUST_PROXY", int),
    "TRUST_PROXY_HOST": ("TRUST_PROXY_HOST", _flag),
    "TRUSTED_HOSTS": ("TRUSTED_HOSTS", _names),
    "RATELIMIT_ENABLED": ("RATELIMIT_ENABLED", _flag),
    "RATELIMIT_STORAGE_URI": ("RATELIMIT_STORAGE_URI", str),
    "RATELIMIT_RESULTS": ("RATELIMIT_RESULTS", str),
    "RATELIMIT_API": ("RATELIMIT_API", str),
    "RATELIMIT_CARD": ("RATELIMIT_CARD", str),
    "RATELIMIT_DELETE": ("RATELIMIT_DELETE", str),
    "RATELIMIT_OPINIONS": ("RATELIMIT_OPINIONS", str),
    "RATELIMIT_OPINIONS_PER_RESULT": ("RATELIMIT_OPINIONS_PER_RESULT", str),
    "CACHE_TYPE": ("CACHE_TYPE", str),
    "CACHE_REDIS_URL": ("CACHE_REDIS_URL", str),
    "COMPRESS_REGISTER": ("COMPRESS_REGISTER", _flag),
}


def _instance_secret(instance: Path) -> str:
    """The dev key in instance/secret_key, created once with mode 600. Several workers may
    start at once: exactly one creates the file (O_EXCL), the others wait until it is written."""
    path = instance / "secret_key"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _ in range(100):
            key = path.read_text().strip()
            if key:
                return key
            time.sleep(0.05)
        raise RuntimeError(f"{path} is empty: delete it, or set SECRET_KEY") from None
    key = secrets.token_urlsafe(48)
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key


def load(app: Flask, test_config: dict | None) -> None:
    instance = Path(app.instance_path)
    instance.mkdir(mode=0o700, parents=True, exist_ok=True)  # company and contact names live here
    if instance.stat().st_mode & 0o077 and instance.stat().st_uid == os.getuid():
        instance.chmod(0o700)
    app.config.from_mapping(DEFAULTS)
    app.config["DATABASE_URL"] = f"sqlite:///{instance / 'interview_verdict.sqlite3'}"
    app.config.from_pyfile("config.py", silent=True)
    for var, (key, parse) in ENVIRONMENT.items():
        if os.environ.get(var):
            app.config[key] = parse(os.environ[var])
    if test_config:
        app.config.from_mapping(test_config)
    if app.config.get("TRUSTED_HOSTS") is None:
        app.config["TRUSTED_HOSTS"] = trusted_hosts(app.config.get("BASE_URL"))
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(instance)


def trusted_hosts(base_url: str | None) -> list[str]:
    """The Host names answered (Flask's TRUSTED_HOSTS; others get a 400): BASE_URL's host in
    production, loopback names without it, so a forged Host header never reaches a link."""
    host = urlsplit(base_url).hostname if base_url else None
    if host:
        return [host]
    return list(LOOPBACK_HOSTS)
