"""What one request for a result's preview card costs: drawn every time (before) vs kept.

Not a test: timings belong here, where a busy machine cannot make a suite flaky.
Run: python scripts/card_cost.py [--requests 60]
Prints the median wall time and CPU time per request, in the app (Flask test client, SQLite in
a temporary folder), for: drawing the card (what every request cost before the card was kept),
the first GET (draws and keeps it), later GETs (kept bytes), a repeat with If-None-Match (304)
and a HEAD.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app import create_app  # noqa: E402
from app.storage import db, store  # noqa: E402
from app.web.results.card import render_card  # noqa: E402

ANSWERS = {
    "employment": "employed_happy", "searching": "not_looking", "last_interview": "1_to_3y",
    "pivot": "no", "source": "recruiter", "role_interest": "low", "company": "neutral",
    "fit": "partial", "industry": "same", "stage": "first", "prep_time": "some",
    "time_off": "easy", "unsettle": "no", "other_offers": "none",
}


def timed(fn, n: int) -> dict:
    wall, cpu = [], []
    for _ in range(n):
        w, c = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    return {"wall_ms": round(statistics.median(wall) * 1000, 2),
            "cpu_ms": round(statistics.median(cpu) * 1000, 2), "n": n}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=60)
    n = ap.parse_args().requests
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                          "RATELIMIT_ENABLED": False,
                          "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3"})
        client = app.test_client()
        with client.session_transaction() as sess:
            sess["wizard"] = {"answers": ANSWERS}
        token = client.post("/q/check", data={"company_name": "Acme"}).location.rsplit("/", 1)[1]
        url = f"/r/{token}/card.png"
        with app.app_context(), db.session() as s:
            record = store.find(s, token, now=store.utcnow())
        out = {"draw_every_time (before)": timed(
            lambda: render_card(app.extensions["rules"], record.snapshot), n)}
        first = client.get(url)
        out["first_get (draws, keeps)"] = {"status": first.status_code,
                                           "bytes": len(first.data)}
        out["get_kept (after)"] = timed(lambda: client.get(url), n)
        etag = first.headers["ETag"]
        out["get_if_none_match_304"] = timed(
            lambda: client.get(url, headers={"If-None-Match": etag}), n)
        out["head"] = timed(lambda: client.head(url), n)
        db.dispose(app)
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
