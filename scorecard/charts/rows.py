"""What every chart shares: its height per row, which suppliers it draws, how a raw value reads."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from scorecard import style
from scorecard.score import ScoreResult

# The scored workbook's red-amber-green scale, so the heat map reads like the Excel file.
SCORE_SCALE = alt.Scale(domain=[x for x, _ in style.SCORE_SCALE], range=[c for _, c in style.SCORE_SCALE])
SUPPLIER_COLOURS = ("#1f3b57", "#e15759", "#59a14f", "#f28e2b")  # compare: at most four suppliers
DEFAULT_LIMIT = 25  # bars beyond this are unreadable; the app says how many are shown


def rows_height(rows: int, step: int, around: int = 190) -> int:
    """A fixed height for a chart with one band per row: the page stretches charts to its width with
    Vega's "fit" sizing, which a step height (alt.Step) cannot take; Vega then warns in the console
    ('Dropping "fit-y" because spec has discrete height') on every draw. Fit sizing counts the title,
    axes and legend in the height, so `around` leaves them their room and each row keeps `step`."""
    return max(rows, 1) * step + around


def ranked_suppliers(result: ScoreResult, limit: int | None = None) -> list[int]:
    """Positions of the ranked suppliers, best first, at most `limit` of them."""
    order = [int(i) for i in result.ranked_order if not np.isnan(result.ranks[i])]
    return order if limit is None else order[:limit]


def display(value: object) -> str:
    """A raw cell as text for a tooltip; blanks say 'no data' rather than nothing."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return "no data"
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1e6 else f"{value:,.0f}"
    return str(value)
