"""Try a change, on the verdict itself: the owner previews their result with one answer changed
(GET /r/<token>/try?<question>=<value>) and may make it their answer (POST, same URL).

Why a blueprint of its own under /r/<token>/: the owner's cookie is scoped to the result's path,
and the result views stay as they are. The preview is scored by the pure model (tryout, evaluate,
serialize) and stores nothing; it is noindex and no-store like every /r/ page. Making it the
answer goes through check_submission with the stored details, as "Change my answers" + "Update
my result (same link)" does. Bad input gets a plain message (a 400 page for a GET; a POST goes
back to the result, which says it), never a 500; friends get 403.
"""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for

from ...model.chart import build_chart, build_scale, contribution_text
from ...model.evaluate import evaluate
from ...model.result import side_of
from ...model.serialize import result_to_dict
from ...model.submission import check_submission
from ...model.tryout import try_change
from ...model.wording import how_clear
from ...storage import db, store
from ..shared import answers_session
from ..shared.owner import owner_secret
from ..shared.security import private

bp = Blueprint("preview", __name__, url_prefix="/r")


bp.after_request(private)


def _owned_record(token: str) -> store.StoredRecord:
    with db.session() as s:
        record = store.find(s, token, now=store.utcnow())
    if record is None:
        abort(404)
    if not store.is_owner(record, owner_secret()):
        abort(403)  # a friend gets their own verdict instead
    return record


def _pairs(values) -> list[tuple[str, str]]:
    return [(k, v) for k, v in values.items(multi=True) if k != "csrf_token"]


def _problem(token: str, message: str):
    return render_template("results/try.html", token=token, problem=message), 400


def _back_with(token: str, message: str):
    """A refused POST goes back to the result (POST-redirect-GET), which says why."""
    flash(message)
    return redirect(url_for("results.show", token=token), code=303)


@bp.get("/<token>/try")
def show(token):
    """The verdict the stored answers would give with one answer changed; nothing stored."""
    record, rules = _owned_record(token), current_app.extensions["rules"]
    tried, message = try_change(rules, record.answers, _pairs(request.args))
    if tried is None:
        return _problem(token, message or "")
    preview = result_to_dict(rules, evaluate(rules, tried.answers), record.details)
    return render_template(
        "results/try.html", token=token, tried=tried, snapshot=preview,
        verdict=preview["verdict"], side=side_of(preview["verdict"]["code"]),
        how_clear=how_clear(rules, preview["verdict"]),
        same=preview["verdict"]["code"] == record.snapshot["verdict"]["code"],
        changes=dict(tried.answers) != dict(record.answers),  # else no "Make it my answer"
        chart=build_chart(preview["factors"]), scale=build_scale(rules, preview["score"]),
        contribution_text=contribution_text)


@bp.post("/<token>/try")
def update(token):
    """Make it my answer: the result is updated on the same link, details kept."""
    record, rules = _owned_record(token), current_app.extensions["rules"]
    tried, message = try_change(rules, record.answers, _pairs(request.form))
    if tried is None:
        return _back_with(token, message or "")
    submission, problems = check_submission(rules, dict(tried.answers), dict(record.details))
    if submission is None:
        return _back_with(token, "That change can't be saved: " + problems[0].message)
    with db.session(write=True) as s:
        updated = store.update(s, rules, token, submission, now=store.utcnow())
    if not updated:
        abort(404)  # deleted or expired meanwhile
    answers_session.forget_result(store.hash_secret(token))  # Back must not show the old answers
    flash("Your result was updated: everyone with the link now sees this verdict.")
    return redirect(url_for("results.show", token=token), code=303)
