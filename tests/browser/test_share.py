"""Sharing in a real browser: make a result through the wizard, open the link as someone else,
delete it as the owner, see the 404; axe-core finds nothing; screenshots of the page (phone/desktop, light/dark), the
printed page (at most two sheets) and the card PNG, with no CSP violations."""
from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from ..conftest import BASE_ANSWERS, make_result
from .conftest import DESKTOP, PHONE, SCREENSHOT_DIR

DECLINE = dict(BASE_ANSWERS, fit="mismatch", company="poor")
GO = dict(BASE_ANSWERS, employment="employed_open", searching="active", role_interest="high",
          company="top", fit="strong", prep_time="plenty")
COMPANY = "Acme <b>{{7*7}}</b> Ltd"
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": [
    "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "resultTypes": ["violations"]}


def watch_console(page) -> list[str]:
    problems = []
    page.on("console", lambda m: problems.append(m.text)
            if m.type == "error" and "status of 404" not in m.text else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    return problems


def answer_wizard(page, live_url, answers, details):
    """Walk the questionnaire as a person would, then press 'Get my verdict'."""
    page.goto(f"{live_url}/q/")
    for _ in range(10):
        if page.url.endswith("/q/check"):
            break
        for name in page.eval_on_selector_all(
                "input[type=radio]", "els => [...new Set(els.map(e => e.name))]"):
            page.locator(f'input[name="{name}"][value="{answers[name]}"]').check()
        page.get_by_role("button", name="Continue").click()
        page.wait_for_load_state()
    for name, value in details.items():
        page.fill(f'input[name="{name}"]', value)
    page.get_by_role("button", name="Get my verdict").click()
    page.wait_for_url(re.compile(r"/r/[A-Za-z0-9_-]{43}$"))
    return page.url


def test_share_the_link_then_delete_it(page, new_context, live_url):
    problems = watch_console(page)
    url = answer_wizard(page, live_url, DECLINE, {"company_name": COMPANY})
    headline = page.locator("#verdict-headline").inner_text()
    assert headline.startswith("Decline, politely and promptly")
    assert COMPANY in page.locator(".details").inner_text()  # literally, never as markup
    assert page.locator(".details b").count() == 0
    assert page.get_by_role("button", name="Delete this result now").is_visible()

    friend = new_context().new_page()  # another person, another browser, no cookies
    response = friend.goto(url)
    assert response.status == 200
    assert response.headers["x-robots-tag"] == "noindex, nofollow"
    assert friend.locator("#verdict-headline").inner_text() == headline
    assert friend.get_by_role("button", name="Delete this result now").count() == 0

    page.get_by_role("button", name="Delete this result now").click()
    page.wait_for_url(f"{live_url}/")
    assert "Your result was deleted" in page.locator(".notice").inner_text()
    assert friend.goto(url).status == 404
    assert page.goto(url).status == 404
    assert problems == []


def seed(live_app, context, answers, details):
    """A stored result, with this browser context holding the owner's cookie."""
    token, owner = make_result(live_app, answers, details)
    context.add_cookies([{"name": "iv_owner", "value": owner, "domain": "127.0.0.1",
                          "path": f"/r/{token}", "httpOnly": True, "sameSite": "Lax"}])
    return token


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("answers", [DECLINE, GO], ids=["decline", "go"])
def test_result_page_screenshots(live_app, live_url, new_context, viewport, scheme, answers,
                                 request):
    context = new_context(viewport=viewport, color_scheme=scheme,
                          **({"is_mobile": True, "has_touch": True, "device_scale_factor": 2}
                             if viewport == PHONE else {}))
    page = context.new_page()
    problems = watch_console(page)
    token = seed(live_app, context, answers,
                 {"company_name": COMPANY, "role_title": "Senior Platform Engineer",
                  "contact_name": "Sam"})
    page.goto(f"{live_url}/r/{token}")
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
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, [(v["id"], v["help"], v["nodes"][0]["target"]) for v in violations]


def test_without_javascript_the_copy_buttons_stay_hidden(live_app, live_url, new_context):
    context = new_context(java_script_enabled=False)
    page = context.new_page()
    token = seed(live_app, context, DECLINE, {})
    page.goto(f"{live_url}/r/{token}")
    assert page.locator("button[data-copy]").count() == 2
    assert not page.locator("button[data-copy]").first.is_visible()
    assert page.locator("textarea.message-decline").input_value().startswith("Hello,")


@pytest.mark.parametrize("answers", [DECLINE, GO], ids=["decline", "go"])
def test_prints_on_at_most_two_sheets(live_app, live_url, new_context, answers, request):
    context = new_context()
    page = context.new_page()
    token = seed(live_app, context, answers, {"company_name": COMPANY})
    page.goto(f"{live_url}/r/{token}")
    page.emulate_media(media="print")
    assert not page.locator(".actions").is_visible()
    pdf = page.pdf(format="A4")
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    (SCREENSHOT_DIR / f"result-print-{request.node.callspec.id}.pdf").write_bytes(pdf)
    page.screenshot(path=str(SCREENSHOT_DIR / f"result-print-{request.node.callspec.id}.png"),
                    full_page=True)
    assert 1 <= len(re.findall(rb"/Type\s*/Page[^s]", pdf)) <= 2


def test_card_png(live_app, live_url, new_context):
    page = new_context().new_page()
    token, _ = make_result(live_app, DECLINE, {"company_name": COMPANY})
    response = page.request.get(f"{live_url}/r/{token}/card.png")
    assert response.status == 200 and response.headers["content-type"] == "image/png"
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    (SCREENSHOT_DIR / "card-decline.png").write_bytes(response.body())
    token, _ = make_result(live_app, GO, {})
    (SCREENSHOT_DIR / "card-go.png").write_bytes(
        page.request.get(f"{live_url}/r/{token}/card.png").body())
