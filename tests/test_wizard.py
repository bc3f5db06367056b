"""The questionnaire over HTTP, without a browser: routes, redirects, session contents, errors.

The `client` fixture has CSRF off; one test turns it on and posts the real token from the page.
Answers come from tests/support/answers.py and the steps from the rules, so a new question
changes no test here.
"""
from __future__ import annotations

import re
from html import unescape

import pytest
from markupsafe import escape

from app import create_app
from app.storage.store import hash_secret
from app.web.questionnaire.flow import load_state

from .support.walk import client_answer_steps, step_data

STEPS = ["you", "opportunity", "role", "time", "options"]
UNEMPLOYED = {"employment": "unemployed"}


class Wizard:
    """Small helper for repeated actions: post a step, read the wizard's session state."""

    def __init__(self, client, rules):
        self.client, self.rules = client, rules

    def step_data(self, step_id, answers):
        return step_data(step_id, answers)

    def post(self, step_id, data, query=""):
        return self.client.post(f"/q/{step_id}{query}", data=data)

    def complete(self, answers):
        """Answer every step the wizard asks, from /q/ to check answers."""
        client_answer_steps(self.client, answers)

    def state(self):
        """The wizard's session entry, without its finish key (random; test_limits.py)."""
        with self.client.session_transaction() as sess:
            state = sess.get("wizard")
        return state if state is None else {k: v for k, v in state.items() if k != "finish"}

    def set_state(self, value):
        with self.client.session_transaction() as sess:
            sess["wizard"] = value


@pytest.fixture()
def wizard(client, rules):
    return Wizard(client, rules)


def answers_for(base, **changes):
    from app.model.answers import drop_unasked
    from app.model.rules_build import load_rules
    return drop_unasked(load_rules(), {**base, **changes})


@pytest.mark.parametrize("path, location", [
    ("/q/", "/q/you"), ("/q/you", None), ("/q/opportunity", "/q/you"), ("/q/time", "/q/you"),
    ("/q/options", "/q/you"), ("/q/check", "/q/you"), ("/q/nope", "/q/you"),
    ("/q/%3Cscript%3E", "/q/you"),
])
def test_a_fresh_visitor_starts_at_the_first_step(client, path, location):
    response = client.get(path)
    assert response.status_code == (200 if location is None else 302)
    assert response.headers.get("Location") == location


def test_q_without_a_slash_works(client):
    response = client.get("/q", follow_redirects=True)
    assert response.status_code == 200
    assert response.request.path == "/q/you"


def test_landing_page_start_button_goes_to_the_wizard(client):
    assert 'href="/q/"' in client.get("/").text


@pytest.mark.parametrize("step_id, title", [
    ("you", "You and your work – Step 1 of 5 – Interview Verdict"),
    ("opportunity", "How it came about, and the company – Step 2 of 5 – Interview Verdict"),
    ("role", "The role – Step 3 of 5 – Interview Verdict"),
    ("time", "Time and headspace – Step 4 of 5 – Interview Verdict"),
    ("options", "Other options – Step 5 of 5 – Interview Verdict"),
])
def test_each_step_has_its_own_title(wizard, base_answers, step_id, title):
    wizard.set_state({"answers": base_answers})
    html = wizard.client.get(f"/q/{step_id}").text
    assert f"<title>{title}</title>" in html
    assert f"Step {STEPS.index(step_id) + 1} of 5" in html
    assert f'<progress class="progress" value="{STEPS.index(step_id) + 1}" max="5"' in html


@pytest.mark.parametrize("step_id, next_location", [
    ("you", "/q/opportunity"), ("opportunity", "/q/role"), ("role", "/q/time"),
    ("time", "/q/options"),
    ("options", "/q/details"),  # the optional details: a short step before check answers
])
def test_each_step_posts_then_redirects_to_the_next(wizard, base_answers, step_id, next_location):
    done = {k: v for s in STEPS[:STEPS.index(step_id)] for k, v in
            wizard.step_data(s, base_answers).items()}
    wizard.set_state({"answers": done})
    response = wizard.post(step_id, wizard.step_data(step_id, base_answers))
    assert (response.status_code, response.headers["Location"]) == (303, next_location)
    assert wizard.state() == {"answers": {**done, **wizard.step_data(step_id, base_answers)}}


