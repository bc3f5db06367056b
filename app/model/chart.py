"""Geometry for the reasons chart: numbers only, drawn as inline SVG by the template.

Why on the server: the chart must show with no JavaScript, print cleanly and obey a CSP with
no inline styles, so the template gets ready-made coordinates (and wrapped label lines) and
colours come from CSS classes. Pros grow right of the centre line, cons grow left; every bar
is scaled to the largest contribution; the centre line is drawn per bar, never through text.
The table next to it says the same in words.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass

from .wording import balance_words

WIDTH = 400
CENTRE = WIDTH / 2
HALF = 150          # longest bar; leaves room for the number beyond it
LINE = 19           # label line height
BAR = 16            # bar thickness
GAP = 14            # space after each row
TOP = 30            # room for the "against | for" legend
WRAP = 42           # characters per label line (15px text in a 400-wide box)


@dataclass(frozen=True)
class Bar:
    label_lines: tuple[tuple[float, str], ...]  # (y, text)
    side: str
    x: float
    y: float
    width: float
    value_x: float
    value_anchor: str
    value_text: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: float
    centre: float
    bars: tuple[Bar, ...]


def contribution_text(value: float) -> str:
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return f"{sign}{abs(value):.1f}"


def build_chart(factors: list[dict]) -> Chart:
    """factors: the snapshot's [{label, side, contribution}], strongest first."""
    biggest = max((abs(f["contribution"]) for f in factors), default=1.0) or 1.0
    bars, y = [], TOP
    for f in factors:
        lines = textwrap.wrap(f["label"], WRAP) or [""]
        label_lines = tuple((y + LINE * (i + 1) - 4, text) for i, text in enumerate(lines))
        y += LINE * len(lines) + 4
        width = max(2.0, round(HALF * abs(f["contribution"]) / biggest, 1))
        pro = f["contribution"] > 0
        x = CENTRE if pro else CENTRE - width
        value_x = CENTRE + width + 6 if pro else CENTRE - width - 6
        bars.append(Bar(label_lines, "pro" if pro else "con", x, y, width, value_x,
                        "start" if pro else "end", contribution_text(f["contribution"])))
        y += BAR + GAP
    return Chart(WIDTH, y, CENTRE, tuple(bars))


@dataclass(frozen=True)
class Region:
    code: str
    x: float
    width: float


@dataclass(frozen=True)
class Scale:
    """The total on the verdict scale: the bands as regions, the total as a marker."""
    width: int
    regions: tuple[Region, ...]
    thresholds: tuple[tuple[float, str], ...]  # (x, "+4.0")
    marker_x: float
    total_text: str
    total_words: str = ""  # the balance in words ("... outweigh those against by a little")


SCALE_SPAN = 10.0  # the scale runs from -10 to +10 points; totals beyond sit at the edge


def build_scale(rules, score: float) -> Scale:
    """Where the total falls among today's verdict bands, so "how clear-cut" can be seen."""
    def x(points: float) -> float:
        points = max(-SCALE_SPAN, min(SCALE_SPAN, points))
        return round(8 + (points + SCALE_SPAN) / (2 * SCALE_SPAN) * (WIDTH - 16), 1)
    regions, upper = [], SCALE_SPAN
    for band in rules.bands:
        lower = band.min_score if band.min_score is not None else -SCALE_SPAN
        regions.append(Region(band.code, x(lower), round(x(upper) - x(lower), 1)))
        upper = lower
    thresholds = tuple((x(b.min_score), contribution_text(b.min_score)) for b in rules.bands
                       if b.min_score is not None)
    return Scale(WIDTH, tuple(regions), thresholds, x(score), contribution_text(score),
                 balance_words(rules, score))
