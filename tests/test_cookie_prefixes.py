"""Cookie names over HTTPS carry the prefixes browsers enforce (issue 19): the session cookie is
`__Host-session` (Secure, Path=/, no Domain: a sibling subdomain or a plain-HTTP page cannot
plant one, which is how a fixation starts), cookies scoped to a path are `__Secure-`. Over plain
HTTP (development, these tests' other files) the names stay bare. SQLite and PostgreSQL."""
from __future__ import annotations

import re

import pytest

from .support.answers import BASE_ANSWERS
from .support.walk import client_get_verdict, step_data

HTTPS = "https://localhost"


def set_cookies(response) -> dict[str, str]:
    return {c.split("=", 1)[0]: c for c in response.headers.getlist("Set-Cookie")}


def finish(db_app, base_url):
    client = db_app.test_client()
    client.get("/", base_url=base_url)
    response = client_get_verdict_at(client, base_url)
    assert response.status_code == 303
    return client, response


def client_get_verdict_at(client, base_url):
    """The whole questionnaire over `base_url` (the walk helper speaks plain HTTP)."""
    location = client.get("/q/", base_url=base_url).headers["Location"]
    for _ in range(20):
        if location.endswith("/q/check"):
            break
        step = location.rsplit("/", 1)[1]
        location = client.post(f"/q/{step}", data=step_data(step, BASE_ANSWERS),
                               base_url=base_url).headers["Location"]
    return client.post("/q/check", data={}, base_url=base_url)


def test_over_https_the_session_is_host_prefixed_and_path_cookies_secure_prefixed(db_app):
    client, response = finish(db_app, HTTPS)
    cookies = set_cookies(response)
    assert set(cookies) >= {"__Host-session", "__Host-iv_device", "__Secure-iv_owner",
                            "__Secure-iv_result"}
    session = cookies["__Host-session"]
    assert "Secure" in session and "Path=/" in session and "Domain" not in session
    token = response.location.rsplit("/", 1)[1]
    assert f"Path=/r/{token}" in cookies["__Secure-iv_owner"]
    assert all("Secure" in c for c in cookies.values())
    # the owner is recognised by the prefixed cookie, and can delete
    assert client.get(f"/r/{token}/delete", base_url=HTTPS).status_code == 200
    deleted = client.post(f"/r/{token}/delete", base_url=HTTPS)
    assert deleted.status_code == 303
    assert re.search(r"__Secure-iv_owner=; .*Max-Age=0", " ".join(
        deleted.headers.getlist("Set-Cookie")))


def test_a_bare_session_cookie_is_ignored_over_https(db_app):
    """A cookie planted as `session` (over plain HTTP, or by a sibling subdomain) is not the
    session of an HTTPS request: the questionnaire starts fresh."""
    planter = db_app.test_client()
    client_get_verdict(planter, dict(BASE_ANSWERS))
    victim = db_app.test_client()
    victim.set_cookie("session", planter.get_cookie("session").value)
    check = victim.get("/q/check", base_url=HTTPS)
    assert check.status_code == 302 and check.location.endswith("/q/you")  # nothing answered


@pytest.mark.parametrize("name", ["session", "iv_device", "iv_owner", "iv_result"])
def test_over_plain_http_names_stay_bare(db_app, name):
    _, response = finish(db_app, "http://localhost")
    assert name in set_cookies(response)
