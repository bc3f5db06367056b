"""HTTP benchmark: the app against a bare Flask route, under the same gunicorn, in one run.

Not a test. Both apps are served by gunicorn with the project's own gunicorn.conf.py (the
production settings: gthread worker and its threads, limits, the redacting access log, written
to a file), with one worker pinned to CPU 0 where `taskset` exists, and wrk pinned to CPU 1. Rounds
alternate app / bare for each route; each ratio is median(app req/s) / median(bare req/s).
Beside it, the worker's own CPU time per request (from /proc, median of the rounds) and that
ratio: on a machine shared with other work, req/s moves with the load, CPU per request much less.
Runs from a clean clone: it makes its own SQLite database, result and session cookie (the one a
browser holds after its first view of step 1) in a temporary folder. Needs
`pip install -e '.[test]'` and `apt-get install -y wrk`.

With --against CHECKOUT (another working tree of this repository, say an earlier commit from
`git worktree add`), that checkout's app is served the same way on the same database, and each
round runs it too: before and after measured side by side, under the same load.

Run: python scripts/bench_http.py [--rounds 5] [--duration 5] [--conns 4] [--against DIR]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LUA_DONE = r'''
done = function(summary, latency, requests)
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    'WRKJSON {"requests":%d,"rps":%.1f,"errors":%d,"non2xx3xx":%d,' ..
    '"p50_ms":%.3f,"p99_ms":%.3f}\n',
    summary.requests, summary.requests / secs, e.connect + e.read + e.write + e.timeout,
    e.status, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
'''

LUA_POST = r'''
local bodies = dofile("%s")
math.randomseed(os.time())
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  return wrk.format(nil, nil, nil, bodies[math.random(#bodies)])
end
'''


def lua_string(s: str) -> str:
    return "[==[" + s + "]==]"


def prepare(tmp: Path, n_bodies: int) -> dict:
    """Database, one stored result, a session cookie, and the random answer bodies."""
    from benchmark import random_answers  # scripts/benchmark.py: the scripts' one generator

    from app import create_app
    from app.model.rules import Rules  # noqa: F401
    from app.model.submission import check_submission
    from app.storage import db, store
    os.environ.update(BENCH_ENV(tmp))
    app = create_app()
    rules = app.extensions["rules"]
    rng = random.Random(11)

    with app.app_context():
        db.upgrade(db.get_engine(app))
        submission, problems = check_submission(rules, random_answers(rules, rng),
                                                {"company_name": "Acme"})
        assert not problems, problems
        with db.session(write=True) as s:
            created = store.create(s, rules, submission, now=store.utcnow(), ttl_days=90)
        db.dispose(app)
    # the session cookie a browser holds on step 1: the one its first view of the page set (it
    # carries the session's CSRF token, so later views of the step write no cookie)
    with app.app_context():
        client = app.test_client()
        client.get("/q/you")
        cookie = client.get_cookie("session").value
        db.dispose(app)
    bodies = [json.dumps({"answers": random_answers(rules, rng)}) for _ in range(n_bodies)]
    lua_bodies = tmp / "bodies.lua"
    lua_bodies.write_text("return {\n" + ",\n".join(lua_string(b) for b in bodies) + "\n}\n")
    post_lua = tmp / "post.lua"
    post_lua.write_text(LUA_POST % lua_bodies + LUA_DONE)
    get_lua = tmp / "get.lua"
    get_lua.write_text(LUA_DONE)
    return {"token": created.token, "cookie": cookie, "post_lua": post_lua, "get_lua": get_lua}


def BENCH_ENV(tmp: Path) -> dict:  # noqa: N802
    return {"DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}", "SECRET_KEY": "bench-" * 8,
            "RATELIMIT_ENABLED": "0"}


def pin(cpu: int) -> list[str]:
    return ["taskset", "-c", str(cpu)] if shutil.which("taskset") and os.cpu_count() >= 2 else []


def serve(target: str, tmp: Path, name: str, root: Path = ROOT) -> tuple[subprocess.Popen, str]:
    """gunicorn with the checkout's gunicorn.conf.py (production settings), one worker."""
    log = tmp / f"{name}.log"
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    if not Path(gunicorn).exists():
        gunicorn = shutil.which("gunicorn") or "gunicorn"
    env = {**os.environ, **BENCH_ENV(tmp), "WEB_CONCURRENCY": "1",
           "GUNICORN_ACCESS_LOG": str(tmp / f"{name}-access.log"),
           # gunicorn.conf.py imports the app's package before --pythonpath applies: from `root`
           "PYTHONPATH": os.pathsep.join([str(root), str(ROOT / "scripts")])}
    proc = subprocess.Popen(
        pin(0) + [gunicorn, "-c", str(root / "gunicorn.conf.py"), "--error-logfile", "-",
                  "-b", "127.0.0.1:0", "--chdir", str(root),
                  "--pythonpath", f"{root},{ROOT / 'scripts'}", target],
        stdout=log.open("w"), stderr=subprocess.STDOUT, env=env, start_new_session=True)
    for _ in range(200):
        m = re.search(r"Listening at: (http://127\.0\.0\.1:\d+)", log.read_text())
        if m:
            return proc, m.group(1)
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    stop(proc)
    sys.exit(f"gunicorn ({name}) did not start:\n{log.read_text()}")


