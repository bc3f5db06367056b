"""Real app servers for tests: gunicorn started as README's production command starts it
(so gunicorn.conf.py applies), on a kernel-chosen loopback port, with its log in a file."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PRODUCTION_COMMAND = ["-w", "2", "app:create_app()"]  # README: gunicorn -w 2 'app:create_app()'


class Gunicorn:
    def __init__(self, log: Path, env: dict, args: list[str] | None = None):
        self.log = log
        command = [sys.executable, "-m", "gunicorn", "-b", "127.0.0.1:0",
                   *(args if args is not None else PRODUCTION_COMMAND)]
        full_env = {**{k: v for k, v in os.environ.items()
                       if not k.startswith(("GUNICORN", "WEB_CONCURRENCY"))},
                    "SECRET_KEY": "test-secret", **env}
        with open(log, "w") as fh:
            self.proc = subprocess.Popen(command, cwd=ROOT, env=full_env, stdout=fh,
                                         stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 20
        while True:
            m = re.search(r"Listening at: http://127\.0\.0\.1:(\d+)", log.read_text())
            if m:
                self.port = int(m.group(1))
                self.url = f"http://127.0.0.1:{self.port}"
                break
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("gunicorn did not start:\n" + log.read_text())
            time.sleep(0.05)

    def worker_pids(self) -> list[int]:
        out = subprocess.run(["pgrep", "-P", str(self.proc.pid)], capture_output=True, text=True)
        return [int(p) for p in out.stdout.split()]

    def kill9(self) -> None:
        """kill -9 of the master and every worker at once, as a crash or an OOM kill would."""
        for pid in [self.proc.pid, *self.worker_pids()]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill9()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
