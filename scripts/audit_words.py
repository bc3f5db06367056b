"""Audit the words around a verdict over random answer sets: the findings of issue 18, counted.

Each line counts answer sets (or items) where the product says something that is not true for
the person, presumes what they did not say, or reads like engine output. The sets are random
valid answer sets (fixed seed), so two runs on two commits compare like with like; questions
added later are answered at random where asked, or left out ("not said") as the API allows.

Run: python scripts/audit_words.py [--sets 1700] [--seed 18]
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmark import random_answers  # noqa: E402  (scripts/benchmark.py: the one generator)

from app.model.evaluate import evaluate  # noqa: E402
from app.model.result import side_of  # noqa: E402
from app.model.rules_build import load_rules  # noqa: E402
from app.model.serialize import result_to_dict  # noqa: E402
from app.model.whatif import apply_changes  # noqa: E402

LIFE_FACTS = {"employment", "searching", "last_interview", "pivot", "source", "stage",
              "prep_time", "time_off", "unsettle"}  # what only the person knows of their life
EMPLOYED = {"employed_happy", "employed_open", "employed_unhappy"}
CURRENT_JOB = re.compile(r"current (job|role)|move for|stay put|where you are|happy in my",
                         re.I)
STOP = {"that", "this", "with", "what", "which", "than", "they", "their", "there", "from", "have",
        "into", "more", "much", "only", "when", "your", "would", "could", "about", "some",
        "them", "those", "were", "been", "being", "will", "also", "just", "outweigh",
        "outweighs", "weighs", "against", "going"}
VERBS = re.compile(r"\b(is|are|was|were|has|have|had|may|might|can|could|would|will|takes|"
                   r"gives|brings|keeps|costs|leaves|opens|outweighs?|weighs|balance|balances|"
                   r"looks|doesn't|does|isn't|aren't|pays|shows|gets)\b", re.I)


def random_sets(rules, n: int, seed: int) -> list[dict]:
    """Valid answer sets; an optional question (one the API lets you leave out) is left out
    one time in four, as an older client would."""
    rng = random.Random(seed)
    return [random_answers(rules, rng, leave_out_optional=0.25) for _ in range(n)]


def shown_texts(d: dict) -> list[str]:
    """Every sentence a person reads on the result (main view and "How we got here")."""
    v = d["verdict"]
    out = [v["label"], v["why"], v.get("note", ""), d.get("what_would_change_note", "")]
    out += [f["label"] for f in d["factors"]] + [x["reason"] for x in d["dealbreakers"]]
    out += [s["text"] for s in d["what_would_change"]]
    for a in d["advice"]:
        out += [a["title"], a["text"], *a.get("steps", [])]
    out += [m["text"] for m in d.get("messages", [])]
    return out


def why_problems(why: str) -> tuple[bool, bool]:
    """(a fragment, a repeated word) in the why."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", why.strip()) if s]
    fragment = any(s.startswith(("Mainly", "What settles it")) or not VERBS.search(s)
                   for s in sentences)
    words = [w.lower() for w in re.findall(r"[A-Za-z']+", why)]
    counts = Counter(w for w in words if len(w) >= 4 and w not in STOP)
    return fragment, any(c > 1 for c in counts.values())


