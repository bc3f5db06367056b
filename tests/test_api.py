"""The stateless JSON API: the questionnaire contract, the verdict contract, and every kind of
bad input answered 400 with each problem named (never a 500, never anything stored)."""
from __future__ import annotations

import json

import pytest

from .situations import SITUATIONS, answers_of

CONTRACT = {
    "employment": ["employed_happy", "employed_open", "employed_unhappy", "unemployed", "student"],
    "searching": ["not_looking", "passive", "active"],
    "last_interview": ["under_1y", "1_to_3y", "over_3y", "never"],
    "pivot": ["no", "curious", "yes"],
    "source": ["referral", "recruiter", "applied", "other"],
    "role_interest": ["none", "low", "some", "high"],
    "company": ["top", "good", "neutral", "poor"],
    "fit": ["strong", "partial", "mismatch"],
    "industry": ["same", "new_interesting", "new_uninteresting"],
    "stage": ["first", "later"],
    "prep_time": ["plenty", "some", "none"],
    "time_off": ["easy", "juggling", "very_hard"],
    "unsettle": ["no", "a_little", "yes"],
    "other_offers": ["none", "early", "final", "offer"],
    "held_offer": ["preferred", "not_preferred", "unsure"],  # added in 2026.12.0, optional
}


def post(client, body, **kwargs):
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post("/api/v1/verdict", data=data,
                       content_type=kwargs.pop("content_type", "application/json"), **kwargs)


def test_the_questionnaire_lists_every_question_and_value_of_the_contract(client):
    response = client.get("/api/v1/questionnaire")
    assert response.status_code == 200
    body = response.get_json()
    assert body["rules_version"]
    questions = {q["id"]: q for step in body["steps"] for q in step["questions"]}
    assert {qid: [c["value"] for c in q["choices"]] for qid, q in questions.items()} == CONTRACT
    for step in body["steps"]:
        assert step["id"] and step["title"]
    for q in questions.values():
        assert q["prompt"] and all(c["label"] for c in q["choices"])
    assert questions["time_off"]["asked_if"] == {
        "employment": ["employed_happy", "employed_open", "employed_unhappy"]}
    assert questions["unsettle"]["asked_if"] == {"employment": ["employed_happy", "employed_open"]}
    assert "asked_if" not in questions["prep_time"]


def test_a_verdict_answers_every_contract_field(client, base_answers):
    response = post(client, {"answers": base_answers})
    assert response.status_code == 200
    body = response.get_json()
    assert {"rules_version", "verdict", "score", "factors", "dealbreakers", "what_would_change",
            "advice"} <= set(body)
    assert set(body["verdict"]) >= {"code", "label", "strength"}
    assert body["verdict"]["code"] in ("go", "lean_go", "toss_up", "lean_decline", "decline")
    for factor in body["factors"]:
        assert set(factor) >= {"id", "side", "label", "contribution"}
        assert factor["side"] in ("pro", "con")
    assert round(sum(f["contribution"] for f in body["factors"]), 2) == body["score"]
    for change in body["what_would_change"]:
        assert change["changes"] and change["verdict"] != body["verdict"]["code"]
        assert all(set(c) == {"question", "to"} for c in change["changes"])
    for item in body["advice"]:
        assert set(item) >= {"id", "title", "text", "sources"} and item["sources"]
        assert all(s["title"] for s in item["sources"])


@pytest.mark.parametrize("situation", SITUATIONS, ids=[s[0] for s in SITUATIONS])
def test_the_api_reaches_each_situation_s_recommendation(client, situation):
    body = post(client, {"answers": answers_of(situation)}).get_json()
    assert body["verdict"]["code"] in situation[3]


def test_a_dealbreaker_says_why(client):
    answers = answers_of(next(s for s in SITUATIONS if s[0] == "dud_bleak_company"))
    body = post(client, {"answers": answers}).get_json()
    assert body["verdict"]["code"] == "decline"
    assert [d["id"] for d in body["dealbreakers"]] == ["dud_at_bleak_company"]
    assert "bleak" in body["dealbreakers"][0]["reason"]


