"""The result page, its JSON and card, sharing, the owner's delete, change answers, privacy.
Every test runs on SQLite and on PostgreSQL (TEST_POSTGRES_URL)."""
from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from markupsafe import escape
from PIL import Image
from sqlalchemy import select

from app import create_app
from app.storage import db, store
from app.storage.models import StoredResult
from app.storage.store import hash_secret

from .conftest import make_result
from .support.answers import BASE_ANSWERS, DECLINE, GO
from .support.walk import OWNER_COOKIE, client_get_verdict

NASTY = "{{7*7}} <script>alert(1)</script> \"quoted\" 'single'"


def meta(html: str, key: str) -> str:
    m = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)
    assert m, key
    return m.group(1)


def set_stored(app, token, **changes):
    """Rewrite a stored row as an older release would have written it; like every writer of a
    result (store.update), it raises the row's revision, so the page is drawn again."""
    with app.app_context(), db.session(write=True) as s:
        row = s.scalar(select(StoredResult)
                       .where(StoredResult.token_hash == store.hash_secret(token)))
        for key, value in changes.items():
            setattr(row, key, value(row) if callable(value) else value)
        row.revision += 1


def as_owner(client, token, owner):
    """The browser that made the result: it holds the owner's cookie for that path."""
    client.set_cookie(OWNER_COOKIE, owner, path=f"/r/{token}")
    return client


def test_result_page_shows_the_verdict_and_its_reasoning(db_client, db_app, rules):
    token, owner = make_result(db_app, DECLINE)
    as_owner(db_client, token, owner)
    page = db_client.get(f"/r/{token}")
    assert page.status_code == 200
    html = page.text
    assert re.search(r'<h1 id="verdict-headline">Decline, politely and promptly '
                     r'<span class="strength">Fairly clear</span></h1>\s*'
                     r'<p class="verdict-why">The role is an obvious bad fit that doesn&#39;t '
                     r'appeal, at a company whose future looks bleak.</p>\s*'
                     r'<p class="verdict-note">It could change on one answer: if the role turns '
                     r'out a better fit than it looks, it becomes a close call.</p>', html)
    assert '<svg viewBox=' in html and 'role="img"' in html and "<table>" in html
    assert "at a company whose future looks bleak" in html  # the dealbreaker says why
    assert re.search(r'<h2 id="message-decline-title">Declining the recruiter&#39;s approach</h2>'
                     r'\s*<label [^>]*for="message-decline">To the recruiter.', html)
    assert re.search(r'<textarea id="message-decline" class="message-text message-decline" '
                     r'rows="9" spellcheck="true" aria-describedby="message-decline-fill">',
                     html)  # editable in place, not read-only
    assert 'Copy<span class="visually-hidden"> the message</span></button>' in html
    assert "data-copy" in html
    assert '<details class="how" id="how">' in html and "What would change this" in html
    assert "If the role turns out a better fit than it looks, it becomes a close call." in html
    assert ("All together: <strong>The reasons against going outweigh those for it by a fair "
            "margin. Here one reason settles it on its own, whatever the balance.</strong>"
            ) in html  # the total, in words, on the verdict scale
    assert "points" not in html
    assert f"<cite>{escape(rules.sources['003']['title'])}</cite>" in html  # advice sources
    expires = (store.utcnow() + timedelta(days=90))
    assert f"This result will be deleted on <strong>{expires.day} {expires:%B %Y}</strong>" in html


def test_go_side_shows_the_checklist_not_a_message(db_client, db_app):
    token, owner = make_result(db_app, GO)
    html = as_owner(db_client, token, owner).get(f"/r/{token}").text
    assert "Go to the interview" in html
    assert "message-decline" not in html and "Accepting, with times that suit you" in html
    assert re.search(r'<h2 id="next-title">Before the interview</h2>\s*<ol class="steps">'
                     r'(<li>[^<]+</li>){3}</ol>', html)  # the three things, before any fold
    assert html.index('id="next-title"') < html.index('<details class="how"')
    assert "Questions worth asking" in html


