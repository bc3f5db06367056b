"""gunicorn's settings for Interview Verdict, read automatically from the working directory.

README's production command, `gunicorn -w 2 'app:create_app()'`, runs with these; a flag on
the command line still wins over this file. Every number can be set from the environment.

Why these:
- gthread workers with a header deadline: a slow or idle client holds one thread, not a whole
  worker, and not for long. Sync workers were taken down by four connections trickling one
  header line every 2 s. gunicorn itself has no total header-read deadline (a connection that
  sends nothing at all is handed back to its poller after 5 s, but one that trickles keeps its
  thread), so `HeaderDeadlineWorker` closes any connection whose request line and headers are
  not complete within GUNICORN_HEADER_TIMEOUT seconds (default 10). The keep-alive timeout
  closes idle connections. In front, nginx (docs/nginx.conf) buffers whole requests.
- Request line and header limits at gunicorn's safe sizes, fewer header fields.
- The access log is on, and every share token in it is redacted: `/r/<token>` in the request
  line, the path, the Referer and the Location header (app/web/logs.py).
"""
import logging
import os
import socket
import threading
import time

from gunicorn.glogging import Logger
from gunicorn.workers.gthread import ThreadWorker

from app.web.logs import redact

wsgi_app = "app:create_app()"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))            # a stuck worker is restarted
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))          # idle keep-alive, seconds
HEADER_TIMEOUT = float(os.environ.get("GUNICORN_HEADER_TIMEOUT", "10"))  # whole request head
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None      # "-" is stdout; "" is off
access_log_format = '%(h)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'


class RedactingLogger(Logger):
    """gunicorn's logger, with every share token taken out of the access log's fields and out
    of its error log ("Error handling request /r/...")."""

    def setup(self, cfg):
        super().setup(cfg)
        for handler in self.error_log.handlers:
            handler.setFormatter(_Redacted(handler.formatter or logging.Formatter()))

    def atoms(self, resp, req, environ, request_time):
        return {key: redact(value) for key, value in
                super().atoms(resp, req, environ, request_time).items()}


class _Redacted(logging.Formatter):
    def __init__(self, inner: logging.Formatter):
        super().__init__()
        self.inner = inner

    def format(self, record):
        return redact(self.inner.format(record))


logger_class = RedactingLogger


class HeaderDeadlines:
    """Connections whose request head is still being read, each with its deadline; one
    watcher thread per worker shuts down those past it (the blocked read then ends, and the
    thread is free)."""

    def __init__(self, seconds: float):
        self.seconds, self.lock, self.reading = seconds, threading.Lock(), {}
        threading.Thread(target=self._watch, name="header-deadlines", daemon=True).start()

    def start(self, conn) -> None:
        """From the moment a request's bytes are awaited (accept, or keep-alive readable),
        whether or not a thread has picked it up yet; a second call keeps the first deadline."""
        with self.lock:
            self.reading.setdefault(id(conn), (time.monotonic() + self.seconds, conn))

    def done(self, conn) -> None:
        with self.lock:
            self.reading.pop(id(conn), None)

    def _watch(self) -> None:
        while True:
            time.sleep(min(0.5, self.seconds / 4))
            now = time.monotonic()
            with self.lock:
                late = [key for key, (deadline, _) in self.reading.items() if deadline < now]
                late = [self.reading.pop(key)[1] for key in late]
            for conn in late:
                try:
                    conn.sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


class HeaderDeadlineWorker(ThreadWorker):
    """gunicorn's gthread worker, plus a deadline for reading each request's line and headers."""

    def init_process(self):
        self.header_deadlines = HeaderDeadlines(HEADER_TIMEOUT)  # in the worker, after the fork
        super().init_process()

    def enqueue_req(self, conn):
        self.header_deadlines.start(conn)
        super().enqueue_req(conn)

    def handle_request(self, req, conn):
        self.header_deadlines.done(conn)  # the head is in: the app may take its time
        return super().handle_request(req, conn)


worker_class = HeaderDeadlineWorker


def post_worker_init(worker):
    """Once per start (from the first worker, with the app loaded): warn when every worker
    counts the limits on its own (memory:// with several workers; see README)."""
    if worker.age == 1:
        from app.web.limits import warn_if_counted_per_process
        warn_if_counted_per_process(worker.wsgi, worker.cfg.workers)
