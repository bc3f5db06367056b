"""The rules file is checked at start-up: a typo stops the app with a message naming the entry."""
from __future__ import annotations

import pytest

from app import create_app
from app.model.rules import RulesError
from app.model.rules_build import RULES_PATH, load_rules

ORIGINAL = RULES_PATH.read_text(encoding="utf-8")


def rules_with(tmp_path, old: str, new: str):
    assert old in ORIGINAL, f"test setup: {old!r} not in rules.toml"
    path = tmp_path / "rules.toml"
    path.write_text(ORIGINAL.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("old, new, message", [
    ('weight = 2.0', 'weight = "2.0"', "factors[practice].weight: must be a number"),
    ('scale.prep_time = { plenty = 1.0, some = 0.6 }', 'scale.prep_time = { lots = 1.0 }',
     "factors[practice].scale.prep_time: unknown value 'lots'"),
    ('when = { prep_time = ["plenty", "some"] }', 'when = { prep_tme = ["plenty"] }',
     "factors[practice].when.prep_tme: unknown question"),
    ('asked_if = { employment = ["employed_happy", "employed_open"] }',
     'asked_if = { employment = ["employed_hapy", "employed_open"] }',
     "questions[unsettle].asked_if.employment: unknown value 'employed_hapy'"),
    ('factors = ["leverage"]', 'factors = ["leverag"]',
     "advice[use_leverage].factors: unknown factor 'leverag'"),
    ('cap = "decline"', 'cap = "nope"',
     "dealbreakers[dud_at_bleak_company].cap: unknown verdict 'nope'"),
    ('side = "pro"', 'side = "for"', "factors[practice].side: must be one of"),
    ('sources = ["000", "003"]\nverdicts = ["toss_up"]',
     'sources = ["007"]\nverdicts = ["toss_up"]',
     "advice[close_call].sources: unknown source '007'"),
    ('min_score = 1.5', 'min_score = 5.0', "verdicts.bands[lean_go].min_score: bands must go"),
    ('weight = 0.8\nsources = ["003"]', 'weight = -0.8\nsources = ["003"]',
     "factors[market_insight].weight: must be positive"),
    ('short = "Time to prepare"', 'short = "How much time you have to prepare"',
     "questions[prep_time].short: must be a string of at most 24 characters"),
    ('short = "Time to prepare"', 'short = 3', "questions[prep_time].short: must be a string"),
    ('short = { contact_name = "Who invited you"', 'short = { contact = "Who invited you"',
     "details.short.contact: unknown detail"),
])
def test_a_typo_in_the_rules_fails_at_start_up_naming_the_entry(tmp_path, old, new, message):
    path = rules_with(tmp_path, old, new)
    with pytest.raises(RulesError) as excinfo:
        load_rules(path)
    assert message in str(excinfo.value)
    with pytest.raises(RulesError):
        create_app({"TESTING": True, "SECRET_KEY": "x", "RULES_PATH": str(path)})


def test_a_coach_changes_a_weight_in_one_place_and_the_verdict_follows(tmp_path, base_answers):
    from app.model.evaluate import evaluate

    before = evaluate(load_rules(), base_answers)
    practice_entry = ('label = "Interview practice: a real interview without the usual pressure"'
                      '\nwhy = "it is real interview practice"\nweight = ')
    path = rules_with(tmp_path, practice_entry + "2.0", practice_entry + "20.0")
    after = evaluate(load_rules(path), base_answers)

    def practice(result):
        return next(f.contribution for f in result.factors if f.id == "practice")

    # each contribution is rounded to 0.01
    assert practice(after) == pytest.approx(practice(before) * 10, abs=0.05)
    assert after.verdict.code == "go"


def test_every_factor_and_advice_item_names_known_articles():
    rules = load_rules()
    for item in [*rules.factors, *rules.advice, *rules.dealbreakers]:
        assert item.sources and set(item.sources) <= set(rules.sources), item.id


def test_advice_is_in_our_own_words_not_copied_from_the_articles():
    """No run of 8 consecutive words from an article appears in any advice text."""
    import re
    from pathlib import Path

    seeds = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("the articles (../shared/seeds) are not beside this checkout")
    words = lambda t: re.findall(r"[a-z']+", t.lower().replace("\u2019", "'"))  # noqa: E731
    shingles = set()
    for f in seeds.glob("0*.txt"):
        w = words(f.read_text(encoding="utf-8"))
        shingles |= {tuple(w[i:i + 8]) for i in range(len(w) - 7)}
    rules = load_rules()
    texts = [a.text for a in rules.advice] + [s for a in rules.advice for s in a.steps]
    texts += [d.reason for d in rules.dealbreakers] + list(rules.draft.values())
    for text in texts:
        w = words(text)
        copied = [" ".join(w[i:i + 8]) for i in range(len(w) - 7) if tuple(w[i:i + 8]) in shingles]
        assert not copied, f"copied from an article: {copied[0]!r}"
