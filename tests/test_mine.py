"""Your interviews (GET /mine) over real HTTP: README's production server (gunicorn, CSRF and
limits on), two independent browsers as two cookie jars.

One browser makes a go, a decline and a close call: /mine lists exactly those three, go side
first, then the close call, then the decline side; a second browser sees none and gets no
cookie; deleting one from the list leaves two; forgetting the device empties the list and the
results' links keep working.
"""
from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest

from .servers import Gunicorn
from .support.answers import CLOSE, DECLINE, GO
from .support.walk import CSRF_INPUT, step_data

ITEM = re.compile(r'<li class="mine-item mine-(\w+)">.*?<h2[^>]*>([^<]*)</h2>.*?'
                  r'<strong>([^<]*)</strong>.*?href="/r/([A-Za-z0-9_-]{43})"', re.S)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A cookie jar and urllib: redirects are returned, not followed."""

    def __init__(self, base: str):
        self.base, self.jar = base, CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar),
                                                  _NoRedirect)

    def request(self, path: str, data: dict | None = None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            response = self.opener.open(self.base + path, data=body, timeout=30)
        except urllib.error.HTTPError as error:  # 3xx and 4xx arrive here
            response = error
        response.text = response.read().decode()
        return response

    def csrf(self, path: str) -> dict:
        found = CSRF_INPUT.search(self.request(path).text)
        return {"csrf_token": found.group(1)} if found else {}

    def post(self, path: str, data: dict, token_from: str | None = None):
        return self.request(path, {**data, **self.csrf(token_from or path)})

    def verdict(self, answers: dict, details: dict) -> str:
        """Walk the questionnaire and press 'Get my verdict': the result's token."""
        location = self.request("/q/").headers["Location"]
        while location != "/q/check":
            step = location.removeprefix("/q/")
            location = self.post(location, step_data(step, answers)).headers["Location"]
        response = self.post("/q/check", details)
        assert response.status == 303, response.text[:300]
        return response.headers["Location"].rsplit("/", 1)[1]

    def cookie(self, name: str):
        return next((c for c in self.jar if c.name == name), None)

    def listed(self) -> list[tuple[str, str, str, str]]:
        """(side, title, verdict, token) of each row of /mine, in order."""
        return ITEM.findall(self.request("/mine").text)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mine-http")
    with Gunicorn(folder / "gunicorn.log",
                  {"DATABASE_URL": f"sqlite:///{folder / 'mine.sqlite3'}"}) as gunicorn:
        yield gunicorn


def test_one_browser_lists_its_three_verdicts_in_order_and_nobody_else_sees_them(server):
    me = Browser(server.url)
    made = {name: me.verdict(answers, {"company_name": name, "role_title": "Analyst"})
            for name, answers in (("Declinia", DECLINE), ("Closeby", CLOSE), ("Gofar", GO))}
    device = me.cookie("iv_device")
    assert device is not None and len(device.value) == 43 and device.path == "/"
    assert device.has_nonstandard_attr("HttpOnly") and device.secure is False
    assert device.get_nonstandard_attr("SameSite") == "Lax"

    page = me.request("/mine")
    assert page.status == 200
    assert page.headers["Cache-Control"] == "no-store"
    assert page.headers["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in page.text
    assert me.listed() == [
        ("go", "Analyst at Gofar", "Go to the interview", made["Gofar"]),
        ("toss_up", "Analyst at Closeby", "A close call", made["Closeby"]),
        ("decline", "Analyst at Declinia", "Decline, politely and promptly", made["Declinia"]),
    ]
    assert 'href="/mine"' in me.request("/").text  # the landing page links here now

    stranger = Browser(server.url)
    empty = stranger.request("/mine")
    assert empty.status == 200 and empty.headers.get("Set-Cookie") is None
    assert stranger.listed() == [] and "When you get a verdict in this browser" in empty.text
    assert not any(token in empty.text for token in made.values())
    assert 'href="/mine"' not in stranger.request("/").text


def test_delete_from_the_list_leaves_two_and_forgetting_keeps_the_links(server):
    me = Browser(server.url)
    tokens = [me.verdict(answers, {}) for answers in (GO, CLOSE, DECLINE)]
    assert [row[3] for row in me.listed()] == tokens

    confirm = me.request(f"/r/{tokens[1]}/delete?from=mine")
    assert confirm.status == 200 and 'name="from" value="mine"' in confirm.text
    deleted = me.post(f"/r/{tokens[1]}/delete", {"from": "mine"},
                      token_from=f"/r/{tokens[1]}/delete?from=mine")
    assert (deleted.status, deleted.headers["Location"]) == (303, "/mine")
    assert [row[3] for row in me.listed()] == [tokens[0], tokens[2]]
    assert me.request(f"/r/{tokens[1]}").status == 404

    assert me.request("/mine/forget").status == 200
    forgot = me.post("/mine/forget", {})
    assert (forgot.status, forgot.headers["Location"]) == (303, "/mine")
    assert me.cookie("iv_device") is None
    assert me.listed() == []
    for token in (tokens[0], tokens[2]):
        assert me.request(f"/r/{token}").status == 200
        assert Browser(server.url).request(f"/r/{token}").status == 200
