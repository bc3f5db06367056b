"""In-process view costs: each route called as raw WSGI (no server, no socket), against the
bare Flask route, to see where a request's time goes inside the app.

Not a test. Uses bench_http's preparation (its own SQLite database, a stored result, the
session cookie a browser holds on step 1, random answer sets). With --profile ROUTE it also
prints that route's cProfile, by cumulative time.

Times are CPU time (time.process_time), the figure that holds on a shared machine; wall
clock is printed beside it.

Run: python scripts/bench_inprocess.py [--calls 2000] [--profile first_view]
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]


def environ(method: str, path: str, body: bytes = b"", **headers) -> dict:
    env = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": "",
           "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8000", "SERVER_PROTOCOL": "HTTP/1.1",
           "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(body), "wsgi.errors": sys.stderr,
           "wsgi.multithread": False, "wsgi.multiprocess": False, "wsgi.run_once": False,
           "HTTP_HOST": "127.0.0.1:8000", "REMOTE_ADDR": "127.0.0.1",
           "CONTENT_LENGTH": str(len(body))}
    if body:
        env["CONTENT_TYPE"] = "application/json"
    env.update({"HTTP_" + k.upper(): v for k, v in headers.items()})
    return env


def call(app, env) -> str:
    status = []
    body = app(env, lambda s, h, e=None: status.append(s))
    b"".join(body)
    getattr(body, "close", lambda: None)()
    return status[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--profile", default=None)
    args = parser.parse_args()
    import os

    import bench_bare
    import bench_http
    tmp = Path(tempfile.mkdtemp(prefix="bench-inprocess-"))
    prep = bench_http.prepare(tmp, 500)
    os.environ.update(bench_http.BENCH_ENV(tmp))
    from app import create_app
    app = create_app()
    bodies = [line.strip().rstrip(",")[4:-4].encode() for line in
              (tmp / "bodies.lua").read_text().splitlines() if line.startswith("[==[")]
    token, cookie = prep["token"], "session=" + prep["cookie"]
    cases = {
        "bare": (bench_bare.app, lambda: environ("GET", "/")),
        "first_view": (app, lambda: environ("GET", f"/r/{token}")),
        "first_view_gzip": (app, lambda: environ("GET", f"/r/{token}",
                                                 accept_encoding="gzip, deflate, br")),
        "returning_visitor": (app, lambda: environ("GET", f"/r/{token}", cookie=cookie)),
        "step": (app, lambda: environ("GET", "/q/you", cookie=cookie)),
        "api_verdict": (app, lambda: environ("POST", "/api/v1/verdict",
                                             random.choice(bodies))),
    }
    for name, (target, make) in cases.items():
        for _ in range(200):  # warm: pages kept, connections open
            status = call(target, make())
        assert status.startswith("200"), (name, status)
        start, cpu = time.perf_counter(), time.process_time()
        for _ in range(args.calls):
            call(target, make())
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        print(f"{name}: {cpu / args.calls * 1000:.3f} ms CPU per call "
              f"({wall / args.calls * 1000:.3f} ms wall)")
    if args.profile:
        target, make = cases[args.profile]
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.calls):
            call(target, make())
        profile.disable()
        stats = pstats.Stats(profile)
        stats.sort_stats("cumulative").print_stats(40)
        by_part: dict[str, float] = {}
        for (file, _, _), (_, _, own, _, _) in stats.stats.items():
            part = file.split("site-packages/")[-1].split("/")[0] if "site-packages" in file \
                else file.replace(str(ROOT) + "/", "")
            by_part[part] = by_part.get(part, 0.0) + own
        total = sum(by_part.values())
        print("own time by package or module:")
        for part, own in sorted(by_part.items(), key=lambda kv: -kv[1])[:15]:
            print(f"  {own / total * 100:5.1f}%  {part}")


if __name__ == "__main__":
    main()
