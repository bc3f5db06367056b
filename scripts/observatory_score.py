"""The Mozilla HTTP Observatory score to expect, worked out header by header, offline.

Not a scan: the app answers in-process as it would behind docs/nginx.conf (BASE_URL https, the
request seen as HTTPS), and each of the Observatory's tests is applied to the real headers
with the modifiers of its scoring table (httpobs: start at 100; bonuses count only when the
score without them is at least 90). The HTTP-to-HTTPS redirect is nginx's (docs/nginx.conf: a
301 to https on the same host), so it is taken as passing, not measured.
Run: python scripts/observatory_score.py [PATH]        (default /, the page the scan loads)
"""
from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app import create_app  # noqa: E402

BASE = "https://verdict.example"


def csp(headers) -> tuple[str, int]:
    policy = headers.get("Content-Security-Policy")
    if not policy:
        return "csp-not-implemented", -25
    directives = {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}
    script = directives.get("script-src", directives.get("default-src", []))
    if "'unsafe-inline'" in script or "data:" in script:
        return "csp-implemented-with-unsafe-inline", -20
    if any("'unsafe-eval'" in v for v in directives.values()):
        return "csp-implemented-with-unsafe-eval", -10
    if directives.get("default-src") == ["'none'"]:
        return "csp-implemented-with-no-unsafe-default-src-none", 10
    return "csp-implemented-with-no-unsafe", 5


def cookies(set_cookies: list[str]) -> tuple[str, int]:
    if not set_cookies:
        return "cookies-not-found", 0
    flags = [c.lower() for c in set_cookies]
    if not all("; secure" in c for c in flags):
        return "cookies-without-secure-flag", -20
    if not all("; httponly" in c for c in flags):
        return "cookies-session-without-httponly-flag", -30
    if all("samesite=lax" in c or "samesite=strict" in c for c in flags):
        return "cookies-secure-with-httponly-sessions-and-samesite", 5
    return "cookies-secure-with-httponly-sessions", 0


def hsts(headers) -> tuple[str, int]:
    m = re.search(r"max-age=(\d+)", headers.get("Strict-Transport-Security", ""))
    if not m:
        return "hsts-not-implemented", -20
    return (("hsts-implemented-max-age-at-least-six-months", 0) if int(m.group(1)) >= 15768000
            else ("hsts-implemented-max-age-less-than-six-months", -10))


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else "/"
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"SECRET_KEY": "observatory", "BASE_URL": BASE,
                          "DATABASE_URL": f"sqlite:///{tmp}/o.sqlite3"})
        client = app.test_client()
        page = client.get(path, base_url=BASE)
        # cookies: the scan loads one page; also grade the cookies the questionnaire sets
        step = client.get("/q/you", base_url=BASE)
    h = page.headers
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', page.get_data(as_text=True))
    rows = [
        ("Content-Security-Policy", *csp(h)),
        (f"Cookies (on {path})", *cookies(page.headers.getlist("Set-Cookie"))),
        ("Cookies (on /q/you)", *cookies(step.headers.getlist("Set-Cookie"))),
        ("CORS", *(("cross-origin-resource-sharing-not-implemented", 0)
                   if "Access-Control-Allow-Origin" not in h else ("cors-implemented", 0))),
        ("Redirection (nginx)", "redirection-to-https", 0),
        ("Referrer-Policy", *(("referrer-policy-private", 5) if h.get("Referrer-Policy") in (
            "no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin")
            else ("referrer-policy-not-implemented", 0))),
        ("Strict-Transport-Security", *hsts(h)),
        ("Subresource Integrity", *(("sri-not-implemented-but-all-scripts-loaded-from-secure-"
                                     "origin", 0) if all(s.startswith("/") and not
                                                          s.startswith("//") for s in scripts)
                                    else ("sri-not-implemented-but-external-scripts", -5))),
        ("X-Content-Type-Options", *(("x-content-type-options-nosniff", 0)
                                     if h.get("X-Content-Type-Options") == "nosniff"
                                     else ("x-content-type-options-not-implemented", -5))),
        ("X-Frame-Options", *(("x-frame-options-implemented-via-csp", 5)
                              if "frame-ancestors" in h.get("Content-Security-Policy", "")
                              else ("x-frame-options-sameorigin-or-deny", 0)
                              if h.get("X-Frame-Options") else
                              ("x-frame-options-not-implemented", -20))),
    ]
    penalties = sum(m for *_, m in rows if m < 0)
    bonuses = sum(m for *_, m in rows[:2] + rows[3:] if m > 0)  # the scan sees path's cookies
    base = 100 + penalties
    score = base + (bonuses if base >= 90 else 0)
    for name, result, modifier in rows:
        print(f"{name:28} {result:58} {modifier:+d}")
    grade = "A+" if score >= 100 else "A" if score >= 90 else "below A"
    print(f"\nexpected score: {score} ({grade}); penalties {penalties}, bonuses +{bonuses}")


if __name__ == "__main__":
    main()
