"""The views of /mine: the list, and "Forget this device" (asked once more, then done).

Why thin: the device cookie is web/shared/device.py's, the rows storage/devices.py's and rows.py's.
Every answer is private (no-store, noindex). A browser without a device cookie sees the page
that explains the feature and gets no cookie: nothing here writes the session unless a form
is shown, and a form is shown only to a browser that has made a result.
"""
from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, url_for

from ...storage import db, devices, store
from ..shared import device
from ..shared.security import private
from .rows import side_by_side

bp = Blueprint("mine", __name__, url_prefix="/mine")


bp.after_request(private)


@bp.app_template_global()
def device_has_results() -> bool:
    """For the landing page's link here: this browser has made a result that is still live."""
    secret = device.device_secret()
    if secret is None:
        return False
    with db.session() as s:
        return devices.has_results(s, secret, now=store.utcnow())


@bp.get("")
def index():
    secret = device.device_secret()
    made = []
    if secret is not None:
        with db.session() as s:
            made = devices.listed(s, secret, now=store.utcnow())
    rows, first = side_by_side(current_app.extensions["rules"], made)
    return render_template("mine/index.html", rows=rows, prepare_first=first,
                           has_device=secret is not None)


@bp.get("/forget")
def confirm_forget():
    if device.device_secret() is None:
        return redirect(url_for("mine.index"), code=303)
    return render_template("mine/forget.html")


@bp.post("/forget")
def forget():
    secret = device.device_secret()
    if secret is not None:
        with db.session(write=True) as s:
            devices.forget(s, secret)
        flash("This browser no longer lists your results. Their links still work.")
    return device.forget_device(redirect(url_for("mine.index"), code=303))
