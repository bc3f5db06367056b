"""The sentences around a verdict: how firmly it stands, the why, the score in words, and each
"what would change" entry.

Why data-driven: every phrase comes from rules.toml (`wording`, each factor's `why`, each
question's `find_out`), so a career coach rewords them in one place, and the API, stored
snapshots and pages all say the same thing. The why is built to read as a person would say
it: full sentences, each reason once, and no word said twice (a reason that would repeat a
word already said is left out; the strongest reasons come first). Pure: no Flask.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from .result import Result, Suggestion, side_of
from .rules import Rules

SMALL = {"that", "this", "with", "what", "which", "than", "they", "their", "there", "from",
         "have", "into", "more", "only", "when", "your", "would", "could", "about", "some",
         "been", "being", "will", "also", "just"}


@lru_cache(maxsize=1024)  # only rules texts come here: a factor's why, a wording template
def _words(text: str) -> frozenset[str]:
    """The words of a phrase that would read as repeated if said twice, by their first six
    letters ("interview" and "interviewing" say the same thing twice)."""
    return frozenset(w[:6] for w in re.findall(r"[a-z']+", text.lower())
                     if len(w) >= 4 and w not in SMALL)


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def how_clear(rules: Rules, verdict: Mapping) -> str:
    """How clear a verdict is, in the words the result page, the card and /mine all use: a
    close call by the way it leans, any other verdict by its strength."""
    lean = verdict.get("lean") if verdict.get("code") == "toss_up" else None
    if lean in ("go", "decline"):
        return rules.wording[f"leaning_{lean}"]
    return str(verdict.get("strength_label", ""))


def verdict_note(rules: Rules, result: Result) -> str:
    """"No single answer ... would change it." / "It could change if ..." / the lean, with at
    most two named answers, each with the way it would tip."""
    w, verdict = rules.wording, result.verdict
    named = [s for s in result.what_would_change
             if s.changes[0].question in verdict.turns_on][:len(verdict.turns_on)]
    tips = w["tips"].join(_lower(suggestion_text(rules, s, result.answers).rstrip("."))
                          for s in named)
    if verdict.code == "toss_up":
        lean = verdict.lean or "decline"
        key = f"close_call_{lean}" if tips else f"close_call_{lean}_plain"
        return w[key].replace("{turns_on}", tips)
    if verdict.strength == "fairly_clear":
        if not tips:
            return w["fairly_clear_own"]
        key = "fairly_clear" if len(named) == 1 else "fairly_clear_many"
        return w[key].replace("{turns_on}", tips)
    return w["clear"]


def _clauses(rules: Rules, factors, side: str, n: int, said: set[str]) -> list[str]:
    """Up to n `why` clauses of one side, strongest first, skipping any that would repeat a word
    already said (`said` grows with each clause taken)."""
    by_id = rules.factors_by_id
    out: list[str] = []
    for f in factors:
        if len(out) == n:
            break
        why = by_id[f.id].why if f.side == side and f.id in by_id else ""
        if why and not _words(why) & said:
            out.append(why)
            said |= _words(why)
    return out


def why_sentence(rules: Rules, result: Result) -> str:
    """One or two full sentences of why: a fired dealbreaker, else the reasons that weigh most on
    the side the verdict takes, then the strongest on the other (factors come strongest first)."""
    w = rules.wording
    if result.dealbreakers:
        by_id = {d.id: d for d in rules.dealbreakers}
        first = by_id.get(result.dealbreakers[0].id)
        if first is not None:
            return w["why_dealbreaker"].replace("{dealbreaker}", first.why)
    code = result.verdict.code
    decline = side_of(code) == "decline" or (
        code == "toss_up" and result.verdict.lean == "decline")
    lead, other = ("con", "pro") if decline else ("pro", "con")
    key = "why_toss_up" if code == "toss_up" else "why_decline" if decline else "why_go"
    said = set(_words(w[key].replace("{pros}", "").replace("{cons}", "")))
    first_side = _clauses(rules, result.factors, lead, 1 if code == "toss_up" else 2, said)
    second_side = _clauses(rules, result.factors, other, 1, said)
    if not first_side and not second_side:
        return w["why_nothing"]
    if not first_side or not second_side:
        key = ("why_toss_up_only" if code == "toss_up" else
               "why_decline_only" if decline else "why_go_only")
        pros = cons = ", and ".join(first_side or second_side)
    else:
        go_side, decline_side = (second_side, first_side) if decline else (first_side, second_side)
        pros, cons = ", and ".join(go_side), ", and ".join(decline_side)
    text = w[key].replace("{pros}", pros).replace("{cons}", cons)
    return " ".join(_capital(s) for s in re.split(r"(?<=[.!?]) ", text))


def score_words(rules: Rules, result: Result) -> str:
    """The total under "How we got here", in words, and whether a dealbreaker overrides it."""
    text = balance_words(rules, result.score)
    if result.dealbreakers:
        text += " " + rules.wording["dealbreaker_overrides"]
    return text


def balance_words(rules: Rules, score: float) -> str:
    """Which side's reasons outweigh, by how much, in words (the go bands' distance from the
    line between going and declining sets what "a little" and "clearly" mean)."""
    w = rules.wording
    gap = score - rules.lean_go_from
    go_from = _band_floor(rules, "lean_go")
    firmly = _band_floor(rules, "go")
    if abs(gap) < 0.05:
        text = w["score_even"]
    else:
        size = abs(gap)
        by = (w["by_little"] if size < go_from - rules.lean_go_from else
              w["by_some"] if size < firmly - rules.lean_go_from else w["by_much"])
        text = w["score_go" if gap > 0 else "score_decline"].replace("{by}", by)
    return text


def _band_floor(rules: Rules, code: str) -> float:
    """The lowest score of a go-side band (only the last band, a decline, has no floor)."""
    floor = next(b.min_score for b in rules.bands if b.code == code)
    assert floor is not None, code
    return floor


def suggestion_text(rules: Rules, suggestion: Suggestion, answers: Mapping[str, str]) -> str:
    """"If the role turns out more interesting than it sounds, going is worth it." """
    first = suggestion.changes[0]
    q = rules.questions[first.question]
    condition = q.find_out_text(answers[first.question], first.to)
    then = rules.wording[f"then_{side_of(suggestion.verdict)}"]
    return f"If {condition}, {then}."
