"""Second opinions through the views: a friend's answer stored, changed, replayed, hidden from
everyone but the owner; bad notes refused; the owner's tally, notes, JSON and "How sure are you
now?". Every test runs on SQLite and on PostgreSQL (TEST_POSTGRES_URL)."""
from __future__ import annotations

import logging
import re

import pytest
from markupsafe import escape
from sqlalchemy import select

from app import create_app
from app.storage import db, store
from app.storage.models import StoredResult
from app.storage.opinions import StoredOpinion

from .conftest import make_result
from .support.answers import BASE_ANSWERS, DECLINE, GO
from .support.walk import OWNER_COOKIE

THANKS = str(escape("Thanks: they'll see your answer"))
FORM = 'action="/r/{}/opinion"'
CLOSE_CALL = {**BASE_ANSWERS, "role_interest": "some", "company": "neutral", "unsettle": "yes"}


def opinion_rows(app) -> list[StoredOpinion]:
    with app.app_context(), db.session() as s:
        rows = s.scalars(select(StoredOpinion).order_by(StoredOpinion.id)).all()
        s.expunge_all()
        return rows


def owner_client(app, token, owner):
    client = app.test_client()
    client.set_cookie(OWNER_COOKIE, owner, path=f"/r/{token}")
    return client


def opinion_cookie(response) -> str:
    return next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("iv_opinion="))


def test_a_friend_answers_then_changes_their_answer(db_app, db_client):
    token, _ = make_result(db_app)
    page = db_client.get(f"/r/{token}").text
    assert "They'd like to know: what would you do?" in page and FORM.format(token) in page
    assert "Send my answer" in page and " checked" not in page
    response = db_client.post(f"/r/{token}/opinion", data={"opinion": "go",
                                                           "note": "  Worth a look  "})
    assert (response.status_code, response.location) == (303, f"/r/{token}")
    cookie = opinion_cookie(response)
    for part in ("HttpOnly", "SameSite=Lax", f"Path=/r/{token}", f"Max-Age={90 * 86400}"):
        assert part in cookie
    secret = cookie.split(";")[0].split("=", 1)[1]
    [row] = opinion_rows(db_app)
    assert (row.choice, row.note, row.revision) == ("go", "Worth a look", 1)
    assert row.browser_hash == store.hash_secret(secret) and secret not in repr(vars(row))
    page = db_client.get(f"/r/{token}").text
    assert THANKS in page
    assert "1 would go, 0 would decline, 0 not sure" in page
    assert re.search(r'id="opinion" name="opinion" value="go" checked', page)
    assert 'value="Worth a look"' in page and "Change my answer" in page
    changed = db_client.post(f"/r/{token}/opinion", data={"opinion": "decline", "note": ""})
    assert (changed.status_code, changed.location) == (303, f"/r/{token}")
    [row] = opinion_rows(db_app)
    assert (row.choice, row.note, row.revision) == ("decline", None, 2)
    page = db_client.get(f"/r/{token}").text
    assert "0 would go, 1 would decline, 0 not sure" in page
    assert re.search(r'id="opinion-2" name="opinion" value="decline" checked', page)


@pytest.mark.parametrize("first_answer", [True, False])
def test_a_replayed_post_is_not_duplicated(db_app, db_client, first_answer):
    """The same POST sent again with the cookies it carried: the browser's first answer (its
    session cookie only) or a later one (its opinion cookie too)."""
    token, _ = make_result(db_app)
    db_client.get(f"/r/{token}")  # the page sets the session (its CSRF secret)
    if not first_answer:
        db_client.post(f"/r/{token}/opinion", data={"opinion": "unsure"})
    cookies = {name: db_client.get_cookie(name, path=f"/r/{token}") or db_client.get_cookie(name)
               for name in ("session", "iv_opinion")}
    for _ in range(3):
        replayer = db_app.test_client()
        for name, cookie in cookies.items():
            if cookie is not None:
                replayer.set_cookie(name, cookie.value, path=cookie.path)
        again = replayer.post(f"/r/{token}/opinion", data={"opinion": "go", "note": "Yes"})
        assert again.status_code == 303
    assert [(r.choice, r.note) for r in opinion_rows(db_app)] == [("go", "Yes")]


