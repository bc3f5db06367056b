"""Stored results: PLACEHOLDER until the storage work lands (in-memory, for the wizard to call).

Contract the wizard relies on:
  finish_result(answers: dict, details: dict) -> Response
      stores the result and answers 303 to /r/<token>, setting the owner's cookie.
  prefill_details(token: str) -> dict
      the optional details of a stored result, for "Change my answers"; {} when unknown.
"""
import secrets

from flask import Blueprint, abort, current_app, redirect, render_template_string, url_for

from .scoring import evaluate

bp = Blueprint("results", __name__, url_prefix="/r")
_RESULTS: dict[str, dict] = {}


def finish_result(answers: dict, details: dict):
    token = secrets.token_urlsafe(32)
    _RESULTS[token] = {"answers": answers, "details": details}
    return redirect(url_for("results.show", token=token), code=303)


def prefill_details(token: str) -> dict:
    return dict(_RESULTS.get(token, {}).get("details", {}))


@bp.get("/<token>")
def show(token):
    stored = _RESULTS.get(token) or abort(404)
    result = evaluate(current_app.extensions["rules"], stored["answers"])
    return render_template_string(
        '{% extends "base.html" %}{% block title %}Your verdict{% endblock %}'
        '{% block main %}<h1 id="verdict-headline">{{ r.verdict.label }}</h1>{% endblock %}',
        r=result)
