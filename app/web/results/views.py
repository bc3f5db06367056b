"""Stored results: the views that read them (page, JSON, card), change my answers, owner delete.

Why thin: storage rules live in storage/store.py, page wording in result_page.py, pictures in
model/chart.py and card.py; the wizard stores results and owns its session, so "Change my
answers" hands the stored answers to `wizard.begin_change`. Every /r/ response is noindex and
no-store; unknown, expired and deleted tokens all answer the same 404; the owner is whoever
holds the secret cookie set on creation (owner.py).
"""
from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)

from ...storage import db, store
from ..shared import answers_session, page_cache
from ..shared import opinion_form as opinion_parts
from ..shared.owner import (
    OWNER_COOKIE,
    forget_ownership,
    forget_result_cookie,
    owner_secret,
    remember_result,
)
from ..shared.security import private
from .card import card_response
from .page import page_context

bp = Blueprint("results", __name__, url_prefix="/r")
__all__ = ["bp", "OWNER_COOKIE", "absolute_url"]


def _rules():
    return current_app.extensions["rules"]


def load(token: str) -> store.StoredRecord:
    with db.session() as s:
        record = store.find(s, token, now=store.utcnow())
    return record if record is not None else abort(404)


def absolute_url(endpoint: str, **values) -> str:
    base = current_app.config.get("BASE_URL")
    if base:
        return base.rstrip("/") + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


bp.after_request(private)  # the card sets its own Cache-Control


def page_key(live: store.LiveHead, rules, is_owner: bool) -> str:
    """Everything a cached result page depends on: the result's version (made, revision,
    rules version, the owner's "How sure?", the opinions' count and revisions), today's rules,
    whose view, and the base its absolute links were drawn for."""
    base = current_app.config.get("BASE_URL") or (  # what url_for(_external) builds on, read
        f"{request.scheme}://{request.host}{request.root_path}")  # plainly (host_url re-quotes)
    return (f"result/{live.token_hash}/{live.version!r}/{rules.version}/"
            f"{'owner' if is_owner else 'visitor'}/{base}")


@bp.get("/<token>")
def show(token):
    """A look-up on every view (live? whose?), then the body drawn once per page_key (cached),
    with the friend's own form drawn for this request."""
    with db.reading() as conn:
        live = store.head(conn, token, now=store.utcnow())
    if live is None:
        abort(404)
    rules, is_owner = _rules(), store.owns_head(live, owner_secret())

    def render(csrf_token):
        return render_template(
            "results/result.html", token=token, **page_context(rules, load(token)),
            is_owner=is_owner, share_url=absolute_url("results.show", token=token),
            card_url=absolute_url("results.card", token=token),
            **opinion_parts.context(token, is_owner), csrf_token=csrf_token)

    fill = opinion_parts.fill(*opinion_parts.slot(token, is_owner))
    return page_cache.page(page_key(live, rules, is_owner), render, fill)


@bp.get("/<token>/card.png")
def card(token):
    return card_response(token, _rules())


@bp.post("/<token>/edit")
def edit(token):
    """Change my answers: the wizard reopens on them; the owner may then update this link."""
    record = load(token)
    if not store.is_owner(record, owner_secret()):
        abort(403)  # a friend starts their own instead (the page offers it)
    answers_session.begin_change(record.answers, changing=store.hash_secret(token), owned=True)
    return remember_result(redirect(url_for("wizard.check"), code=303), token)


@bp.get("/<token>/delete")
def confirm_delete(token):
    """Delete asks once more, saying what it removes; it works without JavaScript."""
    record = load(token)
    if not store.is_owner(record, owner_secret()):
        abort(403)
    return render_template("results/delete.html", token=token, verdict=record.snapshot["verdict"],
                           details=record.details)


@bp.post("/<token>/delete")
def delete(token):
    with db.session(write=True) as s:
        deleted = store.delete(s, token, owner_secret(), now=store.utcnow())
    if deleted is None:
        abort(404)
    if not deleted:
        abort(403)
    flash("Your result was deleted")
    answers_session.forget_result(store.hash_secret(token))
    back = url_for("mine.index") if request.form.get("from") == "mine" else url_for("pages.index")
    response = forget_ownership(redirect(back, code=303), token)
    return forget_result_cookie(response)
