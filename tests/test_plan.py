"""The load-time plan (model.plan) answers exactly what the rules' own functions answer, and the
fast one-step trials (model.onestep) give what a full scoring gives even for rules where a
changeable answer decides which other questions are asked (no such question in rules.toml
today, so the general path is tried on a variant of the rules)."""
from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from app.model import plan as plan_module
from app.model import scoring, stepplan
from app.model.advice import advice_for, select_advice
from app.model.answers import drop_unasked
from app.model.evaluate import evaluate
from app.model.plan import least_cents, plan
from app.model.rules import conditions_hold
from app.model.scoring import band_of, factor_contribution
from app.model.stepplan import moves

from .test_fast_scoring import slow_evaluate
from .test_scoring import RULES, answer_sets

# every question changeable: employment decides whether time_off and unsettle are asked
ALL_CHANGEABLE = dataclasses.replace(RULES, questions={
    q.id: dataclasses.replace(q, changeable=True) for q in RULES.questions.values()})
# the conditional questions fixed: an answer set may leave one out and still be scored
FIXED_CONDITIONAL = dataclasses.replace(RULES, questions={
    q.id: dataclasses.replace(q, changeable=q.changeable and not q.asked_if)
    for q in RULES.questions.values()})



def untabled(rules):
    """A copy of the rules whose plan tables nothing: every factor and wide condition is
    worked out on each look-up (the path of a factor reading too many answers)."""
    saved = scoring.MAX_TABLE, plan_module.MAX_TABLE, stepplan.MAX_TABLE
    scoring.MAX_TABLE = plan_module.MAX_TABLE = stepplan.MAX_TABLE = 0
    try:
        copy = dataclasses.replace(rules)
        moves(plan(copy), copy)
        return copy
    finally:
        scoring.MAX_TABLE, plan_module.MAX_TABLE, stepplan.MAX_TABLE = saved


UNTABLED = untabled(RULES)


def every_condition(rules):
    yield from (d.when for d in rules.dealbreakers)
    yield from (q.asked_if.items() for q in rules.questions.values() if q.asked_if)
    yield from (q.suggest_if for q in rules.questions.values())
    yield from (a.when for a in rules.advice)
    yield from (m.when for m in rules.messages)
    yield from (p.when for m in rules.messages for p in m.paragraphs)


@st.composite
def partial_answer_sets(draw):
    """Valid answers, some of them possibly missing."""
    answers = draw(answer_sets())
    return {k: v for k, v in answers.items() if draw(st.booleans())}


@settings(max_examples=300, deadline=None)
@given(partial_answer_sets())
def test_plan_lookups_are_the_rules_own_answers(answers):
    p = plan(RULES)
    vals = p.answers_tuple(answers)
    assert vals == tuple(answers.get(q) for q in RULES.questions)
    for conditions in every_condition(RULES):
        get, ok = p.condition(conditions)
        assert (get(vals) in ok) == conditions_hold(tuple(conditions), answers)
    for f, (get, floats), cents in zip(RULES.factors, p.factors, p.cents, strict=True):
        c = factor_contribution(f, answers)
        assert floats[get(vals)] == c and cents[get(vals)] == round(c * 100)


def same_result(fast, slow):
    assert dict(fast.answers) == dict(slow.answers)
    assert dataclasses.replace(fast, answers={}) == dataclasses.replace(slow, answers={})


@settings(max_examples=300, deadline=None)
@given(answer_sets())
def test_gated_changes_are_tried_with_their_completions(answers):
    same_result(evaluate(ALL_CHANGEABLE, answers), slow_evaluate(ALL_CHANGEABLE, answers))


@settings(max_examples=200, deadline=None)
@given(answer_sets())
def test_an_unanswered_question_takes_the_general_path(answers):
    """A conditional answer left out (not a valid submission, but evaluate must not differ):
    every change is tried with the ways of answering it."""
    answers.pop("unsettle", None)
    same_result(evaluate(FIXED_CONDITIONAL, answers), slow_evaluate(FIXED_CONDITIONAL, answers))


@settings(max_examples=200, deadline=None)
@given(answer_sets())
def test_factors_too_wide_to_table_give_the_same_result(answers):
    assert all(t.table is None for t in scoring.compiled(UNTABLED).factors)
    same_result(evaluate(UNTABLED, answers), slow_evaluate(UNTABLED, answers))


@given(st.floats(min_value=-1e6, max_value=1e6))
def test_least_cents_is_the_first_total_that_reaches_a_score(score):
    n = least_cents(score)
    assert n / 100 >= score > (n - 1) / 100


@given(st.integers(min_value=-100_000, max_value=100_000))
def test_a_total_in_cents_falls_in_the_band_of_its_score(cents):
    assert plan(RULES).band(cents) == band_of(RULES, round(cents / 100, 2))


@settings(max_examples=300, deadline=None)
@given(answer_sets(), st.sampled_from(RULES.verdict_order),
       st.sets(st.sampled_from([f.id for f in RULES.factors])),
       st.sets(st.sampled_from([d.id for d in RULES.dealbreakers])),
       st.sampled_from(["go", "decline"]))
def test_advice_from_the_plan_is_select_advice(answers, code, factor_ids, dealbreaker_ids,
                                               lean):
    p = plan(RULES)
    lean = lean if code == "toss_up" else None
    assert advice_for(RULES, p, code, p.answers_tuple(answers), factor_ids, dealbreaker_ids,
                      lean) == select_advice(RULES, code, answers, factor_ids, dealbreaker_ids,
                                             lean)


@settings(max_examples=200, deadline=None)
@given(answer_sets(), st.sets(st.sampled_from(
    [q.id for q in RULES.questions.values() if not q.changeable])))
def test_answers_left_out_are_scored_as_a_full_scoring_scores_them(answers, left_out):
    """Questions nobody may change, left unanswered (not a valid submission): the same."""
    answers = drop_unasked(RULES, {k: v for k, v in answers.items() if k not in left_out})
    same_result(evaluate(RULES, answers), slow_evaluate(RULES, answers))
