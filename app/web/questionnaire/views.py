"""The questionnaire in the browser: one URL per step, POST-redirect-GET, then check answers,
whose final POST stores the result.

Why this shape (django-formtools' NamedUrl wizard, GOV.UK question pages): a POST validates
only its own step and stores its choices in the session; GET never changes anything, so
refresh and browser Back are safe. The wizard owns its session entry (choice values only,
cleaned by `flow.load_state` on every read; "Change my answers" fills it through
shared/answers_session.py) and the final POST, which checks the whole submission once
(model.submission) and stores it. Every POST redirects, errors included (a step sent
incomplete is marked `tried` and its GET shows the errors). The free-text details travel
with the final POST; never readable in the cookie, they
are kept encrypted (shared/encrypted.py) only to show a refused POST's page again with what
was typed.
"""
from __future__ import annotations

import secrets

from flask import redirect, request, session, url_for

from ...model.answers import drop_unasked
from . import step_page
from .current import bp, get_rules, get_state, next_unanswered
from .flow import after_saving, back_from, find_step, is_reachable, merge_step, safe_return
from .forms import step_form


def _save(state: dict, answers: dict, **marks) -> None:
    """Store choice values only; answers whose condition no longer holds are dropped here.
    Saving a step means the answers may differ from the verdict just made. Every save gives
    the questionnaire a new finish key (storage/finish.py): a copy of the cookie taken before
    holds an old one, and never finds the result this browser makes. `marks`: a step sent
    incomplete (tried={step, missing}), so that its GET shows the errors again."""
    kept = {k: v for k, v in state.items() if k not in ("made", "tried", "finish")}
    session["wizard"] = {**kept, "finish": secrets.token_urlsafe(32),
                         "answers": drop_unasked(get_rules(), answers), **marks}


def _step_url(target, args: dict) -> str:
    """The URL of a step, of check answers ("check") or of the landing page (None)."""
    if target in ("check", "details"):
        return url_for("wizard." + target)
    if target is None:
        return url_for("pages.index")
    return url_for("wizard.step", step_id=target.id, **args)


@bp.after_request
def _private(response):
    """Answers and prefilled details are nobody else's: no shared or back-forward caches."""
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/")
def start():
    """The Start button: resume where the person left off, never reset what they answered;
    but once those answers have given a result, Start begins a new questionnaire (the result
    keeps its own link, and nothing new can overwrite it by accident)."""
    state = get_state()
    if state.get("made"):
        session.pop("wizard", None)
        return next_unanswered({})
    if "tried" in state:  # starting again: an old error mark is not theirs any more
        _save(state, state["answers"])
    return next_unanswered(state["answers"])


@bp.route("/<step_id>", methods=["GET", "POST"])
def step(step_id: str):
    """One step: GET shows it prefilled; POST validates this step only, then redirects."""
    rules, state = get_rules(), get_state()
    answers, back_to = state["answers"], safe_return(request.args.get("return"))
    current = find_step(rules, step_id)
    if current is None or not is_reachable(rules, current, answers):
        return next_unanswered(answers)
    args = {"return": back_to} if back_to else {}
    back_url = _step_url(back_from(rules, current, answers, bool(back_to)), args)

    if request.method == "POST" and request.form.get("action") == "back":
        _save(state, merge_step(rules, current, answers, request.form))  # keeps what is valid
        return redirect(back_url, code=303)
    if request.method == "POST":
        form = step_form(rules, current, answers, request.form)
        if form.validate():
            answers = {**answers, **form.answers()}
            _save(state, answers)
            following = after_saving(rules, current, answers, bool(back_to))
            last = following or ("check" if back_to else "details")  # details: a step of their own
            return redirect(_step_url(last, args), code=303)
        # POST-redirect-GET, errors included: keep the valid choices, show the errors on GET
        failing = [qid for qid, _ in form.errors_in_order()]
        _save(state, merge_step(rules, current, answers, request.form),
              tried={"step": current.id, "missing": failing})
        return redirect(_step_url(current, args), code=303)
    if state.get("tried", {}).get("step") not in (None, current.id):  # they left that step
        _save(state, answers)
        state = get_state()
    return step_page.show(rules, state, current, back_url, back_to, args)