def test_the_whole_flow_ends_on_a_result_page(wizard, base_answers):
    wizard.complete(base_answers)
    assert wizard.state() == {"answers": base_answers}
    check = wizard.client.get("/q/check")
    assert check.status_code == 200
    assert "<title>Check your answers – Interview Verdict</title>" in check.text
    for question in wizard.rules.questions.values():
        if question.is_asked(base_answers):
            assert question.label_of(base_answers[question.id]) in unescape(check.text)
        else:  # held_offer: asked only of someone who holds an offer
            assert question.prompt not in unescape(check.text)
    response = wizard.client.post("/q/check", data={})
    assert response.status_code == 303
    assert re.fullmatch(r"/r/[A-Za-z0-9_-]{16,}", response.headers["Location"])
    token = response.headers["Location"].rsplit("/", 1)[1]
    # choice values stay (Back from the verdict shows them); the token and free text never do
    assert wizard.state() == {"answers": base_answers, "from": hash_secret(token),
                              "owned": True, "made": True}
    result = wizard.client.get(response.headers["Location"])
    assert result.status_code == 200 and "<h1" in result.text


def test_unemployed_are_not_asked_about_time_off_or_unsettling(wizard, base_answers):
    answers = answers_for(base_answers, **UNEMPLOYED)
    wizard.complete(answers)
    assert set(wizard.state()["answers"]) == set(base_answers) - {"time_off", "unsettle"}
    html = wizard.client.get("/q/time").text
    assert 'name="prep_time"' in html
    assert 'name="time_off"' not in html and 'name="unsettle"' not in html


@pytest.mark.parametrize("employment, asked", [
    ("employed_happy", {"time_off", "unsettle"}), ("employed_open", {"time_off", "unsettle"}),
    ("employed_unhappy", {"time_off"}), ("unemployed", set()), ("student", set()),
])
def test_conditional_questions_follow_employment(wizard, base_answers, employment, asked):
    answers = answers_for(base_answers, employment=employment)
    later = ("prep_time", "time_off", "unsettle", "other_offers")
    wizard.set_state({"answers": {k: v for k, v in answers.items() if k not in later}})
    html = wizard.client.get("/q/time").text
    assert {q for q in ("time_off", "unsettle") if f'name="{q}"' in html} == asked


def test_changing_employment_on_check_drops_answers_no_longer_asked(wizard, base_answers):
    wizard.complete(base_answers)
    response = wizard.post("you", wizard.step_data("you", {**base_answers, **UNEMPLOYED}),
                           "?return=check")
    assert (response.status_code, response.headers["Location"]) == (303, "/q/check")
    assert wizard.state()["answers"] == answers_for(base_answers, **UNEMPLOYED)
    check = wizard.client.get("/q/check").text
    assert "time off" not in check and "second-guessing" not in check


def test_a_newly_asked_question_is_asked_before_returning_to_check(wizard, base_answers):
    wizard.complete(answers_for(base_answers, **UNEMPLOYED))
    response = wizard.post("you", wizard.step_data("you", base_answers), "?return=check")
    assert response.headers["Location"] == "/q/time?return=check"
    assert wizard.client.get("/q/check").headers["Location"] == "/q/time"
    response = wizard.post("time", wizard.step_data("time", base_answers), "?return=check")
    assert response.headers["Location"] == "/q/check"
    assert wizard.state()["answers"] == base_answers


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example", "/r/x", "", "CHECK"])
def test_return_is_allow_listed(wizard, base_answers, target):
    wizard.set_state({"answers": base_answers})
    response = wizard.post("you", wizard.step_data("you", base_answers), f"?return={target}")
    assert response.headers["Location"] == "/q/opportunity"
    assert "evil" not in wizard.client.get(f"/q/you?return={target}").text


@pytest.mark.parametrize("value", ["<script>alert(1)</script>", "ceo", "", None])
def test_bad_values_get_a_clear_error_and_change_nothing(wizard, base_answers, value):
    before = {"answers": {"employment": "student"}}
    wizard.set_state(before)
    data = wizard.step_data("you", base_answers)
    data.pop("employment")
    if value is not None:
        data["employment"] = value
    response = wizard.post("you", data)
    # POST-redirect-GET even with errors: Back and refresh never resubmit the form
    assert (response.status_code, response.headers["Location"]) == (303, "/q/you")
    for _ in range(2):  # and a refresh shows the same errors
        html = wizard.client.get("/q/you").text
        assert "<title>Error: You and your work – Step 1 of 5 – Interview Verdict</title>" in html
        assert 'role="alert"' in html and 'href="#employment"' in html
        # GOV.UK's short form, the same whether the answer is missing or forged
        assert ('<a href="#employment" data-field="employment">Select which best describes your '
                'work right now</a>') in html
        assert 'aria-describedby="employment-error"' in html
        assert "<script>alert" not in html
        assert 'name="employment" value="student" checked' not in html
    # the refused answer changes nothing; the valid choices sent on the same page are kept
    assert wizard.state() == {"answers": {**{k: v for k, v in data.items() if k != "employment"},
                                          "employment": "student"},
                              "tried": {"step": "you", "missing": ["employment"]}}
    for question, answer in data.items():
        if question != "employment":
            assert re.search(rf'name="{question}" value="{answer}" checked', html)
    # answering it clears the errors
    response = wizard.post("you", {**data, "employment": "student"})
    assert response.headers["Location"] == "/q/opportunity"
    assert "tried" not in wizard.state()
    assert "Error:" not in wizard.client.get("/q/you").text


