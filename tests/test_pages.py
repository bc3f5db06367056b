"""The landing page and the root files: what a first-time visitor and a crawler see."""
from __future__ import annotations


def test_the_landing_page_says_what_how_long_what_is_stored_and_starts(client):
    response = client.get("/")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "About three minutes" in text
    assert "Nothing is stored" in text and "expires after 90 days" in text
    assert "search\n  engines never see" in text
    assert 'href="/q/"' in text and "Start now" in text
    assert text.count("Nothing is stored") == 1  # privacy said once, well
    assert '<meta name="description" content="Invited to an interview' in text
    # the promise, then the button: nothing long stands between them
    assert text.index('class="lead"') < text.index("Start now") < text.index("How it works")


def test_crawlers_are_kept_out_of_results_and_the_questionnaire(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    assert "Disallow: /r/" in response.text and "Disallow: /q/" in response.text


def test_favicon_ico_points_at_our_icon(client):
    response = client.get("/favicon.ico")
    assert (response.status_code, response.headers["Location"]) == (301, "/static/favicon.svg")


def test_every_response_carries_the_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'",
                      "form-action 'self'"):
        assert directive in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "Server" not in response.headers


def test_unknown_pages_get_our_404(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "Page not found" in response.text and "Interview Verdict" in response.text
