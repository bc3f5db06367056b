"""The landing page, plus the two files every crawler and browser asks for at the root.

robots.txt keeps crawlers out of results and the questionnaire (result pages also carry
noindex headers and tags, in case a crawler ignores it); /favicon.ico serves our icon so
browsers that ask for it get it instead of a 404.
"""
from __future__ import annotations

from flask import Blueprint, Response, current_app, redirect, render_template, url_for

bp = Blueprint("pages", __name__)

ROBOTS = "User-agent: *\nDisallow: /r/\nDisallow: /q/\nDisallow: /api/\nDisallow: /mine\n"


@bp.get("/")
def index():
    rules = current_app.extensions["rules"]
    return render_template("index.html", step_count=len(rules.steps),
                           ttl_days=current_app.config["RESULT_TTL_DAYS"])


@bp.get("/robots.txt")
def robots():
    return Response(ROBOTS, mimetype="text/plain")


@bp.get("/favicon.ico")
def favicon():
    # a permanent redirect is kept by browsers: to the plain URL, which is revalidated
    return redirect(url_for("static", filename="favicon.svg", v=None), code=301)
