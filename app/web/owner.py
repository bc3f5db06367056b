"""Who owns a result: the browser holding the secret cookie set when the result was stored.

Why a module of its own: the wizard sets the cookie when it stores a result and the result views
read it to show or allow deleting; neither should reach into the other for it. The cookie is
scoped to the result's own path, HttpOnly and SameSite=Lax; its value is stored only hashed.
"""
from __future__ import annotations

from flask import Response, current_app, request, url_for

from .security import cookies_secure

OWNER_COOKIE = "iv_owner"


def _path(token: str) -> str:
    return url_for("results.show", token=token)


def give_ownership(response: Response, token: str, owner_secret: str) -> Response:
    ttl = int(current_app.config["RESULT_TTL_DAYS"])
    response.set_cookie(OWNER_COOKIE, owner_secret, max_age=ttl * 86400, path=_path(token),
                        httponly=True, samesite="Lax",
                        secure=cookies_secure())
    return response


def owner_secret() -> str | None:
    return request.cookies.get(OWNER_COOKIE)


def forget_ownership(response: Response, token: str) -> Response:
    response.delete_cookie(OWNER_COOKIE, path=_path(token))
    return response
