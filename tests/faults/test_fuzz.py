"""Malformed bodies, headers and methods on every route of the real server (gunicorn's own
HTTP parser in front): not one 5xx. The routes are read from the app's URL map, so a new
route is fuzzed without anyone remembering to add it."""
from __future__ import annotations

import json
import socket
from collections import Counter

import pytest

from app import create_app

from ..servers import Gunicorn
from .people import Person

BIG = 1024 * 1024 + 10


def bodies() -> list[tuple[str, dict, bytes]]:
    """(name, headers, raw body) for every kind of malformed or hostile body."""
    js = {"Content-Type": "application/json"}
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    out = [
        ("empty", {}, b""),
        ("json_broken", js, b'{"answers": '),
        ("json_not_utf8", js, b'{"answers": "\xff\xfe"}'),
        ("json_utf16", {"Content-Type": "application/json; charset=utf-16"},
         '{"answers": {}}'.encode("utf-16")),
        ("json_deep", js, b"[" * 50_000 + b"]" * 50_000),
        ("json_deep_answers", js, b'{"answers": ' + b"{\"a\":" * 3000 + b"1" + b"}" * 3001),
        ("json_huge_number", js, b'{"answers": 1e999999}'),
        ("json_types", js, b'{"answers": [null, true, 1.5, "x"], "details": "x"}'),
        ("json_nul", js, json.dumps({"answers": {"employment": "x\u0000"},
                                     "details": {"company_name": "a\u0000b"}}).encode()),
        ("json_null", js, b"null"),
        ("json_list", js, b"[]"),
        ("json_big_keys", js, json.dumps({"answers": {"k" * 100_000: "v"}}).encode()),
        ("json_surrogates", js, b'{"answers": {"employment": "\\ud800"}, '
                                b'"details": {"company_name": "\\udfff"}}'),
        # the same in keys, at every level the API reads (the unknown key was echoed: a 500)
        ("json_surrogate_key_top", js, b'{"\\ud800": "x", "answers": {}}'),
        ("json_surrogate_key_answers", js, b'{"answers": {"\\ud800": "x"}}'),
        ("json_surrogate_key_details", js, b'{"answers": {}, "details": {"\\udfff": "x"}}'),
        ("json_surrogate_key_deep", js, b'{"answers": {"a": [{"\\udbff": 1}]}}'),
        ("json_noncharacter_keys", js, '{"\ufffe": 1, "answers": {"\ufdd0": "\uffff"}, '
                                       '"details": {"\U0010fffe": "x"}}'.encode()),
        ("json_too_big", js, b'{"answers": "' + b"a" * BIG + b'"}'),
        ("form_junk", form, b"%%%&&&===\xff\xfe;;;"),
        ("form_many_fields", form, b"&".join(b"f%d=v" % i for i in range(20_000))),
        ("form_nul", form, b"employment=%00&company_name=a%00b&action=%00"),
        ("form_arrays", form, b"employment=unemployed&employment=student&action=back&action=x"),
        ("form_long", form, b"company_name=" + b"x" * 200_000),
        ("form_controls", form, "company_name=\u202eevil\u0007&role_title=\ufeff\u3164"
                                .encode()),
        ("multipart_no_boundary", {"Content-Type": "multipart/form-data"}, b"--x\r\n\r\n"),
        ("multipart_broken", {"Content-Type": "multipart/form-data; boundary=zz"},
         b"--zz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--z"),
        ("multipart_file", {"Content-Type": "multipart/form-data; boundary=zz"},
         b"--zz\r\nContent-Disposition: form-data; name=\"f\"; filename=\"../../x\"\r\n"
         b"Content-Type: application/octet-stream\r\n\r\n\x00\x01\r\n--zz--\r\n"),
        ("gzip_lie", {**js, "Content-Encoding": "gzip"}, b"not gzip at all"),
        ("xml", {"Content-Type": "application/xml"}, b"<!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>"),
        ("text", {"Content-Type": "text/plain"}, b"\x00\x01\x02"),
        ("weird_content_type", {"Content-Type": "\x7f/\x7f; boundary=\"\""}, b"a=b"),
    ]
    for name, body in (("chunk_bad_size", b"zz\r\n{}\r\n0\r\n\r\n"),
                       ("chunk_no_terminator", b"2\r\n{}XX0\r\n\r\n"),
                       ("chunk_bad_trailer", b"2\r\n{}\r\n0\r\nBad Trailer\r\n\r\n"),
                       ("chunk_too_big", (b"10000\r\n" + b"a" * 65536 + b"\r\n") * 17
                        + b"0\r\n\r\n")):
        out.append((name, {**js, "Transfer-Encoding": "chunked"}, body))
    return out


def send(port: int, method: str, path: str, headers: dict, body: bytes) -> int:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    if body and "Transfer-Encoding" not in headers:
        lines.append(f"Content-Length: {len(body)}")
    raw = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        try:
            s.sendall(raw)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server may refuse early (413) and close: its answer is still there
        answer = b""
        try:
            while chunk := s.recv(65536):
                answer += chunk
        except ConnectionResetError:
            pass
    assert answer.startswith(b"HTTP/1."), (method, path, answer[:100])
    return int(answer.split(b" ", 2)[1])


def paths(token: str) -> list[tuple[str, str]]:
    """(method, path) for every rule and method of the URL map, plus unexpected methods."""
    app = create_app({"SECRET_KEY": "x", "DATABASE_URL": "sqlite://"})
    values = {"token": token, "step_id": "you", "filename": "css/app.css"}
    out = []
    for rule in app.url_map.iter_rules():
        path = rule.rule
        for arg in rule.arguments:
            path = path.replace(f"<{arg}>", values[arg]).replace(f"<path:{arg}>", values[arg])
        for method in sorted(rule.methods | {"POST", "PUT", "DELETE", "PATCH"}):
            out.append((method, path))
    return out


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fuzz")
    with Gunicorn(tmp / "gunicorn.log", {"DATABASE_URL": f"sqlite:///{tmp / 'fuzz.sqlite3'}",
                                          "RATELIMIT_ENABLED": "0",
                                          "GUNICORN_ACCESS_LOG": ""}) as g:
        yield g


def test_no_malformed_request_is_a_5xx(server):
    person = Person(server.port)
    check_path, csrf = person.answer_everything()
    link = person.finish((check_path, csrf))
    token = link.rsplit("/", 1)[1]
    person.answer_everything()  # a live session again, so the wizard's forms are reached
    cookie = "; ".join(f"{k}={v}" for k, v in person.cookies.items())
    statuses: Counter = Counter()
    failures = []
    for method, path in paths(token):
        for name, headers, body in bodies():
            if method in ("GET", "HEAD", "OPTIONS", "DELETE") and name.startswith("chunk_too"):
                continue
            for with_session in (False, True):
                h = {**headers, "Cookie": cookie, "X-CSRFToken": csrf} if with_session \
                    else headers
                status = send(server.port, method, path, h, body)
                statuses[status] += 1
                if status >= 500:
                    failures.append((status, method, path, name, with_session))
    total = sum(statuses.values())
    print(f"\nfuzz: {total} requests, status counts {dict(sorted(statuses.items()))}, "
          f"{len(failures)} 5xx")
    assert failures == [], failures[:20]
    assert "Traceback" not in server.log.read_text()