def test_back_button_keeps_valid_choices_without_requiring_the_rest(wizard, base_answers):
    wizard.set_state({"answers": wizard.step_data("you", base_answers)})
    response = wizard.post("opportunity", {"source": "referral", "company": "bogus",
                                           "action": "back"})
    assert (response.status_code, response.headers["Location"]) == (303, "/q/you")
    assert wizard.state()["answers"] == {**wizard.step_data("you", base_answers),
                                         "source": "referral"}
    assert 'value="referral" checked' in wizard.client.get("/q/opportunity").text


def test_back_button_on_the_first_step_goes_to_the_landing_page(wizard):
    response = wizard.post("you", {"pivot": "yes", "action": "back"})
    assert response.headers["Location"] == "/"
    assert wizard.state() == {"answers": {"pivot": "yes"}}


@pytest.mark.parametrize("garbage", [
    "x", 42, ["employment"], {"answers": "employed_happy"}, {"answers": ["a"]},
    {"answers": {"employment": "ceo", "evil": "x", "pivot": 3}, "from": "../../etc"},
    {"answers": {"employment": "unemployed", "time_off": "easy"}},
])
def test_a_tampered_session_starts_fresh_without_error(wizard, rules, garbage):
    wizard.set_state(garbage)
    response = wizard.client.get("/q/")
    assert (response.status_code, response.headers["Location"]) == (302, "/q/you")
    assert wizard.client.get("/q/you").status_code == 200
    assert load_state(rules, garbage)["answers"] in ({}, {"employment": "unemployed"})


def test_a_foreign_session_cookie_starts_fresh(app, client, base_answers):
    other = create_app({"TESTING": True, "SECRET_KEY": "someone-else",
                        "DATABASE_URL": app.config["DATABASE_URL"]})
    forged = other.session_interface.get_signing_serializer(other).dumps(
        {"wizard": {"answers": base_answers}})
    client.set_cookie("session", forged)
    assert client.get("/q/").headers["Location"] == "/q/you"
    client.set_cookie("session", "not-even-a-cookie")
    assert client.get("/q/check").headers["Location"] == "/q/you"


def session_cookie(app, client):
    """The decoded session, without the CSRF token's entries: random base64, they can hold any
    short run of letters by chance (and hold nothing a person typed)."""
    cookie = client.get_cookie("session")
    found = app.session_interface.get_signing_serializer(app).loads(cookie.value) if cookie else {}
    return {k: v for k, v in found.items() if k not in ("csrf_token", "csrf_signed")}


def test_details_go_to_the_result_never_into_the_session(app, wizard, base_answers):
    wizard.complete(base_answers)
    details = {"company_name": "Acme {{7*7}}", "role_title": "Chief <b>Tester</b>",
               "contact_name": "Zoë"}
    response = wizard.client.post("/q/check", data=details)
    assert response.status_code == 303
    stored = str(session_cookie(app, wizard.client))  # decoded: any typed text shows as typed
    # whole words: a random key in the session holds "Zo" by chance about once in a hundred
    assert not [v for v in ("Acme", "Tester", "Zoë") if v in stored]
    token = response.headers["Location"].rsplit("/", 1)[1]
    # "Change my answers" on the result page puts the answers back with the token's hash
    wizard.set_state({"answers": base_answers, "from": hash_secret(token)})
    html = wizard.client.get("/q/check").text
    assert 'value="Acme {{7*7}}"' in html and 'value="Chief &lt;b&gt;Tester&lt;/b&gt;"' in html
    assert "Acme" not in str(session_cookie(app, wizard.client))


