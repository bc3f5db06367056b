"""Limits per client (Flask-Limiter), and one result per finished questionnaire."""
from __future__ import annotations

import re
import secrets
import time

import pytest
from sqlalchemy import func, select

from app import create_app
from app.model.rules_build import load_rules
from app.storage import db, finish
from app.storage.models import StoredResult
from app.storage.opinions import StoredOpinion
from app.web.shared import limits

from .conftest import BASE_ANSWERS, make_result

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def limited_app(tmp_path, **config):
    """Limits on, as in production (the default), CSRF off to keep the requests short."""
    return create_app({"TESTING": True, "SECRET_KEY": "limits-secret", "WTF_CSRF_ENABLED": False,
                       "DATABASE_URL": f"sqlite:///{tmp_path / 'limits.sqlite3'}", **config})


def rows(app) -> int:
    with app.app_context(), db.session() as s:
        return s.scalar(select(func.count()).select_from(StoredResult))


def finish_once(client):
    """A new questionnaire finished: its own finish key, else it would be a replay."""
    with client.session_transaction() as sess:
        sess["wizard"] = {"answers": dict(BASE_ANSWERS), "finish": secrets.token_urlsafe(32)}
    return client.post("/q/check", data={})


def test_limits_are_on_by_default(tmp_path):
    app = create_app({"SECRET_KEY": "x", "DATABASE_URL": f"sqlite:///{tmp_path / 'd.sqlite3'}"})
    assert app.config["RATELIMIT_ENABLED"] is True
    assert app.extensions["iv_limiter"].enabled


# --- the default thresholds: the request that first gets a 429 -------------------------

def first_429(send, most: int) -> int:
    for n in range(1, most + 1):
        if send().status_code == 429:
            return n
    return 0


def test_default_thresholds(tmp_path):
    """With the shipped limits: the 11th result stored in a minute, the 31st API call, the
    31st card and the 11th delete from one client are refused."""
    app = limited_app(tmp_path)
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = "192.0.2.8"
    assert first_429(lambda: finish_once(client), 20) == 11
    assert rows(app) == 10
    assert first_429(lambda: client.post("/api/v1/verdict", json={"answers": BASE_ANSWERS}),
                     40) == 31
    token, _ = make_result(app)  # from 127.0.0.1, whose results limit is untouched
    assert first_429(lambda: client.get(f"/r/{token}/card.png"), 40) == 31
    assert first_429(lambda: client.post(f"/r/{'A' * 43}/delete"), 20) == 11


@pytest.mark.parametrize("method, path, key, body", [
    ("post", "/api/v1/verdict", "RATELIMIT_API", {"answers": BASE_ANSWERS}),
    ("get", "/api/v1/questionnaire", "RATELIMIT_API", None),
])
def test_api_429_is_json_with_retry_after(tmp_path, method, path, key, body):
    client = limited_app(tmp_path, **{key: "2 per minute"}).test_client()
    send = getattr(client, method)
    answers = [send(path, json=body) if body else send(path) for _ in range(3)]
    assert [r.status_code for r in answers] == [200, 200, 429]
    refused = answers[-1]
    assert refused.get_json()["errors"][0]["code"] == "http_429"
    assert 1 <= int(refused.headers["Retry-After"]) <= 61


def test_storing_results_429_is_a_friendly_page_with_retry_after(tmp_path):
    app = limited_app(tmp_path, RATELIMIT_RESULTS="2 per minute")
    client = app.test_client()
    assert [finish_once(client).status_code for _ in range(3)] == [303, 303, 429]
    refused = finish_once(client)
    assert "Please slow down" in refused.text and "Nothing you answered was lost" in refused.text
    assert 1 <= int(refused.headers["Retry-After"]) <= 61
    assert refused.headers["Content-Security-Policy"]
    assert rows(app) == 2
    assert client.get("/q/check").status_code == 200  # looking is not storing: GET unlimited


