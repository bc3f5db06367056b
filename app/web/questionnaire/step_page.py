"""A questionnaire step's page, drawn once per everything it shows and cached (page_cache).

Why: a step is drawn from the rules and a handful of facts about this person (the questions
asked, their answers, the errors of a step sent incomplete, where Back leads, "Step N of M",
which question to focus); the same facts always give the same page. `step_key` names all of
them; a view is then a session read, a cache read and a token fill.
"""
from __future__ import annotations

import hashlib

from flask import render_template, request

from ..shared import page_cache
from .flow import asked_in_step, position
from .forms import step_form, tried_step_form


def show(rules, state: dict, current, back_url: str, back_to, args: dict):
    """The page of `current` for this state; `back_url`/`back_to`/`args` as the view worked
    them out."""
    answers, tried = state["answers"], state.get("tried")
    missing = tuple(tried["missing"]) if tried and tried["step"] == current.id else None
    asked = asked_in_step(rules, current, answers)
    number, total = position(rules, current, answers)
    # back from check answers: a changed answer may have brought questions never answered
    new = tuple(q.id for q in asked if back_to and q.id not in answers)
    focus = request.args.get("focus")
    focus = focus if focus in {q.id for q in asked} else None
    facts = (rules.version, current.id, tuple((q.id, answers.get(q.id)) for q in asked),
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

    return page_cache.page(step_key(facts), render)


def step_key(facts: tuple) -> str:
    """Everything a step page shows, named in one key."""
    return "step/" + hashlib.sha256(repr(facts).encode()).hexdigest()