def test_one_friends_answer_is_never_shown_to_another(db_app):
    token, _ = make_result(db_app)
    first, second = db_app.test_client(), db_app.test_client()
    first.post(f"/r/{token}/opinion", data={"opinion": "go", "note": "Secret note"})
    assert "Secret note" in first.get(f"/r/{token}").text  # their own, now the page is kept
    page = second.get(f"/r/{token}").text
    assert "1 would go, 0 would decline, 0 not sure" in page
    assert "Secret note" not in page and " checked" not in page and "Send my answer" in page
    public = second.get(f"/r/{token}.json")
    assert public.status_code == 200
    assert "Secret note" not in public.text and "opinion" not in public.text
    assert second.get(f"/r/{token}/opinions.json").status_code == 403
    second.post(f"/r/{token}/opinion", data={"opinion": "unsure"})
    assert len(opinion_rows(db_app)) == 2
    assert re.search(r'value="unsure" checked', second.get(f"/r/{token}").text)
    assert re.search(r'value="go" checked', first.get(f"/r/{token}").text)


def test_the_owner_sees_the_tally_and_the_notes_newest_first(db_app):
    token, owner = make_result(db_app)
    owner_view = owner_client(db_app, token, owner)
    assert "No one has answered yet" in owner_view.get(f"/r/{token}").text  # kept
    for choice, note in (("go", "First <b>note</b>"), ("decline", None), ("go", "Second")):
        db_app.test_client().post(f"/r/{token}/opinion", data={"opinion": choice,
                                                                 "note": note or ""})
    page = owner_view.get(f"/r/{token}").text  # at once: the kept page is not served
    assert "No one has answered yet" not in page and FORM.format(token) not in page
    assert page.count("2 would go, 1 would decline, 0 not sure") == 2  # by the verdict, below
    notes = re.findall(r'<span class="opinion-choice">(.*?)</span> <q>(.*?)</q>', page)
    assert notes == [("I&#39;d go:", "Second"), ("I&#39;d go:", "First &lt;b&gt;note&lt;/b&gt;")]
    data = owner_view.get(f"/r/{token}/opinions.json").json
    assert data["tally"] == {"go": 2, "decline": 1, "unsure": 0}
    assert [n["note"] for n in data["notes"]] == ["Second", "First <b>note</b>"]
    assert db_app.test_client().get(f"/r/{token}/opinions.json").status_code == 403
    assert "Second" not in owner_view.get(f"/r/{token}.json").text


def test_the_owner_cannot_give_an_opinion(db_app):
    token, owner = make_result(db_app)
    owner_view = owner_client(db_app, token, owner)
    assert owner_view.post(f"/r/{token}/opinion", data={"opinion": "go"}).status_code == 403
    assert opinion_rows(db_app) == []
    assert db_app.test_client().post("/r/" + "x" * 43 + "/opinion",
                                     data={"opinion": "go"}).status_code == 404


