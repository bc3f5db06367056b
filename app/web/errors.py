"""Error pages in the product's style, and JSON errors for the API.

Why: a stack trace, SQL or config must never reach a response; an API client gets
{"errors": [...]} with a clear message, a person gets a friendly page with a way back.
"""
from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy import exc as sa_exc
from werkzeug.exceptions import HTTPException, InternalServerError

MESSAGES = {
    400: ("Something in that request wasn't right", "Please go back and try again."),
    403: ("You can't do that here", "Only the browser that made this result can delete it."),
    404: ("Page not found", "The link may be mistyped, or the result it pointed to was deleted "
          "or has expired."),
    405: ("That can't be done here", "Please go back and try again."),
    413: ("That was too much to send", "Please go back and send something shorter."),
    500: ("Sorry, something went wrong on our side", "Please try again in a moment."),
    503: ("Sorry, the service is busy", "Nothing you answered was lost. "
          "Please try again in a moment."),
}


def _render(status: int, description: str | None = None):
    title, text = MESSAGES.get(status, MESSAGES[500] if status >= 500 else MESSAGES[400])
    if request.path.startswith("/api/"):
        return jsonify({"errors": [{"field": None, "code": f"http_{status}",
                                    "message": description or title}]}), status
    return render_template("error.html", status=status, title=title, text=text), status


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(exc):
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
        return _render(exc.code or 500)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        app.logger.error("unhandled %s on %s %s", type(exc).__name__, request.method,
                         request.url_rule.rule if request.url_rule else "unknown route")
        return _render(InternalServerError.code)