def points_on_page() -> int:
    """Occurrences of "points" in the result page's templates."""
    return sum(len(re.findall(r"\bpoints\b", p.read_text()))
               for p in (ROOT / "templates" / "results").glob("*.html"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=1700)
    parser.add_argument("--seed", type=int, default=18)
    args = parser.parse_args()
    rules = load_rules()
    c: Counter = Counter()
    for answers in random_sets(rules, args.sets, args.seed):
        r = evaluate(rules, answers)
        d = result_to_dict(rules, r, {})
        v, code = d["verdict"], r.verdict.code
        side = side_of(code)
        advice = d["advice"]
        main = [a for a in advice if a.get("main", True)]
        kinds = {m["kind"] for m in d["messages"]}
        texts = shown_texts(d)
        listed = [s["changes"][0]["question"] for s in d["what_would_change"]]
        if code == "toss_up":
            c["toss-ups"] += 1
            c["toss-up without both a go-side and a decline draft"] += not (
                kinds & {"accept", "questions"} and "decline" in kinds)
            c["toss-up whose first advice isn't the close-call item"] += (
                not advice or advice[0]["id"] != "close_call")
            if v.get("lean") == "decline":
                c["toss-ups leaning decline"] += 1
                c["lean-decline toss-up with mostly go-side advice shown"] += (
                    sum(a["kind"] == "go" for a in main) >= 2)
        c["'turns on' naming more than 2 answers"] += len(v.get("turns_on", [])) > 2
        c["named answer missing from what-would-change"] += any(
            q not in listed for q in v.get("turns_on", []))
        for s in r.what_would_change:
            c["what-would-change entries"] += 1
            moved = evaluate(rules, apply_changes(rules, answers, s.changes)).verdict.code
            c["listed change that doesn't move the side"] += side_of(moved) == side
        c["life facts suggested (named or listed)"] += bool(
            LIFE_FACTS & (set(listed) | set(v.get("turns_on", []))))
        if answers.get("other_offers") == "offer":
            c["offer holders"] += 1
            if answers.get("held_offer") != "preferred":
                c["'preferred employer' words to an offer holder who didn't say so"] += any(
                    "prefer" in t for t in texts)
        if (answers["employment"] in EMPLOYED and answers["fit"] == "mismatch"
                and answers["role_interest"] in ("none", "low")
                and answers.get("other_offers") in ("final", "offer")
                and answers["company"] != "top"
                and not (answers["pivot"] in ("curious", "yes")
                         and answers["industry"] == "new_interesting")):
            c["obvious bad fit with final/offer (in work)"] += 1
            c["obvious bad fit + final/offer on the go side"] += side == "go"
        if answers["pivot"] == "no" and answers["industry"] == "new_interesting":
            c["pivot no, new_interesting"] += 1
            same = evaluate(rules, {**answers, "industry": "same"}).score
            c["new_interesting scores the same as same (pivot no)"] += same == r.score
        adv_text = " ".join(" ".join([a["title"], a["text"], *a.get("steps", [])])
                            for a in advice)
        if answers["employment"] not in EMPLOYED:
            c["advice presumes: a current job, to someone without one"] += bool(
                CURRENT_JOB.search(adv_text))
        if answers["source"] == "applied":
            c["advice presumes: 'open to hearing'/'caught your eye' to an applicant"] += bool(
                re.search(r"open to hearing|caught your eye", adv_text))
        if answers["stage"] == "later":
            c["advice presumes: tailor your CV, in later rounds"] += "Tailor your CV" in adv_text
        if ("content_would_unsettle" in {x["id"] for x in d["dealbreakers"]}
                or answers.get("unsettle") == "yes" and side != "go"):
            c["advice undercuts: ask the recruiter what else, when going would unsettle"] += any(
                a["id"].startswith("ask_what_else") for a in advice)
        declines = [m["text"] for m in d["messages"] if m["kind"] == "decline"]
        for text in declines:
            if answers["fit"] != "mismatch":
                c["draft claims: 'closer to my experience' for a fit that isn't a mismatch"] += (
                    bool(re.search(r"match my experience more closely|closer to my experience",
                                   text)))
            if answers["searching"] != "not_looking":
                c["draft claims: 'my plans have changed' to someone still looking"] += (
                    "My plans have changed" in text)
            if (answers["role_interest"] in ("some", "high") and answers["fit"] != "mismatch"
                    and answers.get("unsettle") != "yes"):
                c["draft claims: 'not the right fit' when the person didn't say so"] += bool(
                    re.search(r"(isn't|not) (quite )?the right fit", text))
            if answers.get("other_offers") == "offer":
                c["draft for an offer holder without the 'another position' line"] += not re.search(
                    r"another (position|offer)", text)
        for m in d["messages"]:
            c["drafted messages"] += 1
            first = m["text"].split("\n", 1)[0].strip()
            c["draft greeting with no name or placeholder"] += bool(
                re.fullmatch(r"(Hi|Hello|Dear),", first))
        fragment, repeated = why_problems(v["why"])
        c["why: a fragment (no verb, 'Mainly ...', 'What settles it: ...')"] += fragment
        c["why: a repeated word"] += repeated
    print(f"rules {rules.version}, {args.sets} random answer sets (seed {args.seed})")
    for key in sorted(c, key=lambda k: (not k[0].islower(), k)):
        print(f"{c[key]:6d}  {key}")
    print(f"{points_on_page():6d}  'points' in the result page's templates")


if __name__ == "__main__":
    main()
