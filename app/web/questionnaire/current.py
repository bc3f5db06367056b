"""What every questionnaire view starts from: the blueprint, today's rules, this browser's
questionnaire state (cleaned) and the redirect to where the person left off.

Why a module of its own: the steps (views.py), the details (details.py) and check answers
(check.py) all begin here, so none reaches into another's private helpers.
"""
from __future__ import annotations

from flask import Blueprint, current_app, redirect, request, session, url_for

from .flow import first_unanswered, load_state

bp = Blueprint("wizard", __name__, url_prefix="/q")


def get_rules():
    """The rules loaded once at start-up (app.extensions), so views never re-read the file."""
    return current_app.extensions["rules"]


def get_state() -> dict:
    """The wizard's state from the cookie, cleaned: the cookie is input like any other."""
    return load_state(get_rules(), session.get("wizard"))


def next_unanswered(answers: dict, code: int = 302, **args):
    """Redirect to the first step with an unanswered question, or to check answers."""
    step = first_unanswered(get_rules(), answers)
    if step is None:
        return redirect(url_for("wizard.check"), code=code)
    return redirect(url_for("wizard.step", step_id=step.id, **args), code=code)


def steps_left(answers: dict):
    """For the pages after the questions (details, check answers): the redirect to the first
    step still to answer (303 after a POST), or None when every step on the path is answered."""
    if first_unanswered(get_rules(), answers) is None:
        return None
    return next_unanswered(answers, 303 if request.method == "POST" else 302)
