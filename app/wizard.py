"""The questionnaire wizard (placeholder until the wizard work lands)."""
from flask import Blueprint, redirect, url_for

bp = Blueprint("wizard", __name__, url_prefix="/q")


@bp.get("/")
def start():
    return redirect(url_for("pages.index"))
