"""Where configuration comes from, in order: defaults, instance/config.py, environment, tests.

No secret lives in code. On a first local run without SECRET_KEY, a random key is generated
into the instance folder (instance/secret_key, mode 600) so sessions survive a restart.
"""
from __future__ import annotations

import os
import secrets
import time
from pathlib import Path

from flask import Flask

from .model.rules_build import RULES_PATH

DEFAULTS = {
    "MAX_CONTENT_LENGTH": 1024 * 1024,   # 1 MiB: anything bigger answers 413
    "RESULT_TTL_DAYS": 90,
    # absolute URL for share links and cards; else the request's host
    "BASE_URL": None,
    "RULES_PATH": str(RULES_PATH),
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_SECURE": False,
    "PREFERRED_URL_SCHEME": "http",
    "WTF_CSRF_TIME_LIMIT": None,         # the token lives as long as the session: no lost answers
    "TRUST_PROXY": 0,                    # number of proxies in front (ProxyFix), 0 for none
}

# environment variable -> (config key, parser)
ENVIRONMENT = {
    "SECRET_KEY": ("SECRET_KEY", str),
    "DATABASE_URL": ("DATABASE_URL", str),
    "BASE_URL": ("BASE_URL", str),
    "RESULT_TTL_DAYS": ("RESULT_TTL_DAYS", int),
    "SESSION_COOKIE_SECURE": ("SESSION_COOKIE_SECURE", lambda v: v.lower() in ("1", "true", "yes")),
    "TRUST_PROXY": ("TRUST_PROXY", int),
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
    instance.mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(DEFAULTS)
    app.config["DATABASE_URL"] = f"sqlite:///{instance / 'interview_verdict.sqlite3'}"
    app.config.from_pyfile("config.py", silent=True)
    for var, (key, parse) in ENVIRONMENT.items():
        if os.environ.get(var):
            app.config[key] = parse(os.environ[var])
    if test_config:
        app.config.from_mapping(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(instance)
