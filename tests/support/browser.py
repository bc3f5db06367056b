"""Debian's chromium as the browser tests and scripts/screenshots.py launch it, the viewports
they use, and the axe-core options every accessibility check runs with."""
from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--no-default-browser-check",
    # no DNS at all except loopback: nothing may leave the machine
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
# a phone context: PHONE plus touch, at the pixel density of a real phone
PHONE_CONTEXT = {"viewport": PHONE, "is_mobile": True, "has_touch": True,
                 "device_scale_factor": 2}

# Every impact level fails: WCAG 2.0-2.2 A/AA and best practices.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": [
    "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "resultTypes": ["violations"]}


def chromium_missing() -> str | None:
    """Why the browser cannot run here (None when it can)."""
    if importlib.util.find_spec("playwright") is None:
        return "Playwright is not installed: pip install -e '.[test]'"
    if not (Path(CHROMIUM_PATH).exists() or shutil.which("chromium")):
        return "Debian's chromium is not installed: apt-get install -y chromium"
    return None


def launch_options(headless: bool = True) -> dict:
    """Arguments for `playwright.chromium.launch`: Debian's chromium, nothing leaves loopback."""
    options = {"headless": headless, "args": CHROMIUM_ARGS}
    if Path(CHROMIUM_PATH).exists():
        options["executable_path"] = CHROMIUM_PATH
    return options


def run_axe(page) -> list[dict]:
    """axe-core's violations on the page as it is now, once its stylesheets have loaded (on a
    busy machine a check right after a navigation could otherwise see an unstyled page)."""
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_load_state("load")
    return Axe().run(page, options=AXE_OPTIONS).response["violations"]


# The words a person sees before unfolding anything: text of visible elements, closed <details>
# counted by their summary only, textareas by their content.
VISIBLE_WORDS_JS = """() => {
  const walk = (n) => {
    if (n.nodeType === 3) return n.textContent;
    if (n.nodeType !== 1) return "";
    const style = getComputedStyle(n);
    if (style.display === "none" || style.visibility === "hidden" || n.hidden) return "";
    if (n.tagName === "DETAILS" && !n.open) {
      const summary = n.querySelector(":scope > summary");
      return summary ? walk(summary) : "";
    }
    if (n.tagName === "TEXTAREA") return n.value;
    let text = "";
    for (const child of n.childNodes) text += " " + walk(child);
    return text;
  };
  return walk(document.querySelector("main")).split(/\\s+/).filter(Boolean).length;
}"""
