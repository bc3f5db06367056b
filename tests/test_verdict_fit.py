"""A verdict that fits the person: honest strength, suggestions that change something, and
advice that reads true for the answers given. Properties over every valid answer set
(hypothesis), then tables of the cases the articles and new users raised."""
from __future__ import annotations

import pytest
from hypothesis import given, settings

from app.model.evaluate import evaluate
from app.model.result import Change, side_of
from app.model.rules_build import load_rules
from app.model.serialize import result_to_dict
from app.model.whatif import apply_changes

from .situations import SITUATIONS, answers_of
from .test_scoring import answer_sets

RULES = load_rules()
SITUATION = {s[0]: answers_of(s) for s in SITUATIONS}
LIFE_FACTS = {"employment", "searching", "last_interview", "pivot", "source", "industry", "stage"}


def one_step_variants(answers):
    """Every answer set one notch away on an answer the person could change or be wrong about,
    where the rules find it plausible (never other offers for someone not looking)."""
    for q in RULES.questions.values():
        if not q.changeable or q.id not in answers:
            continue
        if q.suggest_if and not all(answers.get(k) in v for k, v in q.suggest_if):
            continue
        order = q.better or q.steps
        if order:
            i = order.index(answers[q.id])
            values = [order[j] for j in (i - 1, i + 1) if 0 <= j < len(order)]
        else:
            values = [v for v in q.values if v != answers[q.id]]
        for value in values:
            yield q.id, apply_changes(RULES, answers, [Change(q.id, value)])


@settings(max_examples=300, deadline=None)
@given(answer_sets())
def test_clear_cut_means_no_single_step_moves_the_verdict_off_its_side(answers):
    result = evaluate(RULES, answers)
    moved = {qid for qid, variant in one_step_variants(answers)
             if side_of(evaluate(RULES, variant).verdict.code) != side_of(result.verdict.code)}
    if result.verdict.strength == "clear":
        assert not moved
    elif result.verdict.code != "toss_up":
        assert result.verdict.strength == "fairly_clear" and moved
        # it names at most two of those answers, never a fact of the person's own life, and
        # names one whenever a change the person could find out about is listed
        named = set(result.verdict.turns_on)
        assert named <= moved and len(named) <= 2
        assert not any(RULES.questions[q].life_fact for q in named)
        assert bool(named) == bool(result.what_would_change)


@settings(max_examples=300, deadline=None)
@given(answer_sets())
def test_every_listed_change_moves_the_verdict_to_another_side(answers):
    result = evaluate(RULES, answers)
    for suggestion in result.what_would_change:
        assert side_of(suggestion.verdict) != side_of(result.verdict.code)
        assert not {c.question for c in suggestion.changes} & LIFE_FACTS
    body = result_to_dict(RULES, result)
    if not result.what_would_change:  # robustness is information: it is said in one line
        assert body["what_would_change_note"]
    for entry in body["what_would_change"]:
        assert entry["text"].startswith("If ") and entry["text"].endswith(".")


@settings(max_examples=200, deadline=None)
@given(answer_sets())
def test_at_most_three_advice_items_lead_and_every_item_names_its_articles(answers):
    body = result_to_dict(RULES, evaluate(RULES, answers))
    main = [a for a in body["advice"] if a["main"]]
    assert len(main) <= 3 and body["advice"][:len(main)] == main  # the rest folded, not lost
    assert all(a["sources"] for a in body["advice"])


def test_other_offers_are_never_suggested_to_someone_not_looking():
    answers = {**SITUATION["curious_about_field"], "searching": "not_looking"}
    for suggestion in evaluate(RULES, answers).what_would_change:
        assert suggestion.changes[0].question != "other_offers"


@pytest.mark.parametrize("situation, turns_on, note", [
    ("obvious_bad_fit_good_company", ("fit", "company"),
     "It could change on either of two answers: if the role turns out a better fit than it "
     "looks, going is worth it; if the company turns out more appealing than it seems, going is "
     "worth it."),
    ("bad_fit", (), "No single answer that could turn out differently would change it."),
    # prep time moves it too, but only the person knows their time: it is not named
    ("no_time_only_practice", ("role_interest",),
     "It could change on one answer: if the role turns out more interesting than it sounds, it "
     "becomes a close call."),
    ("wants_out_no_view", (),
     "Nothing you could find out would change it; only a change in your own circumstances "
     "would."),
])
def test_strength_says_what_the_verdict_turns_on(situation, turns_on, note):
    result = evaluate(RULES, SITUATION[situation])
    assert result.verdict.turns_on == turns_on
    if note:
        assert result_to_dict(RULES, result)["verdict"]["note"] == note


