"""The parts of a result page that second opinions add, and how they live with page_cache.

Why marks for the friend's form: page_cache caches one drawn body per page_key (result
version, rules version, owner/visitor, base URL) and serves it to every visitor. A friend's form
holds that browser's own answer, so the cached body carries only marks (page_cache.mark): the
form's place, and after a refused answer "Error: " in the title and the error summary at the
top of the main content. `fill` names what goes in them for this request (the form with that
browser's answer, found by its opinion cookie). One friend's answer is never cached, so it is
never served to another.

Why the cached page follows every opinion: the tally (everyone) and the notes and "How sure
are you now?" (the owner) are in the cached body, and store.head's version, part of the key,
includes the owner's confidence and the opinions' count and sum of revisions (read in the same
query), so a new or changed opinion is a new page at once.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time

from flask import current_app, render_template, request, session, url_for
from markupsafe import Markup

from ...model.opinion import CHOICE_LABELS, NOTE_MAX, tally_text
from ...storage import db, opinions, store
from .encrypted import seal, unseal
from .page_cache import CSRF_MARK, fragment, mark
from .security import cookie_name, cookies_secure

FORM, ERRORS, TITLE = "opinion-form", "opinion-errors", "opinion-title"  # page_cache's marks
MARKS = {"opinion_slot": FORM, "opinion_errors_slot": ERRORS,
         "opinion_title_slot": TITLE}  # the template's name -> its mark
OPINION_COOKIE = "iv_opinion"
SECRET_LEN = 43  # secrets.token_urlsafe(32)
_DRAFT_KEY = "opinion_draft"
DRAFT_SECONDS = 30 * 60


def context(token: str, is_owner: bool) -> dict:
    """What the result page's opinion parts show (in the kept body: no browser's own answer)."""
    with db.session() as s:
        found = opinions.read(s, token, now=store.utcnow(), owner=is_owner)
    tally = found.tally if found else {}
    return {"opinions": found, "opinions_total": sum(tally.values()),
            "opinions_earlier": found.earlier if found else 0,
            "tally_text": tally_text(tally), "choice_labels": CHOICE_LABELS,
            **{name: Markup(mark(m)) for name, m in MARKS.items()}}


def browser_secret() -> str | None:
    value = request.cookies.get(cookie_name(OPINION_COOKIE, "/r/"))
    ok = isinstance(value, str) and len(value) == SECRET_LEN and store.TOKEN_RE.fullmatch(value)
    return value if ok else None


def new_browser_secret(token: str) -> str:
    """A browser's first answer: derived from its session's CSRF secret and this result when it
    has one, so the same first POST replayed (same session cookie, no opinion cookie yet) finds
    the same row, and one browser's rows on two results share nothing."""
    raw = session.get(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"))
    if not isinstance(raw, str) or not raw:
        return secrets.token_urlsafe(32)
    key = current_app.secret_key
    key = key if isinstance(key, bytes) else str(key).encode()
    message = b"opinion\0" + token.encode() + b"\0" + raw.encode()
    digest = hmac.new(key, message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def remember_browser(response, token: str, secret: str, ttl_days: int):
    """The opinion cookie: this result's path only, HttpOnly, SameSite=Lax, hashed when stored."""
    path = url_for("results.show", token=token)
    response.set_cookie(cookie_name(OPINION_COOKIE, path), secret, max_age=ttl_days * 86400,
                        path=path, httponly=True,
                        samesite="Lax", secure=cookies_secure())
    return response


def keep_draft(token: str, choice: str | None, note: str, errors: dict) -> None:
    """A refused answer, for the page the POST redirects to: the choice, the note (sealed: it
    is free text; a valid note whole, an over-long one cut) and the messages, for this result
    only, until an answer is accepted or DRAFT_SECONDS have passed."""
    keep = (NOTE_MAX + 40, NOTE_MAX + 1, 40)
    session[_DRAFT_KEY] = {"result": store.hash_secret(token), "choice": choice or "",
                           "note": seal(current_app.secret_key, {"note": note}, keep) or "",
                           "errors": errors, "at": int(time.time())}


def forget_draft() -> None:
    session.pop(_DRAFT_KEY, None)


def _draft(token: str) -> dict | None:
    draft = session.get(_DRAFT_KEY)
    if not isinstance(draft, dict) or draft.get("result") != store.hash_secret(token):
        return None
    at = draft.get("at")
    if not isinstance(at, int) or not 0 <= time.time() - at <= DRAFT_SECONDS:
        return None  # an old refusal is not shown days later
    errors = draft.get("errors")
    errors = {k: v for k, v in errors.items() if k in ("opinion", "note") and isinstance(v, str)
              } if isinstance(errors, dict) else {}
    note = unseal(current_app.secret_key, draft.get("note"), ("note",)).get("note", "")
    choice = draft.get("choice") if draft.get("choice") in CHOICE_LABELS else ""
    return {"choice": choice, "note": note, "errors": errors}


def _form_html(token: str, mine: dict | None, current: dict) -> str:
    """The friend's form. The empty one (most friends see it) is drawn once per result and
    cached; one holding this browser's own answer or a refused note is drawn for this request
    only. Either way its token is the page's (page_cache fills CSRF_MARK)."""
    def render() -> str:
        return render_template(
            "results/_opinion_form.html", token=token, mine=mine, errors=current["errors"],
            form=current, csrf=CSRF_MARK, labels=CHOICE_LABELS, note_max=NOTE_MAX)

    if mine or current["choice"] or current["note"] or current["errors"]:
        return render()
    return fragment(f"opinion-form/{store.hash_secret(token)}", render)


def slot(token: str, is_owner: bool) -> tuple[str, str]:
    """The friend's form for this browser (nothing for the owner), and the error summary of a
    refused answer ("" when there is none)."""
    if is_owner:
        return "", ""
    posted = _draft(token)
    mine = None
    secret = browser_secret()
    if secret:
        with db.session() as s:
            found = opinions.read(s, token, now=store.utcnow(), browser_secret=secret)
        mine = found.mine if found else None
    current = posted or {"choice": mine["choice"] if mine else "",
                         "note": (mine or {}).get("note") or "", "errors": {}}
    html = _form_html(token, mine, current)
    errors = current["errors"]
    summary = render_template("results/_opinion_errors.html", errors=errors) if errors else ""
    return html, summary


def fill(html: str, summary: str) -> dict[str, str]:
    """What goes in the marks: the form and, after a refused answer, the GOV.UK error summary
    ("Error: " in the title, the summary at the top of the main content)."""
    return {FORM: html, ERRORS: summary, TITLE: "Error: " if summary else ""}
