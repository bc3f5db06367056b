"""The built wheel runs by itself: it carries the templates, static files, migrations and the
rules file, and an install of it away from the checkout serves the product under gunicorn.

Why a real build and a real server: "runs only from a checkout" is invisible from inside the
checkout, where every file is found beside app/ anyway. This builds the wheel the way `pip
wheel .` does, unpacks it into an empty folder, and serves it from a working directory that
holds nothing of the repository.
"""
from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out),
                    str(ROOT)], check=True, capture_output=True)
    (built,) = out.glob("interview_verdict-*.whl")
    return built


def test_the_wheel_carries_everything_the_app_reads(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    repo_files = {
        f"app/{p.relative_to(ROOT).as_posix()}"
        for folder in ("templates", "static", "migrations")
        for p in (ROOT / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts
    }
    assert repo_files <= names, sorted(repo_files - names)
    assert "app/model/rules.toml" in names
    assert not any(n.startswith(("tests/", "scripts/")) for n in names)


def test_an_installed_wheel_serves_the_product_away_from_the_checkout(wheel, tmp_path):
    target, workdir = tmp_path / "site", tmp_path / "elsewhere"
    workdir.mkdir()
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target",
                    str(target), str(wheel)], check=True, capture_output=True)
    database = tmp_path / "db.sqlite3"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GUNICORN", "WEB_CONC"))}
    env.update(PYTHONPATH=str(target), SECRET_KEY="wheel-test", RATELIMIT_ENABLED="0",
               DATABASE_URL=f"sqlite:///{database}")
    log = tmp_path / "gunicorn.log"
    with open(log, "w") as fh:
        proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-b", "127.0.0.1:0", "-c", "/dev/null",
             "app:create_app()"],
            cwd=workdir, env=env, stdout=fh, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 20
        while not (m := re.search(r"Listening at: (http://127\.0\.0\.1:\d+)", log.read_text())):
            assert proc.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.05)
        base = m.group(1)
        probe = subprocess.run(
            [sys.executable, "-c", "import app; print(app.__file__)"],
            env=env, cwd=workdir, capture_output=True, text=True, check=True)
        assert probe.stdout.strip() == str(target / "app" / "__init__.py")

        with urllib.request.urlopen(base + "/") as landing:
            page = landing.read().decode()
        assert landing.status == 200 and "<h1>Invited to an interview" in page
        stylesheet = re.search(r'href="(/static/[^"]+\.css[^"]*)"', page).group(1)
        with urllib.request.urlopen(base + stylesheet) as css:
            assert css.status == 200 and b"{" in css.read()
        with urllib.request.urlopen(base + "/healthz") as health:
            assert health.status == 200
        tables = {row[0] for row in sqlite3.connect(database).execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "results" in tables  # the wheel's own migrations made the schema
    finally:
        proc.terminate()
        proc.wait(timeout=15)
