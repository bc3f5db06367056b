"""A stored result as JSON: what a friend may see for anyone with the link, and everything
stored for its owner only.

Why two: the friend's page deliberately shows the verdict and its reasons and never the raw
answers, the details (the contact's name, the company) or the drafts; the public JSON carries
exactly that much (serialize.friend_view), and the owner's cookie opens the rest.
"""
from __future__ import annotations

from flask import abort, jsonify

from ...model.serialize import friend_view
from ...storage import store
from ..shared.owner import owner_secret
from .views import bp, load


@bp.get("/<token>.json")
def show_json(token):
    """What the friend's page shows, for anyone with the link (serialize.friend_view)."""
    record = load(token)
    return jsonify({**friend_view(record.snapshot), **_dates(record)})


@bp.get("/<token>/owner.json")
def owner_json(token):
    """Everything stored, for its owner only (their cookie's path is the result's)."""
    record = load(token)
    if not store.is_owner(record, owner_secret()):
        abort(403)
    return jsonify({**record.snapshot, **_dates(record),
                    "answers": dict(record.answers), "details": dict(record.details)})


def _dates(record) -> dict:
    return {"created_at": record.created_at.isoformat(),
            "updated_at": record.snapshot.get("updated_at"),
            "expires_at": record.expires_at.isoformat()}
