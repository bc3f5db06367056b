"""What every questionnaire view starts from: the blueprint, today's rules, this browser's
questionnaire state (cleaned) and the redirect to where the person left off.

Why a module of its own: the steps (views.py) and check answers (check.py) both begin here, so
neither reaches into the other's private helpers.
"""
from __future__ import annotations

from flask import Blueprint, current_app, redirect, session, url_for

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
