"""Where the product's non-Python files live, in a checkout and in an installed wheel.

Why: templates/, static/ and migrations/ sit at the top of the repository (beside app/), as
Flask's tutorial lays them out, but a wheel can only carry files inside its package, so the
build maps them into app/ (pyproject.toml, hatchling's force-include). This module answers
"where are they?" once: inside the package when they were installed there, else beside it.
"""
from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def bundled(name: str) -> Path:
    """`name` inside the installed package if the wheel put it there, else the checkout's."""
    inside = PACKAGE / name
    return inside if inside.is_dir() else PACKAGE.parent / name


TEMPLATES = bundled("templates")
STATIC = bundled("static")
MIGRATIONS = bundled("migrations")