def test_a_close_call_leans_and_gets_two_quick_questions(base_answers):
    answers = {**base_answers, "role_interest": "some", "company": "neutral", "unsettle": "yes"}
    result = evaluate(RULES, answers)
    body = result_to_dict(RULES, result, {"contact_name": "Priya"})
    assert result.verdict.code == "toss_up" and result.verdict.lean in ("go", "decline")
    lean = "going" if result.verdict.lean == "go" else "declining"
    assert body["verdict"]["note"].startswith(f"It leans towards {lean}.")
    assert [m["kind"] for m in body["messages"]] == ["questions", "decline"]
    questions = body["messages"][0]["text"]
    assert questions.startswith("Hi Priya,\n\n") and "two quick questions" in questions
    assert questions.count("?\n") + questions.endswith("?") >= 1 and "\n1. " in questions
    close_call = next(a for a in body["advice"] if a["id"] == "close_call")
    assert "find out find out" not in close_call["text"] and "below" not in close_call["text"]


@pytest.mark.parametrize("situation, shown, not_shown", [
    # "present yourself as exploratory" is for practice interviews, by people in work
    ("out_of_work_wanted_role", {"show_interest", "keep_momentum"}, {"frame_interest"}),
    ("dream_company", {"frame_interest", "wrong_role_right_company"}, {"show_interest"}),
    # preparation fits the time they have
    ("out_of_work_wanted_role", {"prepare_properly"}, {"prepare_quickly"}),
    ("dream_company", {"prepare_quickly"}, {"prepare_properly"}),
    # "between jobs" is for people out of work, not students
    ("student_first_interview", {"keep_momentum_student", "trial_run"}, {"keep_momentum"}),
    # the articles' missing advice, each where it fits
    ("final_stages_elsewhere", {"use_leverage", "learn_market_value"}, set()),
    ("obvious_bad_fit_good_company", {"ask_what_else", "decline_well"}, {"frame_interest"}),
    ("dream_company_wrong_role", {"wrong_role_right_company"}, {"show_interest"}),
    ("wants_out_struggling_company", {"open_mind", "show_interest"}, {"frame_interest"}),
    ("called_back_unwanted", {"say_not_a_fit"}, {"prepare_quickly", "prepare_properly"}),
])
def test_advice_reads_true_for_the_person(situation, shown, not_shown):
    advice = set(evaluate(RULES, SITUATION[situation]).advice)
    assert shown <= advice and not (not_shown & advice)


def test_the_most_specific_advice_leads():
    advice = evaluate(RULES, SITUATION["final_stages_elsewhere"]).advice
    assert advice[0] == "use_leverage"
    advice = evaluate(RULES, SITUATION["out_of_work"]).advice
    assert advice[0] == "keep_momentum"


def test_factor_labels_read_true_without_other_offers():
    result = evaluate(RULES, {**SITUATION["out_of_work"], "other_offers": "none"})
    backup = next(f for f in result.factors if f.id == "backup")
    assert "falls through" not in backup.label and "another offer" not in backup.label


def test_a_struggling_company_alone_is_a_modest_con_not_a_bad_fit():
    result = evaluate(RULES, SITUATION["wants_out_struggling_company"])
    ids = {f.id: f for f in result.factors}
    assert "bad_fit" not in ids and -1.5 < ids["bleak_company"].contribution < 0
    assert "hidden_upside" not in ids or ids["hidden_upside"].contribution > 0


@pytest.mark.parametrize("offers, never", [
    ("final", "other applications get going"),
    ("none", "the final stages are reached"),  # two stages away: not one step
])
def test_other_offers_move_one_stage_at_a_time_and_are_worded_from_where_they_start(offers,
                                                                                    never):
    answers = {**SITUATION["final_stages_elsewhere"], "other_offers": offers}
    body = result_to_dict(RULES, evaluate(RULES, answers))
    for entry in body["what_would_change"]:
        assert never not in entry["text"]
    assert RULES.questions["other_offers"].find_out_text("final", "early") == (
        "the final stages elsewhere don't work out")
