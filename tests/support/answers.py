"""Answer sets, written once: the base set every other one is a variation of.

Choice values only (what the wizard stores); the questions and their choices live in the rules.
"""
from __future__ import annotations

from app.model.answers import drop_unasked
from app.model.rules_build import load_rules

# A complete, valid answer set: employed and content, a recruiter call about a so-so role.
BASE_ANSWERS = {
    "employment": "employed_happy", "searching": "not_looking", "last_interview": "1_to_3y",
    "pivot": "no", "source": "recruiter", "role_interest": "low", "company": "neutral",
    "fit": "partial", "industry": "same", "stage": "first", "prep_time": "some",
    "time_off": "easy", "unsettle": "no", "other_offers": "none",
}

# A realistic mix (not the first choice everywhere): what the browser tests and the README
# screenshots answer.
MIXED = dict(BASE_ANSWERS, searching="passive", last_interview="over_3y", role_interest="some",
             company="good", time_off="juggling", unsettle="a_little", other_offers="early")

# One result on each side of the verdict.
DECLINE = dict(BASE_ANSWERS, fit="mismatch", company="poor")
GO = dict(BASE_ANSWERS, employment="employed_open", searching="active", role_interest="high",
          company="top", fit="strong", prep_time="plenty")

# The first choice of every question asked (employed_happy: all but held_offer, asked only of
# someone who holds an offer).
FIRST_CHOICES = drop_unasked(load_rules(), {qid: q.values[0]
                                            for qid, q in load_rules().questions.items()})
# The first choice of every question, with an offer held so that every step is asked (a walk
# through every page of the questionnaire).
EVERY_STEP = drop_unasked(load_rules(), {**{qid: q.values[0]
                                            for qid, q in load_rules().questions.items()},
                                         "other_offers": "offer"})

# A close call (toss_up): the base set with only some time and a little unsettled.
CLOSE = dict(BASE_ANSWERS, prep_time="some", unsettle="a_little")
