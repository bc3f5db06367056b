"""Several verdicts side by side (model/compare.py): the order of /mine, and the sentence saying
which to prepare for first, said only when it is true."""
from __future__ import annotations

import pytest

from app.model.compare import prepare_first, sort_key
from app.model.evaluate import evaluate
from app.model.serialize import result_to_dict

from .support.answers import CLOSE, DECLINE, GO, MIXED

GO_KEEN_SOME_TIME = dict(GO, prep_time="some")  # go, very interested, score 11.02
GO_UNSURE = dict(GO, role_interest="some", prep_time="some")  # go, unsure, score 9.82
GO_KEEN_PLENTY = GO  # go, very interested, score 12.54


def pair(rules, answers):
    return answers, result_to_dict(rules, evaluate(rules, answers))


def ordered(rules, named: dict) -> list[str]:
    pairs = {name: pair(rules, answers) for name, answers in named.items()}
    return sorted(pairs, key=lambda n: sort_key(rules, *pairs[n]))


@pytest.mark.parametrize(("named", "expected"), [
    ({"decline": DECLINE, "close": CLOSE, "go": GO}, ["go", "close", "decline"]),
    # role interest leads the go side, even against a higher score
    ({"unsure": GO_UNSURE, "mixed": MIXED, "keen": GO_KEEN_SOME_TIME},
     ["keen", "unsure", "mixed"]),
    # as keen on both: the higher score first
    ({"some_time": GO_KEEN_SOME_TIME, "plenty": GO_KEEN_PLENTY}, ["plenty", "some_time"]),
])
def test_the_order_of_the_list(rules, named, expected):
    assert ordered(rules, named) == expected


def test_the_go_side_takes_lean_go_too(rules):
    answers, snapshot = pair(rules, MIXED)
    lean = {**snapshot, "verdict": {**snapshot["verdict"], "code": "lean_go"}}
    close = pair(rules, CLOSE)
    assert sort_key(rules, answers, lean) < sort_key(rules, *close)


@pytest.mark.parametrize(("answer_sets", "key"), [
    ([GO_KEEN_SOME_TIME, GO_UNSURE], "want_most"),  # wants the first one more
    ([GO_KEEN_PLENTY, GO_KEEN_SOME_TIME], "clearest"),  # as keen on both
    ([GO_KEEN_PLENTY, GO_UNSURE, DECLINE], "want_most"),  # short time said for one of them
    ([GO_KEEN_PLENTY, dict(GO, role_interest="some")], None),  # plenty of time for both
    ([GO_KEEN_SOME_TIME, CLOSE, DECLINE], None),  # only one on the go side
    ([GO_KEEN_SOME_TIME], None),
])
def test_prepare_first_only_when_two_go_and_time_is_short(rules, answer_sets, key):
    pairs = sorted((pair(rules, a) for a in answer_sets), key=lambda p: sort_key(rules, *p))
    said = prepare_first(rules, pairs, "the first one on this list (Analyst at Gofar)")
    if key is None:
        assert said is None
        return
    words = rules.side_by_side[key]
    assert said["text"] == words.replace("{first}", "the first one on this list (Analyst at Gofar)")
    assert [s["id"] for s in said["sources"]] == ["003"]