@pytest.mark.parametrize("data, field, message", [
    ({"note": "Fine"}, "opinion", "Choose what you would do: go, decline or not sure"),
    ({"opinion": "maybe"}, "opinion", "Choose what you would do: go, decline or not sure"),
    ({"opinion": "go", "note": "x" * 201}, "note", "The note must be 200 characters or fewer"),
    ({"opinion": "go", "note": "Nul\x00here"}, "note",
     "The note contains characters that are not allowed"),
    ({"opinion": "go", "note": "odd \ufdd0"}, "note",
     "The note contains characters that cannot be shown: please type it again"),
    ({"opinion": "go", "note": "\u3164 \u200d"}, "note",
     "The note has no visible characters: type it again, or leave it empty"),
])
def test_a_bad_answer_is_refused_with_a_clear_message(db_app, db_client, data, field, message):
    token, _ = make_result(db_app)
    response = db_client.post(f"/r/{token}/opinion", data=data)
    # POST-redirect-GET: back to the page, which says what is wrong (and again on refresh)
    assert (response.status_code, response.headers["Location"]) == (303, f"/r/{token}")
    for _ in range(2):
        html = db_client.get(f"/r/{token}").text
        assert f'<a href="#{field}" data-field="{field}">{escape(message)}</a>' in html
        assert f'id="{field}-error"' in html and "<title>Error: " in html
        assert "\x00" not in html and "\ufdd0" not in html
    note = data.get("note", "")
    if note.isprintable() and note.strip() and len(note) <= 120:
        assert f'value="{note}"' in html  # what was typed, to fix it
    with db_client.session_transaction() as session:  # kept sealed, never readable
        assert not note or note[:5] not in repr(dict(session))
    assert opinion_rows(db_app) == []
    # an accepted answer clears the errors
    db_client.post(f"/r/{token}/opinion", data={"opinion": "go"})
    assert "<title>Error: " not in db_client.get(f"/r/{token}").text


def test_opinions_go_with_their_result(db_app):
    token, owner = make_result(db_app)
    db_app.test_client().post(f"/r/{token}/opinion", data={"opinion": "go", "note": "Yes"})
    assert len(opinion_rows(db_app)) == 1
    assert owner_client(db_app, token, owner).post(f"/r/{token}/delete").status_code == 303
    assert opinion_rows(db_app) == []


def test_opinions_need_csrf(db_url):
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "DATABASE_URL": db_url,
                      "RATELIMIT_ENABLED": False})  # CSRF on
    token, _ = make_result(app)
    client = app.test_client()
    refused = client.post(f"/r/{token}/opinion", data={"opinion": "go"})
    assert (refused.status_code, refused.headers["Location"]) == (303, f"/r/{token}")
    assert opinion_rows(app) == []
    assert "That page had expired, so nothing was done" in client.get(f"/r/{token}").text
    csrf = re.search(rf'{FORM.format(token)} novalidate>\s*<input type="hidden" '
                     r'name="csrf_token" value="([^"]+)"', client.get(f"/r/{token}").text)[1]
    response = client.post(f"/r/{token}/opinion", data={"opinion": "go", "csrf_token": csrf})
    assert response.status_code == 303
    assert len(opinion_rows(app)) == 1
    db.dispose(app)


def test_notes_never_reach_the_log(db_app, db_client, caplog):
    token, _ = make_result(db_app)
    with caplog.at_level(logging.DEBUG):
        db_client.post(f"/r/{token}/opinion", data={"opinion": "go", "note": "Private words"})
        db_client.post(f"/r/{token}/opinion", data={"opinion": "go", "note": "\x00Private"})
    assert "Private" not in caplog.text


def test_how_sure_are_you_now(db_app):
    token, owner = make_result(db_app, CLOSE_CALL)
    owner_view, friend = owner_client(db_app, token, owner), db_app.test_client()
    assert "How sure are you now?" in owner_view.get(f"/r/{token}").text
    assert "How sure are you now?" not in friend.get(f"/r/{token}").text
    assert friend.post(f"/r/{token}/confidence", data={"confidence": "sure"}).status_code == 403
    assert owner_view.post(f"/r/{token}/confidence", data={"confidence": "?"}).status_code == 400
    response = owner_view.post(f"/r/{token}/confidence", data={"confidence": "unsure"})
    assert (response.status_code, response.location) == (303, f"/r/{token}#confidence")
    with db_app.app_context(), db.session() as s:
        assert s.scalar(select(StoredResult.confidence)) == "unsure"
    page = owner_view.get(f"/r/{token}").text
    assert "You said you're still unsure" in page
    assert '<a href="#message-questions">Ask the two quick questions</a>' in page
    assert 'id="message-questions"' in page
    assert '<a href="#share-title">Ask a friend what they would do</a>' in page
    owner_view.post(f"/r/{token}/confidence", data={"confidence": "sure"})
    page = owner_view.get(f"/r/{token}").text
    assert "You said you're sure" in page and "still unsure" not in page
    assert owner_view.get(f"/r/{token}/opinions.json").json["confidence"] == "sure"
    assert "confidence" not in friend.get(f"/r/{token}.json").text