@pytest.mark.parametrize("details, greeting, opening", [
    ({}, "Hi [name],", "Thank you for thinking of me for the role."),
    ({"contact_name": "Sam"}, "Hi Sam,", "Thank you for thinking of me for the role."),
    ({"company_name": "Acme"}, "Hi [name],", "Thank you for thinking of me for the role at Acme."),
    ({"role_title": "Data Analyst", "company_name": "Acme", "contact_name": "Sam"}, "Hi Sam,",
     "Thank you for thinking of me for the Data Analyst role at Acme."),
    ({"company_name": "{contact_name}"}, "Hi [name],", "the role at {contact_name}."),
])
def test_the_drafted_decline_reads_naturally_with_or_without_details(client, details, greeting,
                                                                       opening):
    answers = answers_of(next(s for s in SITUATIONS if s[0] == "bad_fit"))
    body = post(client, {"answers": answers, "details": details}).get_json()
    message = body["decline_message"]
    assert message.startswith(greeting + "\n\n")
    assert opening in message
    assert "{" not in message.replace("{contact_name}", "") and "None" not in message
    assert message.endswith("\n\nBest wishes,\n[Your name]")  # a name line to fill in


def test_go_side_verdicts_carry_no_decline_message(client):
    answers = answers_of(next(s for s in SITUATIONS if s[0] == "dream_company"))
    body = post(client, {"answers": answers}).get_json()
    assert body["verdict"]["code"] == "go" and "decline_message" not in body
    assert {"prepare_quickly", "questions_to_ask"} <= {a["id"] for a in body["advice"]}
    assert [m["id"] for m in body["messages"]] == ["accept"]


def drop(d, key):
    return {k: v for k, v in d.items() if k != key}


@pytest.mark.parametrize("make_body, field, code", [
    (lambda a: {"answers": {**a, "shoe_size": "42"}}, "shoe_size", "unknown_question"),
    (lambda a: {"answers": {**a, "prep_time": "loads"}}, "prep_time", "invalid_value"),
    (lambda a: {"answers": drop(a, "fit")}, "fit", "missing"),
    (lambda a: {"answers": {**drop(drop(a, "time_off"), "unsettle"), "employment": "unemployed",
                            "time_off": "easy"}}, "time_off", "not_asked"),
    (lambda a: {"answers": {**a, "stage": 2}}, "stage", "wrong_type"),
    (lambda a: {"answers": {**a, "stage": None}}, "stage", "wrong_type"),
    (lambda a: {"answers": [a]}, None, "not_an_object"),
    (lambda a: {"answers": a, "extra": 1}, "extra", "unknown_field"),
    (lambda a: {}, "answers", "missing"),
    (lambda a: {"answers": a, "details": {"company_name": "x" * 81}}, "company_name", "too_long"),
    (lambda a: {"answers": a, "details": {"company_name": "Ac\x00me"}}, "company_name",
     "control_characters"),
    (lambda a: {"answers": a, "details": {"company_name": 7}}, "company_name", "wrong_type"),
    (lambda a: {"answers": a, "details": {"salary": "lots"}}, "salary", "unknown_detail"),
    (lambda a: {"answers": a, "details": "Acme"}, "details", "not_an_object"),
])
def test_bad_input_answers_400_naming_the_problem(client, base_answers, make_body, field, code):
    response = post(client, make_body(base_answers))
    assert response.status_code == 400
    errors = response.get_json()["errors"]
    assert {"field": field, "code": code} in [{"field": e["field"], "code": e["code"]}
                                              for e in errors]
    assert all(e["message"] for e in errors)


def test_several_problems_are_all_named(client, base_answers):
    body = {"answers": {**drop(base_answers, "fit"), "prep_time": "loads", "x": "y"}}
    errors = post(client, body).get_json()["errors"]
    assert {(e["field"], e["code"]) for e in errors} == {
        ("fit", "missing"), ("prep_time", "invalid_value"), ("x", "unknown_question")}


@pytest.mark.parametrize("raw, content_type", [
    ("not json", "application/json"),
    ("{\"answers\": ", "application/json"),
    ("[1, 2]", "application/json"),
    ("null", "application/json"),
    ("answers=1", "application/x-www-form-urlencoded"),
    (b"\xff\xfe\x00", "application/json"),
    ('{"answers": ' + "[" * 5000 + "]" * 5000 + "}", "application/json"),  # 10 KB of nesting
    ("", "application/json"),
])
def test_a_body_that_is_not_a_json_object_answers_400(client, raw, content_type):
    response = post(client, raw, content_type=content_type)
    assert response.status_code == 400
    assert response.get_json()["errors"][0]["code"] == "not_json"


def test_a_body_over_one_mebibyte_answers_413(client, base_answers):
    body = json.dumps({"answers": base_answers, "pad": "x" * (1024 * 1024)})
    response = post(client, body)
    assert response.status_code == 413
    assert response.get_json()["errors"][0]["code"] == "http_413"


def test_the_api_is_stateless_and_sets_no_cookie(client, base_answers):
    response = post(client, {"answers": base_answers})
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers


