"""Save the README screenshots: a step, check answers and a result at phone width, and a card.

Files: docs/img/step-phone.png, check-phone.png, result-phone.png, card-phone.png.

Why a script: the pictures in the README should show the product as it is, so they are made
from the running app in Debian's chromium (390 px wide, like a phone), not drawn by hand.
`--extra DIR` also saves desktop and dark-mode views there, for looking over the design.

    python scripts/screenshots.py [--extra /tmp/shots]

The answers, the walk through the wizard and chromium's settings are the tests' own
(tests/support/).
"""
from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import create_app  # noqa: E402
from tests.support.answers import MIXED  # noqa: E402
from tests.support.browser import DESKTOP, PHONE, launch_options  # noqa: E402
from tests.support.walk import page_answer_steps, page_press_get_verdict, tick  # noqa: E402


def serve(db_dir: str) -> str:
    app = create_app({"SECRET_KEY": "screenshots", "DATABASE_URL": f"sqlite:///{db_dir}/s.db"})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}"


def shoot(browser, url: str, out: Path, suffix: str, error_dir: Path | None = None,
          **context) -> None:
    ctx = browser.new_context(**context)
    page = ctx.new_page()
    page.goto(url + "/q/")
    page_answer_steps(page, MIXED, stop_at="/q/opportunity")
    tick(page, "source", MIXED["source"])
    page.screenshot(path=str(out / f"step-{suffix}.png"))
    if error_dir:
        page.get_by_role("button", name="Continue").click()  # the error state
        page.get_by_role("alert").wait_for()
        page.screenshot(path=str(error_dir / f"step-error-{suffix}.png"), full_page=True)
    page_answer_steps(page, MIXED, stop_at="/q/details")  # the optional details: a step
    page.get_by_label("Company name").fill("Acme Ltd")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/q/check")
    page.screenshot(path=str(out / f"check-{suffix}.png"), full_page=True)
    page_press_get_verdict(page)
    page.screenshot(path=str(out / f"result-{suffix}.png"))  # the first screenful
    card = ctx.request.get(page.url + "/card.png")
    (out / f"card-{suffix}.png").write_bytes(card.body())
    ctx.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extra", type=Path, help="also save desktop and dark views here")
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    docs = ROOT / "docs" / "img"
    docs.mkdir(parents=True, exist_ok=True)
    if args.extra:
        args.extra.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as db_dir, sync_playwright() as pw:
        url = serve(db_dir)
        browser = pw.chromium.launch(**launch_options())
        shoot(browser, url, docs, "phone", args.extra, viewport=PHONE, device_scale_factor=1,
              is_mobile=True, has_touch=True, color_scheme="light")
        if args.extra:
            extra = args.extra
            shoot(browser, url, extra, "desktop", extra, viewport=DESKTOP, color_scheme="light")
            shoot(browser, url, extra, "phone-dark", extra, viewport=PHONE, device_scale_factor=1,
                  is_mobile=True, has_touch=True, color_scheme="dark")
            shoot(browser, url, extra, "desktop-dark", extra, viewport=DESKTOP, color_scheme="dark")
        browser.close()
    saved = [docs / f"{name}-phone.png" for name in ("step", "check", "result", "card")]
    for png in saved:
        shrink(png)
    print("saved", ", ".join(str(p) for p in saved))


def shrink(png: Path) -> None:
    """Keep the README light: a 64-colour palette is plenty for flat UI with anti-aliased text."""
    from PIL import Image

    with Image.open(png) as image:
        small = image.convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT)
    small.save(png, optimize=True)


if __name__ == "__main__":
    main()
