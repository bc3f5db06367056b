"""axe-core in the real browser: no violations on the landing page, every step, an error state
and the check page, in light and dark colour schemes; plus a self-test that axe catches a bad page.

axe-playwright-python injects its bundled axe.min.js with page.evaluate, which the strict CSP
does not block. Every impact level fails the test (tests/support/browser.py's AXE_OPTIONS).
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from app.model.rules_build import load_rules

from ..support.answers import EVERY_STEP
from ..support.browser import run_axe
from ..support.walk import page_answer_steps

REPORT_DIR = Path(os.environ.get("SCREENSHOT_DIR", "artifacts"))
RULES = load_rules()


def assert_no_violations(page, name):
    violations = run_axe(page)
    REPORT_DIR.mkdir(parents=True, exist_ok=True)
    (REPORT_DIR / f"axe-{name}.json").write_text(json.dumps(violations, indent=1))
    message = "\n".join(f"{v['impact']}: {v['id']} - {v['help']} ({len(v['nodes'])} nodes) "
                        f"e.g. {v['nodes'][0]['target']}" for v in violations)
    assert not violations, f"axe violations on {name}:\n{message}"


def walk(page, base_url, check):
    """Visit the landing page, every step (empty, then with an error), and the check page."""
    page.goto(base_url + "/")
    check(page, "landing")
    page.goto(base_url + "/q/")

    def empty_then_error(page, step_id):
        check(page, f"step-{step_id}")
        page.get_by_role("button", name="Continue").click()
        page.get_by_role("alert").wait_for()
        check(page, f"step-{step_id}-error")

    page_answer_steps(page, EVERY_STEP, stop_at="/q/details", on_step=empty_then_error)
    check(page, "details")
    page.get_by_label("Company name").fill("A" * 81)
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("alert").wait_for()
    check(page, "details-error")
    page.get_by_label("Company name").fill("Acme")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/q/check")
    check(page, "check")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_of_the_questionnaire_is_accessible(new_context, base_url, scheme):
    page = new_context(color_scheme=scheme).new_page()
    seen = []

    def check(pg, name):
        seen.append(name)
        assert_no_violations(pg, f"{name}-{scheme}")

    walk(page, base_url, check)
    assert seen == ["landing", *[f"step-{s.id}{e}" for s in RULES.steps for e in ("", "-error")],
                    "details", "details-error", "check"]


def test_phone_width_is_accessible(phone_page, base_url):
    walk(phone_page, base_url, lambda pg, name: assert_no_violations(pg, f"{name}-phone"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_error_page_is_accessible(new_context, base_url, scheme):
    page = new_context(color_scheme=scheme).new_page()
    assert page.goto(base_url + "/r/" + "x" * 43).status == 404
    assert_no_violations(page, f"not-found-{scheme}")


def test_axe_really_catches_problems(page):
    """The engine is alive and the tags are right: a bad page fails."""
    page.set_content("<html><body><img src='x.png'><input type=text>"
                     "<p style='color:#777;background:#888'>faint</p></body></html>")
    ids = {v["id"] for v in run_axe(page)}
    expected = {"image-alt", "label", "html-has-lang", "color-contrast", "landmark-one-main"}
    assert expected <= ids, ids
