"""The verdict model, tested directly: the articles' situations as a table, then properties
that must hold for every valid answer set (hypothesis)."""
from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.model.answers import asked_questions, validate_answers
from app.model.evaluate import evaluate
from app.model.result import Change
from app.model.rules_build import load_rules
from app.model.scoring import verdict_code
from app.model.whatif import apply_changes

from .situations import SITUATIONS, answers_of

RULES = load_rules()
CODES = RULES.verdict_order  # best first
# every question the rules give an order (fit included): a better answer never lowers the verdict
MONOTONE = tuple(q.id for q in RULES.questions.values() if q.better)


@st.composite
def answer_sets(draw):
    """A complete, valid answer set: each asked question answered, unasked ones absent."""
    answers: dict[str, str] = {}
    for q in RULES.questions.values():
        if q.is_asked(answers):
            answers[q.id] = draw(st.sampled_from(q.values))
    return answers


def rank(code: str) -> int:
    """Higher is closer to 'go'."""
    return len(CODES) - CODES.index(code)


@pytest.mark.parametrize("situation", SITUATIONS, ids=[s[0] for s in SITUATIONS])
def test_each_situation_in_the_articles_gets_its_recommendation(situation):
    _, why, _, expected_side, _ = situation
    answers = answers_of(situation)
    assert validate_answers(RULES, answers)[1] == [], "the case itself must be a valid answer set"
    result = evaluate(RULES, answers)
    assert result.verdict.code in expected_side, \
        f"{why}: got {result.verdict.code} ({result.score})"


@pytest.mark.parametrize("situation, dealbreaker", [
    ("dud_bleak_company", "dud_at_bleak_company"),
    ("called_back_unwanted", "called_back_unwanted"),
    ("no_time_only_practice", "no_prep_only_practice"),
    ("content_unsettled", "content_would_unsettle"),
])
def test_dealbreakers_fire_and_say_why(situation, dealbreaker):
    answers = answers_of(next(s for s in SITUATIONS if s[0] == situation))
    result = evaluate(RULES, answers)
    fired = {d.id: d for d in result.dealbreakers}
    assert dealbreaker in fired and fired[dealbreaker].reason
    assert rank(result.verdict.code) <= rank(fired[dealbreaker].cap)
    assert result.verdict.strength == "clear" or result.verdict.code in ("decline", "lean_decline")


def test_a_dealbreaker_overrides_a_good_score(base_answers):
    # a friend referred them to a top company but they keep being called back for a role they
    # know they don't want: the score alone would say go
    answers = {**base_answers, "company": "top", "source": "referral", "role_interest": "none",
               "stage": "later", "prep_time": "plenty", "searching": "active",
               "other_offers": "final"}
    result = evaluate(RULES, answers)
    assert result.score > 0
    assert result.verdict.code == "decline"
    assert [d.id for d in result.dealbreakers] == ["called_back_unwanted"]


def test_a_close_call_is_said_plainly(base_answers):
    result = evaluate(RULES, {**base_answers, "prep_time": "some", "role_interest": "low",
                              "company": "neutral", "unsettle": "a_little"})
    assert result.verdict.code == "toss_up"
    assert result.verdict.strength == "close_call"
    assert result.verdict.label == "A close call" and result.verdict.lean in ("go", "decline")
    assert "close_call" in result.advice


def test_decline_side_gets_decline_advice_and_go_side_gets_preparation():
    declined = evaluate(RULES, answers_of(SITUATIONS[8]))  # dud at a bleak company
    assert {"decline_well", "keep_the_bridge"} <= set(declined.advice)
    assert "prepare_properly" not in declined.advice
    going = evaluate(RULES, answers_of(SITUATIONS[4]))  # dream company
    assert {"prepare_quickly", "questions_to_ask", "frame_interest"} <= set(going.advice)
    assert "prepare_properly" not in going.advice  # they said they have only some time
    assert "decline_well" not in going.advice


def test_the_result_is_frozen(base_answers):
    result = evaluate(RULES, base_answers)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.score = 99


def test_what_would_change_never_touches_facts_of_a_life(base_answers):
    for situation in SITUATIONS:
        for suggestion in evaluate(RULES, answers_of(situation)).what_would_change:
            for change in suggestion.changes:
                assert RULES.questions[change.question].changeable, change


@settings(max_examples=300, deadline=None)
@given(answer_sets())
def test_every_answer_set_gets_one_of_the_five_verdicts_deterministically(answers):
    first, second = evaluate(RULES, answers), evaluate(RULES, dict(answers))
    assert first == second
    assert first.verdict.code in ("go", "lean_go", "toss_up", "lean_decline", "decline")
    assert first.verdict.strength in ("clear", "fairly_clear", "close_call")


@settings(max_examples=300, deadline=None)
@given(answer_sets())
def test_contributions_add_up_to_the_score(answers):
    result = evaluate(RULES, answers)
    assert round(sum(f.contribution for f in result.factors), 2) == result.score
    for f in result.factors:
        assert (f.contribution > 0) == (f.side == "pro")


@settings(max_examples=300, deadline=None)
@given(answer_sets(), st.sampled_from(MONOTONE), st.data())
def test_a_better_answer_never_lowers_the_verdict(answers, qid, data):
    question = RULES.questions[qid]
    if qid not in answers:
        return
    order = question.better
    position = order.index(answers[qid])
    if position == len(order) - 1:
        return
    better = data.draw(st.sampled_from(order[position + 1:]))
    before = verdict_code(RULES, answers)
    after = verdict_code(RULES, {**answers, qid: better})
    assert rank(after) >= rank(before), f"{qid}: {answers[qid]} -> {better}: {before} -> {after}"


# every question changeable: a change of employment drops or asks time_off and unsettle, so each
# suggestion of it carries the answers it makes newly asked (rules.toml has no such question)
ALL_CHANGEABLE = dataclasses.replace(RULES, questions={
    q.id: dataclasses.replace(q, changeable=True) for q in RULES.questions.values()})


@pytest.mark.parametrize("rules", [RULES, ALL_CHANGEABLE], ids=["rules", "all_changeable"])
@settings(max_examples=200, deadline=None)
@given(answers=answer_sets())
def test_every_what_would_change_entry_gives_exactly_the_verdict_it_claims(rules, answers):
    result = evaluate(rules, answers)
    assert len(result.what_would_change) <= 5
    # completions (answers to a question a change made applicable) don't count as changes
    sizes = [sum(c.question in answers for c in s.changes) for s in result.what_would_change]
    assert sizes == sorted(sizes), "single changes come before pairs"
    for suggestion in result.what_would_change:
        changed = apply_changes(rules, answers, suggestion.changes)
        assert validate_answers(rules, changed)[1] == [], "a suggestion is a complete answer set"
        assert {q.id for q in asked_questions(rules, changed)} == set(changed)
        assert suggestion.verdict != result.verdict.code
        assert evaluate(rules, changed).verdict.code == suggestion.verdict
        assert rules.questions[suggestion.changes[0].question].changeable


@settings(max_examples=300, deadline=None)
@given(answer_sets(), answer_sets())
def test_the_fast_rescorer_agrees_with_a_full_scoring(answers, other):
    """'What would change' rescoring only the factors a change touches gives the same verdict."""
    from app.model.scoring import Rescorer

    rescorer = Rescorer(RULES, answers)
    for qid in other:
        variant = apply_changes(RULES, answers, [Change(qid, other[qid])])
        assert rescorer.verdict(variant) == verdict_code(RULES, variant)
    assert rescorer.verdict(other) == verdict_code(RULES, other)
