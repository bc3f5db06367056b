"""The questionnaire in a real browser: clicking labels at phone and desktop widths, Back and
refresh, announced errors, conditional questions, keyboard alone, and JavaScript switched off.

Answers are chosen by their visible label text (from the rules), inside the question's own
fieldset, the way a person finds them. No sleeps: every wait is on a URL or an element.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from app.model.rules_build import load_rules

from ..support.answers import MIXED as ANSWERS
from ..support.browser import PHONE_CONTEXT
from ..support.walk import asked_on_page, leave_page, page_answer_steps

RULES = load_rules()


def label(qid: str, value: str | None = None) -> str:
    question = RULES.questions[qid]
    return question.label_of(value or ANSWERS[qid])


def fieldset(page, qid):
    return page.locator("fieldset", has=page.locator(f"input[name='{qid}']"))


def option(page, qid, value=None):
    """The radio for an answer, found by its label inside the question's fieldset."""
    return fieldset(page, qid).get_by_label(label(qid, value), exact=True)


def choose(page, qid, value=None):
    """Click the answer's label (not the radio itself), as a person would."""
    exact = re.compile(f"^{re.escape(label(qid, value))}$")
    fieldset(page, qid).locator("label").filter(has_text=exact).click()


def continue_to(page, url_pattern):
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(url_pattern)


def answer_steps(page, answers, stop_at="/q/check"):
    """Answer every step on the path, clicking labels, until the check page (or `stop_at`)."""
    page_answer_steps(page, answers, stop_at, choose=choose)


def start(page, base_url):
    page.goto(base_url + "/")
    page.get_by_role("button", name="Start now").click()
    page.wait_for_url("**/q/you")


def test_complete_the_questionnaire_on_a_phone(phone_page, base_url):
    complete_by_clicking_labels(phone_page, base_url)


def test_complete_the_questionnaire_on_a_desktop(page, base_url):
    complete_by_clicking_labels(page, base_url)


def complete_by_clicking_labels(page, base_url):
    start(page, base_url)
    heights = page.locator(".radio-label, .step-form button:not([hidden])").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().height)")
    assert min(heights) >= 44, heights                   # tap targets: 44px rows at least
    expect(page).to_have_title("You and your work – Step 1 of 5 – Interview Verdict")
    expect(page.locator("#step-progress")).to_have_text("Step 1 of 5")
    answer_steps(page, ANSWERS, stop_at="/q/details")
    page.get_by_label("Company name").fill("Acme <b>Corp</b>")
    continue_to(page, "**/q/check")
    expect(page).to_have_title("Check your answers – Interview Verdict")
    for qid in ANSWERS:
        expect(page.locator(f"#answer-{qid} .summary-value")).to_have_text(label(qid))
    page.get_by_role("button", name="Get my verdict").click()
    page.wait_for_url(re.compile(r".*/r/[A-Za-z0-9_-]+$"))
    expect(page.locator("h1").first).to_be_visible()


def test_back_link_browser_back_and_refresh_keep_every_answer(page, base_url):
    start(page, base_url)
    answer_steps(page, ANSWERS, stop_at="/q/time")
    page.go_back()
    page.wait_for_url("**/q/role")
    for qid in ("role_interest", "fit", "industry"):
        expect(option(page, qid)).to_be_checked()
    page.reload()
    expect(option(page, "fit")).to_be_checked()
    page.get_by_role("link", name="Back").click()
    page.wait_for_url("**/q/opportunity")
    for qid in ("source", "company", "stage"):
        expect(option(page, qid)).to_be_checked()
    page.get_by_role("link", name="Back").click()
    page.wait_for_url("**/q/you")
    for qid in ("employment", "searching", "last_interview", "pivot"):
        expect(option(page, qid)).to_be_checked()


