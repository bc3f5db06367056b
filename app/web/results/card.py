"""The link-preview card: a 1200x630 PNG of the verdict, drawn with Pillow.

Why drawn here: chat apps show og:image to everyone in the conversation, so the card names no
one: the verdict, how clear it is and the main reasons in the rules' own words, never a
company, a role or a name the person typed (two results that differ only in those are the same
image). Fonts: DejaVu from Debian's
fonts-dejavu-core; without it, Pillow's built-in font at the same sizes.
"""
from __future__ import annotations

import hashlib
import io
import textwrap
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from flask import Response, abort, request
from PIL import Image, ImageDraw, ImageFont
from werkzeug.wrappers import Response as BaseResponse

from ...model.result import side_of
from ...model.wording import how_clear
from ...storage import cards, db, store

SIZE = (1200, 630)
FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu")
COLOURS = {  # band, ink on band
    "go": ("#1e6b3a", "#ffffff"), "toss_up": ("#8a5a00", "#ffffff"),
    "decline": ("#9b2c24", "#ffffff"),
}
INK, MUTED, BG, PRO, CON = "#1b1f24", "#4a5461", "#ffffff", "#1e6b3a", "#b3261e"


@cache
def font(size: int, bold: bool = False):
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in FONT_DIRS:
        if (Path(folder) / name).exists():
            return ImageFont.truetype(str(Path(folder) / name), size)
    return ImageFont.load_default(size=size)


def fit(draw: ImageDraw.ImageDraw, text: str, fnt, width: int) -> str:
    """The text, cut with an ellipsis so it fits in `width` pixels on one line."""
    text = " ".join(text.split())
    if draw.textlength(text, font=fnt) <= width:
        return text
    while text and draw.textlength(text + "…", font=fnt) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def render_card(rules, snapshot: Mapping) -> bytes:
    img = Image.new("RGB", SIZE, BG)
    draw = ImageDraw.Draw(img)
    band, band_ink = COLOURS[side_of(snapshot["verdict"]["code"])]
    draw.rectangle((0, 0, SIZE[0], 300), fill=band)
    x, width = 64, SIZE[0] - 128
    brand = font(30, True)
    draw.text((x, 40), "Interview Verdict", font=brand, fill=band_ink)
    headline = font(58, True)
    lines = textwrap.wrap(snapshot["verdict"]["label"], 32)[:2]
    y = 96
    for line in lines:
        draw.text((x, y), fit(draw, line, headline, width), font=headline, fill=band_ink)
        y += 68
    verdict = snapshot["verdict"]
    strength = how_clear(rules, verdict)
    draw.text((x, y + 14), fit(draw, strength, font(34), width),
              font=font(34), fill=band_ink)
    y = 300 + 40
    draw.text((x, y), "The main reasons", font=font(26, True), fill=MUTED)
    y += 50
    reason_font = font(30)
    for f in snapshot.get("factors", [])[:3]:
        pro = f["contribution"] > 0
        mark = "+" if pro else "−"
        draw.text((x, y), mark, font=font(30, True), fill=PRO if pro else CON)
        draw.text((x + 40, y), fit(draw, f["label"], reason_font, width - 40),
                  font=reason_font, fill=INK)
        y += 50
    draw.text((x, SIZE[1] - 52), "Reasons weighed from career advice articles. Private link.",
              font=font(22), fill=MUTED)
    out = io.BytesIO()
    img.save(out, "PNG", optimize=True)
    return out.getvalue()


CARD_DESIGN = "2"  # bump when render_card draws differently: every kept card is redrawn once
# browsers keep the card but ask again every time (a 304 while it is unchanged): a changed
# verdict shows its new card at once, a deleted result's card is a 404 at once
CARD_CACHE_CONTROL = "private, no-cache"


def card_version(rules) -> str:
    return f"{CARD_DESIGN}:{rules.version}"


def card_response(token: str, rules) -> BaseResponse:
    """The card of a live result: drawn on the first GET only, then served from its kept bytes
    with an ETag (a repeat with If-None-Match is a 304), revalidated on every use. A HEAD never
    draws. Unknown, expired and deleted results are the same 404 as their pages."""
    version, now = card_version(rules), store.utcnow()
    with db.session() as s:
        kept = cards.find(s, token, version=version, now=now)
    if kept is None:
        abort(404)
    png = kept.png
    if png is None and request.method != "HEAD":
        with db.session() as s:
            record = store.find(s, token, now=now)
        if record is None:
            abort(404)
        png = render_card(rules, record.snapshot)
        with db.session(write=True) as s:
            cards.keep(s, token, version=version, png=png)
    response = Response(png or b"", mimetype="image/png")
    if png is not None:
        response.set_etag(hashlib.sha256(png).hexdigest()[:32])
    response.headers["Cache-Control"] = CARD_CACHE_CONTROL
    return response.make_conditional(request)
