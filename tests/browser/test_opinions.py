"""Second opinions in a real browser (CSRF on): a friend in a fresh context answers "What would
you do?" (an error first, then an answer with a note), a second friend without JavaScript sees
only the count and answers too, the owner then sees the tally and the note and says they are
still unsure; axe-core finds nothing on any of these states (axe needs JavaScript, so not on
the second friend's)."""
from __future__ import annotations

from ..support.answers import BASE_ANSWERS
from ..support.browser import run_axe
from ..support.walk import page_get_verdict

CLOSE_CALL = {**BASE_ANSWERS, "role_interest": "some", "company": "neutral", "unsettle": "yes"}
NOTE = "Go <b>for</b> it, you can always say no"


def test_a_friend_answers_and_the_owner_sees_it(page, new_context, base_url):
    url = page_get_verdict(page, base_url, CLOSE_CALL, {"company_name": "Globex"})
    assert page.get_by_role("heading", name="What your friends would do").is_visible()
    assert page.get_by_text("No one has answered yet").is_visible()

    friend = new_context().new_page()  # a fresh browser: no cookies
    friend.goto(url)
    assert friend.get_by_role("heading", name="What would you do?").is_visible()
    assert friend.get_by_role("heading", name="How sure are you now?").count() == 0
    assert not run_axe(friend)
    friend.get_by_role("button", name="Send my answer").click()
    friend.get_by_role("alert").wait_for()
    assert "Choose what you would do" in friend.get_by_role("alert").inner_text()
    assert friend.title().startswith("Error: ")
    assert not run_axe(friend)
    friend.get_by_label("I'd go").check()
    friend.get_by_label("A note for them").fill(NOTE)
    friend.get_by_role("button", name="Send my answer").click()
    friend.wait_for_url(url)
    assert friend.get_by_text("Thanks: they'll see your answer").is_visible()
    assert friend.get_by_text("1 would go, 0 would decline, 0 not sure").first.is_visible()
    assert friend.get_by_label("I'd go").is_checked()
    assert friend.get_by_role("button", name="Change my answer").is_visible()
    assert not run_axe(friend)

    # a second friend, without JavaScript (axe needs it, so no axe here): the count, never the
    # first one's note or answer; their own answer works with the plain form
    other = new_context(java_script_enabled=False).new_page()
    other.goto(url)
    assert NOTE not in other.content().replace("&lt;", "<").replace("&gt;", ">")
    assert not other.get_by_label("I'd go").is_checked()
    other.get_by_label("I'd decline").check()
    other.get_by_role("button", name="Send my answer").click()
    other.wait_for_url(url)
    assert other.get_by_text("1 would go, 1 would decline, 0 not sure").first.is_visible()

    page.reload()
    assert page.locator(".opinion-tally").inner_text().startswith(
        "Friends you asked: 1 would go, 1 would decline, 0 not sure")
    assert page.locator(".opinion-notes q").inner_text() == NOTE  # literally, never markup
    assert page.locator(".opinion-notes b").count() == 0
    assert not run_axe(page)
    page.get_by_role("button", name="Still unsure").click()
    page.wait_for_url(url + "#confidence")
    assert page.get_by_text("You said you're still unsure").is_visible()
    assert page.get_by_role("link", name="Ask a friend what they would do").is_visible()
    assert page.get_by_role("link", name="Ask the two quick questions").is_visible()
    assert not run_axe(page)


def test_a_friend_withdraws_and_the_owner_removes_a_note(page, new_context, base_url):
    """Both without JavaScript for the friend (a plain form each), by keyboard for the owner."""
    url = page_get_verdict(page, base_url, CLOSE_CALL)
    friend = new_context(java_script_enabled=False).new_page()
    friend.goto(url)
    friend.get_by_label("I'd decline").check()
    friend.get_by_label("A note for them").fill("Not this one")
    friend.get_by_role("button", name="Send my answer").click()
    friend.wait_for_url(url)
    friend.get_by_role("button", name="Withdraw my answer").click()
    friend.wait_for_url(url + "#second-opinion")
    assert friend.get_by_text("Your answer was withdrawn").is_visible()
    assert friend.get_by_role("button", name="Withdraw my answer").count() == 0
    assert not friend.get_by_label("I'd decline").is_checked()

    second = new_context().new_page()
    second.goto(url)
    second.get_by_label("I'd go").check()
    second.get_by_label("A note for them").fill("Rude words")
    second.get_by_role("button", name="Send my answer").click()
    second.wait_for_url(url)

    page.reload()
    assert page.locator(".opinion-notes q").inner_text() == "Rude words"
    assert not run_axe(page)
    remove = page.get_by_role("button", name="Remove this note")
    remove.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(url + "#opinions-title")
    assert page.get_by_text("The note was removed").is_visible()
    assert page.locator(".opinion-notes").count() == 0
    assert page.locator(".opinion-tally").inner_text().startswith(
        "Friends you asked: 1 would go, 0 would decline, 0 not sure")
    assert not run_axe(page)
