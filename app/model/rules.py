"""The rules as frozen objects: questions, factors, dealbreakers, verdict bands and advice.

Why types of their own: the scoring, the API and the forms all read the same `Rules` object,
built once from rules.toml by `rules_build`. No Flask here, and no file reading.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType

SIDES = ("pro", "con")
ADVICE_KINDS = ("go", "decline", "any")
MESSAGE_KINDS = ("decline", "thanks", "accept", "questions")
VERDICT_CODES = ("go", "lean_go", "toss_up", "lean_decline", "decline")  # best first


def conditions_hold(conditions, answers: Mapping[str, str]) -> bool:
    """Every (question, allowed values) pair is met: a question's asked_if, a dealbreaker's when."""
    for qid, allowed in conditions:
        if answers.get(qid) not in allowed:
            return False
    return True


class RulesError(ValueError):
    """The rules file is inconsistent; the message names the offending entry."""


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Question:
    id: str
    step: str
    prompt: str
    help: str
    choices: tuple[Choice, ...]
    asked_if: Mapping[str, frozenset[str]] | None = None
    better: tuple[str, ...] | None = None  # worse end first
    steps: tuple[str, ...] | None = None   # an order of succession, not of preference
    changeable: bool = False
    suggest_if: tuple[tuple[str, frozenset[str]], ...] = ()  # when a change may be suggested
    hinge: str = ""                        # "This turns on one answer: <hinge>"
    find_out: Mapping[str, str] = field(default_factory=dict)  # up/down, or per value
    ask: str = ""                          # a question for the recruiter, when it hinges here
    error: str = ""                        # the message when it is left unanswered
    optional: bool = False                 # the API may leave it out: "not said"
    life_fact: bool = False                # the person's own life: never suggested or named
    suggest_to: frozenset[str] | None = None  # the values a change may be suggested towards
    short: str = ""                        # its label in the check-answers summary

    @property
    def summary_label(self) -> str:
        """What check answers calls this question: its short label, else its prompt."""
        return self.short or self.prompt

    @cached_property
    def values(self) -> tuple[str, ...]:
        """The choices' values, in order (worked out once: every answer is checked against it)."""
        return tuple(c.value for c in self.choices)

    @cached_property
    def one_step(self) -> Mapping[str, tuple[str, ...]]:
        """For each answer, the answers one notch from it, in choice order ("what would
        change" tries only these)."""
        return {old: tuple(v for v in self.values if self.distance(old, v) == 1)
                for old in self.values}

    def label_of(self, value: str) -> str:
        return next(c.label for c in self.choices if c.value == value)

    def is_asked(self, answers: Mapping[str, str]) -> bool:
        return not self.asked_if or conditions_hold(self.asked_if.items(), answers)

    def distance(self, old: str, new: str) -> int:
        """How far an answer moves: notches along its order (`better`, or `steps` for a
        question whose answers follow one another without one being better), else 1."""
        order = self.better or self.steps
        if order:
            return abs(order.index(new) - order.index(old))
        return 0 if old == new else 1

    def find_out_text(self, old: str, new: str) -> str:
        """What the person would find out or do for this answer to move from old to new."""
        if self.better:
            up = self.better.index(new) > self.better.index(old)
            return self.find_out["up" if up else "down"]
        return self.find_out.get(f"{old}>{new}", self.find_out[new])


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Factor:
    id: str
    side: str
    label: str
    weight: float
    sources: tuple[str, ...]
    why: str = ""  # the reason as a phrase for the one-sentence summary, without "you"
    when: tuple[tuple[str, frozenset[str]], ...] = ()
    scale: tuple[tuple[str, Mapping[str, float]], ...] = ()
    add: tuple[tuple[str, Mapping[str, float]], ...] = ()


@dataclass(frozen=True)
class Dealbreaker:
    id: str
    cap: str
    reason: str
    sources: tuple[str, ...]
    when: tuple[tuple[str, frozenset[str]], ...]
    why: str = ""  # the reason as a phrase for the one-sentence summary, without "you"
    unless: tuple[str, ...] = ()  # factor ids: the dealbreaker does not fire when one applies


