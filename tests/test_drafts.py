"""One test per drafted message, read as the person who would send it: the whole text, for a
named person whose answers make every line true (issue 18: a reason only if it is theirs, an
offer line for someone holding one, a greeting with a name or a placeholder)."""
from __future__ import annotations

import pytest

from app.model.evaluate import evaluate
from app.model.serialize import result_to_dict

from .situations import SITUATIONS, answers_of

SITUATION = {s[0]: answers_of(s) for s in SITUATIONS}
DETAILS = {"company_name": "Northwind Bank", "role_title": "Data Analyst", "contact_name": "Sam"}

DRAFTS = [
    # happy in work, a recruiter's call, an obvious bad fit that doesn't draw them
    ('decline_recruiter', 'obvious_bad_fit_good_company', {},
     [
         'Hi Sam,',
         "Thank you for thinking of me for the Data Analyst role at Northwind Bank. I'll "
         'pass on this one.',
         "I'm happy where I am at the moment. It isn't the right fit for me.",
         'Please do keep me in mind for future roles that match my experience more '
         'closely.',
         'Best wishes,\n[Your name]',
     ]),
    # the same person, referred by someone they know
    ('decline_referral', 'obvious_bad_fit_good_company', {'source': 'referral'},
     [
         'Hi Sam,',
         'Thank you for inviting me to interview for the Data Analyst role at Northwind '
         'Bank, and for considering me on a recommendation.',
         "After some thought, I've decided not to go ahead with it.",
         "I'm happy in my current role and not looking to move just now. The role isn't "
         'the right fit for me.',
         "I'd be glad to stay in touch if something closer to my experience comes up.",
         'I wish you every success in finding the right person.',
         'Best wishes,\n[Your name]',
     ]),
    # the same person, thanking the referrer whose name we don't have
    ('thank_referrer', 'obvious_bad_fit_good_company', {'source': 'referral'},
     [
         'Hi [name],',
         'Thank you so much for putting my name forward for the Data Analyst role at '
         "Northwind Bank. I've decided not to go ahead this time, but I really appreciate "
         'you thinking of me.',
         "I'll let them know myself, so you won't be left in the middle.",
         'Best wishes,\n[Your name]',
     ]),
    # applied, wants out, holds an offer from the employer they prefer, a bad fit here
    ('withdraw_application', 'offer_preferred_bad_fit', {'source': 'applied'},
     [
         'Hi Sam,',
         'Thank you for inviting me to interview for the Data Analyst role at Northwind '
         'Bank.',
         "After some thought, I'd like to withdraw my application. I'm letting you know "
         'now so the interview slot can go to someone else.',
         "I've received an offer for another position. Having learned more about the role,"
         " I don't think it's the right fit for me.",
         "I'd be glad to stay in touch for future openings.",
         'Thank you for considering me, and I wish you every success with the search.',
         'Best wishes,\n[Your name]',
     ]),
    # called back for a later round of a role they know they don't want
    ('step_out_after_rounds', 'called_back_unwanted', {},
     [
         'Hi Sam,',
         'Thank you for your time over the last few rounds, and for the chance to learn '
         'about the Data Analyst role at Northwind Bank.',
         "Having thought it over carefully, I don't think the role is the right fit for "
         'me.',
         "I'd like to step out of the process now rather than take up more of your time.",
         "I've enjoyed meeting the team, and I'd be glad to stay in touch.",
         'I wish you every success in finding the right person.',
         'Best wishes,\n[Your name]',
     ]),
    # happy, not looking, a so-so role that came some other way, no time to prepare
    ('decline_invitation', 'no_time_only_practice', {'source': 'other'},
     [
         'Hi Sam,',
         'Thank you for inviting me to interview for the Data Analyst role at Northwind '
         'Bank.',
         "After some thought, I've decided not to go ahead with it.",
         "I'm happy in my current role and not looking to move just now. It isn't the "
         "right fit for me. I couldn't give it the preparation it deserves.",
         "I'd be glad to stay in touch.",
         'I wish you every success in finding the right person.',
         'Best wishes,\n[Your name]',
     ]),
    # a close call leaning decline: the questions to ask before going
    ('two_questions', 'close_call_leaning_decline', {},
     [
         'Hi Sam,',
         'Thank you for the invitation to interview for the Data Analyst role at Northwind'
         ' Bank. Before I confirm, could I ask two quick questions?',
         '1. Which skills and experience matter most for this role, and what would the '
         'person in it be working towards?\n2. Could you tell me a little more about what '
         'the role involves day to day, and what the first few months would look like?',
         "Thank you: that will help me make sure it's a good use of both our time.",
         'Best wishes,\n[Your name]',
     ]),
    # out of work, a recruiter's call: accepting, free to fit around them
    ('accept', 'out_of_work_recruiter', {},
     [
         'Hi Sam,',
         'Thank you for getting in touch about the Data Analyst role at Northwind Bank. '
         "I'd be glad to come and talk.",
         "I could do [day] at [time] or [day] at [time]; if neither suits, I'm happy to "
         'fit around you.',
         'I look forward to hearing from you.',
         'Best wishes,\n[Your name]',
     ]),
]


@pytest.mark.parametrize("message_id, situation, changes, text", DRAFTS,
                         ids=[d[0] for d in DRAFTS])
def test_each_draft_reads_true_for_its_person(rules, message_id, situation, changes, text):
    body = result_to_dict(rules, evaluate(rules, {**SITUATION[situation], **changes}), DETAILS)
    drafted = {m["id"]: m for m in body["messages"]}
    assert drafted[message_id]["text"] == "\n\n".join(text)  # the paragraphs, in order


def test_a_close_call_drafts_both_ways_forward(rules):
    body = result_to_dict(rules, evaluate(rules, SITUATION["close_call_leaning_decline"]), {})
    assert [(m["id"], m["side"]) for m in body["messages"]] == [
        ("two_questions", "go"), ("decline_recruiter", "decline")]
    assert body["verdict"]["lean"] == "decline" and body["advice"][0]["id"] == "close_call"


def test_the_offer_line_may_be_left_out(rules):
    body = result_to_dict(rules, evaluate(rules, SITUATION["offer_preferred_bad_fit"]), {})
    decline = next(m for m in body["messages"] if m["kind"] == "decline")
    assert "I've received an offer for another position." in decline["text"]
    assert "reason" in decline["optional"]
