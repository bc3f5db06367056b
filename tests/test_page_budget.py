"""The page budget, for every kind of page: the HTML with every CSS, JavaScript and image file it
loads at most 30 KiB; at most one script, at most 5 KiB; every static file fingerprinted and
cached for a year as immutable; nothing loaded from another origin.

Measured as a browser loads it: the bytes sent for `Accept-Encoding: gzip` (the app compresses
pages and static files itself, so this is what gunicorn sends). The uncompressed size is
printed beside it, and the script's budget is on its uncompressed size. Sizes are budgets, not
timings: they cannot flake.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from .support.answers import DECLINE, GO, MIXED
from .support.walk import OWNER_COOKIE, client_answer_steps, client_get_verdict, owner_cookie

BUDGET = 30 * 1024
SCRIPT_BUDGET = 5 * 1024
YEAR_IMMUTABLE = "public, max-age=31536000, immutable"
LOADED = {("link", "href"), ("script", "src"), ("img", "src"), ("source", "srcset"),
          ("iframe", "src"), ("video", "src"), ("audio", "src")}


class Loads(HTMLParser):
    """The URLs a browser fetches while loading the page (stylesheets, icons, scripts, images);
    links a person may follow (<a href>, canonical, og:url) are not loads."""

    def __init__(self):
        super().__init__()
        self.urls, self.scripts = [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name in ("href", "src", "srcset"):
            if (tag, name) in LOADED and a.get(name):
                if tag == "link" and not set((a.get("rel") or "").split()) & {
                        "stylesheet", "icon", "preload", "modulepreload", "manifest"}:
                    continue
                self.urls.append(a[name])
                if tag == "script":
                    self.scripts.append(a[name])


GZIP = {"Accept-Encoding": "gzip, deflate, br"}  # what chromium sends


def weigh(client, path: str) -> dict:
    """Bytes on the wire (gzip accepted) and as text, for the page and all it loads."""
    response = client.get(path, headers=GZIP)
    assert response.status_code in (200, 404), (path, response.status_code)
    text = client.get(path).data
    loads = Loads()
    loads.feed(text.decode())
    wire, raw = {path: len(response.data)}, {path: len(text)}
    for url in loads.urls:
        assert url.startswith("/") and not url.startswith("//"), f"{path} loads {url}"
        asset = client.get(url, headers=GZIP)
        assert asset.status_code == 200, url
        assert re.search(r"\?v=[0-9a-f]{12}$", url), f"{url} is not fingerprinted"
        assert asset.headers["Cache-Control"] == YEAR_IMMUTABLE, url
        wire[url], raw[url] = len(asset.data), len(client.get(url).data)
    return {"sizes": wire, "raw": raw, "scripts": loads.scripts,
            "total": sum(wire.values()), "raw_total": sum(raw.values())}


def _result(client, answers):
    response = client_get_verdict(client, answers, {
        "company_name": "Northwind Bank", "role_title": "Senior Data Analyst",
        "contact_name": "Priya Raman"})
    return response.headers["Location"], owner_cookie(response)


def pages(app):
    """(name, client, path) for every kind of page a person meets."""
    owner, friend, stranger = app.test_client(), app.test_client(), app.test_client()
    found = [("landing", stranger, "/"), ("not found", stranger, "/r/" + "x" * 43)]
    client_answer_steps(owner, MIXED)
    found.append(("check answers", owner, "/q/check"))
    for step in ("you", "opportunity", "role", "time", "options"):
        found.append((f"step {step}", owner, f"/q/{step}"))
    for name, answers in (("go", GO), ("decline", DECLINE), ("close call", MIXED)):
        client = app.test_client()
        path, secret = _result(client, answers)
        client.set_cookie(OWNER_COOKIE, secret, path=path)
        found += [(f"{name}, owner", client, path), (f"{name}, friend", friend, path),
                  (f"{name}, delete", client, path + "/delete")]
        tried = re.search(r'<select id="try-\w+" name="(\w+)"><option value="(\w+)"',
                          client.get(path).text)
        if tried:
            found.append((f"{name}, preview", client, f"{path}/try?{tried[1]}={tried[2]}"))
    return found


def test_every_page_keeps_to_the_budget(app):
    report, over = [], []
    for name, client, path in pages(app):
        weight = weigh(client, path)
        report.append(f"{name:22} {weight['total'] / 1024:5.1f} KiB sent, "
                      f"{weight['raw_total'] / 1024:5.1f} KiB as text")
        assert len(weight["scripts"]) <= 1, (name, weight["scripts"])
        for script in weight["scripts"]:
            assert weight["raw"][script] <= SCRIPT_BUDGET, (name, script)
        if weight["total"] > BUDGET:
            over.append((name, weight["sizes"]))
    print("\n".join(report))
    assert not over, over


def test_a_static_file_without_its_fingerprint_is_revalidated(client):
    assert client.get("/static/css/app.css").headers["Cache-Control"] == "no-cache"
    assert client.get("/static/css/app.css?v=000000000000").headers["Cache-Control"] == "no-cache"


def test_compressed_pages_and_files_are_the_same_text_and_revalidate(app, client):
    import gzip

    path, secret = _result(client, GO)
    for url in ("/", path, re.search(r'href="(/static/css/app.css[^"]+)"',
                                     client.get("/").text).group(1)):
        plain, packed = client.get(url), client.get(url, headers=GZIP)
        assert packed.headers["Content-Encoding"] == "gzip", url
        assert "Accept-Encoding" in packed.headers["Vary"], url
        assert gzip.decompress(packed.data) == plain.data, url
        etag = packed.headers.get("ETag")
        if etag:  # a repeat view of the same representation: 304, nothing sent
            again = client.get(url, headers={**GZIP, "If-None-Match": etag})
            assert again.status_code == 304 and again.data == b"", url


def test_gzip_refused_with_q_zero_is_not_sent(client):
    response = client.get("/", headers={"Accept-Encoding": "gzip;q=0, identity"})
    assert "Content-Encoding" not in response.headers and b"<!doctype html>" in response.data
