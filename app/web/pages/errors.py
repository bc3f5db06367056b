"""Error pages in the product's style, and JSON errors for the API.

Why: a stack trace, SQL or config must never reach a response; an API client gets
{"errors": [...]} with a clear message, a person gets a friendly page with a way back. The
error page reads no session state (a broken cookie must not break the page that reports it)
and, should it fail anyway, a fixed page in the same words is sent with the same headers.
The operator gets the traceback in the log (tokens redacted by logs.py; SQL parameters are
hidden by the engine), never the person.
"""
from __future__ import annotations

import math
import time

from flask import (
    Flask,
    Response,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_wtf.csrf import CSRFError
from markupsafe import escape
from sqlalchemy import exc as sa_exc
from werkzeug.exceptions import HTTPException, InternalServerError, SecurityError

from ..shared import limits

MESSAGES = {
    400: ("Something in that request wasn't right", "Please go back and try again."),
    403: ("You can't do that here",
          "Only the browser that made this result can change or delete it."),
    404: ("Page not found", "The link may be mistyped, or the result it pointed to was deleted "
          "or has expired."),
    405: ("That can't be done here", "Please go back and try again."),
    413: ("That was too much to send", "Please go back and send something shorter."),
    429: ("Please slow down", "Too many requests came from your connection in a short time. "
          "Nothing you answered was lost: please wait a moment and try again."),
    500: ("Sorry, something went wrong on our side", "Please try again in a moment."),
    503: ("Sorry, the service is busy", "Nothing you answered was lost. "
          "Please try again in a moment."),
}


FALLBACK = """<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>{title} – Interview Verdict</title>
<link rel="stylesheet" href="/static/css/app.css"></head>
<body><main id="main"><h1>{title}</h1><p>{text}</p>
<p><a href="/">Go to the start page</a></p></main></body></html>
"""


def _render(status: int, description: str | None = None):
    title, text = MESSAGES.get(status, MESSAGES[500] if status >= 500 else MESSAGES[400])
    if request.path.startswith("/api/"):
        return jsonify({"errors": [{"field": None, "code": f"http_{status}",
                                    "message": description or title}]}), status
    if isinstance(request.routing_exception, SecurityError):  # untrusted Host: no URLs to build
        return _fallback(status, title, text)
    try:
        return render_template("error.html", status=status, title=title, text=text), status
    except Exception:  # noqa: BLE001 - the page that reports an error must not fail itself
        current_app.logger.exception("error page for %s could not be drawn", status)
        return _fallback(status, title, text)


def _fallback(status: int, title: str, text: str) -> Response:
    return Response(FALLBACK.format(title=escape(title), text=escape(text)), status,
                    mimetype="text/html")


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(exc):
        """An expired or missing form token: nothing from the POST is used. A person is sent
        back (303) to the page the form belongs to, which says so, so that refresh and Back
        never resubmit; a POST with no such page gets the error page."""
        page = _page_of_form()
        if page is not None:
            flash("That page had expired, so nothing was done. Please try again.")
            return redirect(page, code=303)
        return render_template("error.html", status=400,
                               title="Your session expired",
                               text="For your security, forms expire. Please go back, "
                                    "reload the page and try again: your answers are kept."), 400

    @app.errorhandler(sa_exc.OperationalError)
    @app.errorhandler(sa_exc.InterfaceError)
    @app.errorhandler(sa_exc.TimeoutError)
    def database_unavailable(exc):
        """Locked, unreachable or saturated database: a 503 to retry, not a 500."""
        app.logger.error("database unavailable (%s) on %s %s", type(exc).__name__,
                         request.method, request.url_rule.rule if request.url_rule else "-")
        return _render(503)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        response = _render(exc.code or 500)
        if exc.code == 429:
            return with_retry_after(response, exc)
        return response

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        """The traceback, for the operator (redacted, no SQL parameters); a calm page for the
        person. The route is named by its rule, never by the path that holds a token."""
        app.logger.error("unhandled %s on %s %s", type(exc).__name__, request.method,
                         request.url_rule.rule if request.url_rule else "unknown route",
                         exc_info=exc)
        return _render(InternalServerError.code)


SAME_PAGE = {"wizard.step", "wizard.check", "results.delete"}  # forms whose URL has a GET page


def _page_of_form() -> str | None:
    """The page a refused form POST returns to: its own URL for a step, check answers and
    delete's confirmation; the result it belongs to for the other forms under /r/<token>/."""
    if request.method != "POST" or request.url_rule is None:
        return None
    args = dict(request.view_args or {})
    if request.endpoint in SAME_PAGE:  # built again by url_for: nothing from the path is echoed
        if request.args.get("return") == "check":
            args["return"] = "check"
        return url_for(request.endpoint, **args)
    if request.path.startswith("/r/") and isinstance(args.get("token"), str):
        return url_for("results.show", token=args["token"])
    return None


def with_retry_after(rendered, exc):
    """A 429 says when to come back: when the broken limit's window resets."""
    body, status = rendered if isinstance(rendered, tuple) else (rendered, 429)
    response = current_app.make_response((body, status))
    reset_at = limits.current_reset_at()
    seconds = math.ceil(reset_at - time.time()) if reset_at is not None else 60
    response.headers["Retry-After"] = str(max(seconds, 1))
    return response
