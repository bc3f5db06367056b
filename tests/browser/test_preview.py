"""Try a change, on the verdict itself, in a real browser: with JavaScript the verdict, the why
and the chart change in place (no navigation), can be taken back or made the answer; without
JavaScript "Try it" opens the preview page. axe at 0 on the live change and the preview page.
Every wait and navigation has an explicit timeout: a stuck page fails, it never hangs."""
from __future__ import annotations

import re

import pytest

from app.model.evaluate import evaluate
from app.model.rules_build import load_rules
from app.model.serialize import result_to_dict

from ..conftest import make_result
from ..support.answers import DECLINE
from ..support.browser import run_axe
from ..support.walk import OWNER_COOKIE, page_get_verdict

WAIT = 10_000  # ms, on every wait and navigation
DETAILS = {"company_name": "Globex", "role_title": "Sales Lead", "contact_name": "Tom"}
CHANGED = {**DECLINE, "fit": "partial"}


def expected() -> dict:
    rules = load_rules()
    return result_to_dict(rules, evaluate(rules, CHANGED))


def expected_verdict() -> dict:
    return expected()["verdict"]


# every shape and word of the reasons chart and the scale, numbers as numbers
CHART_JS = """() => [...document.querySelectorAll('.reasons svg *')].map(n =>
  [n.tagName, n.getAttribute('class'), n.children.length ? '' : n.textContent,
   ...['x', 'y', 'width', 'x1', 'y1', 'y2', 'd', 'viewBox', 'height', 'text-anchor']
     .map(a => n.getAttribute(a)).map(v => v && isNaN(v) ? v : v && +v)])
  .concat([[document.querySelector('.reasons svg').getAttribute('viewBox').split(' ').map(Number),
            document.querySelector('#scale-caption strong').textContent]])"""


def press_try_it(page):
    page.locator("form.try-form", has=page.locator("#try-fit")).get_by_role(
        "button", name="Try it").click(timeout=WAIT)


def try_fit(page, value="partial"):
    """Unfold "How we got here", choose another fit and press its "Try it"."""
    page.locator(".how > summary").click(timeout=WAIT)
    page.select_option("#try-fit", value, timeout=WAIT)
    press_try_it(page)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_with_javascript_the_verdict_changes_in_place(new_context, base_url, scheme):
    page = new_context(color_scheme=scheme).new_page()
    url = page_get_verdict(page, base_url, DECLINE, DETAILS)
    before = page.locator("#verdict-headline").inner_text(timeout=WAIT)
    note_before = page.locator(".verdict-note").inner_text()
    page.evaluate("window.stillHere = true")  # gone if the page navigates
    new = expected_verdict()
    try_fit(page)
    note = page.locator(".verdict #try-note")
    note.wait_for(state="visible", timeout=WAIT)
    assert page.evaluate("window.stillHere") is True and page.url == url
    assert note.locator("p").first.inner_text() == (
        f"Preview: if you answered Partly to “How well does the role fit your skills and "
        f"goals?”, your verdict would be {new['label']}. Nothing has changed yet.")
    assert page.locator("#verdict-headline").inner_text().startswith(new["label"])
    assert page.locator(".verdict-why").inner_text() == new["why"]
    assert page.locator(".verdict-note").text_content() == (new["note"] or "")  # never stale
    assert page.locator(".verdict").get_attribute("aria-live") == "polite"
    assert page.evaluate("document.activeElement.id") == "try-note"
    labels = [f["label"] for f in expected()["factors"]]
    assert page.locator(".reasons tbody td:first-child").all_text_contents() == labels
    assert page.locator(".chart .bar").count() == len(labels)
    drawn_here = page.evaluate(CHART_JS)
    assert not run_axe(page)

    note.get_by_role("link", name="Back to your verdict, unchanged").click(timeout=WAIT)
    assert page.locator("#verdict-headline").inner_text() == before
    assert page.locator(".verdict-note").inner_text() == note_before
    assert note.is_hidden() and page.url == url

    press_try_it(page)  # "How we got here" is still open, "Partly" still chosen
    note.wait_for(state="visible", timeout=WAIT)
    note.get_by_role("button", name="Make it my answer").click(timeout=WAIT)
    page.wait_for_url(url, timeout=WAIT)
    assert page.get_by_role("status").first.inner_text(timeout=WAIT).startswith(
        "Your result was updated")
    assert page.locator("#verdict-headline").inner_text().startswith(new["label"])
    assert page.evaluate(CHART_JS) == drawn_here  # the server draws what the browser drew


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_preview_page_is_accessible(new_context, base_url, scheme):
    page = new_context(color_scheme=scheme).new_page()
    url = page_get_verdict(page, base_url, DECLINE, DETAILS)
    response = page.goto(url + "/try?fit=partial", timeout=WAIT)
    assert response.status == 200
    assert page.locator("h1").inner_text().startswith(expected_verdict()["label"])
    assert not run_axe(page)


def test_without_javascript_try_it_opens_the_preview_page(app, new_context, base_url):
    token, owner = make_result(app, DECLINE, DETAILS)
    context = new_context(java_script_enabled=False)
    context.add_cookies([{"name": OWNER_COOKIE, "value": owner, "domain": "127.0.0.1",
                          "path": f"/r/{token}"}])
    page = context.new_page()
    assert page.goto(f"{base_url}/r/{token}", timeout=WAIT).status == 200
    before = page.locator("#verdict-headline").inner_text(timeout=WAIT)
    try_fit(page)
    page.wait_for_url(re.compile(rf"/r/{token}/try\?fit=partial$"), timeout=WAIT)
    new = expected_verdict()
    assert page.locator(".try-note").inner_text(timeout=WAIT) == (
        f"Preview: if you answered Partly to “How well does the role fit your skills and "
        f"goals?”, your verdict would be {new['label']}. Nothing has changed yet.")
    assert page.locator("#verdict-headline").inner_text().startswith(new["label"])
    page.get_by_role("link", name="Back to your verdict, unchanged").click(timeout=WAIT)
    page.wait_for_url(f"{base_url}/r/{token}", timeout=WAIT)
    assert page.locator("#verdict-headline").inner_text(timeout=WAIT) == before  # unchanged
