"""What a verdict turns on, as the person reads it: at most two answers, each with a direction,
all among the changes listed, none of them a fact of the person's own life.

Why apart from the one-step trials: the trials answer "does one step of this answer move the
verdict off its side?" for every answer the person could change or be wrong about, and that
decides how firmly the verdict stands. What the page names is narrower. A person can find out
how good the role, the fit or the company really is, or how their other applications go; their
own time and feelings (`life_fact` in rules.toml) are theirs to know, not ours to suggest. And
a note naming six answers says nothing: the two that move the score most are named, each with
the way it would tip ("if the role turns out a worse fit than it looks, decline"), and both
are among the changes listed, first. Pure: no Flask.
"""
from __future__ import annotations

from .result import Suggestion
from .rules import Rules
from .whatif import Trial, as_suggestion

NAMED = 2         # answers named in the note
LISTED = 5        # changes listed under "what would change"


def suggested(rules: Rules, suggestions: list[Trial]) -> list[Trial]:
    """The moving changes a person could find out about: no life facts, only towards values
    the rules allow suggesting."""
    out = []
    for s in suggestions:
        q = rules.questions[s.changes[0].question]
        if not q.life_fact and (q.suggest_to is None or s.changes[0].to in q.suggest_to):
            out.append(s)
    return out


def named_and_listed(rules: Rules, base_total: float, suggestions: list[Trial]
                     ) -> tuple[tuple[str, ...], tuple[Suggestion, ...]]:
    """(the questions named, the suggestions listed): per question, its change that moves the
    score most; the NAMED questions whose change moves it most are named, and their changes
    lead the list. `base_total`: the person's own unrounded total; each trial carries its own."""
    found = suggested(rules, suggestions)
    if not found:
        return (), ()
    # contributions are whole hundredths: rounded, two equal moves tie exactly (then the
    # earlier change leads), whatever order the floating-point sums were made in
    moved = [(round(abs(s.total - base_total), 2), i, s) for i, s in enumerate(found)]
    best: dict[str, tuple] = {}
    for m in moved:
        q = m[2].changes[0].question
        if q not in best or m[0] > best[q][0]:
            best[q] = m
    ranked = sorted(best.values(), key=lambda m: (-m[0], m[1]))[:NAMED]
    named = tuple(m[2].changes[0].question for m in ranked)
    lead = [m[2] for m in ranked]
    listed = lead + [s for s in found if s not in lead]
    return named, tuple(as_suggestion(t) for t in listed[:LISTED])
