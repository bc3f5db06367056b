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


def free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen, what: str, log: Path) -> None:
    import socket
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError as exc:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{what} did not start:\n" + log.read_text()[-2000:]) from exc
            time.sleep(0.1)


class Redis:
    """redis-server on a free loopback port, nothing saved to disk."""

    def __init__(self, folder: Path, port: int | None = None):
        import shutil
        binary = shutil.which("redis-server")
        if binary is None:
            import pytest
            pytest.skip("needs redis-server (apt-get install -y redis-server)")
        self.port, log = port or free_port(), folder / "redis.log"
        with open(log, "a") as fh:
            self.proc = subprocess.Popen(
                [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                 "--appendonly", "no", "--dir", str(folder)], stdout=fh, stderr=fh)
        wait_for_port(self.port, self.proc, "redis-server", log)
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


class Postgres:
    """A throwaway PostgreSQL cluster (Debian's binaries, as .ci/run starts one), fsync off."""

    def __init__(self, folder: Path):
        import glob
        import shutil
        bins = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
        if not bins or os.geteuid() != 0 or shutil.which("runuser") is None:
            import pytest
            pytest.skip("needs Debian's postgresql package and root (to run it as postgres)")
        import tempfile
        # its own folder under /tmp: pytest's tmp folders are closed to the postgres user
        self.bin, self.port = bins[-1], free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="iv-pg-"))
        shutil.chown(self.dir, "postgres", "postgres")
        run = ["runuser", "-u", "postgres", "--"]
        subprocess.run([*run, f"{self.bin}/initdb", "-D", str(self.dir), "-U", "postgres",
                        "-A", "trust", "-E", "UTF8", "--no-sync"], check=True,
                       capture_output=True)
        subprocess.run([*run, f"{self.bin}/pg_ctl", "-D", str(self.dir), "-l",
                        str(self.dir / "server.log"), "-w", "-t", "30", "start", "-o",
                        f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 "
                        "-c fsync=off -c synchronous_commit=off"], check=True,
                       capture_output=True)
        subprocess.run([*run, f"{self.bin}/psql", "-h", "127.0.0.1", "-p", str(self.port),
                        "-U", "postgres", "-qAt", "-c", "CREATE ROLE app LOGIN PASSWORD 'app'",
                        "-c", "CREATE DATABASE appdb OWNER app"], check=True,
                       capture_output=True)
        self.url = f"postgresql+psycopg://app:app@127.0.0.1:{self.port}/appdb"

    def stop(self) -> None:
        import shutil
        subprocess.run(["runuser", "-u", "postgres", "--", f"{self.bin}/pg_ctl", "-D",
                        str(self.dir), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)