def test_user_text_shows_literally_everywhere(db_client, db_app):
    details = {"company_name": NASTY, "role_title": "<b>Lead</b>", "contact_name": "{{ config }}"}
    token, owner = make_result(db_app, DECLINE, details)
    html = as_owner(db_client, token, owner).get(f"/r/{token}").text
    assert "<script>alert" not in html and "<b>Lead" not in html
    escaped = "{{7*7}} &lt;script&gt;alert(1)&lt;/script&gt; &#34;quoted&#34; &#39;single&#39;"
    assert escaped in html and "SECRET_KEY" not in html
    # {{7*7}} was never evaluated (CSRF tokens, random, could hold a 49 by chance: left out)
    without_tokens = re.sub(r'name="csrf_token"[^>]*>', "", html)
    assert not re.search(r"(?<![\d.])49(?![\d.])", without_tokens)
    # the title and the link-preview tags name no company (issue 20): the page body does
    assert escaped not in re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert escaped not in meta(html, "og:title") and escaped not in meta(html, "description")
    assert "Hi {{ config }}," in html  # the drafted message, filled once and escaped
    data = db_client.get(f"/r/{token}/owner.json").get_json()  # the owner's cookie is set
    assert data["details"]["company_name"] == NASTY
    assert any(m["text"].startswith("Hi {{ config }},") for m in data["messages"])


def test_sharing_tags_and_absolute_urls(db_client, db_app):
    token, _ = make_result(db_app)
    html = db_client.get(f"/r/{token}").text
    assert meta(html, "og:image") == f"http://localhost/r/{token}/card.png"
    assert meta(html, "twitter:image") == meta(html, "og:image")
    assert meta(html, "og:url") == f"http://localhost/r/{token}"
    assert meta(html, "twitter:card") == "summary_large_image"
    assert meta(html, "og:title") == "Should I go to this interview?"
    assert meta(html, "og:description") == (  # the verdict and its main reason
        "Go: it&#39;s worth it even if you don&#39;t take the job. Going is worth it: it is real "
        "interview practice, and it brings new contacts. That outweighs the downside: it costs "
        "time and energy.")
    db_app.config["BASE_URL"] = "https://verdict.example/"
    html = db_client.get(f"/r/{token}").text
    assert meta(html, "og:image") == f"https://verdict.example/r/{token}/card.png"
    assert meta(html, "og:url") == f"https://verdict.example/r/{token}"


def test_card_is_a_1200x630_png(db_client, db_app):
    token, _ = make_result(db_app, details={"company_name": NASTY})
    response = db_client.get(f"/r/{token}/card.png")
    assert response.status_code == 200 and response.mimetype == "image/png"
    image = Image.open(io.BytesIO(response.data))
    assert image.format == "PNG" and image.size == (1200, 630)
    assert response.headers["X-Robots-Tag"] == "noindex, nofollow"


FRIENDS_DETAILS = {"role_title": "Engineer", "company_name": "Initech",
                   "contact_name": "Zebulon"}


def test_the_public_json_is_what_the_friends_page_shows(db_client, db_app, rules):
    token, owner = make_result(db_app, DECLINE, FRIENDS_DETAILS)
    response = db_client.get(f"/r/{token}.json")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    data = response.get_json()
    assert set(data) == {"rules_version", "verdict", "score", "factors", "what_would_change",
                         "what_would_change_note", "created_at", "updated_at", "expires_at"}
    assert set(data["verdict"]) == {"code", "label", "strength", "strength_label", "why",
                                    "note", "lean"}
    assert data["rules_version"] == rules.version and data["verdict"]["code"] == "decline"
    assert data["factors"] and set(data["factors"][0]) == {"id", "side", "label",
                                                          "contribution", "sources"}
    assert all(set(s) == {"verdict", "text"} for s in data["what_would_change"])
    page = db_client.get(f"/r/{token}").text  # a friend's page, from the same browser
    assert data["verdict"]["why"] in page.replace("&#39;", "'")
    for private in ("Zebulon", "Hi Zebulon", "answers", "details", "messages", "advice",
                    "dealbreakers", "turns_on", "decline_message"):
        assert private not in response.text
    assert "Zebulon" not in page and "invited by" not in page
    assert db_client.get(f"/r/{token}/owner.json").status_code == 403


