"""The landing page: what this is, how long it takes, what is stored, and a start button."""
from __future__ import annotations

from flask import Blueprint, current_app, render_template

bp = Blueprint("pages", __name__)


@bp.get("/")
def index():
    rules = current_app.extensions["rules"]
    return render_template("index.html", step_count=len(rules.steps),
                           ttl_days=current_app.config["RESULT_TTL_DAYS"])
