"""GET /healthz: is this server able to answer, database included? For load balancers.

Why so terse: the body is "ok" or "unavailable" and nothing else (no versions, no error text,
no database URL); the operator finds the reason in the log. Never cached, never limited.
"""
from __future__ import annotations

from flask import Blueprint, Response, current_app
from sqlalchemy import text

from ...storage import db, timeouts

bp = Blueprint("health", __name__)
HEALTH_TIMEOUT = 1.5  # seconds of waiting on the database (a new connection may take 2)


@bp.get("/healthz")
def healthz():
    try:  # a stalled database: "unavailable" within about two seconds (timeouts.py)
        with timeouts.at_most(HEALTH_TIMEOUT), db.session() as s:
            s.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 - any failure means: take me out of rotation
        current_app.logger.error("health check failed: %s", type(exc).__name__)
        return Response("unavailable\n", 503, mimetype="text/plain",
                        headers={"Cache-Control": "no-store"})
    return Response("ok\n", 200, mimetype="text/plain", headers={"Cache-Control": "no-store"})
