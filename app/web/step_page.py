"""A questionnaire step's page, rendered once per everything it shows and kept.

Why: a step is drawn from the rules and a handful of facts about this person (the questions
asked, their answers, the errors of a step sent incomplete, where Back leads, "Step N of M",
which question to focus); the same facts always give the same page. So its body is kept in
page_cache under exactly those facts, and a view is a session read and a token fill. Flashed
messages belong to one request: such a page is drawn for that request only.
"""
from __future__ import annotations

from flask import render_template, request

from . import csrf_token, page_cache
from .forms import step_form, tried_step_form
from .wizard_flow import asked_in_step, position


def show(rules, state: dict, current, back_url: str, back_to, args: dict):
    """The page of `current` for this state; `back_url`/`back_to`/`args` as the view worked
    them out. The key below names everything the page shows."""
    answers, tried = state["answers"], state.get("tried")
    missing = tuple(tried["missing"]) if tried and tried["step"] == current.id else None
    asked = asked_in_step(rules, current, answers)
    number, total = position(rules, current, answers)
    # back from check answers: a changed answer may have brought questions never answered
    new = tuple(q.id for q in asked if back_to and q.id not in answers)
    focus = request.args.get("focus")
    focus = focus if focus in {q.id for q in asked} else None
    key = ("step", id(rules), current.id, tuple((q.id, answers.get(q.id)) for q in asked),
           missing, number, total, back_url, back_to, new, focus)

    def render(csrf_token):
        if missing is not None:
            form = tried_step_form(rules, current, answers, missing)
        else:
            form = step_form(rules, current, answers)
        return render_template("wizard/step.html", step=current, form=form, number=number,
                               total=total, back_url=back_url, args=args,
                               new_questions=[rules.questions[i] for i in new],
                               focus=None if form.errors else focus,
                               errors=form.errors_in_order(), csrf_token=csrf_token)

    if not page_cache.cacheable():
        return render(csrf_token.session_csrf)
    return page_cache.conditional_html(page_cache.kept_page(key, render))