def test_wrong_method_answers_json_not_a_page(client):
    response = client.get("/api/v1/verdict")
    assert response.status_code == 405
    assert response.get_json()["errors"][0]["code"] == "http_405"


@pytest.mark.parametrize("name", ["Zoë O'Brien", "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
                                  "Team \U0001F469\u200d\U0001F4BB", "Åsa-Lena Ström"])
def test_real_names_are_accepted_in_details(client, name):
    answers = answers_of(next(s for s in SITUATIONS if s[0] == "bad_fit"))
    response = post(client, {"answers": answers, "details": {"contact_name": name}})
    assert response.status_code == 200
    assert response.get_json()["decline_message"].startswith(f"Hi {name},")


@pytest.mark.parametrize(("raw", "field", "message"), [
    (b'{"answers": {"\\ud800": "x"}}', "answers",
     "a key in answers contains a lone surrogate (U+D800): send text as UTF-8 characters"),
    (b'{"\\udfff": 1, "answers": {}}', None,
     "a key of the body contains a lone surrogate (U+DFFF): send text as UTF-8 characters"),
    (b'{"answers": {}, "details": {"\\ud83d": "Acme"}}', "details",
     "a key in details contains a lone surrogate (U+D83D): send text as UTF-8 characters"),
    (b'{"answers": {}, "x": [{"\\udbff": 1}]}', None,
     "a key of the body contains a lone surrogate (U+DBFF): send text as UTF-8 characters"),
    ('{"answers": {"\ufdd0": "x"}}'.encode(), "answers",
     "a key in answers contains a non-character (U+FDD0): send text as UTF-8 characters"),
    ('{"answers": {}, "details": {"\U0010ffff": "x"}}'.encode(), "details",
     "a key in details contains a non-character (U+10FFFF): send text as UTF-8 characters"),
])
def test_lone_surrogates_and_non_characters_in_keys_are_a_400_naming_them(client, raw, field,
                                                                          message):
    response = client.post("/api/v1/verdict", data=raw, content_type="application/json")
    assert response.status_code == 400
    assert response.get_json() == {"errors": [{"field": field, "code": "bad_characters",
                                               "message": message}]}


@pytest.mark.parametrize(("raw", "errors"), [
    (b'{"answers": {"employment": "\\udc00"}}', [
        ("employment", "invalid_value")]),
    (b'{"answers": {}, "details": {"company_name": "A\\ud800"}}', [
        ("company_name", "control_characters")]),
    (b'{"answers": {}, "details": {"company_name": "A\\ufffe"}}', [
        ("company_name", "unassigned_characters")]),
    (b'{"answers": {}, "extra": "\\ud800"}', [("extra", "unknown_field")]),
])
def test_lone_surrogates_and_non_characters_in_values_are_a_400_for_their_field(
        client, raw, errors):
    response = client.post("/api/v1/verdict", data=raw, content_type="application/json")
    assert response.status_code == 400
    found = [(e["field"], e["code"]) for e in response.get_json()["errors"]]
    assert [e for e in found if e[1] != "missing"] == errors


def test_an_unknown_key_is_shown_escaped_never_raw(client, base_answers):
    response = post(client, {"answers": {**base_answers, "sh\u00f6e\u202e": "42"}})
    assert response.status_code == 400
    assert response.get_json()["errors"] == [{
        "field": "sh\\xf6e\\u202e", "code": "unknown_question",
        "message": "'sh\\xf6e\\u202e' is not a question"}]


@pytest.mark.parametrize("held_offer, status, leverage", [
    (None, 200, False),           # left out, as every client before 2026.12.0 does: "not said"
    ("not_preferred", 200, False),
    ("unsure", 200, False),
    ("preferred", 200, True),     # an offer here would strengthen the hand with that employer
])
def test_whose_offer_it_is_is_optional_and_followed(client, base_answers, held_offer, status,
                                                     leverage):
    answers = {**base_answers, "searching": "active", "other_offers": "offer"}
    if held_offer:
        answers["held_offer"] = held_offer
    response = post(client, {"answers": answers})
    assert response.status_code == status
    assert ("leverage" in {f["id"] for f in response.get_json()["factors"]}) == leverage


def test_whose_offer_it_is_is_not_asked_without_an_offer(client, base_answers):
    response = post(client, {"answers": {**base_answers, "held_offer": "preferred"}})
    assert response.status_code == 400
    assert response.get_json()["errors"] == [{
        "field": "held_offer", "code": "not_asked",
        "message": "held_offer: not asked unless other_offers is offer"}]
