"""Check answers on a phone (390x844), light and dark, with and without JavaScript (issue 20): a
summary again, one row per answer with its Change link and the details as one group, so the
whole page and its "Get my verdict" button fit in two screens; every Change link a 44 px target,
axe at 0; the details typed on their own step reach the result through the final POST.

The longest path: every step asked (an offer held), every detail given."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from app.model.rules_build import load_rules

from ..support.answers import EVERY_STEP, MIXED
from ..support.browser import PHONE, PHONE_CONTEXT, run_axe
from ..support.walk import page_answer_steps, press_continue

LONGEST = {**MIXED, "other_offers": "offer", "held_offer": EVERY_STEP["held_offer"]}
DETAILS = {"company_name": "Brightside Energy", "role_title": "Operations Lead",
           "contact_name": "Priya", "your_name": "Sam"}
SCREEN = PHONE["height"]

# the height and width of every control a thumb presses on the page, Change links included
TARGETS_JS = """() => [...document.querySelectorAll(
    'main button, main .button, main .summary-actions a, main .summary-group-change, .back-link')]
  .filter(e => e.offsetParent !== null)
  .map(e => { const r = e.getBoundingClientRect();
              return [e.textContent.trim().slice(0, 60), Math.round(r.width),
                      Math.round(r.height)]; })"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("script", [True, False], ids=["js", "no-js"])
def test_check_answers_is_a_summary_within_two_phone_screens(new_context, base_url, scheme,
                                                             script):
    rules = load_rules()
    page = new_context(**PHONE_CONTEXT, color_scheme=scheme,
                       java_script_enabled=script).new_page()
    page.goto(f"{base_url}/q/")
    page_answer_steps(page, LONGEST, stop_at="/q/details")
    for name, value in DETAILS.items():
        page.fill(f'input[name="{name}"]', value)
    press_continue(page)
    assert page.url.endswith("/q/check")

    # every answer on a row of its own: short label, answer, a Change link naming the question
    asked = [q for q in rules.questions.values() if q.id in LONGEST]
    assert len(asked) == len(rules.questions) == page.locator(".summary-row[id]").count()
    for q in asked:
        row = page.locator(f"#answer-{q.id}")
        expect(row.locator(".summary-key")).to_have_text(q.summary_label)
        expect(row.locator(".summary-value")).to_have_text(q.label_of(LONGEST[q.id]))
        expect(row.get_by_role("link")).to_have_accessible_name(
            f"Change your answer to “{q.prompt}”")
    # the details: one group, every one shown, one Change link to their step
    details = page.locator(".summary-list-details .summary-value")
    expect(details).to_have_text(list(DETAILS.values()))
    change = page.get_by_role("link", name="Change the details")
    expect(change).to_have_count(1)
    assert change.get_attribute("href") == "/q/details"

    # two screens at most, "Get my verdict" within them
    page.evaluate("window.scrollTo(0, 0)")
    height = page.evaluate("document.documentElement.scrollHeight")
    button = page.get_by_role("button", name="Get my verdict")
    bottom = button.evaluate("e => e.getBoundingClientRect().bottom + scrollY")
    print(f"\ncheck answers ({scheme}, {'js' if script else 'no-js'}): {height} px tall "
          f"({height / SCREEN:.2f} screens), 'Get my verdict' bottom at y={bottom:.0f}")
    assert height <= 2 * SCREEN and bottom <= 2 * SCREEN, (height, bottom)

    targets = page.evaluate(TARGETS_JS)
    assert len(targets) == len(asked) + 3  # the Change links, the details' one, Back, the button
    assert [t for t in targets if t[1] < 44 or t[2] < 44] == []
    if script:  # axe runs in the page: its scripted twin stands for the no-script page
        assert run_axe(page) == []

    # the details, carried in hidden fields, reach the result through the final POST
    button.click()
    page.wait_for_url(f"{base_url}/r/*")
    expect(page.get_by_text("Brightside Energy").first).to_be_visible()
    assert "Best wishes,\nSam" in page.locator("textarea").first.input_value()
