"""The device cookie: which browser made which results ("Your interviews", GET /mine).

Why in web/shared: the questionnaire sets the cookie when it stores a result (its check.py),
and the /mine pages read and remove it; features never import each other. The cookie is set
only when this browser makes a result: a random 256-bit secret (a present, well-formed one is
kept), HttpOnly, SameSite=Lax, Secure and named `__Host-iv_device` under HTTPS (a device
cookie planted from plain HTTP or a sibling subdomain would list this browser's results on the
planter's /mine: security.cookie_name), path /, for as long as a result lives (each new result
renews it). Only its hash is stored (storage/devices.py).
"""
from __future__ import annotations

import secrets

from flask import current_app, request
from werkzeug.wrappers import Response

from ...storage.devices import is_device_secret
from .security import cookie_name, cookies_secure

DEVICE_COOKIE = "iv_device"


def device_secret() -> str | None:
    """This browser's device secret, or None (absent or not one we could have set)."""
    value = request.cookies.get(cookie_name(DEVICE_COOKIE))
    return value if is_device_secret(value) else None


def secret_for_new_result() -> str:
    """The secret to store a new result under: this browser's own, else a new one."""
    return device_secret() or secrets.token_urlsafe(32)


def give_device(response: Response, secret: str) -> Response:
    ttl = int(current_app.config["RESULT_TTL_DAYS"])
    response.set_cookie(cookie_name(DEVICE_COOKIE), secret, max_age=ttl * 86400, path="/",
                        httponly=True, samesite="Lax", secure=cookies_secure())
    return response


def forget_device(response: Response) -> Response:
    response.delete_cookie(cookie_name(DEVICE_COOKIE), path="/", httponly=True, samesite="Lax",
                           secure=cookies_secure())
    return response
