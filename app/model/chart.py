"""Geometry for the reasons chart: numbers only, drawn as inline SVG by the template.

Why on the server: the chart must show with no JavaScript, print cleanly and obey a CSP with
no inline styles, so the template gets ready-made coordinates (and wrapped label lines) and
colours come from CSS classes. Pros grow right of the centre line, cons grow left; every bar
is scaled to the largest contribution; the centre line is drawn per bar, never through text. The table next to it says the same in words.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass

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
    return f"{'+' if value > 0 else '−'}{abs(value):.1f}"


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
