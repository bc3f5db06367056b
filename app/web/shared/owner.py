"""Who owns a result: the browser holding the secret cookie set when the result was stored.

Why a module of its own: the wizard sets the cookie when it stores a result and the result views
read it to show or allow deleting; neither should reach into the other for it. The cookie is
scoped to the result's own path, HttpOnly and SameSite=Lax, `__Secure-` over HTTPS
(security.cookie_name); its value is stored only hashed.
"""
from __future__ import annotations

import hmac

from flask import current_app, request, url_for
from werkzeug.wrappers import Response

from ...storage.store import hash_secret
from .security import cookie_name, cookies_secure

OWNER_COOKIE = "iv_owner"
RESULT_COOKIE = "iv_result"


def _path(token: str) -> str:
    return url_for("results.show", token=token)


def give_ownership(response: Response, token: str, owner_secret: str) -> Response:
    ttl = int(current_app.config["RESULT_TTL_DAYS"])
    response.set_cookie(cookie_name(OWNER_COOKIE, _path(token)), owner_secret,
                        max_age=ttl * 86400, path=_path(token),
                        httponly=True, samesite="Lax",
                        secure=cookies_secure())
    return response


def remember_result(response: Response, token: str) -> Response:
    """The owner's own share link, for the questionnaire's pages only (path /q/, HttpOnly):
    check answers links back to the verdict just made, and an owner changing their answers
    can update that same link. Never in the session cookie, never sent anywhere else."""
    response.set_cookie(cookie_name(RESULT_COOKIE, _questionnaire()), token,
                        path=_questionnaire(), httponly=True,
                        samesite="Lax", secure=cookies_secure())
    return response  # no max_age: gone when the browser session ends


def forget_result_cookie(response: Response) -> Response:
    response.delete_cookie(cookie_name(RESULT_COOKIE, _questionnaire()), path=_questionnaire(),
                           secure=cookies_secure())
    return response


def _questionnaire() -> str:
    return url_for("wizard.start")


def remembered_result(token_hash: str | None) -> str | None:
    """The remembered share token, if it is the one whose hash the wizard holds."""
    token = request.cookies.get(cookie_name(RESULT_COOKIE, _questionnaire()))
    if token and token_hash and hmac.compare_digest(hash_secret(token), token_hash):
        return token
    return None


def owner_secret() -> str | None:
    return request.cookies.get(cookie_name(OWNER_COOKIE, "/r/"))


def forget_ownership(response: Response, token: str) -> Response:
    response.delete_cookie(cookie_name(OWNER_COOKIE, _path(token)), path=_path(token),
                           secure=cookies_secure())
    return response
