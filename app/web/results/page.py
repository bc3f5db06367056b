"""The result page's template context: the model's one view of the stored result, as is.

Why so little: what the page shows is worked out in the model, once, from the snapshot and
today's rules (model/result_view.py, the answers validated there once); this module only hands
that frozen value to the template, with the chart's number format.
"""
from __future__ import annotations

from dataclasses import fields

from ...model.chart import contribution_text
from ...model.result_view import result_view
from ...model.rules import Rules
from ...storage.store import StoredRecord


def page_context(rules: Rules, record: StoredRecord) -> dict:
    view = result_view(rules, record.snapshot, record.answers, record.details,
                       record.created_at, record.expires_at)
    return {**{f.name: getattr(view, f.name) for f in fields(view)},
            "contribution_text": contribution_text}
