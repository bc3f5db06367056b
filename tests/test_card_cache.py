"""The preview card is drawn once per result (and card/rules version), then served from its
kept bytes with an ETag and private caching; a HEAD never draws; it goes with its result."""
from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import func, select

from app.storage import cards, db
from app.web.results import card as card_module

from .conftest import make_result


@pytest.fixture()
def draws(monkeypatch):
    """Counts every real drawing of a card."""
    count = []
    real = card_module.render_card

    def counting(*args, **kwargs):
        count.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(card_module, "render_card", counting)
    return count


def kept_cards(app) -> int:
    with app.app_context(), db.session() as s:
        return s.scalar(select(func.count()).select_from(cards.StoredCard))


def test_card_is_drawn_once_and_then_served_from_kept_bytes(db_client, db_app, draws):
    token, _ = make_result(db_app)
    first = db_client.get(f"/r/{token}/card.png")
    again = [db_client.get(f"/r/{token}/card.png") for _ in range(5)]
    assert len(draws) == 1
    assert {r.data for r in again} == {first.data}
    assert kept_cards(db_app) == 1


def test_card_has_an_etag_and_a_repeat_is_a_304(db_client, db_app, draws):
    token, _ = make_result(db_app)
    first = db_client.get(f"/r/{token}/card.png")
    etag = first.headers["ETag"]
    assert etag.startswith('"') and len(etag) > 10
    assert first.headers["Cache-Control"] == "private, no-cache"  # always asked again
    repeat = db_client.get(f"/r/{token}/card.png", headers={"If-None-Match": etag})
    assert repeat.status_code == 304 and repeat.data == b""
    assert repeat.headers["X-Robots-Tag"] == "noindex, nofollow"
    assert len(draws) == 1


def test_head_never_draws(db_client, db_app, draws):
    token, _ = make_result(db_app)
    head = db_client.head(f"/r/{token}/card.png")
    assert head.status_code == 200 and head.mimetype == "image/png"
    assert draws == [] and kept_cards(db_app) == 0
    assert db_client.head("/r/" + "A" * 43 + "/card.png").status_code == 404


def test_new_rules_version_draws_the_card_again_once(db_client, db_app, draws):
    token, _ = make_result(db_app)
    db_client.get(f"/r/{token}/card.png")
    rules = db_app.extensions["rules"]
    db_app.extensions["rules"] = replace(rules, version=rules.version + "-next")
    db_client.get(f"/r/{token}/card.png")
    db_client.get(f"/r/{token}/card.png")
    assert len(draws) == 2 and kept_cards(db_app) == 1


def test_card_goes_with_its_result(db_client, db_app):
    token, owner = make_result(db_app)
    assert db_client.get(f"/r/{token}/card.png").status_code == 200
    db_client.set_cookie("iv_owner", owner, path=f"/r/{token}")
    assert db_client.post(f"/r/{token}/delete").status_code == 303
    assert kept_cards(db_app) == 0
    assert db_client.get(f"/r/{token}/card.png").status_code == 404


def test_an_update_on_the_same_link_draws_the_card_again(db_client, db_app, draws, rules):
    from app.model.submission import check_submission
    from app.storage import store

    from .conftest import BASE_ANSWERS

    token, _ = make_result(db_app)
    before = db_client.get(f"/r/{token}/card.png").data
    submission, problems = check_submission(rules, {**BASE_ANSWERS, "role_interest": "high",
                                                    "company": "top"}, {"company_name": "New"})
    assert not problems
    with db_app.app_context(), db.session(write=True) as s:
        assert store.update(s, rules, token, submission, now=store.utcnow())
    after = db_client.get(f"/r/{token}/card.png").data
    assert len(draws) == 2 and after != before


def test_a_kept_card_is_a_404_as_soon_as_its_result_is_deleted(db_client, db_app, draws):
    """The browser revalidates the card it keeps (no-cache): the next use after a delete is a
    404, not the old picture."""
    token, owner = make_result(db_app)
    first = db_client.get(f"/r/{token}/card.png")
    etag = first.headers["ETag"]
    assert db_client.get(f"/r/{token}/card.png",
                         headers={"If-None-Match": etag}).status_code == 304
    db_client.set_cookie("iv_owner", owner, path=f"/r/{token}")
    assert db_client.post(f"/r/{token}/delete").status_code == 303
    gone = db_client.get(f"/r/{token}/card.png", headers={"If-None-Match": etag})
    assert gone.status_code == 404 and "ETag" not in gone.headers