@pytest.mark.parametrize("field, value, message", [
    ("company_name", "A" * 81, "Company name must be 80 characters or fewer"),
    ("role_title", "Dev\x00ops", "Role title contains characters that are not allowed"),
    ("contact_name", "Sam\u202eevil", "contains characters that are not allowed"),
])
def test_bad_details_come_back_after_a_redirect_with_what_was_typed(app, wizard, base_answers,
                                                                     field, value, message):
    wizard.complete(base_answers)
    other = next(f for f in ("contact_name", "role_title") if f != field)
    response = wizard.client.post("/q/details", data={field: value, other: "Kept <value>",
                                                      "not_a_detail": "ignored"})
    # POST-redirect-GET: Back and refresh never meet "Confirm Form Resubmission"
    assert (response.status_code, response.headers["Location"]) == (303, "/q/details")
    for _ in range(2):  # a refresh shows the same page
        html = wizard.client.get("/q/details").text
        assert "<title>Error: A few details (optional) – Interview Verdict</title>" in html
        assert f'href="#{field}"' in html and message in html
        assert 'value="Kept &lt;value&gt;"' in html
        assert f'value="{escape(value)}"' in html  # what was typed, to fix it
        assert 'aria-invalid="true"' in html
    state = wizard.state()
    assert state["answers"] == base_answers and set(state) == {"answers", "draft"}
    # the typed text is sealed: not readable in the cookie, not even once decoded
    assert "Kept" not in str(session_cookie(app, wizard.client))


def test_final_post_revalidates_and_shows_the_first_failing_step(wizard, base_answers):
    wizard.complete(base_answers)
    incomplete = {k: v for k, v in base_answers.items() if k not in ("fit", "other_offers")}
    wizard.set_state({"answers": incomplete})
    response = wizard.client.post("/q/check", data={"company_name": "Acme"})
    # a POST answers 303 (POST-redirect-GET), to the first step with a missing answer
    assert (response.status_code, response.headers["Location"]) == (303, "/q/role")
    assert wizard.state() == {"answers": incomplete}


