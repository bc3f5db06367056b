"""Drafted messages that fit: one variant per way the interview came about and how far along
it is, each read as the person who will send it, with and without the optional details."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.model.evaluate import evaluate
from app.model.messages import PLACEHOLDER, _fill
from app.model.serialize import result_to_dict

from .situations import SITUATIONS, answers_of

SITUATION = {s[0]: answers_of(s) for s in SITUATIONS}
DETAILS = {"company_name": "Northwind Bank", "role_title": "Data Analyst", "contact_name": "Sam"}
DECLINE = SITUATION["obvious_bad_fit_good_company"]  # happy in work, a recruiter, a bad fit


def messages(rules, answers, details=DETAILS):
    body = result_to_dict(rules, evaluate(rules, answers), details)
    return body, {m["id"]: m for m in body["messages"]}


def test_declining_a_recruiters_approach_has_nothing_to_withdraw(rules):
    body, drafted = messages(rules, DECLINE)
    assert list(drafted) == ["decline_recruiter"]
    text = drafted["decline_recruiter"]["text"]
    assert text.startswith("Hi Sam,\n\nThank you for thinking of me for the Data Analyst role at "
                           "Northwind Bank.")
    assert "I'm happy where I am at the moment" in text  # true: they said they're happy
    assert "keep me in mind" in text
    assert "It isn't the right fit for me." in text  # true: an obvious bad fit, little interest
    assert drafted["decline_recruiter"]["optional"] == ["keep_in_touch", "reason"]
    assert "withdraw" not in text and "slot" not in text
    assert text.endswith("Best wishes,\n[Your name]")
    assert body["decline_message"] == text  # kept for API clients that read it


def test_a_recruiter_decline_for_someone_who_wants_out_does_not_say_they_are_happy(rules):
    answers = {k: v for k, v in DECLINE.items() if k != "unsettle"}  # not asked of them
    answers["employment"] = "employed_unhappy"
    _, drafted = messages(rules, answers)
    text = drafted["decline_recruiter"]["text"]
    assert "happy where I am" not in text and "isn't the right fit" in text


def test_withdrawing_an_application(rules):
    _, drafted = messages(rules, {**DECLINE, "source": "applied"})
    text = drafted["withdraw_application"]["text"]
    assert "I'd like to withdraw my application" in text and "slot can go to someone else" in text
    assert drafted["withdraw_application"]["optional"] == ["keep_in_touch", "reason"]


def test_stepping_out_after_rounds_says_it_isnt_the_right_fit(rules):
    _, drafted = messages(rules, SITUATION["called_back_unwanted"])
    text = drafted["step_out_after_rounds"]["text"]
    assert "Thank you for your time over the last few rounds" in text
    assert "I don't think the role is the right fit for me" in text and "withdraw" not in text


def test_declining_a_referral_comes_with_a_thank_you_to_the_referrer(rules):
    _, drafted = messages(rules, {**DECLINE, "source": "referral"})
    assert list(drafted) == ["decline_referral", "thank_referrer"]
    assert "on a recommendation" in drafted["decline_referral"]["text"]
    thanks = drafted["thank_referrer"]
    assert thanks["to"] == "the person who referred you"
    assert thanks["text"].startswith("Hi [name],\n\nThank you so much for putting my name "
                                     "forward for the Data Analyst role at Northwind Bank.")


@pytest.mark.parametrize("employment, time_off, line", [
    ("employed_open", "very_hard", "Early morning or late afternoon works best for me"),
    ("employed_open", "easy", "I'm happy to fit around you"),
    ("unemployed", None, "I'm happy to fit around you"),
])
def test_a_go_verdict_gets_a_short_acceptance_proposing_times(rules, employment, time_off, line):
    answers = {**SITUATION["career_pivot"], "employment": employment, "time_off": time_off,
               "unsettle": None if employment == "unemployed" else "no"}
    answers = {k: v for k, v in answers.items() if v is not None}
    body, drafted = messages(rules, answers)
    assert body["verdict"]["code"] in ("go", "lean_go") and list(drafted) == ["accept"]
    text = drafted["accept"]["text"]
    assert "I'd be glad to come and talk" in text and "[day] at [time]" in text and line in text
    assert text.count("[day] at [time] or [day] at [time]") == 1
    assert "decline_message" not in body


def test_a_close_call_asks_two_quick_questions_on_what_it_turns_on(rules, base_answers):
    answers = {**base_answers, "role_interest": "some", "company": "neutral", "unsettle": "yes"}
    body, drafted = messages(rules, answers, {})
    assert body["verdict"]["code"] == "toss_up"
    text = drafted["two_questions"]["text"]
    assert text.startswith("Hi [name],\n\nThank you for the invitation to interview for the role. "
                           "Before I confirm, could I ask two quick questions?")
    first = rules.questions[body["verdict"]["turns_on"][0]].ask
    assert f"\n\n1. {first}\n2. " in text


@pytest.mark.parametrize("details, expected", [
    ({}, "for the role."),
    ({"role_title": "Data Analyst"}, "for the Data Analyst role."),
    ({"company_name": "Acme"}, "for the role at Acme."),
    ({"company_name": "{contact_name}", "contact_name": "{company_name}"},
     "Hi {company_name},\n\nThank you for thinking of me for the role at {contact_name}."),
])
def test_details_are_filled_in_one_pass_and_read_naturally_without_them(rules, details, expected):
    _, drafted = messages(rules, DECLINE, details)
    assert expected in drafted["decline_recruiter"]["text"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(alphabet="ab{}_ \n\u00e9", max_size=6),
                          st.from_regex(r"\{\w{1,4}\}", fullmatch=True))).map("".join),
       st.dictionaries(st.from_regex(r"\w{1,4}", fullmatch=True), st.text(max_size=6)))
def test_a_template_is_filled_as_one_regex_pass_fills_it(template, values):
    expected = PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)
    assert _fill(template, values) == expected
