"""Real-browser fixtures: the app served by pytest-flask's `live_server` (CSRF on), Playwright
driving Debian's chromium, and a screenshot per test in $SCREENSHOT_DIR.

`live_server` runs the session-scoped `app` below in another process (forked once per session,
`live_server_scope` in pyproject.toml), on a kernel-chosen port of 127.0.0.1
(`--live-server-host`): the only host chromium resolves. Hence SQLite in a file (the forked
server and the tests' own `make_result` share it, an in-memory database would not be shared) and
`SERVER_NAME = "127.0.0.1"`, so the address live_server gives the app (host and its port) is one
chromium can reach. Pages are opened at `live_server.url()`.

Without chromium these tests are skipped with a message saying how to install it.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from app import create_app
from app.storage import db

from ..support.browser import DESKTOP, PHONE_CONTEXT, chromium_missing, launch_options

SCREENSHOT_DIR = Path(os.environ.get("SCREENSHOT_DIR", "artifacts"))


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    missing = chromium_missing()
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            if missing:
                item.add_marker(pytest.mark.skip(reason=f"browser tests need chromium: {missing}"))


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    """One app for the whole session (live_server's scope), overriding the root `app`."""
    db_dir = tmp_path_factory.mktemp("browser-db")
    app = create_app({
        "TESTING": True, "SECRET_KEY": "browser-test-secret",
        "SERVER_NAME": "127.0.0.1",  # live_server adds its port
        "DATABASE_URL": os.environ.get("TEST_DATABASE_URL")
        or f"sqlite:///{db_dir / 'browser.sqlite3'}",
        # CSRF stays on: the real browser posts the real token
        "RATELIMIT_ENABLED": False,  # one browser finishes many times; limits: test_limits.py
    })
    yield app
    db.dispose(app)


@pytest.fixture()
def base_url(live_server):
    """Where the browser finds the app: http://127.0.0.1:<port>."""
    return live_server.url()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(**launch_options(headless=os.environ.get("PW_HEADED") != "1"))
        yield b
        b.close()


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


def _screenshotted_page(new_context, request, **context_args):
    """A fresh context and page; a full-page screenshot named after the test when it ends."""
    pg = new_context(**context_args).new_page()
    yield pg
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)[-150:]
    pg.screenshot(path=str(SCREENSHOT_DIR / f"{name}.png"), full_page=True)


@pytest.fixture()
def page(new_context, request):
    yield from _screenshotted_page(new_context, request, viewport=DESKTOP)


@pytest.fixture()
def phone_page(new_context, request):
    yield from _screenshotted_page(new_context, request, **PHONE_CONTEXT)
