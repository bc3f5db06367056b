"""Try a change, on the verdict itself: the owner's "Try it" forms, the preview page they open
(GET /r/<token>/try, stores nothing), bad input, friends refused, and "Make it my answer" (POST)
updating the same link with the details kept. Every test runs on SQLite and on PostgreSQL."""
from __future__ import annotations

import json
import re

import pytest
from markupsafe import escape
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from app import create_app
from app.model.evaluate import evaluate
from app.model.serialize import result_to_dict
from app.model.whatif import suggestable
from app.storage import db, store
from app.storage.models import StoredResult

from .conftest import make_result
from .support.answers import BASE_ANSWERS, DECLINE, GO, MIXED
from .support.walk import CSRF_INPUT, OWNER_COOKIE, client_get_verdict

DETAILS = {"company_name": "Globex <b>&", "role_title": "Sales Lead", "contact_name": "Tom"}


def as_owner(client, token, owner):
    client.set_cookie(OWNER_COOKIE, owner, path=f"/r/{token}")
    return client


def stored(app, token) -> dict:
    with app.app_context(), db.session() as s:
        row = s.scalar(select(StoredResult)
                       .where(StoredResult.token_hash == store.hash_secret(token)))
        return {"answers": dict(row.answers), "details": dict(row.details),
                "snapshot": json.loads(json.dumps(row.snapshot)), "expires_at": row.expires_at}


def verdict_of(rules, answers) -> dict:
    return result_to_dict(rules, evaluate(rules, answers))["verdict"]


def strength_words(verdict: dict) -> str:
    """What the headline says under the verdict (as result.html words it)."""
    if verdict["code"] == "toss_up" and verdict["lean"]:
        return f"Leaning towards {'going' if verdict['lean'] == 'go' else 'declining'}"
    return verdict["strength_label"]


def test_the_owner_previews_one_change_and_nothing_is_stored(db_client, db_app, rules):
    token, owner = make_result(db_app, DECLINE, DETAILS)
    before = stored(db_app, token)
    response = as_owner(db_client, token, owner).get(f"/r/{token}/try?fit=partial")
    assert response.status_code == 200
    assert response.headers["X-Robots-Tag"] == "noindex, nofollow"
    assert response.headers["Cache-Control"] == "no-store"
    html = response.text
    assert '<meta name="robots" content="noindex, nofollow">' in html
    new = verdict_of(rules, {**DECLINE, "fit": "partial"})
    assert new["code"] != before["snapshot"]["verdict"]["code"]
    label = str(escape(new["label"]))
    assert re.search(r'<p class="notice try-note" role="status">Preview: if you answered '
                     r'<strong>Partly</strong> to “How well does the role fit your skills and '
                     rf'goals\?”, your verdict would be <strong>{re.escape(label)}</strong>. '
                     r'Nothing has changed yet.</p>', html)
    assert (f'<h1 id="verdict-headline">{label} <span class="strength">'
            f'{escape(strength_words(new))}</span></h1>') in html
    assert f'<p class="verdict-why">{escape(new["why"])}</p>' in html
    assert f'<p class="verdict-note">{escape(new["note"])}</p>' in html
    assert 'id="reasons-title"' in html and "<svg viewBox=" in html  # the chart, reused
    assert re.search(rf'<form method="post" action="/r/{token}/try">\s*<input type="hidden" '
                     r'name="csrf_token"[^>]*>\s*<input type="hidden" name="fit" '
                     r'value="partial"', html)
    assert f'href="/r/{token}">Back to your verdict, unchanged</a>' in html
    assert stored(db_app, token) == before  # nothing stored


def test_the_same_verdict_is_said_to_stay(db_client, db_app, rules):
    token, owner = make_result(db_app, GO)
    html = as_owner(db_client, token, owner).get(f"/r/{token}/try?prep_time=some").text
    assert verdict_of(rules, {**GO, "prep_time": "some"})["code"] == "go"
    label = escape(verdict_of(rules, GO)["label"])
    assert f"your verdict would be <strong>{label}</strong>, the same as now. Nothing" in html


def test_a_friend_cannot_preview_or_change_and_an_unknown_link_is_404(db_client, db_app):
    token, owner = make_result(db_app, DECLINE)
    before = stored(db_app, token)
    assert db_client.get(f"/r/{token}/try?fit=partial").status_code == 403
    assert db_client.post(f"/r/{token}/try", data={"fit": "partial"}).status_code == 403
    db_client.set_cookie(OWNER_COOKIE, "not-the-secret", path=f"/r/{token}")
    assert db_client.get(f"/r/{token}/try?fit=partial").status_code == 403
    assert db_client.get(f"/r/{'A' * 43}/try?fit=partial").status_code == 404
    assert stored(db_app, token) == before


BAD = [
    ("", "Pick an answer to try, then press “Try it”."),
    ("?fit=strong&company=top", "You can try one change at a time: pick one answer and press "
                                "“Try it”."),
    ("?fit=strong&fit=partial", "You can try one change at a time: pick one answer and press "
                                "“Try it”."),
    ("?nope=1", "That isn't one of your answers that can be tried here."),
    ("?employment=unemployed", "That isn't one of your answers that can be tried here."),
    ("?other_offers=offer", "That isn't one of your answers that can be tried here."),  # not asked
    ("?fit=zzz", "That isn't one of the choices for “How well does the role fit your skills and "
                 "goals?”."),
    ("?fit=", "That isn't one of the choices for “How well does the role fit your skills and "
              "goals?”."),
    ("?fit=mismatch", "That is already your answer to “How well does the role fit your skills "
                      "and goals?”."),
]


