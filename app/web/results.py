"""Stored results: the views (make, show, share, card, JSON, change answers, owner delete).

Contract the wizard relies on:
  finish_result(answers: dict, details: dict) -> Response
      validates, stores the result and answers 303 to /r/<token>, setting the owner's cookie.
  prefill_details(token_hash: str) -> dict
      the optional details of a stored result, found by the hash of its share token (what
      "Change my answers" keeps in the session), for the check page; {} when unknown.

Why thin: storage rules live in store.py, page wording in result_page.py, pictures in chart.py
and card.py. Every /r/ response is noindex and no-store; unknown, expired and deleted tokens
all answer the same 404; the owner is whoever holds the secret cookie set on creation.
"""
from __future__ import annotations

from flask import (Blueprint, Response, abort, current_app, flash, jsonify, redirect,
                   render_template, request, session, url_for)

from ..storage import db, store
from ..model.answers import InvalidAnswers
from .card import render_card
from .result_page import page_context

bp = Blueprint("results", __name__, url_prefix="/r")
OWNER_COOKIE = "iv_owner"


def _rules():
    return current_app.extensions["rules"]


def _load(token: str) -> dict:
    with db.session() as s:
        record = store.find(s, token, now=store.utcnow())
    return record if record is not None else abort(404)


def absolute_url(endpoint: str, **values) -> str:
    base = current_app.config.get("BASE_URL")
    if base:
        return base.rstrip("/") + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


def finish_result(answers: dict, details: dict) -> Response:
    ttl = int(current_app.config["RESULT_TTL_DAYS"])
    try:
        with db.session(write=True) as s:
            created = store.create(s, _rules(), answers, details, now=store.utcnow(), ttl_days=ttl)
    except InvalidAnswers:
        abort(400)
    response = redirect(url_for("results.show", token=created.token), code=303)
    response.set_cookie(OWNER_COOKIE, created.owner_secret, max_age=ttl * 86400,
                        path=url_for("results.show", token=created.token), httponly=True,
                        samesite="Lax", secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response


def prefill_details(token_hash: str) -> dict:
    with db.session() as s:
        return store.details_by_token_hash(s, token_hash, now=store.utcnow())


@bp.after_request
def _private(response):
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/<token>")
def show(token):
    record = _load(token)
    return render_template(
        "results/result.html", token=token, **page_context(_rules(), record),
        is_owner=store.is_owner(record, request.cookies.get(OWNER_COOKIE)),
        share_url=absolute_url("results.show", token=token),
        card_url=absolute_url("results.card", token=token))


@bp.get("/<token>.json")
def show_json(token):
    record = _load(token)
    return jsonify({**record["snapshot"], "created_at": record["created_at"].isoformat(),
                    "expires_at": record["expires_at"].isoformat(),
                    "details": record["details"]})


@bp.get("/<token>/card.png")
def card(token):
    record = _load(token)
    png = render_card(record["snapshot"], record["details"])
    return Response(png, mimetype="image/png")


@bp.post("/<token>/edit")
def edit(token):
    record = _load(token)
    # the signed cookie is readable: it gets the token's hash, which opens nothing
    session["wizard"] = {"answers": record["answers"], "from": store.hash_secret(token)}
    return redirect(url_for("wizard.check"), code=303)


@bp.post("/<token>/delete")
def delete(token):
    with db.session(write=True) as s:
        deleted = store.delete(s, token, request.cookies.get(OWNER_COOKIE), now=store.utcnow())
    if deleted is None:
        abort(404)
    if not deleted:
        abort(403)
    flash("Your result was deleted")
    response = redirect(url_for("pages.index"), code=303)
    response.delete_cookie(OWNER_COOKIE, path=url_for("results.show", token=token))
    return response