def test_card_and_delete_are_limited(tmp_path):
    app = limited_app(tmp_path, RATELIMIT_CARD="1 per minute", RATELIMIT_DELETE="1 per minute")
    token, owner = make_result(app)
    client = app.test_client()
    assert [client.get(f"/r/{token}/card.png").status_code for _ in range(2)] == [200, 429]
    assert client.get(f"/r/{token}").status_code == 200  # the page itself is not limited
    client.set_cookie("iv_owner", "wrong", path=f"/r/{token}")
    assert [client.post(f"/r/{token}/delete").status_code for _ in range(2)] == [403, 429]


def test_limits_are_per_client(tmp_path):
    client = limited_app(tmp_path, RATELIMIT_API="1 per minute").test_client()
    one = {"REMOTE_ADDR": "192.0.2.1"}
    two = {"REMOTE_ADDR": "192.0.2.2"}
    assert client.get("/api/v1/questionnaire", environ_base=one).status_code == 200
    assert client.get("/api/v1/questionnaire", environ_base=one).status_code == 429
    assert client.get("/api/v1/questionnaire", environ_base=two).status_code == 200


def test_limits_and_switch_come_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("RATELIMIT_API", "1 per minute")
    client = limited_app(tmp_path).test_client()
    assert [client.get("/api/v1/questionnaire").status_code for _ in range(2)] == [200, 429]
    monkeypatch.setenv("RATELIMIT_ENABLED", "0")
    client = limited_app(tmp_path / "off").test_client()
    assert {client.get("/api/v1/questionnaire").status_code for _ in range(5)} == {200}


def test_storage_uri_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "memory://")
    assert limited_app(tmp_path).config["RATELIMIT_STORAGE_URI"] == "memory://"


# --- one result per finished questionnaire -----------------------------------------------

def walk_to_the_final_post(app):
    """Answer every step on the person's path through the real forms (CSRF on); returns
    (client, CSRF token) at the moment before the final POST."""
    client = app.test_client()
    for step in (s.id for s in load_rules().steps
                 if any(q.is_asked(BASE_ANSWERS) for q in s.questions)):
        page = client.get(f"/q/{step}").text
        names = set(re.findall(r'type="radio"[^>]*name="([a-z_]+)"', page))
        client.post(f"/q/{step}", data={**{n: BASE_ANSWERS[n] for n in names},
                                         "csrf_token": CSRF.search(page).group(1)})
    token = CSRF.search(client.get("/q/check").text).group(1)
    return client, token


def test_replaying_the_final_post_gives_the_same_result(db_url):
    app = create_app({"TESTING": True, "SECRET_KEY": "replay-secret", "DATABASE_URL": db_url,
                      "RATELIMIT_ENABLED": False})  # CSRF on: the replay carries a real token
    client, csrf = walk_to_the_final_post(app)
    cookie = client.get_cookie("session").value
    first = client.post("/q/check", data={"csrf_token": csrf, "company_name": "Acme"})
    assert first.status_code == 303 and first.location.startswith("/r/")
    replays = []
    for _ in range(3):
        client.set_cookie("session", cookie)  # the same cookie and token, sent again
        replays.append(client.post("/q/check", data={"csrf_token": csrf,
                                                      "company_name": "Acme"}))
    assert {r.location for r in replays} == {first.location}
    def owner_cookie(response):
        return next(c.split(";")[0] for c in response.headers.getlist("Set-Cookie")
                    if c.startswith("iv_owner="))

    assert {owner_cookie(r) for r in replays} == {owner_cookie(first)}  # the owner's secret too
    assert rows(app) == 1
    db.dispose(app)


def test_a_new_questionnaire_is_a_new_result(tmp_path):
    app = limited_app(tmp_path, RATELIMIT_ENABLED=False)
    first, _ = make_result(app)
    second, _ = make_result(app)
    assert first != second and rows(app) == 2


def test_a_session_from_before_finish_keys_is_keyed_by_its_cookie(tmp_path):
    app = limited_app(tmp_path, RATELIMIT_ENABLED=False)
    client = app.test_client()
    with client.session_transaction() as sess:
        sess["wizard"] = {"answers": dict(BASE_ANSWERS)}  # no finish key in it
    cookie = client.get_cookie("session").value
    first = client.post("/q/check", data={})
    client.set_cookie("session", cookie)
    again = client.post("/q/check", data={})
    assert first.location == again.location and rows(app) == 1


