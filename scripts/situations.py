"""Print every FACTORS.md situation with the verdict and strength the model gives (Markdown).

Run: python scripts/situations.py
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.model.evaluate import evaluate  # noqa: E402
from app.model.rules_build import load_rules  # noqa: E402
from tests.situations import SITUATIONS, answers_of  # noqa: E402


def main() -> None:
    rules = load_rules()
    print(f"rules {rules.version}\n")
    print("| situation (FACTORS.md) | sources | expected | verdict | strength | score "
          "| dealbreaker |")
    print("|---|---|---|---|---|---|---|")
    for situation in SITUATIONS:
        sid, why, _, side, sources = situation
        r = evaluate(rules, answers_of(situation))
        expected = ("go side" if "go" in side else "close call" if side == ("toss_up",)
                    else "decline side")
        fired = ", ".join(d.id for d in r.dealbreakers) or "-"
        print(f"| {why} | {sources} | {expected} | {r.verdict.code} | {r.verdict.strength} "
              f"| {r.score:+.2f} | {fired} |")


if __name__ == "__main__":
    main()