@pytest.mark.parametrize(("query", "message"), BAD)
def test_bad_input_gets_a_plain_message_and_changes_nothing(db_client, db_app, query, message):
    token, owner = make_result(db_app, DECLINE)  # not looking: other offers are not asked
    before = stored(db_app, token)
    as_owner(db_client, token, owner)
    post_data = MultiDict([tuple(p.split("=", 1)) for p in query[1:].split("&") if p])
    response = db_client.get(f"/r/{token}/try{query}")
    assert response.status_code == 400
    assert response.headers["X-Robots-Tag"] == "noindex, nofollow"
    assert f'<p class="notice" role="alert">{escape(message)}</p>' in response.text
    assert f'href="/r/{token}">Back to your verdict</a>' in response.text
    # a refused POST goes back to the result (POST-redirect-GET), which says why
    response = db_client.post(f"/r/{token}/try", data=post_data)
    assert (response.status_code, response.headers["Location"]) == (303, f"/r/{token}")
    assert f'<div class="notice" role="status">{escape(message)}</div>' in db_client.get(
        f"/r/{token}").text
    assert stored(db_app, token) == before


def test_make_it_my_answer_updates_the_same_link_and_keeps_the_details(db_app, db_client, rules):
    token, owner = make_result(db_app, DECLINE, DETAILS)
    before = stored(db_app, token)
    response = as_owner(db_client, token, owner).post(f"/r/{token}/try", data={"fit": "partial"})
    assert (response.status_code, response.headers["Location"]) == (303, f"/r/{token}")
    after = stored(db_app, token)
    assert after["answers"] == {**DECLINE, "fit": "partial"}
    assert after["details"] == before["details"] == DETAILS
    assert after["expires_at"] == before["expires_at"]
    new = verdict_of(rules, after["answers"])
    assert after["snapshot"]["verdict"] == new and "updated_at" in after["snapshot"]
    page = db_client.get(f"/r/{token}").text
    assert ('<div class="notice" role="status">Your result was updated: everyone with the link '
            'now sees this verdict.</div>') in page
    friend = db_app.test_client().get(f"/r/{token}").text
    assert f'<h1 id="verdict-headline">{escape(new["label"])} ' in friend
    assert "Updated on " in friend


def test_make_it_my_answer_needs_the_csrf_token(db_url):
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "RATELIMIT_ENABLED": False,
                      "DATABASE_URL": db_url})  # CSRF on, as in production
    try:
        token, owner = make_result(app, DECLINE, DETAILS)
        client = as_owner(app.test_client(), token, owner)
        before = stored(app, token)
        refused = client.post(f"/r/{token}/try", data={"fit": "partial"})
        # back to the result (a GET: refresh never resubmits), which says nothing was done
        assert (refused.status_code, refused.headers["Location"]) == (303, f"/r/{token}")
        assert "That page had expired, so nothing was done" in client.get(f"/r/{token}").text
        assert stored(app, token) == before
        preview = client.get(f"/r/{token}/try?fit=partial").text
        csrf = CSRF_INPUT.search(preview).group(1)
        response = client.post(f"/r/{token}/try", data={"csrf_token": csrf, "fit": "partial"})
        assert (response.status_code, response.headers["Location"]) == (303, f"/r/{token}")
        assert stored(app, token)["answers"]["fit"] == "partial"
        # the owner's page (kept by page_cache, its CSRF filled in per request) carries the same
        # form for the change tried in place with JavaScript
        client.get(f"/r/{token}")  # shows the flash: the next view comes from the kept body
        note = client.get(f"/r/{token}").text.split('id="try-note"', 1)[1]
        csrf = CSRF_INPUT.search(note).group(1)
        response = client.post(f"/r/{token}/try", data={"csrf_token": csrf, "fit": "strong"})
        assert response.status_code == 303
        assert stored(app, token)["answers"]["fit"] == "strong"
    finally:
        db.dispose(app)


@pytest.mark.parametrize("answers", [BASE_ANSWERS, DECLINE, GO, MIXED],
                         ids=["base", "decline", "go", "mixed"])
def test_the_owner_page_offers_exactly_what_would_change_reads(db_app, db_client, rules,
                                                               answers):
    token, owner = make_result(db_app, answers)
    html = as_owner(db_client, token, owner).get(f"/r/{token}").text
    offered = re.findall(rf'<form method="get" action="/r/{token}/try" class="try-form">\s*'
                         r'<label for="try-(\w+)">', html)
    assert offered == [q.id for q in suggestable(rules, answers)]
    for qid in offered:  # the current answer is never offered as a change
        select_html = re.search(rf'<select id="try-{qid}" name="{qid}">(.*?)</select>',
                                html).group(1)
        assert f'value="{answers[qid]}"' not in select_html
    found = re.search(r"data-answers='([^']*)'", html)
    assert json.loads(found.group(1).replace("&#34;", '"')) == answers
    friend = db_app.test_client().get(f"/r/{token}").text
    for owner_only in ("data-answers", "try-form", "Try it", "Make it my answer"):
        assert owner_only not in friend, owner_only


def test_after_make_it_my_answer_back_never_shows_the_old_answers(client):
    """The browser that made the result keeps its answers for Back (wizard); once the answer
    is changed here, those are stale, so they are forgotten."""
    url = client_get_verdict(client, DECLINE, DETAILS).headers["Location"]
    with client.session_transaction() as session:
        assert session["wizard"]["answers"] == DECLINE
    assert client.post(f"{url}/try", data={"fit": "partial"}).status_code == 303
    with client.session_transaction() as session:
        assert "wizard" not in session
