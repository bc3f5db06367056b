"""Second opinions: a friend says what they would do; the owner reads the tally and the notes,
and says how sure they are now.

Why thin and separate from results.py: the rules live in model/opinion.py (checks) and
storage/opinions.py (one row per browser, upserted); the page parts in opinion_parts.py. Every
form here is a plain POST with a CSRF token that answers 303 back to the page, so it works
without JavaScript; a refused note comes back on the page (303, then the GOV.UK error summary)
and stores nothing. A friend can withdraw their answer, the owner can remove a note; answers
given before the owner changed theirs are marked as about an earlier verdict and not counted
(storage/opinions.py). The owner never gives an opinion (403), only the owner reads the notes: the
owner's cookie has the result's path, so their JSON lives under it (/r/<token>/opinions.json);
the public /r/<token>.json never carries opinions.
"""
from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    request,
    url_for,
)

from ...model.details import has_control_chars, has_unassigned_chars
from ...model.opinion import CONFIDENCE, check_choice, check_note
from ...storage import db, opinions, store
from ..shared import opinion_form as opinion_parts
from ..shared.owner import owner_secret
from ..shared.security import private

bp = Blueprint("opinions", __name__, url_prefix="/r")


bp.after_request(private)


def _live_and_owner(token: str) -> tuple[store.LiveHead, bool]:
    with db.reading() as conn:
        live = store.head(conn, token, now=store.utcnow())
    if live is None:
        abort(404)
    return live, store.owns_head(live, owner_secret())


def _refused(token: str, choice: str | None, note, errors: dict):
    """Back to the page (POST-redirect-GET: refresh and Back never resubmit), which shows what
    was posted and what is wrong; the note is kept sealed in the session (sealed.py), and one
    with a control character or an unassigned one is not echoed back."""
    shown = note if isinstance(note, str) and not (
        has_control_chars(note) or has_unassigned_chars(note)) else ""
    opinion_parts.keep_draft(token, choice, shown, errors)
    return redirect(url_for("results.show", token=token), code=303)


@bp.post("/<token>/opinion")
def give(token):
    _, is_owner = _live_and_owner(token)
    if is_owner:
        abort(403)  # the owner's page has no form: asking yourself is not a second opinion
    choice, choice_error = check_choice(request.form.get("opinion"))
    note, note_error = check_note(request.form.get("note", ""))
    errors = {k: v for k, v in (("opinion", choice_error), ("note", note_error)) if v}
    if errors or choice is None:
        return _refused(token, choice, request.form.get("note"), errors)
    secret = opinion_parts.browser_secret() or opinion_parts.new_browser_secret(token)
    with db.session(write=True) as s:
        if not opinions.give(s, token, secret, choice, note, now=store.utcnow()):
            abort(404)
    opinion_parts.forget_draft()
    flash("Thanks: they'll see your answer")
    response = redirect(url_for("results.show", token=token), code=303)
    return opinion_parts.remember_browser(response, token, secret,
                                          int(current_app.config["RESULT_TTL_DAYS"]))


@bp.post("/<token>/opinion/withdraw")
def withdraw(token):
    """A friend takes their answer back (this browser's own: found by its opinion cookie)."""
    _, is_owner = _live_and_owner(token)
    if is_owner:
        abort(403)
    secret = opinion_parts.browser_secret()
    with db.session(write=True) as s:
        gone = secret is not None and opinions.withdraw(s, token, secret, now=store.utcnow())
    opinion_parts.forget_draft()
    flash("Your answer was withdrawn" if gone else "There was no answer of yours to withdraw")
    return redirect(url_for("results.show", token=token) + "#second-opinion", code=303)


@bp.post("/<token>/note/remove")
def remove_note(token):
    """The owner takes a friend's note off their page (the friend's answer stays counted)."""
    _, is_owner = _live_and_owner(token)
    if not is_owner:
        abort(403)
    handle = request.form.get("note", "")
    with db.session(write=True) as s:
        removed = opinions.remove_note(s, token, handle, now=store.utcnow())
    flash("The note was removed" if removed else "That note was already gone")
    return redirect(url_for("results.show", token=token) + "#opinions-title", code=303)


@bp.get("/<token>/opinions.json")
def owner_json(token):
    """The owner's view of the opinions (their cookie's path covers this URL, not .json)."""
    _, is_owner = _live_and_owner(token)
    if not is_owner:
        abort(403)
    with db.session() as s:
        found = opinions.read(s, token, now=store.utcnow(), owner=True)
    if found is None:
        abort(404)
    return jsonify({"tally": found.tally, "earlier": found.earlier,
                    "confidence": found.confidence,
                    "notes": [{**n, "updated_at": n["updated_at"].isoformat()}
                              for n in found.notes]})


@bp.post("/<token>/confidence")
def confidence(token):
    _, is_owner = _live_and_owner(token)
    if not is_owner:
        abort(403)
    value = request.form.get("confidence")
    if value not in CONFIDENCE:
        abort(400)  # two buttons, nothing to type: only a forged form gets here
    with db.session(write=True) as s:
        if not opinions.set_confidence(s, token, value, now=store.utcnow()):
            abort(404)
    flash("Thanks: your answer is kept with this result")
    return redirect(url_for("results.show", token=token) + "#confidence", code=303)
