"""Check answers, and its final POST: the whole submission checked once, then stored.

Why apart from the steps (views.py): this is where the questionnaire ends and the result
begins: every step revalidated (model.submission), the result stored once per finished
questionnaire (storage/finish.py: a replayed POST finds the same result), or the owner's own
result updated on the same link. A refused POST redirects like any other; the details typed
survive it encrypted in the session (shared/encrypted.py), never readable in the cookie.
"""
from __future__ import annotations

import hashlib
import secrets

from flask import current_app, flash, redirect, render_template, request, session, url_for

from ...model.submission import check_submission
from ...storage import db, finish, store
from ..shared import device
from ..shared.owner import give_ownership, remember_result, remembered_result
from .current import bp, get_rules, get_state, steps_left
from .details import keep_typed, typed_details


def _finish_key(state: dict) -> str:
    """This questionnaire's finish key; a session from before finish keys existed is keyed by
    its own cookie, so replaying that cookie finds the same result too."""
    if state.get("finish"):
        return state["finish"]
    raw = request.cookies.get(current_app.config["SESSION_COOKIE_NAME"], "")
    return "cookie:" + hashlib.sha256(raw.encode()).hexdigest()


def _rows(answers: dict):
    """(step, [(question, answer label)]) for every step on the path, for the summary list."""
    rules = get_rules()
    return [(s, [(q, q.label_of(answers[q.id])) for q in s.questions if q.id in answers])
            for s in rules.steps if any(q.id in answers for q in s.questions)]


@bp.route("/check", methods=["GET", "POST"])
def check():
    """Check answers; its POST revalidates every step, then hands over to the result store."""
    rules, state = get_rules(), get_state()
    answers = state["answers"]
    if (unfinished := steps_left(answers)) is not None:
        return unfinished
    fields = [name for name, _ in rules.details]
    if request.method == "POST":
        typed = {name: request.form.get(name, "") for name in fields}
        submission, problems = check_submission(rules, answers, typed)
        if submission is not None:
            token = remembered_result(state.get("from")) if state.get("owned") else None
            if token and request.form.get("save") != "new":
                return _update(token, submission, _finish_key(state))
            return _store(submission, _finish_key(state))
        # POST-redirect-GET, errors included; the typed details survive it, encrypted
        keep_typed(state, typed)
        answer_problems = [p for p in problems if p.field in rules.questions]
        if answer_problems:  # every step revalidated: show the first failing one
            flash("Please check your answers on this page.")
            failing = rules.questions[answer_problems[0].field]
            return redirect(url_for("wizard.step", step_id=failing.step), code=303)
        return redirect(url_for("wizard.details"), code=303)  # which says what is wrong
    token = remembered_result(state.get("from"))
    return render_template("wizard/check.html", rows=_rows(answers), details=rules.details,
                           details_short=rules.details_short,
                           made=token if state.get("made") else None,
                           updating=token if state.get("owned") else None,
                           typed=typed_details(state, fields),
                           back_url=url_for("wizard.details"))


def _store(submission, finish_key: str):
    """Store the checked submission once per finished questionnaire (a replay of this POST gets
    the same result); 303 to its page, with the owner's cookie. The answers stay in the session
    (Back from the verdict shows them, with a link to it)."""
    ttl, secret = int(current_app.config["RESULT_TTL_DAYS"]), device.secret_for_new_result()
    created = finish.store_once(get_rules(), submission, finish_key, now=store.utcnow(),
                                ttl_days=ttl, device_secret=secret)
    _made(submission, created.token)
    response = redirect(url_for("results.show", token=created.token), code=303)
    give_ownership(response, created.token, created.owner_secret)
    device.give_device(response, secret)  # listed on this browser's /mine
    return remember_result(response, created.token)


def _update(token: str, submission, finish_key: str):
    """The owner's change, on the same link: everyone who has it sees the new verdict; the
    same answers and details again change nothing, and the page says so."""
    with db.session() as s:
        record = store.find(s, token, now=store.utcnow())
    if record is not None and (dict(record.answers), dict(record.details)) == (
            dict(submission.answers), dict(submission.details)):
        _made(submission, token)
        flash("Nothing changed: these are the answers your result already has.")
        return redirect(url_for("results.show", token=token), code=303)
    with db.session(write=True) as s:
        updated = store.update(s, get_rules(), token, submission, now=store.utcnow())
    if not updated:  # deleted or expired meanwhile: keep the answers, make a new result
        return _store(submission, finish_key)
    _made(submission, token)
    flash("Your result was updated: everyone with the link now sees this verdict.")
    return redirect(url_for("results.show", token=token), code=303)


def _made(submission, token: str) -> None:
    """The answers that just gave this verdict, kept for Back and for a change on the same link;
    a new finish key, so keeping both (a second result) is stored once too."""
    session["wizard"] = {"answers": dict(submission.answers), "from": store.hash_secret(token),
                         "owned": True, "made": True, "finish": secrets.token_urlsafe(32)}
