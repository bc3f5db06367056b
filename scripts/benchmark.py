"""Benchmark a full evaluation: validation, scoring, what-would-change, advice, JSON, per call.

Not a test: speed targets live here, where a busy machine cannot make a suite flaky.
Run: python scripts/benchmark.py [--sets 2000] [--rounds 5]
Goal: under 1 ms per full evaluation (median round) on the 2-core reference machine, and the
verdict with what would change (`evaluate` alone) well under 0.2 ms.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.model.answers import require_valid  # noqa: E402
from app.model.evaluate import evaluate  # noqa: E402
from app.model.rules_build import load_rules  # noqa: E402
from app.model.serialize import result_to_dict  # noqa: E402


def random_answers(rules, rng: random.Random, leave_out_optional: float = 0.0) -> dict:
    """One valid answer set: every question asked, in order, answered with a random choice (an
    optional question left out with the given chance, as an older client would). The scripts'
    one generator: audit_verdicts, audit_words, compare_api and bench_http use it too."""
    answers: dict[str, str] = {}
    for q in rules.questions.values():
        if q.is_asked(answers):
            if leave_out_optional and q.optional and rng.random() < leave_out_optional:
                continue
            answers[q.id] = rng.choice(q.values)
    return answers


def answer_sets(rules, n: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    return [random_answers(rules, rng) for _ in range(n)]


def full_evaluation(rules, raw: dict) -> None:
    answers = require_valid(rules, raw)
    result_to_dict(rules, evaluate(rules, answers), {"company_name": "Acme"})


def timed_rounds(fn, rules, sets, rounds: int) -> list[float]:
    """Mean milliseconds per call of fn(rules, answers), one figure per round."""
    per_call = []
    for _ in range(rounds):
        start = time.perf_counter()
        for raw in sets:
            fn(rules, raw)
        per_call.append((time.perf_counter() - start) / len(sets) * 1000)
    return per_call


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    rules = load_rules()
    sets = answer_sets(rules, args.sets)
    per_call = timed_rounds(full_evaluation, rules, sets, args.rounds)
    verdict_only = timed_rounds(evaluate, rules, sets, args.rounds)
    singles = []
    for raw in sets[:500]:
        start = time.perf_counter()
        full_evaluation(rules, raw)
        singles.append((time.perf_counter() - start) * 1000)
    singles.sort()
    print(f"answer sets: {len(sets)}, rounds: {args.rounds}, python {sys.version.split()[0]}")
    print(f"mean ms per evaluation, per round: {', '.join(f'{x:.3f}' for x in per_call)}")
    print(f"median round: {statistics.median(per_call):.3f} ms per evaluation "
          f"(fastest round {min(per_call):.3f} ms: the least disturbed by other work)")
    print(f"single calls (500): p50 {singles[len(singles) // 2]:.3f} ms, "
          f"p95 {singles[int(len(singles) * 0.95)]:.3f} ms, max {singles[-1]:.3f} ms")
    print(f"verdict and what would change (evaluate) alone: median round "
          f"{statistics.median(verdict_only):.3f} ms (fastest {min(verdict_only):.3f} ms)")
    print("goal: under 1 ms per full evaluation:",
          "met" if statistics.median(per_call) < 1.0 else "NOT met")
    print("goal: evaluate under 0.2 ms:",
          "met" if statistics.median(verdict_only) < 0.2 else "NOT met")


if __name__ == "__main__":
    main()
