"""The stateless JSON API: the questionnaire, and a verdict for a set of answers.

Nothing is stored and no cookie is read, so the blueprint is exempt from CSRF. Every kind of
bad input answers 400 with {"errors": [...]}, each naming the field and the problem. Answers
are written by orjson (keys sorted, UTF-8): a verdict's JSON took the standard library longer
than scoring it.
"""
from __future__ import annotations

import json

import orjson
from flask import Blueprint, Response, current_app, request

from ...model.answers import AnswerError, shown
from ...model.evaluate import evaluate
from ...model.json_text import bad_text
from ...model.serialize import result_to_dict
from ...model.submission import check_submission

bp = Blueprint("api", __name__, url_prefix="/api/v1")
ALLOWED_KEYS = ("answers", "details")


def questionnaire_dict(rules) -> dict:
    steps = []
    for step in rules.steps:
        questions = []
        for q in step.questions:
            item = {"id": q.id, "prompt": q.prompt,
                    "choices": [{"value": c.value, "label": c.label} for c in q.choices]}
            if q.help:
                item["help"] = q.help
            if q.asked_if:
                item["asked_if"] = {k: sorted(v) for k, v in q.asked_if.items()}
            questions.append(item)
        steps.append({"id": step.id, "title": step.title, "questions": questions})
    return {"rules_version": rules.version, "steps": steps,
            "details": [{"id": i, "label": label, "max_length": rules.details_max_length}
                        for i, label in rules.details]}


def answer(data, status: int = 200) -> Response:
    return Response(orjson.dumps(data, option=orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE),
                    status=status, mimetype="application/json")


def bad_request(errors: list[AnswerError]):
    return answer({"errors": [e.as_dict() for e in errors]}, 400)


def _json_body():
    """The parsed body, or None: not JSON, not UTF-8, or nested deep enough to exhaust the
    parser's recursion (a 2 KB body of brackets must be a 400, not a 500)."""
    try:
        return json.loads(request.get_data(cache=False))
    except (ValueError, RecursionError):
        return None


@bp.get("/questionnaire")
def questionnaire():
    return answer(questionnaire_dict(current_app.extensions["rules"]))


@bp.post("/verdict")
def verdict():
    rules = current_app.extensions["rules"]
    body = _json_body()
    if not isinstance(body, dict):
        return bad_request([AnswerError(None, "not_json", "the body must be a JSON object "
                                        'like {"answers": {"employment": "unemployed", ...}}')])
    if (bad := bad_text(body)) is not None:  # before anything echoes or stores a key or value
        return bad_request([bad])
    errors = [AnswerError(shown(k), "unknown_field", f"'{shown(k)}' is not expected here; "
                          "send answers and, optionally, details") for k in body
              if k not in ALLOWED_KEYS]
    if "answers" not in body:
        errors.append(AnswerError("answers", "missing", "answers is required"))
    submission, problems = check_submission(rules, body.get("answers", {}), body.get("details"))
    errors += problems
    if errors or submission is None:
        return bad_request(errors)
    return answer(result_to_dict(rules, evaluate(rules, submission.answers), submission.details))
