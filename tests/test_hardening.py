"""Safe by default (hosts, proxies, HTTPS), errors that explain themselves, and the smaller
points of the hardening issue: each test fails when its protection is removed."""
from __future__ import annotations

import logging
import os
import stat

import pytest

from app import create_app
from app.storage import db

from .conftest import BASE_ANSWERS, make_result

TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ"


def make(tmp_path, **config):
    return create_app({"TESTING": True, "SECRET_KEY": "test-secret", "WTF_CSRF_ENABLED": False,
                       "RATELIMIT_ENABLED": False,
                       "DATABASE_URL": f"sqlite:///{tmp_path / 'h.sqlite3'}", **config})


# --- hosts -------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/", "/q//you", "/r/" + TOKEN_CHARS, "/api/v1/questionnaire"])
def test_without_base_url_a_foreign_host_is_refused(tmp_path, path):
    client = make(tmp_path).test_client()
    response = client.get(path, headers={"Host": "evil.example"})
    assert response.status_code == 400
    assert "evil.example" not in response.get_data(as_text=True)
    assert "evil.example" not in response.headers.get("Location", "")
    assert response.headers["Content-Security-Policy"]  # our page, our headers


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "127.0.0.1:8000", "localhost:5000"])
def test_without_base_url_loopback_hosts_are_answered(tmp_path, host):
    assert make(tmp_path).test_client().get("/", headers={"Host": host}).status_code == 200


def test_with_base_url_only_its_host_is_answered(tmp_path):
    client = make(tmp_path, BASE_URL="https://verdict.example").test_client()
    assert client.get("/", base_url="https://verdict.example").status_code == 200
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/", headers={"Host": "localhost"}).status_code == 400


def test_merge_slashes_redirect_uses_a_trusted_host_only(tmp_path):
    client = make(tmp_path).test_client()
    response = client.get("/q//you")
    assert response.status_code == 308 and "evil" not in response.headers["Location"]


def test_forwarded_host_is_not_trusted_unless_configured(tmp_path):
    app = make(tmp_path, TRUST_PROXY=1)
    token, _ = make_result(app)
    html = app.test_client().get(f"/r/{token}", headers={"X-Forwarded-Host": "evil.example",
                                                         "X-Forwarded-Proto": "https"}).text
    assert "evil.example" not in html and f"https://localhost/r/{token}" in html


def test_forwarded_host_is_used_when_configured(tmp_path):
    app = make(tmp_path, TRUST_PROXY=1, TRUST_PROXY_HOST=True,
               TRUSTED_HOSTS=["verdict.example"])
    response = app.test_client().get("/", headers={"X-Forwarded-Host": "verdict.example"})
    assert response.status_code == 200


def test_trusted_hosts_can_be_extended_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("TRUSTED_HOSTS", "verdict.example, 10.0.0.5")
    assert make(tmp_path).config["TRUSTED_HOSTS"] == ["verdict.example", "10.0.0.5"]


# --- HTTPS -------------------------------------------------------------------------------

def finish(client):
    with client.session_transaction() as sess:
        sess["wizard"] = {"answers": dict(BASE_ANSWERS)}
    return client.post("/q/check", data={})


def test_https_request_gets_secure_cookies_and_hsts_without_any_setting(tmp_path):
    client = make(tmp_path).test_client()
    page = client.get("/q/", base_url="https://localhost")
    assert page.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    client.get("/q/you", base_url="https://localhost")
    response = client.post("/q/check", base_url="https://localhost")  # session cookie set
    for cookie in response.headers.getlist("Set-Cookie"):
        assert "Secure" in cookie, cookie


def test_https_base_url_gives_secure_cookies_and_hsts_even_over_plain_http(tmp_path):
    """Behind a proxy that does not say it was HTTPS, BASE_URL still makes cookies Secure."""
    client = make(tmp_path, BASE_URL="https://verdict.example").test_client()
    response = finish_at(client, "http://verdict.example")
    cookies = response.headers.getlist("Set-Cookie")
    assert any(c.startswith("__Secure-iv_owner=") for c in cookies)  # test_cookie_prefixes.py
    assert all("Secure" in c for c in cookies), cookies
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def finish_at(client, base_url):
    with client.session_transaction(base_url=base_url) as sess:
        sess["wizard"] = {"answers": dict(BASE_ANSWERS)}
    return client.post("/q/check", data={}, base_url=base_url)


def test_plain_http_without_base_url_has_no_hsts(tmp_path):
    response = make(tmp_path).test_client().get("/")
    assert "Strict-Transport-Security" not in response.headers


# --- health ------------------------------------------------------------------------------

