"""gunicorn's settings for Interview Verdict, read automatically from the working directory.

README's production command, `gunicorn -w 2 -b 127.0.0.1:8000 'app:create_app()'` behind nginx
(docs/nginx.conf), runs with these; a flag on the command line still wins over this file.
Every number can be set from the environment.

Why these:
- gthread workers: an idle keep-alive client holds no thread (the keep-alive timeout closes
  it). But a thread that has started reading a request waits for as long as the client likes:
  gunicorn has no deadline for a request's head, and gthread none for a body that stops
  arriving (eight connections that send a POST's headers and then one byte hold every thread
  of `-w 2`: scripts/slow_clients.py). That is nginx's job in production: it buffers whole
  requests with short header and body timeouts and hands gunicorn only complete ones
  (tests/faults/test_proxy.py). Never expose gunicorn directly.
- Request line and header limits at gunicorn's safe sizes, fewer header fields.
- The access log is on, and every share token in it is redacted: `/r/<token>` in the request
  line, the path, the Referer and the Location header (app/web/shared/logs.py).
"""
import logging
import os

from gunicorn.glogging import Logger, SafeAtoms

from app.web.shared.logs import redact

wsgi_app = "app:create_app()"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))            # a stuck worker is restarted
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))          # idle keep-alive, seconds
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None      # "-" is stdout; "" is off
access_log_format = '%(h)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'


class _RedactedAtoms(SafeAtoms):
    """The access log's fields, each redacted as the format reads it: only the handful a
    format names are worked on, not every header and environ entry of every request."""

    def __getitem__(self, key):
        return redact(super().__getitem__(key))


class RedactingLogger(Logger):
    """gunicorn's logger, with every share token taken out of the access log's fields (its
    documented atoms_wrapper_class) and out of its error log ("Error handling request /r/...")."""

    atoms_wrapper_class = _RedactedAtoms

    def setup(self, cfg):
        super().setup(cfg)
        for handler in self.error_log.handlers:
            handler.setFormatter(_Redacted(handler.formatter or logging.Formatter()))


class _Redacted(logging.Formatter):
    def __init__(self, inner: logging.Formatter):
        super().__init__()
        self.inner = inner

    def format(self, record):
        return redact(self.inner.format(record))


logger_class = RedactingLogger
worker_class = "gthread"


def post_worker_init(worker):
    """Once per start (from the first worker, with the app loaded): warn when every worker
    counts the limits on its own (memory:// with several workers; see README)."""
    if worker.age == 1:
        from app.web.shared.limits import warn_if_counted_per_process
        warn_if_counted_per_process(worker.wsgi, worker.cfg.workers)
