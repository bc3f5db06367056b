"""The questionnaire's reach (issue 20): the optional details on a short step of their own before
check answers (which lists them and sends them); an error mark that stays on a refresh but is
gone once the person leaves the step or starts again; saving unchanged answers says nothing
changed and stores nothing new."""
from __future__ import annotations

import re

import pytest

from app.storage import db, store

from .support.answers import BASE_ANSWERS, DECLINE
from .support.walk import client_answer_steps, client_get_verdict, csrf_field, owner_cookie

DETAILS = {"company_name": "Globex & Co", "role_title": "Sales Lead", "contact_name": "Tom",
           "your_name": "Sam"}


def test_the_details_have_their_own_step_and_check_answers_lists_them(client):
    client_answer_steps(client, {k: v for k, v in BASE_ANSWERS.items()})
    page = client.get("/q/details").text
    assert "<title>A few details (optional) – Interview Verdict</title>" in page
    assert page.count('class="input"') == 4 and "Back</a>" in page
    response = client.post("/q/details", data={**DETAILS, **csrf_field(client, "/q/details")})
    assert (response.status_code, response.headers["Location"]) == (303, "/q/check")
    check = client.get("/q/check").text
    assert 'href="/q/details"' in check  # Back leads to the details step
    assert '<dd class="summary-value">Globex &amp; Co</dd>' in check
    # the details are one group with one change link (and Back) to their step
    assert check.count('href="/q/details"') == 2
    assert ('<a class="summary-group-change" href="/q/details">Change'
            '<span class="visually-hidden"> the details</span></a>') in check
    assert '<input type="hidden" name="company_name" value="Globex &amp; Co">' in check
    assert 'type="text"' not in check  # nothing is typed on check answers any more
    final = client.post("/q/check", data={**DETAILS, **csrf_field(client, "/q/check")})
    assert final.status_code == 303
    owner = owner_cookie(final)
    page = client.get(final.headers["Location"], headers={"Cookie": f"iv_owner={owner}"}).text
    assert "Best wishes,\nSam</textarea>" in page  # "[Your name]" filled in


@pytest.mark.parametrize("leave", ["another step", "start again"])
def test_an_error_mark_stays_on_a_refresh_and_goes_when_the_person_leaves(client, leave):
    response = client.post("/q/you", data=csrf_field(client, "/q/you"))  # sent empty
    assert (response.status_code, response.headers["Location"]) == (303, "/q/you")
    for _ in range(2):  # a refresh still shows what is wrong
        assert "There is a problem" in client.get("/q/you").text
    if leave == "another step":
        client.post("/q/you", data={"employment": "employed_happy", "searching": "passive",
                                    "last_interview": "never", "pivot": "no",
                                    **csrf_field(client, "/q/you")})
        client.get("/q/opportunity")
    else:
        assert client.get("/").status_code == 200
        assert client.get("/q/").headers["Location"] == "/q/you"
    assert "There is a problem" not in client.get("/q/you").text


def test_saving_the_same_answers_again_says_nothing_changed(app, client):
    response = client_get_verdict(client, DECLINE, DETAILS)
    url = response.headers["Location"]
    token = url.rsplit("/", 1)[1]
    with app.app_context(), db.session() as s:
        before = store.find(s, token, now=store.utcnow())
    client.post(f"{url}/edit", data=csrf_field(client, url))
    again = client.post("/q/check", data={**DETAILS, "save": "update",
                                         **csrf_field(client, "/q/check")})
    assert (again.status_code, again.headers["Location"]) == (303, url)
    page = client.get(url).text
    assert "Nothing changed: these are the answers your result already has." in page
    assert "Your result was updated" not in page and "Updated on" not in page
    with app.app_context(), db.session() as s:
        after = store.find(s, token, now=store.utcnow())
    assert after.snapshot == before.snapshot


def test_a_preview_that_changes_the_answer_offers_to_make_it_the_answer(client):
    response = client_get_verdict(client, DECLINE, {})
    url = response.headers["Location"]
    preview = client.get(f"{url}/try?fit=partial").text
    assert re.search(r"your verdict would be <strong>[^<]+</strong>\. Nothing has changed yet\.",
                     preview)
    assert "Make it my answer" in preview
    same = client.get(f"{url}/try?fit=mismatch")  # already the answer: nothing to preview
    assert same.status_code == 400 and "Make it my answer" not in same.text
