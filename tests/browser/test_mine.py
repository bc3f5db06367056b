"""Your interviews (/mine) in a real browser, on a phone (390x844), light and dark, and without
JavaScript: one browser makes a go, a decline and a close call and /mine lists exactly those
three in that order; a second browser sees none and has no cookie; deleting one from the list
leaves two; "Forget this device" empties the list and the results' links keep working. axe finds
nothing on the list or the empty page, and every link and button there is 44 px tall at least.
"""
from __future__ import annotations

import pytest

from ..support.answers import CLOSE, DECLINE, GO
from ..support.browser import PHONE_CONTEXT
from ..support.walk import leave_page, page_get_verdict
from .conftest import SCREENSHOT_DIR
from .test_a11y import assert_no_violations

MADE = [("Declinia", DECLINE), ("Closeby", CLOSE), ("Gofar", GO)]
LISTED = ["Analyst at Gofar", "Analyst at Closeby", "Analyst at Declinia"]


def titles(page) -> list[str]:
    return page.locator(".mine-item h2").all_inner_texts()


def small_targets(page) -> list[tuple[str, dict]]:
    """Links and buttons in the page's main part smaller than 44x44 px."""
    out = []
    for target in page.locator("main a, main button").all():
        box = target.bounding_box()
        if box is not None and (box["height"] < 44 or box["width"] < 44):
            out.append((target.inner_text(), box))
    return out


def shot(page, name: str) -> None:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT_DIR / f"mine-{name}.png"), full_page=True)


@pytest.mark.parametrize(("scheme", "javascript"), [("light", True), ("dark", True),
                                                     ("light", False)])
def test_three_verdicts_side_by_side_then_delete_and_forget(new_context, base_url, scheme,
                                                            javascript):
    name = f"{scheme}{'' if javascript else '-nojs'}"
    me = new_context(color_scheme=scheme, java_script_enabled=javascript,
                     **PHONE_CONTEXT).new_page()
    links = {company: page_get_verdict(me, base_url, answers,
                                       {"company_name": company, "role_title": "Analyst"})
             for company, answers in MADE}
    me.goto(base_url + "/")
    leave_page(me, me.get_by_role("link", name="Your interviews").click)
    assert me.url == base_url + "/mine"
    assert titles(me) == LISTED
    assert me.locator(".mine-item .mine-verdict strong").all_inner_texts() == [
        "Go to the interview", "A close call", "Decline, politely and promptly"]
    if javascript:
        assert_no_violations(me, f"mine-three-{name}")
        shot(me, f"three-{name}")
    assert small_targets(me) == []

    stranger_context = new_context(color_scheme=scheme, java_script_enabled=javascript,
                                   **PHONE_CONTEXT)
    stranger = stranger_context.new_page()
    stranger.goto(base_url + "/mine")
    assert titles(stranger) == []
    assert stranger.get_by_role("heading", level=1).inner_text() == "Your interviews"
    assert stranger_context.cookies() == []
    if javascript:
        assert_no_violations(stranger, f"mine-empty-{name}")
        shot(stranger, f"empty-{name}")
    assert small_targets(stranger) == []

    close_call = me.locator(".mine-item", has_text="Closeby")
    leave_page(me, close_call.get_by_role("link", name="Delete…").click)
    leave_page(me, me.get_by_role("button", name="Yes, delete it").click)
    assert me.url == base_url + "/mine"
    assert titles(me) == ["Analyst at Gofar", "Analyst at Declinia"]

    leave_page(me, me.get_by_role("link", name="Forget this device…").click)
    leave_page(me, me.get_by_role("button", name="Yes, forget this device").click)
    assert me.url == base_url + "/mine" and titles(me) == []
    assert "iv_device" not in {c["name"] for c in me.context.cookies()}
    for company in ("Gofar", "Declinia"):
        response = me.goto(links[company])
        assert response.status == 200
        assert "Analyst at " + company in me.locator(".verdict-kicker").inner_text()