def test_the_owners_json_carries_answers_details_and_drafts(db_client, db_app):
    token, owner = make_result(db_app, DECLINE, FRIENDS_DETAILS)
    response = as_owner(db_client, token, owner).get(f"/r/{token}/owner.json")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    data = response.get_json()
    assert data["answers"] == DECLINE and data["details"] == FRIENDS_DETAILS
    assert any(m["text"].startswith("Hi Zebulon,") for m in data["messages"])
    assert {"advice", "dealbreakers", "verdict", "created_at", "expires_at"} <= set(data)
    assert not {"id", "owner_hash", "token_hash"} & set(data)
    page = db_client.get(f"/r/{token}").text
    assert "invited by Zebulon" in page  # the owner's own page names them


@pytest.mark.parametrize("suffix", ["", ".json", "/card.png"])
def test_private_headers(db_client, db_app, suffix):
    token, _ = make_result(db_app)
    response = db_client.get(f"/r/{token}{suffix}")
    assert response.headers["X-Robots-Tag"] == "noindex, nofollow"
    # the card is kept privately and revalidated (test_card_cache.py); everything else: no-store
    assert response.headers["Cache-Control"] == ("no-store" if suffix != "/card.png"
                                                 else "private, no-cache")
    assert response.headers["Referrer-Policy"] == "same-origin"
    if not suffix:
        assert '<meta name="robots" content="noindex, nofollow">' in response.text
        # nothing from a third party: every src/href is same-origin
        assert not re.search(r'(?:src|href)="(?:https?:)?//', response.text)


def test_unknown_expired_and_deleted_look_the_same(db_client, db_app):
    expired, _ = make_result(db_app)
    set_stored(db_app, expired, expires_at=store.utcnow() - timedelta(minutes=1))
    deleted, owner = make_result(db_app)
    db_client.set_cookie(OWNER_COOKIE, owner, path=f"/r/{deleted}")
    assert db_client.post(f"/r/{deleted}/delete").status_code == 303
    db_client.get("/")  # shows (and so clears) the flash
    db_client.delete_cookie(OWNER_COOKIE, path=f"/r/{deleted}")
    unknown = "A" * 43
    for suffix in ("", ".json", "/card.png"):
        answers = [db_client.get(f"/r/{t}{suffix}") for t in (unknown, expired, deleted, "short")]
        assert {r.status_code for r in answers} == {404}
        assert len({r.data for r in answers}) == 1


def test_owner_deletes_with_the_cookie(db_client, db_app):
    token, owner = make_result(db_app)
    assert "Delete this result" not in db_client.get(f"/r/{token}").text  # no cookie
    assert db_client.get(f"/r/{token}/delete").status_code == 403  # not theirs to delete
    assert db_client.post(f"/r/{token}/delete").status_code == 403
    db_client.set_cookie(OWNER_COOKIE, "not-the-secret", path=f"/r/{token}")
    assert db_client.post(f"/r/{token}/delete").status_code == 403
    assert db_client.get(f"/r/{token}").status_code == 200
    db_client.set_cookie(OWNER_COOKIE, owner, path=f"/r/{token}")
    assert f'href="/r/{token}/delete">Delete this result' in db_client.get(f"/r/{token}").text
    confirm = db_client.get(f"/r/{token}/delete")  # asks once more; GET deletes nothing
    assert confirm.status_code == 200 and "<h1>Delete this result?</h1>" in confirm.text
    assert "The link will stop working" in confirm.text
    assert db_client.get(f"/r/{token}").status_code == 200
    response = db_client.post(f"/r/{token}/delete")
    assert response.status_code == 303 and response.location == "/"
    assert "Your result was deleted" in db_client.get("/").text
    assert db_client.get(f"/r/{token}").status_code == 404
    assert db_client.post(f"/r/{token}/delete").status_code == 404