def worker_pid(master: int) -> int | None:
    """The one worker's process id (a child of the gunicorn master), from /proc."""
    for _ in range(100):
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == master:  # its parent
                return int(stat.parent.name)
        time.sleep(0.05)
    return None


def cpu_seconds(pid: int | None) -> float:
    """User + system CPU time a process has used (its threads included), from /proc; 0 when
    unknown. Unlike req/s, this barely moves with what else the machine is running."""
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(10)


def wrk(url: str, lua: Path, duration: int, conns: int, headers: list[str],
        pid: int | None = None) -> dict:
    """wrk's summary; with `pid`, also the server's CPU time per request (cpu_us)."""
    before = cpu_seconds(pid)
    cmd = pin(1) + ["wrk", "-t1", f"-c{conns}", f"-d{duration}s", "--latency", "-s", str(lua)]
    for h in headers:
        cmd += ["-H", h]
    out = subprocess.run(cmd + [url], capture_output=True, text=True, timeout=duration + 30).stdout
    line = next((x for x in out.splitlines() if x.startswith("WRKJSON ")), None)
    if line is None:
        sys.exit(f"wrk printed no result for {url}:\n{out}")
    result = json.loads(line[8:])
    result["cpu_us"] = (cpu_seconds(pid) - before) / max(result["requests"], 1) * 1e6
    return result


def check(url: str, data: bytes | None = None, headers: dict | None = None) -> int:
    req = urllib.request.Request(url, data=data, headers=headers or {})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return resp.status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--conns", type=int, default=4)
    parser.add_argument("--bodies", type=int, default=2000, help="random answer sets for POST")
    parser.add_argument("--against", type=Path, default=None,
                        help="another checkout of this repository, measured alongside")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install -y wrk")
    with tempfile.TemporaryDirectory(prefix="bench-http-") as t:
        tmp = Path(t)
        prep = prepare(tmp, args.bodies)
        apps = {"app": serve("app:create_app()", tmp, "app")}
        if args.against:
            apps["against"] = serve("app:create_app()", tmp, "against", args.against.resolve())
        bare_proc, bare_url = serve("bench_bare:app", tmp, "bare")
        try:
            cookie = f"Cookie: session={prep['cookie']}"
            routes = [
                ("result page GET /r/<token>, first view (no cookie)", f"/r/{prep['token']}",
                 prep["get_lua"], []),
                ("result page GET /r/<token>, returning visitor (session cookie)",
                 f"/r/{prep['token']}", prep["get_lua"], [cookie]),
                ("a step GET /q/you", "/q/you", prep["get_lua"], [cookie]),
                ("POST /api/v1/verdict, random answers", "/api/v1/verdict", prep["post_lua"], []),
            ]
            for _, url in apps.values():
                for _, path, _, headers in routes[:3]:
                    h = dict(x.split(": ", 1) for x in headers)
                    assert check(url + path, headers=h) == 200
            assert check(bare_url + "/") == 200
            for url in [u + routes[0][1] for _, u in apps.values()] + [bare_url + "/"]:  # warm up
                wrk(url, prep["get_lua"], 2, args.conns, [])
            pids = {side: worker_pid(proc.pid) for side, (proc, _) in apps.items()}
            bare_pid = worker_pid(bare_proc.pid)
            runs = {name: {side: [] for side in [*apps, "bare"]} for name, *_ in routes}
            for r in range(args.rounds):
                for name, path, lua, headers in routes:
                    for side, (_, url) in apps.items():
                        runs[name][side].append(wrk(url + path, lua, args.duration, args.conns,
                                                    headers, pids[side]))
                    runs[name]["bare"].append(wrk(bare_url + "/", prep["get_lua"],
                                                  args.duration, args.conns, [], bare_pid))
                print(f"round {r + 1}/{args.rounds} done", file=sys.stderr)
        finally:
            for proc, _ in apps.values():
                stop(proc)
            stop(bare_proc)
    pinned = "pinned (server CPU 0, wrk CPU 1)" if pin(0) else "not pinned"
    print(f"gunicorn -c gunicorn.conf.py, 1 worker, access log on; "
          f"wrk -t1 -c{args.conns} -d{args.duration}s; "
          f"{args.rounds} alternating rounds, medians; {pinned}; {os.cpu_count()} CPUs")
    for side in apps:
        if args.against:
            print(f"\n{'this checkout' if side == 'app' else f'against {args.against}'}:")
        table(runs, side)


def table(runs: dict, side: str) -> None:
    print("| route | app req/s | bare req/s | x bare | app p50 ms | app p99 ms | errors/non-2xx "
          "| server CPU us/req, app | bare | x bare (CPU) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, r in runs.items():
        def med(who, k, r=r):
            return statistics.median(x[k] for x in r[who])
        bad = sum(x["errors"] + x["non2xx3xx"] for x in r[side])
        print(f"| {name} | {med(side, 'rps'):.0f} | {med('bare', 'rps'):.0f} | "
              f"{med(side, 'rps') / med('bare', 'rps'):.2f} | {med(side, 'p50_ms'):.2f} | "
              f"{med(side, 'p99_ms'):.2f} | {bad} | {med(side, 'cpu_us'):.0f} | "
              f"{med('bare', 'cpu_us'):.0f} | {med('bare', 'cpu_us') / med(side, 'cpu_us'):.2f} |")

if __name__ == "__main__":
    main()
