"""Walking the questionnaire the way a person does, through the real wizard: with the Flask test
client (`client_*`) or in a real browser (`page_*`). Both follow the wizard from /q/ to check
answers, answering each step it asks with the given answer set, then post the details."""
from __future__ import annotations

import re

from app.model.rules_build import load_rules

OWNER_COOKIE = "iv_owner"  # the owner's cookie, as the browser sees it
RESULT_PATH = re.compile(r"/r/[A-Za-z0-9_-]{43}$")
CSRF_INPUT = re.compile(r'<input[^>]*name="csrf_token"[^>]*value="([^"]+)"')


# --- the Flask test client ---------------------------------------------------------------------

def step_data(step_id: str, answers: dict) -> dict:
    """The answers that belong to one step (those present in `answers`)."""
    step = next((s for s in load_rules().steps if s.id == step_id), None)
    if step is None:  # the details step: nothing typed
        return {}
    return {q.id: answers[q.id] for q in step.questions if q.id in answers}


def csrf_field(client, path: str) -> dict:
    """The CSRF token of the form at `path`, as form data (nothing when the page has none)."""
    found = CSRF_INPUT.search(client.get(path).text)
    return {"csrf_token": found.group(1)} if found else {}


def client_answer_steps(client, answers: dict) -> None:
    """From /q/, post each step the wizard asks for, then the optional details step (empty),
    until it sends us to check answers."""
    location = client.get("/q/").headers["Location"]
    for _ in range(len(load_rules().steps) + 1):
        if location == "/q/check":
            return
        step_id = location.removeprefix("/q/")
        response = client.post(location, data={**step_data(step_id, answers),
                                               **csrf_field(client, location)})
        assert response.status_code == 303, (step_id, response.text[:500])
        location = response.headers["Location"]
    assert location == "/q/check", location


def client_get_verdict(client, answers: dict, details: dict | None = None):
    """Answer every step, then press 'Get my verdict' with `details`: the final POST's response."""
    client_answer_steps(client, answers)
    return client.post("/q/check", data={**(details or {}), **csrf_field(client, "/q/check")})


def owner_cookie(response) -> str:
    """The owner's secret from the final POST's Set-Cookie header."""
    cookie = next(c for c in response.headers.getlist("Set-Cookie")
                  if c.startswith(OWNER_COOKIE + "="))
    return cookie.split(";", 1)[0].split("=", 1)[1]


# --- a Playwright page -------------------------------------------------------------------------

def asked_on_page(page) -> list[str]:
    """The questions on the page, by name, in order."""
    return page.locator("fieldset input[type=radio]").evaluate_all(
        "els => [...new Set(els.map(e => e.name))]")


def tick(page, qid: str, value: str) -> None:
    """Check an answer's radio by its value."""
    page.locator(f"input[name='{qid}'][value='{value}']").check()


def leave_page(page, action) -> None:
    """Run `action()` (a click, a key press) and wait until the browser is on another URL."""
    before = page.url
    action()
    page.wait_for_url(lambda url: url != before)


def press_continue(page) -> None:
    """Press Continue and wait for the next page."""
    leave_page(page, page.get_by_role("button", name="Continue").click)


def page_answer_steps(page, answers: dict, stop_at: str = "/q/check", choose=tick,
                      submit=press_continue, on_step=None) -> None:
    """Answer each step the page shows, with `choose(page, qid, value)`, then `submit(page)`,
    until the URL ends with `stop_at`; `on_step(page, step_id)` runs first on each step."""
    while not page.url.endswith(stop_at):
        if on_step:
            on_step(page, page.url.split("?")[0].rsplit("/", 1)[1])
        for qid in asked_on_page(page):
            choose(page, qid, answers[qid])
        submit(page)


def page_get_verdict(page, base_url: str, answers: dict, details: dict | None = None) -> str:
    """Walk the questionnaire from /q/, fill the details, press 'Get my verdict': the result URL."""
    page.goto(f"{base_url}/q/")
    page_answer_steps(page, answers, stop_at="/q/details")
    return page_press_get_verdict(page, details)


def page_press_get_verdict(page, details: dict | None = None) -> str:
    """On the details step: fill the details by name and continue; then, on check answers,
    press 'Get my verdict' and wait for the result."""
    if page.url.endswith("/q/details"):
        for name, value in (details or {}).items():
            page.fill(f'input[name="{name}"]', value)
        press_continue(page)
    page.get_by_role("button", name="Get my verdict").click()
    page.wait_for_url(RESULT_PATH)
    return page.url