@pytest.mark.parametrize("control", ["link"])  # one way back per step: the link at the top
def test_back_keeps_what_was_chosen_on_the_page(page, base_url, control):
    start(page, base_url)
    answer_steps(page, ANSWERS, stop_at="/q/opportunity")
    choose(page, "source", "referral")                 # the rest of the page left unanswered
    page.get_by_role(control, name="Back", exact=True).click()
    page.wait_for_url("**/q/you")
    continue_to(page, "**/q/opportunity")
    expect(option(page, "source", "referral")).to_be_checked()
    expect(page.locator(".error-summary")).to_have_count(0)


def test_errors_are_announced_focused_and_linked(page, base_url):
    start(page, base_url)
    choose(page, "searching")
    page.get_by_role("button", name="Continue").click()
    summary = page.get_by_role("alert")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Error: You and your work – Step 1 of 5"))
    expect(summary.get_by_role("link")).to_have_count(3)
    expect(option(page, "searching")).to_be_checked()
    expect(fieldset(page, "employment").locator(".error-message")).to_contain_text(
        "Select which best describes your work right now")
    summary.get_by_role("link", name=re.compile("describes your work")).click()
    expect(page.locator("#employment")).to_be_focused()


@pytest.mark.parametrize("employment, shown", [
    ("unemployed", []), ("employed_happy", ["time_off", "unsettle"]),
    ("employed_unhappy", ["time_off"]),
])
def test_conditional_questions_come_and_go(page, base_url, employment, shown):
    start(page, base_url)
    answer_steps(page, {**ANSWERS, "employment": employment}, stop_at="/q/time")
    assert asked_on_page(page) == ["prep_time", *shown]


def test_changing_employment_on_check_drops_the_conditional_answers(page, base_url):
    start(page, base_url)
    answer_steps(page, ANSWERS)
    expect(page.locator("#answer-time_off")).to_be_visible()
    page.locator("#answer-employment").get_by_role("link", name=re.compile("^Change")).click()
    page.wait_for_url("**/q/you?focus=employment&return=check#employment")
    expect(page.locator("input[name=employment]:checked")).to_be_focused()  # the question itself
    choose(page, "employment", "unemployed")
    continue_to(page, "**/q/check")
    expect(page.locator("#answer-employment .summary-value")).to_have_text(
        label("employment", "unemployed"))
    expect(page.locator("#answer-time_off")).to_have_count(0)
    expect(page.locator("#answer-unsettle")).to_have_count(0)
    # and back again: the newly asked questions are asked before returning to check
    page.locator("#answer-employment").get_by_role("link", name=re.compile("^Change")).click()
    choose(page, "employment", "employed_happy")
    continue_to(page, "**/q/time?return=check")
    expect(page.get_by_role("note")).to_contain_text("Your change brings new questions")
    expect(page.locator("#time_off")).not_to_be_checked()
    choose(page, "time_off")
    choose(page, "unsettle")
    continue_to(page, "**/q/check")
    expect(page.locator("#answer-unsettle .summary-value")).to_have_text(label("unsettle"))


class CountingKeyboard:
    """The page's keyboard, counting key presses: the effort a keyboard-only person makes."""

    def __init__(self, page):
        self.page, self.presses = page, 0

    def press(self, key):
        self.presses += 1
        self.page.keyboard.press(key)

    def type(self, text):
        self.presses += len(text)
        self.page.keyboard.type(text)


def keyboard_flow(page, base_url) -> int:
    """Landing page to result by keyboard alone; returns how many keys were pressed."""
    keys = CountingKeyboard(page)
    page.goto(base_url + "/")

    def tab_until(predicate, limit=60):
        for _ in range(limit):
            keys.press("Tab")
            if page.evaluate(f"({predicate})(document.activeElement)"):
                return
        raise AssertionError(f"Tab never reached {predicate}")

    tab_until("el => el.textContent.trim() === 'Start now'")
    keys.press("Enter")
    page.wait_for_url("**/q/you")

    def choose_by_keys(page, qid, value):
        tab_until(f"el => el.name === '{qid}'")
        keys.press("Space")                               # checks the first answer
        for _ in range(RULES.questions[qid].values.index(value)):
            keys.press("ArrowDown")                       # moves and checks the next
        expect(option(page, qid, value)).to_be_checked()

    def continue_by_keys(page):
        tab_until("el => el.textContent.trim() === 'Continue'")
        leave_page(page, lambda: keys.press("Enter"))

    page_answer_steps(page, ANSWERS, stop_at="/q/details", choose=choose_by_keys,
                      submit=continue_by_keys)
    tab_until("el => el.id === 'role_title'")
    keys.type("Platform engineer")
    continue_by_keys(page)
    tab_until("el => el.textContent.trim() === 'Get my verdict'")
    keys.press("Enter")
    page.wait_for_url(re.compile(r".*/r/[A-Za-z0-9_-]+$"))
    expect(page.locator("#verdict-headline")).to_be_visible()
    return keys.presses


