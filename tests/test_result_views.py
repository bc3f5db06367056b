"""The result page for the two people who see it: the owner (answer first, then how we got
there) and a friend with the link (framed for them, no owner controls); and the journey around
it: Back after the verdict, changing answers on the same link or keeping both, delete that asks
once more."""
from __future__ import annotations

from app.storage.store import hash_secret

from .support.answers import BASE_ANSWERS, DECLINE
from .support.walk import client_get_verdict, csrf_field, owner_cookie

DETAILS = {"company_name": "Globex", "role_title": "Sales Lead", "contact_name": "Tom"}


def made(client, answers=BASE_ANSWERS, details=DETAILS):
    response = client_get_verdict(client, answers, details)
    assert response.status_code == 303
    return response.headers["Location"], owner_cookie(response)


def test_the_owner_sees_the_answer_first_and_how_we_got_there_folded(app, client):
    url, _ = made(client, DECLINE)
    html = client.get(url).text  # the same browser: it holds the owner's cookie
    assert ('Your verdict: <span class="detail">Sales Lead at Globex, invited by Tom</span>'
            in html)
    first_screen, folded = html.split('<details class="how" id="how">', 1)
    assert 'class="verdict-why"' in first_screen and 'id="message-decline"' in first_screen
    assert 'Copy<span class="visually-hidden"> the message</span>' in first_screen
    assert "The reasons, weighed" in folded and "What would change this" in folded
    assert "What to do next" in folded and "Change my answers" in folded.split("</details>")[-1]


def test_a_friend_sees_the_question_framed_for_them_and_no_owner_controls(app, client):
    url, _ = made(client, DECLINE)
    friend = app.test_client()  # another browser: no cookies at all
    html = friend.get(url).text
    assert "Someone asked: “Should I go to this interview at Globex?” Here is what the " \
           "reasons say." in html
    assert "Get your own verdict" in html and 'href="/"' in html
    for owner_only in ("Your verdict", "Change my answers", "Delete this result", "<textarea",
                       "Open in your email app", 'id="dealbreakers-title"'):
        assert owner_only not in html, owner_only
    assert 'class="verdict-why"' in html and "The reasons, weighed" in html
    assert "Tom" not in html and html.count("Globex") == 1  # no contact name, the company once
    assert html.index('name="opinion"') < html.index("Get your own verdict")  # question first


def test_back_from_the_verdict_shows_the_answers_with_a_link_to_it(client):
    url, _ = made(client)
    check = client.get("/q/check")  # what browser Back lands on
    assert check.status_code == 200
    assert 'These answers just gave your verdict.' in check.text
    assert f'<a class="button" href="{url}">See your verdict</a>' in check.text
    assert 'value="Globex"' in check.text  # the details they typed, found by the link's hash


def test_changing_an_answer_updates_the_same_link_by_default(app, client):
    url, _ = made(client, DECLINE)
    token = url.rsplit("/", 1)[1]
    assert client.post(f"{url}/edit", data=csrf_field(client, url)).status_code == 303
    check = client.get("/q/check").text
    assert "Update my result (same link)" in check and "Keep it, make a new result" in check
    changed = {**DECLINE, "role_interest": "high", "fit": "strong", "company": "good"}
    with client.session_transaction() as session:
        session["wizard"] = {**session["wizard"], "answers": changed}
    response = client.post("/q/check", data={**DETAILS, "save": "update",
                                            **csrf_field(client, "/q/check")})
    assert (response.status_code, response.headers["Location"]) == (303, url)
    friend_view = app.test_client().get(url).text
    assert "Go to the interview" in friend_view and "Updated on " in friend_view
    with client.session_transaction() as session:
        assert session["wizard"]["from"] == hash_secret(token)


def test_keeping_both_makes_a_new_link_and_leaves_the_first_as_it_was(app, client):
    url, _ = made(client, DECLINE)
    client.post(f"{url}/edit", data=csrf_field(client, url))
    response = client.post("/q/check", data={**DETAILS, "save": "new",
                                            **csrf_field(client, "/q/check")})
    assert response.status_code == 303 and response.headers["Location"] != url
    assert "Decline, politely and promptly" in app.test_client().get(url).text


def test_only_the_owner_can_change_or_update_a_link(app, client):
    url, _ = made(client, DECLINE)
    friend = app.test_client()
    assert friend.post(f"{url}/edit", data=csrf_field(friend, url)).status_code == 403
    with friend.session_transaction() as session:
        assert "wizard" not in session  # nothing of the owner's reached the friend's browser


def test_start_after_a_result_begins_a_new_questionnaire(client):
    made(client)
    response = client.get("/q/")
    assert response.headers["Location"] == "/q/you"
    with client.session_transaction() as session:
        assert "wizard" not in session or not session["wizard"].get("answers")


def test_deleting_a_result_leaves_nothing_behind_in_the_questionnaire(client):
    url, _ = made(client)
    response = client.post(f"{url}/delete", data=csrf_field(client, f"{url}/delete"))
    assert response.status_code == 303
    assert any(c.startswith("iv_result=;") for c in response.headers.getlist("Set-Cookie"))
    check = client.get("/q/check")
    assert check.status_code == 302 and check.headers["Location"] == "/q/you"  # answers gone


def test_a_result_stored_before_this_page_still_opens_for_everyone(app, client):
    """Snapshots from before the why sentence, the notes, several messages and folded advice."""
    from sqlalchemy import select

    from app.storage import db
    from app.storage.models import StoredResult

    url, _ = made(client, DECLINE)
    with app.app_context(), db.session(write=True) as s:
        row = s.scalars(select(StoredResult)).one()
        old = dict(row.snapshot)
        old["verdict"] = {k: v for k, v in old["verdict"].items()
                          if k not in ("why", "note", "lean", "turns_on")}
        old["advice"] = [{k: v for k, v in a.items() if k != "main"} for a in old["advice"]]
        old["what_would_change"] = [{k: v for k, v in w.items() if k != "text"}
                                    for w in old["what_would_change"]]
        for key in ("messages", "what_would_change_note"):
            old.pop(key, None)
        row.snapshot = old
    owner_page = client.get(url)
    assert owner_page.status_code == 200 and "A message to decline" in owner_page.text
    assert "If you had answered:" in owner_page.text  # suggestions in the old wording
    for path in (url, url + ".json"):
        assert app.test_client().get(path).status_code == 200


def test_a_close_call_says_which_way_it_leans_in_the_headline(client):
    close = {**BASE_ANSWERS, "role_interest": "some", "company": "neutral", "unsettle": "yes"}
    url, _ = made(client, close)
    html = client.get(url).text
    assert ('<h1 id="verdict-headline">A close call <span class="strength">Leaning towards '
            in html)
    assert "A close call <span class=\"strength\">A close call" not in html
