"""The least a shared link's view can cost on this stack, beside what the real page costs.

Not a test, and not product code: a measurement for issue 17's speed goal. The "floor" route
does only what every result view must do, with the same parts the real one uses: the live
check (store.head on db.reading, SQLAlchemy's execute), a body already drawn and kept by
Flask-Caching, this session's Flask-WTF token put in it, and Flask's response, session, hooks
and security headers. Nothing else: no owner check, no friend's form, no ETag, no cache key.
So "floor x bare" is the best ratio any version of the result view could reach here, and the
distance from it to the real page's ratio is what the view's own work costs.

Runs like bench_http.py (same preparation, same gunicorn.conf.py, one worker pinned to CPU 0,
wrk on CPU 1, rounds alternating app routes and the bare route), for the first view and the
returning visitor (the session cookie a browser holds).

Run: python scripts/bench_floor.py [--rounds 3] [--duration 5]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import bench_http as bench

FLOOR_BODY = "<!doctype html><p>" + "A result page of about twelve kilobytes. " * 290 + "</p>"


def floor_app():
    """The app, plus /floor/<token> (served by gunicorn as `bench_floor:floor_app()`)."""
    from flask_wtf.csrf import generate_csrf

    from app import create_app
    from app.storage import db, store
    from app.web.shared.page_cache import CSRF_MARK, cache

    app = create_app()

    def floor(token):
        with db.reading() as conn:
            if store.head(conn, token, now=store.utcnow()) is None:
                return "gone", 404
        body = cache.get("bench-floor")
        if body is None:
            body = FLOOR_BODY + f'<input name="csrf_token" value="{CSRF_MARK}">'
            cache.set("bench-floor", body)
        return body.replace(CSRF_MARK, generate_csrf())

    app.add_url_rule("/floor/<token>", "bench_floor", floor)
    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--conns", type=int, default=4)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-floor-"))
    prep = bench.prepare(tmp, 10)
    app_proc, app_url = bench.serve("bench_floor:floor_app()", tmp, "app")
    bare_proc, bare_url = bench.serve("bench_bare:app", tmp, "bare")
    cookie = [f"Cookie: session={prep['cookie']}"]
    routes = [(f"{who}, {what}", path, headers)
              for who, headers in (("first view", []), ("returning visitor", cookie))
              for what, path in (("floor", f"/floor/{prep['token']}"),
                                 ("result page", f"/r/{prep['token']}"))]
    try:
        for _, path, _ in routes:
            assert bench.check(app_url + path) == 200, path
        app_pid, bare_pid = bench.worker_pid(app_proc.pid), bench.worker_pid(bare_proc.pid)
        for url in (app_url + routes[0][1], bare_url + "/"):  # warm up
            bench.wrk(url, prep["get_lua"], 2, args.conns, [])
        runs: dict[str, dict[str, list]] = {name: {"app": [], "bare": []} for name, *_ in routes}
        for r in range(args.rounds):
            for name, path, headers in routes:
                runs[name]["app"].append(bench.wrk(app_url + path, prep["get_lua"],
                                                   args.duration, args.conns, headers, app_pid))
                runs[name]["bare"].append(bench.wrk(bare_url + "/", prep["get_lua"],
                                                    args.duration, args.conns, [], bare_pid))
            print(f"round {r + 1}/{args.rounds} done", file=sys.stderr)
    finally:
        bench.stop(app_proc)
        bench.stop(bare_proc)
    print(f"wrk -t1 -c{args.conns} -d{args.duration}s; {args.rounds} alternating rounds, medians")
    bench.table(runs, "app")

if __name__ == "__main__":
    main()
