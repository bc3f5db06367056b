"""Sharing in a real browser: make a result through the wizard, open the link as someone else
(the friend's view), delete it as the owner after confirming, see the 404; axe-core finds
nothing; screenshots of the page (phone/desktop, light/dark, owner/friend), the printed page
(everything, folded parts included) and the card PNG, with no CSP violations."""
from __future__ import annotations

import re

import pytest

from ..conftest import make_result
from ..support.answers import DECLINE, GO
from ..support.browser import DESKTOP, PHONE, PHONE_CONTEXT, run_axe
from ..support.walk import OWNER_COOKIE, page_get_verdict
from .conftest import SCREENSHOT_DIR

COMPANY = "Acme <b>{{7*7}}</b> Ltd"


def watch_console(page) -> list[str]:
    problems = []
    page.on("console", lambda m: problems.append(m.text)
            if m.type == "error" and "status of 404" not in m.text else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    return problems


def test_share_the_link_then_delete_it(page, new_context, base_url):
    problems = watch_console(page)
    url = page_get_verdict(page, base_url, DECLINE, {"company_name": COMPANY})
    headline = page.locator("#verdict-headline").inner_text()
    assert headline.startswith("Decline, politely and promptly")
    assert COMPANY in page.locator(".verdict .detail").inner_text()  # literally, never markup
    assert page.locator(".verdict .detail b").count() == 0
    delete = page.get_by_role("link", name="Delete this result…")
    assert delete.is_visible()

    friend = new_context().new_page()  # another person, another browser, no cookies
    response = friend.goto(url)
    assert response.status == 200
    assert response.headers["x-robots-tag"] == "noindex, nofollow"
    assert friend.locator("#verdict-headline").inner_text() == headline
    assert friend.get_by_role("link", name="Delete this result…").count() == 0
    assert friend.get_by_role("link", name="Get your own verdict").is_visible()

    delete.click()  # asks once more, and says what it removes
    page.wait_for_url(f"{url}/delete")
    assert page.get_by_role("heading", name="Delete this result?").is_visible()
    assert not run_axe(page)
    page.get_by_role("button", name="Yes, delete it").click()
    page.wait_for_url(f"{base_url}/")
    assert "Your result was deleted" in page.locator(".notice").inner_text()
    assert friend.goto(url).status == 404
    assert page.goto(url).status == 404
    assert problems == []


def seed(app, context, answers, details):
    """A stored result, with this browser context holding the owner's cookie."""
    token, owner = make_result(app, answers, details)
    context.add_cookies([{"name": OWNER_COOKIE, "value": owner, "domain": "127.0.0.1",
                          "path": f"/r/{token}", "httpOnly": True, "sameSite": "Lax"}])
    return token


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("answers", [DECLINE, GO], ids=["decline", "go"])
def test_result_page_screenshots(app, base_url, new_context, viewport, scheme, answers,
                                 request):
    context = new_context(**(PHONE_CONTEXT if viewport == PHONE else {"viewport": viewport}),
                          color_scheme=scheme)
    page = context.new_page()
    problems = watch_console(page)
    token = seed(app, context, answers,
                 {"company_name": COMPANY, "role_title": "Senior Platform Engineer",
                  "contact_name": "Sam"})
    page.goto(f"{base_url}/r/{token}")
    page.locator(".how > summary").click()  # unfold "How we got here" for the picture
    copy = page.locator("button[data-copy=share-link]")
    assert copy.is_visible()  # JavaScript runs, so the copy button shows
    assert page.locator("svg[role=img] rect").count() >= 2
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"]  # no sideways scrolling
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    page.screenshot(path=str(SCREENSHOT_DIR / f"result-{name}.png"), full_page=True)
    assert problems == []
    page.locator(".chart-table summary").click()  # the table too
    violations = run_axe(page)
    assert not violations, [(v["id"], v["help"], v["nodes"][0]["target"]) for v in violations]


def test_without_javascript_the_copy_buttons_stay_hidden(app, base_url, new_context):
    context = new_context(java_script_enabled=False)
    page = context.new_page()
    token = seed(app, context, DECLINE, {})
    page.goto(f"{base_url}/r/{token}")
    assert page.locator("button[data-copy]").count() == 2  # the message and the link
    assert not page.locator("button[data-copy]").first.is_visible()
    assert page.locator("textarea.message-decline").input_value().startswith("Hi [name],")


@pytest.mark.parametrize("answers", [DECLINE, GO], ids=["decline", "go"])
def test_print_shows_everything_on_at_most_three_sheets(app, base_url, new_context, answers,
                                                        request):
    context = new_context()
    page = context.new_page()
    token = seed(app, context, answers, {"company_name": COMPANY})
    page.goto(f"{base_url}/r/{token}")
    page.emulate_media(media="print")
    assert not page.locator(".actions").is_visible()
    # folded on screen, printed in full: the reasons, what would change it, the advice
    for section in ("#reasons-title", "#changes-title", "#advice-title"):
        assert page.locator(section).is_visible(), section
    pdf = page.pdf(format="A4")
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    (SCREENSHOT_DIR / f"result-print-{request.node.callspec.id}.pdf").write_bytes(pdf)
    page.screenshot(path=str(SCREENSHOT_DIR / f"result-print-{request.node.callspec.id}.png"),
                    full_page=True)
    assert 1 <= len(re.findall(rb"/Type\s*/Page[^s]", pdf)) <= 3


def test_card_png(app, base_url, new_context):
    page = new_context().new_page()
    token, _ = make_result(app, DECLINE, {"company_name": COMPANY})
    response = page.request.get(f"{base_url}/r/{token}/card.png")
    assert response.status == 200 and response.headers["content-type"] == "image/png"
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    (SCREENSHOT_DIR / "card-decline.png").write_bytes(response.body())
    token, _ = make_result(app, GO, {})
    (SCREENSHOT_DIR / "card-go.png").write_bytes(
        page.request.get(f"{base_url}/r/{token}/card.png").body())
