"""The optional details (company, role, the contact's and the person's first names), a short
step of their own between the last question and check answers.

Why a step apart (issue 20): typed on check answers they made that page three screens tall;
here they are one short form, and check answers lists them with a change link, carrying them in
hidden fields to the final POST (check.py), which checks and stores them. Between the two pages
they are kept encrypted in the session (shared/encrypted.py), never readable in the cookie;
nothing is stored until the person asks for their verdict.
"""
from __future__ import annotations

from flask import current_app, redirect, render_template, request, session, url_for

from ...model.details import validate_details
from ...storage import db, store
from ..shared.encrypted import seal, unseal
from .current import bp, get_rules, get_state, steps_left
from .flow import path


def keep_typed(state: dict, typed: dict) -> None:
    """The details as typed, sealed into the session for the pages that follow."""
    sealed = seal(current_app.secret_key, typed)
    kept = {k: v for k, v in state.items() if k != "draft"}
    session["wizard"] = {**kept, **({"draft": sealed} if sealed else {})}


def typed_details(state: dict, fields) -> dict:
    """The details typed so far, else those of the result being changed, else none."""
    if "draft" in state:
        return unseal(current_app.secret_key, state["draft"], fields)
    changing = state.get("from")  # the hash of the result whose answers are being changed
    if not changing:
        return {}
    with db.session() as s:
        return store.details_by_token_hash(s, changing, now=store.utcnow())


@bp.route("/details", methods=["GET", "POST"])
def details():
    """GET: the form, prefilled, with the errors of what was sent; POST: kept, then check
    answers (or this page again, saying what is wrong)."""
    rules, state = get_rules(), get_state()
    answers = state["answers"]
    if (unfinished := steps_left(answers)) is not None:
        return unfinished
    fields = [name for name, _ in rules.details]
    if request.method == "POST":
        typed = {name: request.form.get(name, "") for name in fields}
        keep_typed(state, typed)
        refused = validate_details(rules, typed)[1]
        return redirect(url_for("wizard.details" if refused else "wizard.check"), code=303)
    typed = typed_details(state, fields)
    errors = [(e.field, e.message) for e in validate_details(rules, typed)[1]]
    return render_template("wizard/details.html", details=rules.details, typed=typed,
                           errors=errors, field_errors=dict(errors),
                           max_length=rules.details_max_length,
                           back_url=url_for("wizard.step", step_id=path(rules, answers)[-1].id))