def test_the_whole_flow_by_keyboard_alone(page, base_url):
    keyboard_flow(page, base_url)


def test_on_a_phone_without_javascript_or_mouse_the_flow_takes_few_key_presses(new_context,
                                                                                  base_url):
    """The 'done when' of the questionnaire: phone width, no JavaScript, keyboard only.
    About 14 answers, 4 Continue and a typed role title: a few minutes' work for a person."""
    page = new_context(**PHONE_CONTEXT, java_script_enabled=False).new_page()
    presses = keyboard_flow(page, base_url)
    print(f"key presses from landing page to verdict: {presses}")
    assert presses <= 120, presses


def test_everything_works_with_javascript_disabled(new_context, base_url):
    page = new_context(java_script_enabled=False).new_page()
    start(page, base_url)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_be_focused()          # autofocus, no script needed
    answer_steps(page, ANSWERS, stop_at="/q/time")
    page.get_by_role("link", name="Back", exact=True).click()  # a plain link without script
    page.wait_for_url("**/q/role")
    expect(option(page, "fit", ANSWERS["fit"])).to_be_checked()
    continue_to(page, "**/q/time")
    answer_steps(page, ANSWERS, stop_at="/q/details")
    page.get_by_label("Role title").fill("x" * 81)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_contain_text("80 characters or fewer")
    expect(page.get_by_label("Role title")).to_have_value("x" * 81)
    page.get_by_label("Role title").fill("Engineer")
    continue_to(page, "**/q/check")
    page.get_by_role("button", name="Get my verdict").click()
    page.wait_for_url(re.compile(r".*/r/[A-Za-z0-9_-]+$"))
    expect(page.locator("h1").first).to_be_visible()


def test_back_forward_and_refresh_after_errors_never_resubmit(page, base_url):
    """Every POST redirects, errors included: the history holds only GETs, so Back, Forward
    and refresh show pages (with the errors and what was typed), never "Confirm Form
    Resubmission" (Chromium's ERR_CACHE_MISS page)."""
    start(page, base_url)
    choose(page, "searching")
    continue_to(page, "**/q/you")
    expect(page.get_by_role("alert")).to_contain_text("describes your work")
    page.reload()
    expect(page.get_by_role("alert")).to_contain_text("describes your work")
    expect(option(page, "searching")).to_be_checked()
    answer_steps(page, ANSWERS, stop_at="/q/details")
    page.get_by_label("Company name").fill("Acme <b>Corp</b>")
    page.get_by_label("Role title").fill("y" * 90)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_contain_text("80 characters or fewer")
    for move in (page.go_back, page.go_forward, page.reload):
        response = move()
        assert response is not None and response.request.method == "GET", move
        expect(page).to_have_title(re.compile("A few details \\(optional\\) – Interview Verdict$"))
        expect(page.get_by_label("Company name")).to_have_value("Acme <b>Corp</b>")
        expect(page.get_by_label("Role title")).to_have_value("y" * 90)
    page.get_by_label("Role title").fill("Engineer")
    continue_to(page, "**/q/check")
    page.get_by_role("button", name="Get my verdict").click()
    page.wait_for_url(re.compile(r".*/r/[A-Za-z0-9_-]+$"))
    page.go_back()
    expect(page).to_have_title("Check your answers – Interview Verdict")
    expect(page.get_by_role("note")).to_contain_text("These answers just gave your verdict")