@pytest.mark.parametrize("answers", [GO, DECLINE], ids=["go", "decline"])
def test_still_unsure_about_a_clear_verdict_gets_the_two_questions_drafted(db_app, answers):
    token, owner = make_result(db_app, answers, {"contact_name": "Priya"})
    owner_view = owner_client(db_app, token, owner)
    assert "Two quick questions before you confirm" not in owner_view.get(f"/r/{token}").text
    owner_view.post(f"/r/{token}/confidence", data={"confidence": "unsure"})
    page = owner_view.get(f"/r/{token}").text
    confidence = page.split('id="confidence"', 1)[1]
    assert '<a href="#message-questions">Ask the two quick questions</a> drafted below' in page
    assert confidence.count('id="message-questions"') == 1
    assert "Hi Priya," in confidence and "could I ask two quick questions?" in confidence


def test_one_browsers_answers_on_two_results_share_nothing(db_app, db_client):
    first, _ = make_result(db_app)
    second, _ = make_result(db_app)
    for token in (first, second):
        db_client.get(f"/r/{token}")
        assert db_client.post(f"/r/{token}/opinion", data={"opinion": "go"}).status_code == 303
    rows = opinion_rows(db_app)
    assert len(rows) == 2 and rows[0].browser_hash != rows[1].browser_hash


def test_the_error_summary_leads_the_page(db_app, db_client):
    token, _ = make_result(db_app)
    db_client.post(f"/r/{token}/opinion", data={"note": "x"})
    html = db_client.get(f"/r/{token}").text
    main = html.index('<main id="main"')
    assert main < html.index('class="error-summary"') < html.index('id="verdict-headline"')
    assert html.count('class="error-summary"') == 1


def test_kept_pages_stay_conditional_and_change_with_opinions(db_app, db_client):
    """A friend's own page (their answer filled in per request) still answers 304 when nothing
    changed; the owner's kept page is a new one as soon as an opinion arrives or changes."""
    token, owner = make_result(db_app)
    owner_view = owner_client(db_app, token, owner)
    assert "No one has answered yet" in owner_view.get(f"/r/{token}").text
    db_client.post(f"/r/{token}/opinion", data={"opinion": "go"})
    db_client.get(f"/r/{token}")  # the flashed thanks, shown once
    mine = db_client.get(f"/r/{token}")
    again = db_client.get(f"/r/{token}", headers={"If-None-Match": mine.headers["ETag"]})
    assert (again.status_code, again.data) == (304, b"")
    assert "1 would go, 0 would decline" in owner_view.get(f"/r/{token}").text
    db_client.post(f"/r/{token}/opinion", data={"opinion": "go", "note": "Same, with a note"})
    assert "<q>Same, with a note</q>" in owner_view.get(f"/r/{token}").text  # same count
    changed = db_client.get(f"/r/{token}", headers={"If-None-Match": mine.headers["ETag"]})
    assert changed.status_code == 200 and 'value="Same, with a note"' in changed.text


def test_a_refused_answer_gives_back_a_whole_valid_note(db_app, db_client):
    token, _ = make_result(db_app)
    note = "Worth it: " + "a" * 180  # 190 characters, within the limit
    db_client.post(f"/r/{token}/opinion", data={"note": note})  # no choice picked
    html = db_client.get(f"/r/{token}").text
    assert f'value="{note}"' in html  # every character back, to send it with a choice


HANDLE = re.compile(r'name="note" value="([0-9a-f]{24})"')


