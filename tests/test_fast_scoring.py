"""The fast path (load-time contribution tables, rescoring by difference, only one-step trials)
gives exactly what a straightforward full scoring gives, for random answer sets."""
from __future__ import annotations

import json

from hypothesis import given, settings

from app.model.advice import select_advice
from app.model.evaluate import evaluate, strength_of
from app.model.hinges import named_and_listed
from app.model.result import (
    Change,
    DealbreakerResult,
    FactorResult,
    Result,
    Suggestion,
    Verdict,
    side_of,
)
from app.model.scoring import (
    capped_band,
    compiled,
    factor_contribution,
    fired_dealbreakers,
    verdict_code,
)
from app.model.serialize import result_to_dict
from app.model.whatif import MAX_SUGGESTIONS, _completions, apply_changes, suggestable

from .test_scoring import RULES, answer_sets


def slow_evaluate(rules, answers) -> Result:
    """Every factor computed from the rules, every change of every suggestable answer scored
    in full with verdict_code: no tables, no differences, no pruning."""
    factors = [FactorResult(f.id, f.side, f.label, c, f.sources) for f in rules.factors
               if (c := factor_contribution(f, answers))]
    factors.sort(key=lambda r: -abs(r.contribution))
    score = round(sum(r.contribution for r in factors), 2)
    dealbreakers = fired_dealbreakers(rules, answers)
    index = capped_band(rules, score, dealbreakers)
    code = rules.verdict_order[index]
    tried = []
    for q in suggestable(rules, answers):
        for value in q.values:
            if value == answers[q.id]:
                continue
            change = Change(q.id, value)
            for extra, complete in _completions(rules, apply_changes(rules, answers, [change])):
                tried.append(((change,) + extra, q.distance(answers[q.id], value),
                              verdict_code(rules, complete)))
    moving = [t for t in tried if t[1] == 1 and side_of(t[2]) != side_of(code)]
    hinges = tuple(dict.fromkeys(t[0][0].question for t in moving))
    strength = strength_of(code, hinges)
    lean = ("go" if score >= rules.lean_go_from else "decline") if code == "toss_up" else None
    named, listed = named_and_listed(rules, answers, [Suggestion(c, v) for c, _, v
                                                      in moving[:MAX_SUGGESTIONS]])
    return Result(
        rules_version=rules.version, answers=dict(answers),
        verdict=Verdict(code, rules.bands[index].label, strength, rules.strengths[strength],
                        lean, named),
        score=score, factors=tuple(factors),
        dealbreakers=tuple(DealbreakerResult(d.id, d.reason, d.cap, d.sources)
                           for d in dealbreakers),
        what_would_change=listed,
        advice=select_advice(rules, code, answers, {f.id for f in factors},
                             {d.id for d in dealbreakers}, lean))


@settings(max_examples=400, deadline=None)
@given(answer_sets())
def test_the_fast_evaluation_is_byte_identical_to_a_full_scoring(answers):
    fast = json.dumps(result_to_dict(RULES, evaluate(RULES, answers)), sort_keys=True)
    slow = json.dumps(result_to_dict(RULES, slow_evaluate(RULES, answers)), sort_keys=True)
    assert fast == slow


@settings(max_examples=300, deadline=None)
@given(answer_sets())
def test_the_contribution_tables_hold_what_factor_contribution_gives(answers):
    for table in compiled(RULES).factors:
        assert table(answers) == factor_contribution(table.factor, answers)
