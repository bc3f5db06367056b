"""Audit the verdict model over random answer sets: the counts issue 8 asks to drive to zero.

Prints, over N random valid answer sets (default 300, seeded):
- clear-but-fragile: verdicts labelled clear-cut that move to another side (go side / toss-up /
  decline side) when ONE answer the person could change or be wrong about moves by one step
  (one notch along its order; any other value for an unordered question; only where the
  rules' `suggest_if` makes it plausible, e.g. never other offers for someone not looking);
- same-side suggestions: "what would change" entries whose verdict is on the side already given;
- fit monotonicity violations: moving `fit` one notch better (mismatch -> partial -> strong)
  gives a verdict further from "go".

Run: python scripts/audit_verdicts.py [--sets 300] [--seed 11]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmark import answer_sets  # noqa: E402  (scripts/benchmark.py: the same random sets)

from app.model.answers import drop_unasked  # noqa: E402
from app.model.evaluate import evaluate  # noqa: E402
from app.model.result import side_of  # noqa: E402
from app.model.rules_build import load_rules  # noqa: E402

FIT_ORDER = ("mismatch", "partial", "strong")


def one_steps(rules, answers):
    """Every answer set one step away on a changeable question."""
    for q in rules.questions.values():
        if not q.changeable or q.id not in answers:
            continue
        if getattr(q, "suggest_if", ()) and not all(answers.get(k) in v for k, v in q.suggest_if):
            continue  # the rules say it isn't plausible here (other offers when not looking)
        current = answers[q.id]
        order = q.better or getattr(q, "steps", None)
        if order:
            i = order.index(current)
            targets = [order[j] for j in (i - 1, i + 1) if 0 <= j < len(order)]
        else:
            targets = [v for v in q.values if v != current]
        for value in targets:
            yield drop_unasked(rules, {**answers, q.id: value})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=300)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    rules = load_rules()
    order = rules.verdict_order
    sets = answer_sets(rules, args.sets, args.seed)
    clear = fragile = suggestions = same_side = fit_checked = fit_violations = 0
    for answers in sets:
        result = evaluate(rules, answers)
        code = result.verdict.code
        if result.verdict.strength == "clear":
            clear += 1
            if any(side_of(evaluate(rules, v).verdict.code) != side_of(code)
                   for v in one_steps(rules, answers)):
                fragile += 1
        for s in result.what_would_change:
            suggestions += 1
            same_side += side_of(s.verdict) == side_of(code)
        i = FIT_ORDER.index(answers["fit"])
        if i + 1 < len(FIT_ORDER):
            fit_checked += 1
            better = evaluate(rules, {**answers, "fit": FIT_ORDER[i + 1]}).verdict.code
            fit_violations += order.index(better) > order.index(code)
    print(f"rules {rules.version}, {len(sets)} random answer sets (seed {args.seed})")
    print(f"clear-cut verdicts: {clear}; of them moved off their side by one step: {fragile}")
    print(f"'what would change' suggestions: {suggestions}; keeping the same side: {same_side}")
    print(f"fit one notch better: {fit_checked} checked; verdict got worse: {fit_violations}")


if __name__ == "__main__":
    main()