def test_healthz_checks_the_database(tmp_path):
    app = make(tmp_path)
    client = app.test_client()
    ok = client.get("/healthz")
    assert (ok.status_code, ok.text, ok.headers["Cache-Control"]) == (200, "ok\n", "no-store")
    db.dispose(app)
    app.config["DATABASE_URL"] = f"sqlite:///{tmp_path / 'missing' / 'nowhere.sqlite3'}"
    down = client.get("/healthz")
    assert (down.status_code, down.text) == (503, "unavailable\n")


# --- errors ------------------------------------------------------------------------------

def test_error_page_reads_no_session_state(tmp_path):
    """A signed session with malformed _flashes: the 500 page is still our page."""
    app = make(tmp_path)

    @app.get("/boom")
    def boom():
        raise RuntimeError("boom")

    client = app.test_client()
    with client.session_transaction() as sess:
        sess["_flashes"] = 5
    response = client.get("/boom")
    assert response.status_code == 500
    assert "Sorry, something went wrong on our side" in response.text
    assert 'class="site-header"' in response.text  # the real page, not the fixed fallback
    assert response.headers["Content-Security-Policy"]


def test_error_page_that_fails_falls_back_to_a_fixed_page(tmp_path, monkeypatch):
    app = make(tmp_path)
    from app.web.pages import errors

    def broken(*args, **kwargs):
        raise RuntimeError("template broken")

    monkeypatch.setattr(errors, "render_template", broken)
    response = app.test_client().get("/nowhere")
    assert response.status_code == 404 and "Page not found" in response.text
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_unexpected_exception_is_logged_with_its_traceback_and_no_token(tmp_path, caplog):
    app = make(tmp_path)
    token = "S" * 43

    @app.get("/explode/<token>")
    def explode(token):
        raise KeyError(f"/r/{token}")

    with caplog.at_level(logging.ERROR):
        assert app.test_client().get(f"/explode/{token}").status_code == 500
    record = next(r for r in caplog.records if "unhandled" in r.getMessage())
    assert record.exc_info is not None  # the traceback goes to the log
    from app.web.shared.logs import RedactingFormatter
    text = RedactingFormatter().format(record)
    assert "Traceback" in text and "KeyError" in text and token not in text


def test_app_log_handler_redacts(tmp_path):
    from flask.logging import default_handler

    from app.web.shared.logs import RedactingFormatter
    make(tmp_path)
    assert isinstance(default_handler.formatter, RedactingFormatter)


def test_database_errors_hide_their_parameters(tmp_path):
    app = make(tmp_path)
    assert db.get_engine(app).hide_parameters


# --- details -----------------------------------------------------------------------------

@pytest.mark.parametrize("value, code", [
    ("\u3164", "invisible"), ("\u2800\u2800", "invisible"), (" \u3164 \u0301", "invisible"),
    ("\uffff", "unassigned_characters"), ("Acme\ufdd0", "unassigned_characters"),
    ("\U000e0080", "unassigned_characters"),
])
def test_invisible_and_unassigned_details_are_refused(client, value, code):
    body = {"answers": dict(BASE_ANSWERS), "details": {"company_name": value}}
    response = client.post("/api/v1/verdict", json=body)
    assert response.status_code == 400
    assert [e["code"] for e in response.get_json()["errors"]] == [code]


@pytest.mark.parametrize("value", ["Zoë & Co", "株式会社", "a\u0301b", "👩\u200d💻 Lab"])
def test_real_names_are_kept(client, value):
    body = {"answers": dict(BASE_ANSWERS), "details": {"company_name": value}}
    assert client.post("/api/v1/verdict", json=body).status_code == 200


# --- smaller points ------------------------------------------------------------------------

def test_permissions_policy_has_no_retired_feature(client):
    policy = client.get("/").headers["Permissions-Policy"]
    assert "interest-cohort" not in policy and "camera=()" in policy


@pytest.mark.parametrize("suffix", [".json", "/card.png", ""])
def test_result_resources_are_same_origin_only(db_client, db_app, suffix):
    token, _ = make_result(db_app)
    response = db_client.get(f"/r/{token}{suffix}")
    assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin"


@pytest.mark.parametrize("path", ["/", "/api/v1/questionnaire", "/robots.txt"])
def test_landing_page_and_api_say_how_to_cache(client, path):
    assert client.get(path).headers["Cache-Control"] == "no-store"


def test_instance_folder_is_private_and_so_is_the_database(tmp_path):
    instance = tmp_path / "instance"
    from flask import Flask

    from app import config
    app = Flask("probe", instance_path=str(instance))
    config.load(app, {"SECRET_KEY": "x"})
    assert stat.S_IMODE(instance.stat().st_mode) == 0o700
    db_file = tmp_path / "private.sqlite3"
    db.make_engine(f"sqlite:///{db_file}").dispose()
    assert stat.S_IMODE(os.stat(db_file).st_mode) == 0o600
