"""Real-browser fixtures: the app on a kernel-chosen loopback port (werkzeug in a thread, CSRF
on), Playwright driving Debian's chromium, and a screenshot per test in $SCREENSHOT_DIR.

Without chromium these tests are skipped with a message saying how to install it.
"""
from __future__ import annotations

import os
import re
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from app import create_app

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--no-default-browser-check",
    # no DNS at all except loopback: nothing may leave the machine
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
SCREENSHOT_DIR = Path(os.environ.get("SCREENSHOT_DIR", "artifacts"))
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    missing = not (Path(CHROMIUM_PATH).exists() or shutil.which("chromium"))
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing = True
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            if missing:
                item.add_marker(pytest.mark.skip(
                    reason="browser tests need Debian's chromium: apt-get install -y chromium "
                           "(and pip install -e '.[test]' for Playwright)"))


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    db_dir = tmp_path_factory.mktemp("browser-db")
    app = create_app({
        "TESTING": True, "SECRET_KEY": "browser-test-secret",
        "DATABASE_URL": os.environ.get("TEST_DATABASE_URL")
        or f"sqlite:///{db_dir / 'browser.sqlite3'}",
        # CSRF stays on: the real browser posts the real token
    })
    return app


@pytest.fixture(scope="session")
def live_url(live_app):
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-flask", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    launch = {"headless": os.environ.get("PW_HEADED") != "1", "args": CHROMIUM_ARGS}
    if Path(CHROMIUM_PATH).exists():
        launch["executable_path"] = CHROMIUM_PATH
    with sync_playwright() as pw:
        b = pw.chromium.launch(**launch)
        yield b
        b.close()


def _new_page(browser, request, viewport, **context_args):
    context = browser.new_context(viewport=viewport, **context_args)
    context.set_default_timeout(10_000)
    return context, context.new_page()


@pytest.fixture()
def new_context(browser):
    """Open extra, independent browser contexts (a second person on another machine)."""
    opened = []

    def make(viewport=DESKTOP, **kwargs):
        context = browser.new_context(viewport=viewport, **kwargs)
        context.set_default_timeout(10_000)
        opened.append(context)
        return context

    yield make
    for context in opened:
        context.close()


def _screenshotted_page(browser, request, viewport, **context_args):
    """A fresh context and page; a full-page screenshot named after the test when it ends."""
    context, pg = _new_page(browser, request, viewport, **context_args)
    yield pg
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)[-150:]
    try:
        pg.screenshot(path=str(SCREENSHOT_DIR / f"{name}.png"), full_page=True)
    finally:
        context.close()


@pytest.fixture(params=[pytest.param(DESKTOP, id="desktop")])
def page(browser, request):
    yield from _screenshotted_page(browser, request, getattr(request, "param", DESKTOP))


@pytest.fixture()
def phone_page(browser, request):
    yield from _screenshotted_page(browser, request, PHONE, is_mobile=True, has_touch=True,
                                   device_scale_factor=2)