@dataclass(frozen=True)
class Band:
    code: str
    label: str
    min_score: float | None  # None: the last band, everything below


@dataclass(frozen=True)
class Advice:
    id: str
    kind: str
    title: str
    text: str
    sources: tuple[str, ...]
    steps: tuple[str, ...] = ()
    verdicts: frozenset[str] = frozenset()
    when: tuple[tuple[str, frozenset[str]], ...] = ()
    factors: frozenset[str] = frozenset()
    dealbreakers: frozenset[str] = frozenset()
    unless: tuple[tuple[str, frozenset[str]], ...] = ()  # none of these answers was given
    leans: frozenset[str] = frozenset()  # a close call: only when it leans this way

    @property
    def specificity(self) -> int:
        """How closely it is aimed: answer conditions plus triggers (factors, dealbreakers)."""
        return len(self.when) + bool(self.factors) + bool(self.dealbreakers)


@dataclass(frozen=True)
class Paragraph:
    text: str
    when: tuple[tuple[str, frozenset[str]], ...] = ()
    optional: str = ""  # "reason", "keep_in_touch": a line the person may drop


@dataclass(frozen=True)
class Message:
    id: str
    kind: str
    title: str
    to: str
    paragraphs: tuple[Paragraph, ...]
    when: tuple[tuple[str, frozenset[str]], ...] = ()
    greeting: str = ""  # overrides the draft's greeting (a note to someone whose name we lack)


@dataclass(frozen=True)
class Rules:
    version: str
    sources: Mapping[str, Mapping[str, str]]
    steps: tuple[Step, ...]
    questions: Mapping[str, Question]
    details: tuple[tuple[str, str], ...]
    details_max_length: int
    factors: tuple[Factor, ...]
    dealbreakers: tuple[Dealbreaker, ...]
    bands: tuple[Band, ...]
    lean_go_from: float
    strengths: Mapping[str, str]
    wording: Mapping[str, str]
    advice: tuple[Advice, ...]
    draft: Mapping[str, str]
    default_questions: tuple[str, ...]
    messages: tuple[Message, ...]
    verdict_order: tuple[str, ...] = field(default=())  # best first
    side_by_side: Mapping = field(default_factory=dict)  # /mine's sentence (model/compare.py)
    details_short: Mapping[str, str] = field(default_factory=dict)  # labels on check answers

    @cached_property
    def conditional(self) -> tuple[Question, ...]:
        """The questions asked only under a condition, in question order."""
        return tuple(q for q in self.questions.values() if q.asked_if)

    @cached_property
    def gates(self) -> frozenset[str]:
        """The questions some other question's condition reads: changing one of them may drop
        answers or ask new questions."""
        return frozenset(k for q in self.conditional if q.asked_if for k in q.asked_if)

    @cached_property
    def factors_by_question(self) -> Mapping[str, tuple[Factor, ...]]:
        """For each question, the factors whose contribution depends on its answer."""
        return {qid: tuple(f for f in self.factors
                           if any(q == qid for q, _ in (*f.when, *f.scale, *f.add)))
                for qid in self.questions}

    @cached_property
    def factors_by_id(self) -> Mapping[str, Factor]:
        return {f.id: f for f in self.factors}

    @cached_property
    def advice_by_id(self) -> Mapping[str, Advice]:
        return {a.id: a for a in self.advice}

    @cached_property
    def dealbreakers_by_question(self) -> Mapping[str, tuple[Dealbreaker, ...]]:
        """For each question, the dealbreakers whose condition (or `unless`) reads its answer."""
        def reads(d, qid):
            return any(q == qid for q, _ in d.when) or any(
                f.id in d.unless for f in self.factors_by_question[qid])
        return {qid: tuple(d for d in self.dealbreakers if reads(d, qid))
                for qid in self.questions}

    def band(self, code: str) -> Band:
        return next(b for b in self.bands if b.code == code)


def freeze(mapping: Mapping) -> Mapping:
    return MappingProxyType(dict(mapping))
