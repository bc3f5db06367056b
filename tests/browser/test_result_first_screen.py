"""The result answers first, on a phone (390x844): the verdict, the one sentence of why and the
top of the one next step are on the first screen for a go, a decline and a close call; at most
450 words show before anything is unfolded. A friend's view in a fresh browser; Back after the
verdict; axe on every new state. Figures are printed for the closing note (pytest -s)."""
from __future__ import annotations

import pytest

from ..support.answers import BASE_ANSWERS, DECLINE, GO
from ..support.browser import PHONE, PHONE_CONTEXT, VISIBLE_WORDS_JS, run_axe
from ..support.walk import page_get_verdict

CLOSE_CALL = {**BASE_ANSWERS, "role_interest": "some", "company": "neutral", "unsettle": "yes"}
DETAILS = {"company_name": "Globex", "role_title": "Sales Lead", "contact_name": "Tom"}
PRIMARY = {"go": "#next-title", "decline": "#message-decline", "close call": "#message-questions"}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("case, answers", [("go", GO), ("decline", DECLINE),
                                           ("close call", CLOSE_CALL)])
def test_the_first_phone_screen_holds_the_answer(new_context, base_url, case, answers, scheme):
    page = new_context(**PHONE_CONTEXT, color_scheme=scheme).new_page()
    page_get_verdict(page, base_url, answers, DETAILS)
    for selector in ("#verdict-headline", ".verdict-why"):
        box = page.locator(selector).bounding_box()
        assert box["y"] + box["height"] <= PHONE["height"], selector
    primary = page.locator(PRIMARY[case]).bounding_box()
    assert primary["y"] < PHONE["height"], f"{case}: the next step starts at {primary['y']}"
    words = page.evaluate(VISIBLE_WORDS_JS)
    print(f"\n{case} ({scheme}): primary action at y={primary['y']:.0f}, {words} visible words")
    assert words <= 450
    assert not page.locator("#reasons-title").is_visible()  # folded under "How we got here"
    assert not run_axe(page)
    page.locator(".how > summary").click()
    assert page.locator("#reasons-title").is_visible()
    assert not run_axe(page)


def test_a_friend_gets_the_page_framed_for_them(new_context, base_url):
    owner = new_context(**PHONE_CONTEXT).new_page()
    url = page_get_verdict(owner, base_url, DECLINE, DETAILS)
    friend = new_context(**PHONE_CONTEXT).new_page()  # a fresh browser: no cookies
    friend.goto(url)
    kicker = friend.locator(".verdict-kicker").inner_text()
    assert kicker.startswith("Someone asked: “Should I go to this interview at Globex?”")
    assert friend.locator("textarea").count() == 0  # no drafted message, no owner controls
    assert friend.get_by_role("button", name="Change my answers").count() == 0
    start = friend.get_by_role("link", name="Get your own verdict")
    choices = friend.locator(".radio-label").last.bounding_box()
    assert choices["y"] + choices["height"] <= 1.25 * PHONE["height"]  # their question first
    assert start.bounding_box()["y"] > choices["y"]
    assert not run_axe(friend)
    start.click()
    friend.wait_for_url(f"{base_url}/")


def test_browser_back_from_the_verdict_shows_the_answers_and_a_way_back(new_context, base_url):
    page = new_context(**PHONE_CONTEXT).new_page()
    url = page_get_verdict(page, base_url, GO, DETAILS)
    page.go_back()
    page.wait_for_url(f"{base_url}/q/check")
    assert page.get_by_role("heading", name="Check your answers").is_visible()
    assert page.locator('input[name="company_name"]').input_value() == "Globex"
    link = page.get_by_role("link", name="See your verdict")
    assert not run_axe(page)
    link.click()
    page.wait_for_url(url)


def test_the_landing_page_start_button_is_on_the_first_phone_screen(new_context, base_url):
    page = new_context(**PHONE_CONTEXT).new_page()
    page.goto(base_url + "/")
    box = page.get_by_role("button", name="Start now").bounding_box()
    print(f"\nlanding: Start now ends at y={box['y'] + box['height']:.0f}")
    assert box["y"] + box["height"] <= 664  # a real phone's first screen, under its browser bars