def test_owner_cookie_attributes(db_app):
    db_app.config["SESSION_COOKIE_SECURE"] = True
    response = client_get_verdict(db_app.test_client(), BASE_ANSWERS)
    assert response.status_code == 303
    cookie = next(c for c in response.headers.getlist("Set-Cookie")
                  if c.startswith(OWNER_COOKIE + "="))
    token = response.location.rsplit("/", 1)[1]
    for part in ("HttpOnly", "SameSite=Lax", "Secure", f"Path=/r/{token}",
                 f"Max-Age={90 * 86400}"):
        assert part in cookie


def test_delete_needs_csrf(db_url):
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "DATABASE_URL": db_url})  # CSRF on
    client = app.test_client()
    token, owner = make_result(app)
    client.set_cookie(OWNER_COOKIE, owner, path=f"/r/{token}")
    refused = client.post(f"/r/{token}/delete")
    assert (refused.status_code, refused.location) == (303, f"/r/{token}/delete")
    html = client.get(f"/r/{token}/delete").text  # the confirmation page holds the form
    assert "That page had expired, so nothing was done" in html
    assert client.get(f"/r/{token}").status_code == 200  # nothing deleted
    assert client.post(f"/r/{token}/edit").location == f"/r/{token}"  # its result page
    csrf = re.search(r'action="/r/[^"]+/delete"[^>]*>\s*<input type="hidden" name="csrf_token" '
                     r'value="([^"]+)"', html).group(1)
    assert client.post(f"/r/{token}/delete", data={"csrf_token": csrf}).status_code == 303
    assert client.get(f"/r/{token}").status_code == 404
    db.dispose(app)


def test_change_my_answers_reopens_the_wizard(db_client, db_app):
    token, owner = make_result(db_app, details={"company_name": "Acme"})
    assert db_client.post(f"/r/{token}/edit").status_code == 403  # only the owner's browser
    db_client.set_cookie(OWNER_COOKIE, owner, path=f"/r/{token}")
    response = db_client.post(f"/r/{token}/edit")
    assert response.status_code == 303 and response.location == "/q/check"
    with db_client.session_transaction() as session:
        wizard = dict(session["wizard"])
        assert len(wizard.pop("finish")) == 43  # a new questionnaire: its own finish key
        assert wizard == {"answers": BASE_ANSWERS, "from": hash_secret(token), "owned": True}
        assert "Acme" not in repr(dict(session))  # free text stays out of the cookie
        assert token not in repr(dict(session))   # and so does the share token
    assert 'value="Acme"' in db_client.get("/q/check").text  # the wizard reopens, prefilled
    for other in (token, "b" * 64):  # the token itself is not a key, nor an unknown hash
        with db_client.session_transaction() as session:
            session["wizard"] = {"answers": BASE_ANSWERS, "from": other}
        assert "Acme" not in db_client.get("/q/check").text


def test_snapshot_is_shown_even_when_the_rules_changed(db_client, db_app, rules):
    token, _ = make_result(db_app, DECLINE)
    html = db_client.get(f"/r/{token}").text
    assert "Our rules have changed" not in html

    def as_if_old(row):
        return {**row.snapshot, "rules_version": "2020.1.1",
                "verdict": {**row.snapshot["verdict"], "code": "go", "label": "Old wording: go"}}

    set_stored(db_app, token, snapshot=as_if_old, rules_version="2020.1.1")
    html = db_client.get(f"/r/{token}").text
    assert '<h1 id="verdict-headline">Old wording: go' in html
    assert "Our rules have changed" in html and "Decline, politely and promptly" in html
    set_stored(db_app, token, answers=lambda row: {**row.answers, "employment": "retired"})
    assert "Our questionnaire has changed" in db_client.get(f"/r/{token}").text
