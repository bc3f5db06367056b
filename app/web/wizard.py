"""The questionnaire in the browser: one URL per step, POST-redirect-GET, then check answers.

Why this shape (django-formtools' NamedUrl wizard, GOV.UK question pages): a POST validates
only its own step and stores its choices in the session; GET never changes anything, so
refresh and browser Back are safe. The session holds choice values only (`wizard_flow`
cleans it on every read); the free-text details travel with the final POST alone and are
handed to `results.finish_result`, never to the cookie.
"""
from __future__ import annotations

from flask import (Blueprint, current_app, flash, redirect, render_template, request,
                   session, url_for)

from . import results
from ..model.answers import drop_unasked, validate_answers
from ..model.details import validate_details
from .forms import step_form
from .wizard_flow import (find_step, first_unanswered, is_reachable, load_state, merge_step,
                          neighbour, path, position, safe_return)

bp = Blueprint("wizard", __name__, url_prefix="/q")


def _rules():
    """The rules loaded once at start-up (app.extensions), so views never re-read the file."""
    return current_app.extensions["rules"]


def _state() -> dict:
    """The wizard's state from the cookie, cleaned: the cookie is input like any other."""
    return load_state(_rules(), session.get("wizard"))


def _save(state: dict, answers: dict) -> None:
    """Store choice values only; answers whose condition no longer holds are dropped here."""
    session["wizard"] = {**state, "answers": drop_unasked(_rules(), answers)}


def _next_unanswered(answers: dict, code: int = 302, **args):
    """Redirect to the first step with an unanswered question, or to check answers."""
    step = first_unanswered(_rules(), answers)
    if step is None:
        return redirect(url_for("wizard.check"), code=code)
    return redirect(url_for("wizard.step", step_id=step.id, **args), code=code)


@bp.after_request
def _private(response):
    """Answers and prefilled details are nobody else's: no shared or back-forward caches."""
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/")
def start():
    """The Start button: resume where the person left off, never reset what they answered."""
    return _next_unanswered(_state()["answers"])


@bp.route("/<step_id>", methods=["GET", "POST"])
def step(step_id: str):
    """One step: GET shows it prefilled; POST validates this step only, then redirects."""
    rules, state = _rules(), _state()
    answers, back_to = state["answers"], safe_return(request.args.get("return"))
    current = find_step(rules, step_id)
    if current is None or not is_reachable(rules, current, answers):
        return _next_unanswered(answers)
    args = {"return": back_to} if back_to else {}
    previous = neighbour(rules, current, answers, -1)
    # from check answers, Back returns there, unless a newly asked question keeps it closed
    if back_to and first_unanswered(rules, answers) is None:
        back_url = url_for("wizard.check")
    elif previous:
        back_url = url_for("wizard.step", step_id=previous.id, **args)
    else:
        back_url = url_for("pages.index")

    if request.method == "POST" and request.form.get("action") == "back":
        _save(state, merge_step(rules, current, answers, request.form))  # keeps what is valid
        return redirect(back_url, code=303)
    if request.method == "POST":
        form = step_form(rules, current, answers, request.form)
        if form.validate():
            answers = {**answers, **form.answers()}
            _save(state, answers)
            if back_to:
                return _next_unanswered(drop_unasked(rules, answers), 303, **args)
            following = neighbour(rules, current, drop_unasked(rules, answers), +1)
            return redirect(url_for("wizard.step", step_id=following.id) if following
                            else url_for("wizard.check"), code=303)
    else:
        form = step_form(rules, current, answers)
    number, total = position(rules, current, answers)
    return render_template("wizard/step.html", step=current, form=form, number=number,
                           total=total, back_url=back_url, args=args,
                           errors=form.errors_in_order())


def _rows(answers: dict):
    """(step, [(question, answer label)]) for every step on the path, for the summary list."""
    rules = _rules()
    return [(s, [(q, q.label_of(answers[q.id])) for q in s.questions if q.id in answers])
            for s in rules.steps if any(q.id in answers for q in s.questions)]


@bp.route("/check", methods=["GET", "POST"])
def check():
    """Check answers; its POST revalidates every step, then hands over to the result store."""
    rules, state = _rules(), _state()
    answers = state["answers"]
    if first_unanswered(rules, answers) is not None:
        return _next_unanswered(answers, 303 if request.method == "POST" else 302)
    fields = [name for name, _ in rules.details]
    errors = []
    if request.method == "POST":
        typed = {name: request.form.get(name, "") for name in fields}
        clean, problems = validate_answers(rules, answers)
        if problems:  # every step revalidated: show the first failing one
            failing = rules.questions.get(problems[0].field)
            flash("Please check your answers on this page.")
            return redirect(url_for("wizard.step", step_id=failing.step) if failing
                            else url_for("wizard.start"), code=303)
        details, detail_errors = validate_details(rules, typed)
        if not detail_errors:
            response = results.finish_result(clean, details)
            session.pop("wizard", None)  # only once stored: a database error loses no answer
            return response
        errors = [(e.field, e.message) for e in detail_errors]
    else:
        changing = state.get("from")  # the hash of the result whose answers are being changed
        typed = results.prefill_details(changing) if changing else {}
    last = path(rules, answers)[-1]
    return render_template("wizard/check.html", rows=_rows(answers), details=rules.details,
                           typed=typed, errors=errors, field_errors=dict(errors),
                           max_length=rules.details_max_length,
                           back_url=url_for("wizard.step", step_id=last.id))
