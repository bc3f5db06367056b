"""Configuration: layered sources, and the dev-only secret generated into the instance folder."""
from __future__ import annotations

import multiprocessing
import stat

from app import create_app
from app.config import _instance_secret


def _secret_in(path, queue):
    queue.put(_instance_secret(path))


def test_without_secret_key_a_dev_key_is_generated_once_with_mode_600(tmp_path):
    first = _instance_secret(tmp_path)
    assert len(first) >= 48 and _instance_secret(tmp_path) == first
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600


def test_workers_starting_together_share_one_key(tmp_path):
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    workers = [context.Process(target=_secret_in, args=(tmp_path, queue)) for _ in range(6)]
    for w in workers:
        w.start()
    keys = {queue.get(timeout=20) for _ in workers}
    for w in workers:
        w.join(timeout=20)
    assert len(keys) == 1 and "" not in keys


def test_the_environment_beats_defaults_and_test_config_beats_the_environment(monkeypatch):
    monkeypatch.setenv("RESULT_TTL_DAYS", "7")
    monkeypatch.setenv("SECRET_KEY", "from-env")
    monkeypatch.setenv("BASE_URL", "https://env.example")
    app = create_app({"TESTING": True, "BASE_URL": "https://test.example"})
    assert app.config["SECRET_KEY"] == "from-env"
    assert app.config["RESULT_TTL_DAYS"] == 7  # parsed, not the string "7"
    assert app.config["BASE_URL"] == "https://test.example"
    assert create_app({"TESTING": True}).config["MAX_CONTENT_LENGTH"] == 1024 * 1024
