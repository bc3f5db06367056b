"""Step forms built from the declared rules, never written out by hand per question.

Why generated: a question's id, prompt, choices and condition live once, in rules.toml. Each
step gets a Flask-WTF form class composed at request time (wtforms "Dynamic Form Composition":
subclass inside a function, setattr a field per question), holding only the questions this
person is asked, given the answers so far plus the values posted on this same page.
"""
from __future__ import annotations

from collections.abc import Mapping

from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import RadioField

try:  # wtforms >= 3.2; plain (value, label) tuples are deprecated there
    from wtforms.fields.choices import SelectChoice
except ImportError:  # pragma: no cover
    def SelectChoice(value, label):  # noqa: N802
        return (value, label)
from wtforms.validators import StopValidation

from ...model.answers import answer_problem
from ...model.rules import Question, Rules, Step
from .flow import asked_in_step, merge_step


def missing_message(question: Question) -> str:
    """GOV.UK style: say what to do, naming the question (it is also read in the summary)."""
    return question.error


class OneOf:
    """Required, and one of the declared values, by the model's own rule (answer_problem).
    One clear message either way: a forged or stale value is never echoed back, and 'Not a
    valid choice' is not a message for people."""

    def __init__(self, question: Question):
        self.question = question

    def __call__(self, form, field):
        """Stop at the first problem: one message per question, as GOV.UK advises."""
        problem = answer_problem(self.question, field.raw_data[0] if field.raw_data else "")
        if problem == "missing":
            raise StopValidation(missing_message(self.question))
        if problem is not None:
            raise StopValidation(self.question.error)


class StepForm(FlaskForm):
    """Base class: `questions` lists the Question objects behind the fields, in order."""

    questions: tuple[Question, ...] = ()

    def answers(self) -> dict[str, str]:
        """The validated choices, keyed by question id, ready for the session."""
        return {q.id: self[q.id].data for q in self.questions}

    def errors_in_order(self) -> list[tuple[str, str]]:
        """(first radio's id, message) per failing question, in page order, for the summary."""
        return [(q.id, self[q.id].errors[0]) for q in self.questions if self[q.id].errors]


def step_form_class(rules: Rules, step: Step, answers: Mapping[str, str]) -> type[StepForm]:
    """A form class with one RadioField per asked question of `step`: built once per (step,
    questions asked) and kept on the rules, so a request only instantiates it."""
    asked = tuple(asked_in_step(rules, step, answers))
    cache = rules.__dict__.setdefault("_step_forms", {})
    key = (step.id, tuple(q.id for q in asked))
    found = cache.get(key)
    if found is None:
        found = cache[key] = _build_form_class(step, asked)
    return found


def _build_form_class(step: Step, asked: tuple[Question, ...]) -> type[StepForm]:
    """wtforms "Dynamic Form Composition": subclass, then setattr a field per question."""

    class _Form(StepForm):
        pass

    for q in asked:
        setattr(_Form, q.id, RadioField(
            q.prompt, description=q.help,
            choices=[SelectChoice(c.value, c.label) for c in q.choices],
            validate_choice=False, validators=[OneOf(q)]))
    _Form.questions = asked
    _Form.__name__ = f"{step.id.title()}StepForm"
    return _Form


def step_form(rules: Rules, step: Step, answers: Mapping[str, str],
              formdata: Mapping | None = None) -> StepForm:
    """The form for a step: from the posted data on POST, else prefilled from the answers."""
    if formdata is not None:
        seen = merge_step(rules, step, answers, formdata)
        return step_form_class(rules, step, seen)(formdata=formdata)
    data = {q.id: answers.get(q.id) for q in asked_in_step(rules, step, answers)}
    return step_form_class(rules, step, answers)(formdata=None, data=data)


def tried_step_form(rules: Rules, step: Step, answers: Mapping[str, str],
                    missing) -> StepForm:
    """The form of a step that was sent incomplete, shown again after the redirect: the valid
    choices from that POST, and each question left unanswered or refused (`missing`, even where
    an earlier answer is kept) with its error. Only the questions are validated (the page's CSRF
    token is new; nothing is being submitted)."""
    kept = MultiDict([(q.id, answers[q.id]) for q in asked_in_step(rules, step, answers)
                      if q.id in answers and q.id not in missing])
    form = step_form_class(rules, step, answers)(formdata=kept)
    for q in form.questions:
        form[q.id].validate(form)
    return form
