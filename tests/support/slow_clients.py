"""Slow clients against a running site, and whether it keeps answering meanwhile: used by the
proxy fault test (tests/faults/test_proxy.py) and by scripts/slow_clients.py (the probe, with and
without nginx in front).

Two kinds, as the outside probe sent them:
- slow headers: a request line, then one header line a second, never the blank line;
- slow bodies: complete headers for `POST /api/v1/verdict` with `Content-Length: 1000`, then
  one byte, then nothing.
While they hold their connections, a health probe asks `GET /healthz` once every half second
with a 2 s timeout; the answer is how many probes were answered 200, and how many were not.
"""
from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
from dataclasses import dataclass


@dataclass
class Probed:
    answered: int
    failed: int


def _connect(host: str, port: int, tls: bool) -> socket.socket:
    sock = socket.create_connection((host, port), timeout=30)
    if tls:
        context = ssl.create_default_context()
        context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
        sock = context.wrap_socket(sock)
    return sock


def _slow(kind: str, host: str, port: int, tls: bool, name: str, stop: threading.Event):
    try:
        sock = _connect(host, port, tls)
        if kind == "body":
            sock.sendall(f"POST /api/v1/verdict HTTP/1.1\r\nHost: {name}\r\n"
                         "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"
                         .encode())
            stop.wait()
        else:
            sock.sendall(f"GET / HTTP/1.1\r\nHost: {name}\r\n".encode())
            n = 0
            while not stop.wait(1.0):
                n += 1
                sock.sendall(f"X-Slow-{n}: {n}\r\n".encode())
        sock.close()
    except OSError:
        pass  # cut by the server: what a deadline does


def probe(host: str, port: int, *, tls: bool = False, name: str = "127.0.0.1",
          kinds: tuple[str, ...] = ("body",), connections: int = 8,
          seconds: float = 7.0) -> Probed:
    """Hold `connections` slow clients of each kind for `seconds`, probing /healthz."""
    stop = threading.Event()
    threads = [threading.Thread(target=_slow, args=(kind, host, port, tls, name, stop),
                                daemon=True)
               for kind in kinds for _ in range(connections)]
    for thread in threads:
        thread.start()
    time.sleep(1.0)  # every slow client is in and waiting
    answered = failed = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            cls = http.client.HTTPSConnection if tls else http.client.HTTPConnection
            kwargs = {"context": ssl._create_unverified_context()} if tls else {}
            conn = cls(host, port, timeout=2, **kwargs)
            conn.request("GET", "/healthz", headers={"Host": name})
            ok = conn.getresponse().status == 200
            conn.close()
        except OSError:
            ok = False
        answered, failed = answered + ok, failed + (not ok)
        time.sleep(max(0.0, 0.5 - (time.monotonic() - started)))
    stop.set()
    for thread in threads:
        thread.join(timeout=5)
    return Probed(answered, failed)
