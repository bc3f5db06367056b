"""The questionnaire in the browser: one URL per step, POST-redirect-GET, then check answers,
whose final POST stores the result.

Why this shape (django-formtools' NamedUrl wizard, GOV.UK question pages): a POST validates
only its own step and stores its choices in the session; GET never changes anything, so
refresh and browser Back are safe. The wizard owns its session entry (choice values only,
cleaned by `wizard_flow` on every read; "Change my answers" fills it via `begin_change`) and the
final POST, which checks the whole submission once (model.submission) and stores it. Every
POST redirects, errors included (a step sent incomplete is marked `tried` and its GET shows the
errors). The free-text details travel with the final POST; never readable in the cookie, they
are kept sealed (sealed.py) only to show a refused POST's page again with what was typed.
"""
from __future__ import annotations

import hashlib
import secrets

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from ..model.answers import drop_unasked
from ..model.submission import check_submission
from ..storage import db, finish, store
from . import step_page
from .forms import step_form
from .owner import give_ownership, remember_result, remembered_result
from .sealed import seal, unseal
from .wizard_flow import (
    after_saving,
    back_from,
    find_step,
    first_unanswered,
    is_reachable,
    load_state,
    merge_step,
    path,
    safe_return,
)

bp = Blueprint("wizard", __name__, url_prefix="/q")


def _rules():
    """The rules loaded once at start-up (app.extensions), so views never re-read the file."""
    return current_app.extensions["rules"]


def _state() -> dict:
    """The wizard's state from the cookie, cleaned: the cookie is input like any other."""
    return load_state(_rules(), session.get("wizard"))


def _save(state: dict, answers: dict, **marks) -> None:
    """Store choice values only; answers whose condition no longer holds are dropped here.
    Saving a step means the answers may differ from the verdict just made. Every save gives
    the questionnaire a new finish key (storage/finish.py): a copy of the cookie taken before
    holds an old one, and never finds the result this browser makes. `marks`: a step sent
    incomplete (tried={step, missing}), so that its GET shows the errors again."""
    kept = {k: v for k, v in state.items() if k not in ("made", "tried", "finish")}
    session["wizard"] = {**kept, "finish": secrets.token_urlsafe(32),
                         "answers": drop_unasked(_rules(), answers), **marks}


def begin_change(answers, changing: str, owned: bool = False) -> None:
    """Reopen the questionnaire on stored answers ("Change my answers"), as a new questionnaire
    with its own finish key. The signed cookie is readable, so it gets the hash of the result's
    token, which opens nothing; `owned` lets the owner update that same link."""
    session["wizard"] = {"answers": dict(answers), "from": changing,
                         "finish": secrets.token_urlsafe(32),
                         **({"owned": True} if owned else {})}


def _finish_key(state: dict) -> str:
    """This questionnaire's finish key; a session from before finish keys existed is keyed by
    its own cookie, so replaying that cookie finds the same result too."""
    if state.get("finish"):
        return state["finish"]
    raw = request.cookies.get(current_app.config["SESSION_COOKIE_NAME"], "")
    return "cookie:" + hashlib.sha256(raw.encode()).hexdigest()


def forget_result(token_hash: str) -> None:
    """A deleted result leaves nothing behind in this browser's questionnaire."""
    if _state().get("from") == token_hash:
        session.pop("wizard", None)


def _step_url(target, args: dict) -> str:
    """The URL of a step, of check answers ("check") or of the landing page (None)."""
    if target == "check":
        return url_for("wizard.check")
    if target is None:
        return url_for("pages.index")
    return url_for("wizard.step", step_id=target.id, **args)


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
    """The Start button: resume where the person left off, never reset what they answered;
    but once those answers have given a result, Start begins a new questionnaire (the result
    keeps its own link, and nothing new can overwrite it by accident)."""
    state = _state()
    if state.get("made"):
        session.pop("wizard", None)
        return _next_unanswered({})
    return _next_unanswered(state["answers"])