def test_a_friend_withdraws_their_answer(db_app):
    token, owner = make_result(db_app)
    friend, other = db_app.test_client(), db_app.test_client()
    friend.post(f"/r/{token}/opinion", data={"opinion": "go", "note": "Yes"})
    other.post(f"/r/{token}/opinion", data={"opinion": "decline"})
    page = friend.get(f"/r/{token}").text
    assert f'action="/r/{token}/opinion/withdraw"' in page and "Withdraw my answer" in page
    assert "Withdraw my answer" in other.get(f"/r/{token}").text  # each their own
    assert "Withdraw my answer" not in db_app.test_client().get(f"/r/{token}").text
    response = friend.post(f"/r/{token}/opinion/withdraw")
    assert response.status_code == 303
    assert response.location == f"/r/{token}#second-opinion"
    page = friend.get(f"/r/{token}").text
    assert "Your answer was withdrawn" in page and "Withdraw my answer" not in page
    assert "0 would go, 1 would decline, 0 not sure" in page
    assert [(r.choice, r.note) for r in opinion_rows(db_app)] == [("decline", None)]
    # nothing of theirs left to withdraw; the owner has no answer to withdraw
    assert "There was no answer of yours to withdraw" in db_app.test_client().post(
        f"/r/{token}/opinion/withdraw", follow_redirects=True).text
    assert owner_client(db_app, token, owner).post(
        f"/r/{token}/opinion/withdraw").status_code == 403
    assert len(opinion_rows(db_app)) == 1


def test_the_owner_removes_a_note(db_app):
    token, owner = make_result(db_app)
    db_app.test_client().post(f"/r/{token}/opinion", data={"opinion": "go", "note": "Rude"})
    db_app.test_client().post(f"/r/{token}/opinion", data={"opinion": "unsure", "note": "Kind"})
    mine = owner_client(db_app, token, owner)
    page = mine.get(f"/r/{token}").text
    handles = HANDLE.findall(page)
    assert len(handles) == 2 and page.count("Remove this note") == 2
    rude = handles[page.index("Rude") > page.index("Kind")]  # newest first: "Kind" is first
    assert db_app.test_client().post(f"/r/{token}/note/remove",
                                     data={"note": rude}).status_code == 403  # not the owner
    response = mine.post(f"/r/{token}/note/remove", data={"note": rude})
    assert response.status_code == 303 and response.location == f"/r/{token}#opinions-title"
    page = mine.get(f"/r/{token}").text
    assert "The note was removed" in page and "Rude" not in page and "Kind" in page
    assert "1 would go, 0 would decline, 1 not sure" in page  # the answer stays counted
    assert "That note was already gone" in mine.post(
        f"/r/{token}/note/remove", data={"note": rude}, follow_redirects=True).text
    assert sorted((r.choice, r.note) for r in opinion_rows(db_app)) == [
        ("go", None), ("unsure", "Kind")]


def test_answers_about_an_earlier_verdict_are_marked_and_not_counted(db_app):
    token, owner = make_result(db_app)
    friend = db_app.test_client()
    friend.post(f"/r/{token}/opinion", data={"opinion": "go", "note": "Go for it"})
    mine = owner_client(db_app, token, owner)
    assert mine.post(f"/r/{token}/edit").status_code == 303  # "Change my answers"
    with mine.session_transaction() as sess:
        sess["wizard"] = {**sess["wizard"], "answers": dict(DECLINE)}
    assert mine.post("/q/check", data={}).location == f"/r/{token}"  # the same link, updated
    page = mine.get(f"/r/{token}").text
    assert "0 would go, 0 would decline, 0 not sure" in page
    assert "1 answer was given about an earlier verdict" in page
    assert "(given about an earlier verdict)" in page and "Go for it" in page
    friends_page = friend.get(f"/r/{token}").text
    assert "You gave it about an earlier verdict" in friends_page
    assert "Friends they asked" not in friends_page  # nothing counted about this verdict yet
    friend.post(f"/r/{token}/opinion", data={"opinion": "decline"})  # answering again
    page = mine.get(f"/r/{token}").text
    assert "0 would go, 1 would decline, 0 not sure" in page and "earlier verdict" not in page
    assert mine.get(f"/r/{token}/opinions.json").get_json()["earlier"] == 0
