"""gunicorn.conf.py: README's production command under it reads its settings and writes an
access log with no share token in it (slow clients are nginx's: docs/nginx.conf)."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from gunicorn.config import Config

from app.web.shared.logs import redact

from .servers import PRODUCTION_COMMAND, ROOT, Gunicorn

TOKEN = "Q" * 20 + "_-" + "z" * 21


def test_config_file_is_read_and_sets_threads_and_timeouts():
    out = subprocess.run([sys.executable, "-m", "gunicorn", "--print-config",
                          *PRODUCTION_COMMAND], cwd=ROOT, capture_output=True, text=True,
                         timeout=30, env={"PATH": "/usr/bin:/bin"}).stdout
    settings = dict(line.split(" = ", 1) for line in out.splitlines() if " = " in line)
    settings = {k.strip(): v.strip() for k, v in settings.items()}
    assert settings["worker_class"] == "gthread"
    assert settings["workers"] == "2" and int(settings["threads"]) >= 4
    assert settings["keepalive"] == "5" and settings["timeout"] == "30"
    assert settings["logger_class"] == "<RedactingLogger()>"


ENCODED = "".join(f"%{ord(c):02X}" if i % 2 else c for i, c in enumerate(TOKEN))


@pytest.mark.parametrize(("logged", "written"), [
    (f"GET /r/{TOKEN}/card.png HTTP/1.1", "GET /r/[token]/card.png HTTP/1.1"),
    (f"https://x.example/r/{TOKEN}.json", "https://x.example/r/[token].json"),
    (f"GET /r/{ENCODED} HTTP/1.1", "GET /r/[token] HTTP/1.1"),
    (f"GET /%72/{ENCODED}.json HTTP/1.1", "GET /r/[token].json HTTP/1.1"),
    (f"GET /r%2F{TOKEN}/card.png HTTP/1.1", "GET /r/[token]/card.png HTTP/1.1"),
    (f"GET /r%2f{TOKEN.lower()} HTTP/1.1", "GET /r/[token] HTTP/1.1"),
    (f"/r/{TOKEN}?next=/r/{ENCODED}", "/r/[token]?next=/r/[token]"),
    ("GET /q/check HTTP/1.1", "GET /q/check HTTP/1.1"),
    (7, 7),
])
def test_redaction_of_share_paths(logged, written):
    assert redact(logged) == written


def test_every_access_log_field_is_redacted(tmp_path):
    """Whatever fields an operator's format names (request line, path, Referer, Location),
    the line written carries no share token."""
    log = tmp_path / "access.log"
    cfg = Config()
    cfg.set("accesslog", str(log))
    cfg.set("access_log_format",
            '"%(r)s" %(U)s "%(f)s" %({location}o)s %({referer}i)s %({raw_uri}e)s %(s)s')
    namespace: dict = {}
    exec(compile((ROOT / "gunicorn.conf.py").read_text(), "gunicorn.conf.py", "exec"), namespace)
    logger = namespace["RedactingLogger"](cfg)

    class Resp:
        status, sent, status_code = "303 SEE OTHER", 0, 303
        headers = [("Location", f"/r/{TOKEN}")]

    class Delta:
        seconds, microseconds = 0, 1500

    environ = {"REQUEST_METHOD": "GET", "RAW_URI": f"/r/{TOKEN}", "PATH_INFO": f"/r/{TOKEN}",
               "SERVER_PROTOCOL": "HTTP/1.1", "HTTP_REFERER": f"http://h/r/{TOKEN}",
               "QUERY_STRING": ""}
    logger.access(Resp(), [("Referer", f"http://h/r/{TOKEN}")], environ, Delta())
    for handler in logger.access_log.handlers:
        handler.flush()
    assert log.read_text() == ('"GET /r/[token] HTTP/1.1" /r/[token] "http://h/r/[token]" '
                               "/r/[token] http://h/r/[token] /r/[token] 303\n")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("server")
    with Gunicorn(tmp_path / "gunicorn.log",
                  {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}) as g:
        yield g


def test_access_log_has_no_share_token(server):
    for path in (f"/r/{TOKEN}", f"/r/{TOKEN}/card.png", "/static/css/app.css"):
        req = urllib.request.Request(server.url + path, headers={"Referer": server.url +
                                                                 f"/r/{TOKEN}"})
        try:
            urllib.request.urlopen(req, timeout=10).read()
        except urllib.error.HTTPError as e:
            assert e.code == 404
    time.sleep(0.3)
    log = server.log.read_text()
    assert log.count("/r/[token]") >= 5, log
    assert TOKEN not in log


def test_several_workers_counting_in_memory_are_warned_about_once(server, tmp_path):
    """README's command (-w 2) with the default memory:// storage: one warning naming the
    setting; one worker, or a shared storage, starts without it."""
    deadline = time.monotonic() + 10
    while "RATELIMIT_STORAGE_URI" not in server.log.read_text():
        assert time.monotonic() < deadline, server.log.read_text()
        time.sleep(0.1)
    assert server.log.read_text().count("limits are counted per worker (2 workers") == 1
    with Gunicorn(tmp_path / "one.log", {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
                  ["-w", "1", "app:create_app()"]) as one:
        assert urllib.request.urlopen(one.url + "/healthz", timeout=10).status == 200
    assert "RATELIMIT_STORAGE_URI" not in (tmp_path / "one.log").read_text()


def raw(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(request)
        s.shutdown(socket.SHUT_WR)
        out = b""
        while chunk := s.recv(65536):
            out += chunk
    return out


@pytest.mark.parametrize("path", ["/api/v1/verdict", "/q/check", "/q/you",
                                  "/r/" + TOKEN + "/delete"])
@pytest.mark.parametrize("body", [
    b"zz\r\n{}\r\n0\r\n\r\n",               # InvalidChunkSize (the reproducer)
    b"2\r\n{}XX0\r\n\r\n",                  # ChunkMissingTerminator
    b"2\r\n{}\r\n0\r\nBad Trailer\r\n\r\n",  # InvalidHeader in the trailer
])
def test_malformed_chunked_bodies_are_400_not_500(server, path, body):
    head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
            "Content-Type: application/json\r\n\r\n").encode()
    answer = raw(server.port, head + body)
    assert answer.startswith(b"HTTP/1.1 400 "), answer[:200]
    assert b"Content-Security-Policy" in answer


def test_oversized_chunked_body_is_413(server):
    chunk = b"a" * 65536
    body = (b"%x\r\n" % len(chunk) + chunk + b"\r\n") * 17 + b"0\r\n\r\n"  # 1.06 MiB
    head = (b"POST /api/v1/verdict HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n")
    answer = raw(server.port, head + body)
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:200]
    assert b'"code":"http_413"' in answer.replace(b" ", b"")


def test_good_chunked_body_still_works(server):
    import json
    body = json.dumps({"answers": {}}).encode()
    head = (b"POST /api/v1/verdict HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            b"Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n")
    answer = raw(server.port, head + b"%x\r\n" % len(body) + body + b"\r\n0\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 400 ") and b'"code":"missing"' in answer, answer[-300:]


def test_gunicorn_error_log_is_redacted():
    import logging as std_logging

    cfg = Config()
    namespace: dict = {}
    exec(compile((ROOT / "gunicorn.conf.py").read_text(), "gunicorn.conf.py", "exec"), namespace)
    logger = namespace["RedactingLogger"](cfg)
    handler = logger.error_log.handlers[0]
    record = std_logging.LogRecord("gunicorn.error", std_logging.ERROR, __file__, 1,
                                   "Error handling request %s", (f"/r/{TOKEN}",), None)
    text = handler.formatter.format(record)
    assert "/r/[token]" in text and TOKEN not in text