def test_csrf_is_enforced_with_the_real_form(tmp_path, base_answers):
    app = create_app({"TESTING": True, "SECRET_KEY": "csrf-secret",
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'csrf.sqlite3'}"})
    client = app.test_client()
    html = client.get("/q/you").text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    data = {k: base_answers[k] for k in ("employment", "searching", "last_interview", "pivot")}
    refused = client.post("/q/you?return=check", data=data)
    # back to the same page (a GET: refresh never resubmits), which says nothing was done
    assert (refused.status_code, refused.headers["Location"]) == (303, "/q/you?return=check")
    assert "That page had expired, so nothing was done" in client.get("/q/you").text
    with client.session_transaction() as sess:
        assert "wizard" not in sess
    accepted = client.post("/q/you", data={**data, "csrf_token": token})
    assert (accepted.status_code, accepted.headers["Location"]) == (303, "/q/opportunity")
    with client.session_transaction() as sess:
        assert sess["wizard"]["answers"] == data


@pytest.mark.parametrize("answered, first, position_of_time", [
    ({}, "you", (4, 5)),
    ({"employment": "unemployed", "searching": "active", "last_interview": "never",
      "pivot": "no"}, "opportunity", (4, 5)),
    (dict.fromkeys(["source", "role_interest", "company"], "x"), "you", (4, 5)),
])
def test_flow_is_worked_out_from_the_rules(rules, answered, first, position_of_time):
    from app.web.questionnaire import flow

    clean = load_state(rules, {"answers": answered})["answers"]
    assert flow.first_unanswered(rules, clean).id == first
    time = flow.find_step(rules, "time")
    assert flow.position(rules, time, clean) == position_of_time
    assert flow.is_reachable(rules, time, clean) is False
    assert flow.safe_return("check") == "check" and flow.safe_return("//evil") is None


def stored_rows(app):
    from sqlalchemy import select

    from app.storage import db
    from app.storage.models import StoredResult

    with app.app_context(), db.session() as s:
        return [(r.answers, r.details) for r in s.scalars(select(StoredResult))]


def test_the_whole_flow_stores_one_result_on_each_database(db_app, db_client, rules,
                                                           base_answers):
    """The flow end to end on SQLite and on PostgreSQL: nothing stored until the final POST,
    then exactly one row with the answers and the details; its link opens for anyone."""
    wizard = Wizard(db_client, rules)
    wizard.complete(base_answers)
    assert stored_rows(db_app) == []
    details = {"company_name": "Acme & Sons", "role_title": "", "contact_name": "Sam"}
    response = wizard.client.post("/q/check", data=details)
    assert response.status_code == 303
    assert stored_rows(db_app) == [(base_answers, {"company_name": "Acme & Sons",
                                                   "contact_name": "Sam"})]
    shared = db_app.test_client().get(response.headers["Location"])  # another browser
    assert shared.status_code == 200 and "Acme &amp; Sons" in shared.text


@pytest.mark.parametrize("details, message", [
    ({"company_name": "Ac\x00me"}, "Company name contains characters that are not allowed"),
    ({"contact_name": "x" * 81}, "must be 80 characters or fewer"),
])
def test_a_refused_final_post_stores_nothing_on_either_database(db_app, db_client, rules,
                                                                base_answers, details, message):
    wizard = Wizard(db_client, rules)
    wizard.complete(base_answers)
    response = wizard.client.post("/q/check", data=details)  # a forged final POST
    assert (response.status_code, response.headers["Location"]) == (303, "/q/details")
    assert message in wizard.client.get("/q/details").text
    assert stored_rows(db_app) == []
    assert wizard.state()["answers"] == base_answers  # no answer lost


def test_a_database_failure_on_the_final_post_answers_503_and_loses_no_answer(
        app, wizard, base_answers, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from app.storage import store

    def locked(*args, **kwargs):
        raise OperationalError("INSERT", {}, Exception("database is locked"))

    monkeypatch.setattr(store, "create", locked)
    wizard.complete(base_answers)
    response = wizard.client.post("/q/check", data={"company_name": "Acme"})
    assert response.status_code == 503
    assert "Please try again in a moment" in response.text
    assert "INSERT" not in response.text and "locked" not in response.text
    assert wizard.state() == {"answers": base_answers}  # every answer still there


def test_back_from_a_newly_asked_question_does_not_bounce(wizard, base_answers):
    """Unemployed -> employed on check answers asks time_off; Back there must go somewhere
    else than the same page (check answers is closed until the new question is answered)."""
    unemployed = answers_for(base_answers, employment="unemployed")
    wizard.complete(unemployed)
    response = wizard.post("you", {**wizard.step_data("you", unemployed),
                                   "employment": "employed_unhappy"}, "?return=check")
    assert response.headers["Location"] == "/q/time?return=check"
    page = wizard.client.get("/q/time?return=check").text
    back = re.search(r'class="back-link"[^>]*href="([^"]+)"', page)
    assert back and unescape(back.group(1)) == "/q/role?return=check"
    # and the step says why it is asking again
    assert ("Your change brings a new question on this page: “How easy is it to get time off "
            "for the interview?”") in unescape(page)


def test_change_links_jump_to_their_question_and_focus_it(wizard, base_answers):
    wizard.complete(base_answers)
    check = unescape(wizard.client.get("/q/check").text)
    assert 'href="/q/role?focus=fit&return=check#fit">Change' in check
    page = wizard.client.get("/q/role?focus=fit&return=check").text
    assert re.search(r'<input [^>]*id="fit-2" name="fit" value="partial" checked autofocus>', page)
    assert page.count("autofocus") == 1  # only that question
    assert "autofocus" not in wizard.client.get("/q/role?focus=bogus&return=check").text


@pytest.mark.parametrize("path", ["/q/you", "/q/check"])
def test_questionnaire_pages_are_never_cached(wizard, base_answers, path):
    wizard.complete(base_answers)
    response = wizard.client.get(path)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


def test_a_new_secret_key_signs_a_new_form_token(tmp_path, base_answers):
    """The session keeps one signed CSRF token; after SECRET_KEY is rotated (the old one kept
    as a fallback, so sessions stay valid) the next page signs a new one, and the form works."""
    url = f"sqlite:///{tmp_path / 'keys.sqlite3'}"
    old = create_app({"TESTING": True, "SECRET_KEY": "old-secret", "DATABASE_URL": url})
    client = old.test_client()
    client.get("/q/you")  # the session now keeps a token signed with the old key
    cookie = client.get_cookie("session").value
    new = create_app({"TESTING": True, "SECRET_KEY": "new-secret",
                      "SECRET_KEY_FALLBACKS": ["old-secret"], "DATABASE_URL": url})
    client = new.test_client()
    client.set_cookie("session", cookie)
    html = client.get("/q/you").text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    data = {k: base_answers[k] for k in ("employment", "searching", "last_interview", "pivot")}
    response = client.post("/q/you", data={**data, "csrf_token": token})
    assert (response.status_code, response.headers["Location"]) == (303, "/q/opportunity")


@pytest.mark.parametrize("path", ["/q/%0D%0ASet-Cookie:%20x=1", "/q/you?return=%0D%0Ax",
                                  "/q/you?return=//evil.example"])
def test_a_refused_form_token_never_echoes_the_path(tmp_path, path):
    app = create_app({"TESTING": True, "SECRET_KEY": "csrf-secret",
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'echo.sqlite3'}"})
    response = app.test_client().post(path, data={"employment": "student"})
    assert response.status_code == 303
    assert response.headers["Location"] in ("/q/%0D%0ASet-Cookie:%20x=1", "/q/you")
    assert "Set-Cookie: x" not in str(response.headers)