@bp.route("/<step_id>", methods=["GET", "POST"])
def step(step_id: str):
    """One step: GET shows it prefilled; POST validates this step only, then redirects."""
    rules, state = _rules(), _state()
    answers, back_to = state["answers"], safe_return(request.args.get("return"))
    current = find_step(rules, step_id)
    if current is None or not is_reachable(rules, current, answers):
        return _next_unanswered(answers)
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
            return redirect(_step_url(following or "check", args), code=303)
        # POST-redirect-GET, errors included: keep the valid choices, show the errors on GET
        failing = [qid for qid, _ in form.errors_in_order()]
        _save(state, merge_step(rules, current, answers, request.form),
              tried={"step": current.id, "missing": failing})
        return redirect(_step_url(current, args), code=303)
    return step_page.show(rules, state, current, back_url, back_to, args)


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
    if request.method == "POST":
        typed = {name: request.form.get(name, "") for name in fields}
        submission, problems = check_submission(rules, answers, typed)
        if submission is not None:
            token = remembered_result(state.get("from")) if state.get("owned") else None
            if token and request.form.get("save") != "new":
                return _update(token, submission, _finish_key(state))
            return _store(submission, _finish_key(state))
        # POST-redirect-GET, errors included; the typed details survive it, sealed (sealed.py)
        _keep_typed(state, typed)
        answer_problems = [p for p in problems if p.field in rules.questions]
        if answer_problems:  # every step revalidated: show the first failing one
            flash("Please check your answers on this page.")
            failing = rules.questions[answer_problems[0].field]
            return redirect(url_for("wizard.step", step_id=failing.step), code=303)
        return redirect(url_for("wizard.check"), code=303)
    errors = []
    if "draft" in state:  # sent and refused: what was typed, with its errors
        typed = unseal(current_app.secret_key, state["draft"], fields)
        errors = [(e.field, e.message) for e in check_submission(rules, answers, typed)[1]]
    else:
        changing = state.get("from")  # the hash of the result whose answers are being changed
        typed = _details_of(changing) if changing else {}
    last = path(rules, answers)[-1]
    token = remembered_result(state.get("from"))
    return render_template("wizard/check.html", rows=_rows(answers), details=rules.details,
                           made=token if state.get("made") else None,
                           updating=token if state.get("owned") else None,
                           typed=typed, errors=errors, field_errors=dict(errors),
                           max_length=rules.details_max_length,
                           back_url=url_for("wizard.step", step_id=last.id))


def _keep_typed(state: dict, typed: dict) -> None:
    """The details as typed, sealed into the session for the GET after a refused POST."""
    sealed = seal(current_app.secret_key, typed)
    kept = {k: v for k, v in state.items() if k != "draft"}
    session["wizard"] = {**kept, **({"draft": sealed} if sealed else {})}


def _store(submission, finish_key: str):
    """Store the checked submission once per finished questionnaire (a replay of this POST gets
    the same result); 303 to its page, with the owner's cookie. The answers stay in the session
    (Back from the verdict shows them, with a link to it)."""
    ttl = int(current_app.config["RESULT_TTL_DAYS"])
    created = finish.store_once(_rules(), submission, finish_key, now=store.utcnow(),
                                ttl_days=ttl)
    _made(submission, created.token)
    response = redirect(url_for("results.show", token=created.token), code=303)
    give_ownership(response, created.token, created.owner_secret)
    return remember_result(response, created.token)


def _update(token: str, submission, finish_key: str):
    """The owner's change, on the same link: everyone who has it sees the new verdict."""
    with db.session(write=True) as s:
        updated = store.update(s, _rules(), token, submission, now=store.utcnow())
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


def _details_of(token_hash: str) -> dict:
    """The details of the result being changed, to prefill check answers ({} when gone)."""
    with db.session() as s:
        return store.details_by_token_hash(s, token_hash, now=store.utcnow())