def test_replay_after_delete_does_not_reopen_the_deleted_link(tmp_path):
    app = limited_app(tmp_path, RATELIMIT_ENABLED=False)
    client = app.test_client()
    with client.session_transaction() as sess:
        sess["wizard"] = {"answers": dict(BASE_ANSWERS), "finish": "F" * 43}
    cookie = client.get_cookie("session").value
    first = client.post("/q/check", data={})
    assert client.post(first.location + "/delete").status_code == 303
    client.set_cookie("session", cookie)
    again = client.post("/q/check", data={})
    assert again.location != first.location
    assert client.get(first.location).status_code == 404


def test_the_seal_opens_only_with_its_key():
    token, owner = "t" * 20 + "_-" + "0" * 21, "o" * 43
    sealed = finish.seal("key-one", token, owner)
    assert finish.unseal("key-one", sealed) == (token, owner)
    assert finish.unseal("key-two", sealed) != (token, owner)
    assert token not in sealed and owner not in sealed


def test_limits_fail_open_when_redis_is_down(tmp_path):
    """An unreachable Redis must not turn requests into 500s: counted in memory meanwhile."""
    from .servers import free_port
    app = limited_app(tmp_path, RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{free_port()}/0",
                      RATELIMIT_API="2 per minute")
    client = app.test_client()
    statuses = [client.get("/api/v1/questionnaire").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_a_redis_outage_is_logged_once_when_it_starts_and_once_when_it_ends(tmp_path, capsys):
    from .servers import Redis
    redis = Redis(tmp_path)
    app = limited_app(tmp_path, RATELIMIT_STORAGE_URI=redis.url, RATELIMIT_API="100 per minute")
    client = app.test_client()
    assert client.get("/api/v1/questionnaire").status_code == 200
    redis.stop()
    assert [client.get("/api/v1/questionnaire").status_code for _ in range(5)] == [200] * 5
    redis = Redis(tmp_path, port=redis.port)
    logged = ""
    try:
        deadline = time.monotonic() + 20  # Flask-Limiter looks again after 1, 2, 4... s
        while "recovered" not in logged:
            assert client.get("/api/v1/questionnaire").status_code == 200
            assert time.monotonic() < deadline, "the recovery was never logged"
            time.sleep(0.2)
            logged += capsys.readouterr().err
        assert [client.get("/api/v1/questionnaire").status_code for _ in range(3)] == [200] * 3
    finally:
        redis.stop()
    logged += capsys.readouterr().err
    lines = [line for line in logged.splitlines() if "flask-limiter" in line or "storage" in line]
    assert len(lines) == 2, logged
    assert "Rate limit storage unreachable - falling back to in-memory storage" in lines[0]
    assert "Rate limit storage recovered" in lines[1]


def test_friends_answers_are_counted_per_result_as_well_as_per_client(tmp_path):
    app = limited_app(tmp_path, RATELIMIT_OPINIONS="10 per minute",
                      RATELIMIT_OPINIONS_PER_RESULT="3 per minute")
    token, _ = make_result(app)
    other, _ = make_result(app)

    def answer(result, address):
        with app.app_context():
            return app.test_client().post(f"/r/{result}/opinion", data={"opinion": "decline"},
                                          environ_overrides={"REMOTE_ADDR": address}).status_code

    statuses = [answer(token, f"10.0.0.{n}") for n in range(1, 6)]
    assert statuses == [303, 303, 303, 429, 429]  # five addresses, one result
    assert answer(other, "10.0.0.9") == 303  # another result has its own count
    with app.app_context(), db.session() as s:
        assert s.scalar(select(func.count()).select_from(StoredOpinion)) == 4


@pytest.mark.parametrize(("workers", "storage", "warned"), [
    (2, "memory://", True),
    (1, "memory://", False),
    (2, "redis://127.0.0.1:6379/0", False),
])
def test_a_warning_when_several_workers_count_in_memory(tmp_path, caplog, workers, storage,
                                                         warned):
    app = limited_app(tmp_path, RATELIMIT_STORAGE_URI=storage)
    with caplog.at_level("WARNING"):
        assert limits.warn_if_counted_per_process(app, workers) is warned
    assert ("RATELIMIT_STORAGE_URI" in caplog.text) is warned
