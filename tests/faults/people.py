"""A person finishing the questionnaire over real HTTP, as a browser does: one cookie jar,
every step page fetched, its CSRF token posted back, redirects followed until check answers,
then the final POST whose 303 hands out the share link."""
from __future__ import annotations

import http.client
import re
import threading
from http.cookies import SimpleCookie

from ..conftest import BASE_ANSWERS

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
RADIO = re.compile(r'type="radio"[^>]*name="([a-z_]+)"')


class Person:
    def __init__(self, port: int, timeout: float = 60):
        self.port, self.timeout, self.cookies = port, timeout, {}

    def request(self, method: str, path: str, body: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            from urllib.parse import urlencode
            data = urlencode(body).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=data, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            conn.close()
        for value in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie(value)
            for name, morsel in cookie.items():  # every path: the owner's cookie too
                if morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response.status, response.headers.get("Location"), text

    def answer_everything(self, answers: dict | None = None) -> tuple[str, str]:
        """Walk the steps to check answers; returns (check page path, its CSRF token)."""
        answers = answers or BASE_ANSWERS
        status, location, text = self.request("GET", "/q/")
        path = location
        for _ in range(12):
            status, location, text = self.request("GET", path)
            assert status == 200, (status, path, text[:300])
            token = CSRF.search(text).group(1)
            if path.startswith("/q/check"):
                return path, token
            fields = {name: answers[name] for name in set(RADIO.findall(text))}
            status, location, text = self.request("POST", path, {**fields, "csrf_token": token,
                                                                 "action": "continue"})
            assert status == 303, (status, path, text[:300])
            path = location
        raise AssertionError("never reached check answers")

    def finish(self, check: tuple[str, str], barrier: threading.Barrier | None = None) -> str:
        """The final POST; returns the share link's path from the 303."""
        path, token = check
        if barrier is not None:
            barrier.wait()
        status, location, text = self.request("POST", path, {"csrf_token": token,
                                                             "company_name": "Acme"})
        assert status == 303 and location and location.startswith("/r/"), (status, text[:300])
        return location
