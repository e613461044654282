"""Colours a buyer sees, decided once for the workbook, the charts and the page.

A band's colour comes from the settings (`bands[].colour`); the score scale is
the red-amber-green scale Excel buyers know; text on a coloured cell is white
or dark by the fill's luminance. The scored workbook (`scorecard.export`), the
Altair charts (`scorecard.charts`) and the page (`scorecard.ui`) all read these,
so a "Preferred" band is the same green in all three.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scorecard.config import Config

# The score scale, 0 red - 50 amber - 100 green, on the score itself (not on a column's own range).
SCORE_SCALE: tuple[tuple[float, str], ...] = ((0.0, "#f8696b"), (50.0, "#ffeb84"), (100.0, "#63be7b"))
NO_DATA_COLOUR = "#d5dae0"  # a cell without data: grey, never a colour on the score scale
UNRANKED_COLOUR = "#9aa5b1"  # a supplier that fails a must-have
NOT_SCORED_COLOUR = "#c8ced6"  # a supplier with nothing to score
INK = "#1b1f24"  # dark text
LIGHT_INK = "#ffffff"  # text on a dark fill
DARK_FILL_BELOW = 140  # perceived brightness (0-255) under which a fill takes light text
HIGHLIGHT_FILL, HIGHLIGHT_INK = "#c6efce", "#006100"  # a best value marked in a table (Excel's "good")

# One colour per category, the same in every chart (colour-blind safe, Tableau 10 order).
CATEGORY_COLOURS: dict[str, str] = {
    "cost": "#4e79a7",
    "risk": "#f28e2b",
    "quality": "#59a14f",
    "sustainability": "#76b7b2",
    "srm_fit": "#b07aa1",
}


def band_colours(config: Config) -> dict[str, str]:
    """Each band's name and its fill, as the settings give them (the only lookup of band colours)."""
    return {band.name: band.colour for band in config.bands}


def rgb(colour: str) -> tuple[int, int, int]:
    """'#1a7f37' as (26, 127, 55)."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return r, g, b


def text_on(fill: str) -> str:
    """The text colour that stays readable on `fill`: white on a dark fill, dark ink on a light one.

    Perceived brightness by the ITU-R BT.601 weights, the rule spreadsheet tools use.
    """
    r, g, b = rgb(fill)
    return LIGHT_INK if 0.299 * r + 0.587 * g + 0.114 * b < DARK_FILL_BELOW else INK


def score_colour(score: float) -> tuple[int, int, int]:
    """The score scale's colour at a 0-100 score (clipped), blended linearly between its stops as Excel does."""
    x = min(max(float(score), SCORE_SCALE[0][0]), SCORE_SCALE[-1][0])
    (x0, c0), (x1, c1) = next((low, high) for low, high in itertools.pairwise(SCORE_SCALE) if x <= high[0])
    t = (x - x0) / (x1 - x0)
    r, g, b = (round(a + (b - a) * t) for a, b in zip(rgb(c0), rgb(c1), strict=True))
    return r, g, b
