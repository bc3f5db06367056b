"""Record what POST /api/v1/verdict answers for N random valid answer sets, one JSON line each.

Why: a change to the model that should not change any verdict (a faster scoring path, a
deletion) is checked by running this before and after and diffing the two files. The answer
sets come from the rules' own questions and conditions (each asked question answered with a
random choice, unasked ones left out), with a fixed seed, so two runs on the same rules send
the same requests. Some requests also carry details (company, role, contact name), which the
drafted messages use. Requests go through Flask's test client with rate limits off.

Run: python scripts/compare_api.py [--sets 3000] [--seed 17] [--out /tmp/verdicts.jsonl]
then: diff /tmp/before.jsonl /tmp/after.jsonl (or --against the first file for a count).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmark import random_answers  # noqa: E402  (scripts/benchmark.py: the one generator)

from app import create_app  # noqa: E402
from app.model.rules_build import load_rules  # noqa: E402

DETAIL_VALUES = ("Acme", "Zoë & Co", "Ada", "Senior <Engineer>", "  Lead  ")


def answer_sets(rules, n: int, seed: int) -> list[dict]:
    """n request bodies: complete, valid answers, and details on about half of them."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        body: dict = {"answers": random_answers(rules, rng)}
        if rng.random() < 0.5:
            body["details"] = {field: rng.choice(DETAIL_VALUES) for field, _ in rules.details
                               if rng.random() < 0.6}
        out.append(body)
    return out


def responses(bodies: list[dict]) -> list[str]:
    """Each body's answer as one line: the status, then the response body as sent."""
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"TESTING": True, "SECRET_KEY": "compare", "RATELIMIT_ENABLED": False,
                          "DATABASE_URL": f"sqlite:///{tmp}/compare.sqlite3"})
        client = app.test_client()
        lines = []
        for body in bodies:
            response = client.post("/api/v1/verdict", json=body)
            lines.append(f"{response.status_code} {response.get_data(as_text=True).rstrip()}")
        return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--out", type=Path, required=True, help="where to write the lines")
    parser.add_argument("--against", type=Path, help="an earlier output: count differing lines")
    args = parser.parse_args()
    bodies = answer_sets(load_rules(), args.sets, args.seed)
    lines = responses(bodies)
    args.out.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    statuses = sorted({line.split(" ", 1)[0] for line in lines})
    print(f"{len(lines)} answers written to {args.out} (statuses: {', '.join(statuses)})")
    if args.against:
        before = args.against.read_text(encoding="utf-8").splitlines()
        differ = [i for i, (a, b) in enumerate(zip(before, lines, strict=False)) if a != b]
        differ += list(range(min(len(before), len(lines)), max(len(before), len(lines))))
        print(f"against {args.against}: {len(differ)} of {max(len(before), len(lines))} differ"
              + (f" (first: line {differ[0] + 1}, {json.dumps(bodies[differ[0]])})"
                 if differ and differ[0] < len(bodies) else ""))


if __name__ == "__main__":
    main()
