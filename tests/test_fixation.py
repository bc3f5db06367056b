"""A copied session cookie never hands over someone else's result (issue 19, item 1), on SQLite
and PostgreSQL: one result per answers submitted, never per cookie.

The reproduction from the issue: a copy of the cookie is taken after the first step (a shared
computer; a cookie planted over plain HTTP); the other person finishes; the copy is completed
with other answers (or the same ones) and posted to /q/check. Before the fix the 303 went to the
other person's link, with their owner cookie. The same final POST sent again still finds the
result it made (a double click, a lost answer)."""
from __future__ import annotations

import pytest

from .support.walk import (
    OWNER_COOKIE,
    client_answer_steps,
    csrf_field,
    owner_cookie,
    step_data,
)

FIRST_STEP = "you"


def copy_after_first_step(app, answers):
    """The victim's browser after step 1, and an attacker's browser with a copy of its cookie."""
    victim = app.test_client()
    location = victim.get("/q/").headers["Location"]
    assert location == f"/q/{FIRST_STEP}"
    assert victim.post(location, data={**step_data(FIRST_STEP, answers),
                                       **csrf_field(victim, location)}).status_code == 303
    attacker = app.test_client()
    name = app.config["SESSION_COOKIE_NAME"]
    attacker.set_cookie(name, victim.get_cookie(name).value)
    return victim, attacker


def finish(client, answers, details):
    client_answer_steps(client, answers)
    response = client.post("/q/check", data={**details, **csrf_field(client, "/q/check")})
    assert response.status_code == 303
    return response


@pytest.mark.parametrize(("attacker_answers", "attacker_details"), [
    ({"company": "poor"}, {}),  # other answers
    ({}, {}),  # the very same answers, and no details
    ({}, {"company_name": "Other Ltd"}),  # the same answers, other details
])
@pytest.mark.parametrize("victim_first", [True, False])
def test_a_cookie_copied_after_step_one_never_reaches_the_other_result(
        db_app, base_answers, attacker_answers, attacker_details, victim_first):
    victim, attacker = copy_after_first_step(db_app, base_answers)
    theirs = {**base_answers, **attacker_answers}
    if victim_first:
        mine = finish(victim, base_answers, {})
        stolen = finish(attacker, theirs, attacker_details)
    else:
        stolen = finish(attacker, theirs, attacker_details)
        mine = finish(victim, base_answers, {})
    assert stolen.location != mine.location
    assert owner_cookie(stolen) != owner_cookie(mine)
    victims_link = mine.location
    assert f"path={victims_link}" not in " ".join(stolen.headers.getlist("Set-Cookie"))
    # the attacker's browser is no owner of the victim's result
    assert attacker.get(victims_link + "/delete").status_code == 403


def test_the_same_final_post_again_finds_the_same_result(db_app, base_answers):
    client = db_app.test_client()
    client_answer_steps(client, base_answers)
    name = db_app.config["SESSION_COOKIE_NAME"]
    before, form = client.get_cookie(name).value, {"company_name": "Acme",
                                                   **csrf_field(client, "/q/check")}
    first = client.post("/q/check", data=form)
    client.set_cookie(name, before)  # the cookie the first POST was sent with
    again = client.post("/q/check", data=form)
    assert again.status_code == first.status_code == 303
    assert again.location == first.location
    assert owner_cookie(again) == owner_cookie(first)
    client.set_cookie(name, before)
    other = client.post("/q/check", data={**form, "company_name": "Other"})
    assert other.location != first.location  # other details: another submission
    assert OWNER_COOKIE in " ".join(other.headers.getlist("Set-Cookie"))
