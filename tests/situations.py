"""Every situation FACTORS.md gives an explicit recommendation for, as a complete answer set
(each a variation of the shared base set, tests/support/answers.py).

Shared by the scoring tests (which check the model reaches the recommendation) and by
scripts/situations.py (which prints the table for the closing note and README).
"""
from __future__ import annotations

from .support.answers import BASE_ANSWERS

GO_SIDE = ("go", "lean_go")
DECLINE_SIDE = ("lean_decline", "decline")
CLOSE_CALL = ("toss_up",)


def _unemployed(**changes):
    base = {k: v for k, v in BASE_ANSWERS.items() if k not in ("time_off", "unsettle")}
    return {**base, "employment": "unemployed", "searching": "active", **changes}


def _employed(**changes):
    return {**BASE_ANSWERS, **changes}


# (id, what FACTORS.md says, answers, expected side, sources)
SITUATIONS = [
    ("out_of_work", "Out of work: any interview is worth it for momentum",
     _unemployed(role_interest="low", source="applied"), GO_SIDE, "003"),
    ("out_of_work_unkeen", "Out of work, even for a role that barely interests you",
     _unemployed(role_interest="low", company="neutral", fit="mismatch", prep_time="some"),
     GO_SIDE, "003"),
    ("career_pivot", "Considering a change of career and the interview is in that field: go",
     _employed(employment="employed_open", pivot="yes", industry="new_interesting",
               role_interest="some", time_off="juggling", unsettle="a_little"), GO_SIDE,
     "001, 003"),
    ("curious_about_field", "Curious about other fields, interview in one of them: go",
     _employed(pivot="curious", industry="new_interesting", role_interest="low"), GO_SIDE,
     "001, 003"),
    ("dream_company", "The company is one you'd love, even if the role is not: go, get known",
     _employed(company="top", role_interest="low", searching="not_looking"), GO_SIDE, "003"),
    ("final_stages_elsewhere", "In final stages with the employer you prefer: leverage, go",
     _employed(employment="employed_unhappy", searching="active", other_offers="final",
               role_interest="low", time_off="juggling", unsettle=None), GO_SIDE, "003"),
    ("no_time_only_practice", "No time to prepare and nothing but practice to gain: pass",
     _employed(prep_time="none", role_interest="low", company="neutral"), DECLINE_SIDE, "000"),
    ("bad_fit", "Obviously a bad fit: decline",
     _employed(fit="mismatch", role_interest="none"), DECLINE_SIDE, "000, 004"),
    ("dud_bleak_company", "A dud at a company with a bleak future: decline",
     _employed(fit="mismatch", company="poor", role_interest="low"), DECLINE_SIDE, "000, 004"),
    ("content_unsettled", "Content in your job and it would only unsettle you: best not to go",
     _employed(unsettle="yes", role_interest="low"), DECLINE_SIDE, "000"),
    ("called_back_unwanted", "Called back again and again for a role you don't want: say no",
     _employed(stage="later", role_interest="none", fit="strong", company="good"),
     DECLINE_SIDE, "002"),
    # issue 8: cases a new user met that did not fit them
    ("wants_out_struggling_company", "Wants out, applied to an interesting, well-fitting role at "
     "a struggling company: not a dud, worth finding out",
     _employed(employment="employed_unhappy", searching="active", source="applied",
               role_interest="some", fit="strong", company="poor", unsettle=None), GO_SIDE,
     "000, 004"),
    ("wants_out_no_view", "The same, with no strong view of the company: go",
     _employed(employment="employed_unhappy", searching="active", source="applied",
               role_interest="some", fit="strong", company="neutral", unsettle=None), GO_SIDE,
     "000, 004"),
    ("obvious_bad_fit_good_company", "Happy in work, a recruiter's call, an obvious bad fit that "
     "doesn't draw you, a good company: free to decline",
     _employed(fit="mismatch", role_interest="low", company="good"), DECLINE_SIDE, "000"),
    ("obvious_bad_fit_neutral_company", "The same at a company you have no view of: decline side",
     _employed(fit="mismatch", role_interest="low", company="neutral"), DECLINE_SIDE, "000"),
    ("uninterested_strong_fit", "Happy, no interest at all though the role fits: bow out",
     _employed(role_interest="none", fit="strong", company="good"), DECLINE_SIDE, "003"),
    ("out_of_work_wanted_role", "Out of work, applied for a role you want",
     _unemployed(source="applied", role_interest="high", fit="strong", prep_time="plenty"),
     GO_SIDE, "003, 004"),
    ("student_first_interview", "A student, never interviewed, a recruiter's call",
     _unemployed(employment="student", last_interview="never", role_interest="some"),
     GO_SIDE, "003"),
    ("dream_company_wrong_role", "A company you'd love, a role that is a bad fit: go, say so and "
     "ask about a role that fits", _employed(company="top", fit="mismatch", role_interest="low"),
     GO_SIDE, "003, 004"),
    ("pivot_no_time", "Changing career into this field, no time to prepare: it is more than "
     "practice, so the no-preparation rule does not settle it",
     _employed(employment="employed_unhappy", searching="active", pivot="yes",
               industry="new_interesting", role_interest="low", company="good", prep_time="none",
               other_offers="early", unsettle=None), GO_SIDE, "001, 003"),
    ("pivot_mismatch_leverage", "Changing career, a mismatch on paper, final stages with a "
     "preferred employer: not an obvious bad fit to decline",
     _employed(employment="employed_open", pivot="yes", industry="new_interesting",
               fit="mismatch", role_interest="low", searching="active", other_offers="final"),
     GO_SIDE, "001, 003"),
    # issue 18: words that fit the person, and the counter-examples
    ("issue18_bad_fit_final_stages", "Wants out, an obvious bad fit that doesn't draw you, final "
     "stages elsewhere: leverage needs a plausible offer, so it stays a polite no",
     _employed(employment="employed_unhappy", searching="active", fit="mismatch",
               role_interest="low", prep_time="plenty", other_offers="final", unsettle=None),
     DECLINE_SIDE, "000, 003"),
    ("offer_preferred_bad_fit", "Holding an offer from the employer you prefer, an obvious bad "
     "fit here: no plausible offer to use as leverage",
     _employed(employment="employed_unhappy", searching="active", fit="mismatch",
               role_interest="low", other_offers="offer", held_offer="preferred", unsettle=None),
     DECLINE_SIDE, "000, 003"),
    ("offer_preferred_leverage", "Holding an offer from the employer you prefer, a plausible "
     "role here: an offer here strengthens your hand",
     _employed(employment="employed_open", searching="active", role_interest="low",
               prep_time="plenty", other_offers="offer", held_offer="preferred"),
     GO_SIDE, "003"),
    ("offer_not_preferred", "Holding an offer you'd rather improve on, a role that could "
     "interest you: a chance at something better, and offers fall through",
     _employed(employment="employed_unhappy", searching="active", role_interest="some",
               fit="strong", other_offers="offer", held_offer="not_preferred", unsettle=None),
     GO_SIDE, "002, 004"),
    ("offer_not_said", "The same, without saying whose offer it is (an answer set from before "
     "the question was asked)",
     _employed(employment="employed_unhappy", searching="active", role_interest="some",
               fit="strong", other_offers="offer", unsettle=None), GO_SIDE, "002, 004"),
    ("applicant_later_rounds", "Applied, open to better, called to a later round of a role "
     "that could interest you: go, and prepare for the next round",
     _employed(employment="employed_open", searching="passive", source="applied", stage="later",
               role_interest="some", fit="strong", prep_time="plenty"), GO_SIDE, "002, 003"),
    ("new_field_unplanned", "Not planning a change, but the role is in a field that interests "
     "you: people fall into fields they never thought about",
     _employed(industry="new_interesting", role_interest="some"), GO_SIDE, "001"),
    ("happy_recruiter_call", "Happy in work, a recruiter's call about a role that could "
     "interest you at a good company: go with an open mind",
     _employed(role_interest="some", company="good"), GO_SIDE, "000, 001, 004"),
    ("out_of_work_recruiter", "Out of work, a recruiter's call about a role that barely "
     "interests you: momentum", _unemployed(role_interest="low"), GO_SIDE, "003"),
    ("close_call_leaning_decline", "Happy in work, unsure about the role, going would unsettle "
     "you and getting away is hard: a close call leaning towards declining",
     _employed(role_interest="some", unsettle="yes", time_off="very_hard"), CLOSE_CALL,
     "000, 003"),
]


def answers_of(situation) -> dict:
    return {k: v for k, v in situation[2].items() if v is not None}
