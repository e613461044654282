"""One number style for the page and the workbook: money, scores, weights, points.

A buyer comparing the page with the workbook (or two tables on one screen)
should see one way of writing each kind of number:

- money: thousands separators; no decimals from 1,000 up, two below (672,476 and 850.50);
- scores (0-100): one decimal (86.4);
- weights and other shares: percent with one decimal (35.0%);
- points (a contribution, a gap, a change of total): two decimals (5.25, -0.80);
- other numbers (ratings, quantities): thousands separators, one or two decimals (2.33, 1,200.5).

Every page table and every workbook sheet takes its formats from here.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from numbers import Real
from typing import Any

MONEY_FROM = 1000  # from this amount up, money is shown without decimals
# Excel's conditional sections apply the same rule per cell as `money_text` does on the page
EXCEL_FORMATS: dict[str, str] = {
    "score": "0.0",
    "percent": "0.0%",
    "money": f"[>={MONEY_FROM}]#,##0;[<=-{MONEY_FROM}]-#,##0;#,##0.00",
    "points": "0.00",
    "number": "#,##0.0#",
    "integer": "#,##0",
    "date": "yyyy-mm-dd",
}
# st.column_config formats where one printf pattern says it; the others are written by the text functions
PAGE_FORMATS: dict[str, str] = {"score": "%.1f", "points": "%.2f", "integer": "%,d"}


def finite(value: Any) -> bool:
    """A number to write (numpy's too: pandas' Styler hands an Int64 column's cells over as numpy.int64)."""
    return isinstance(value, Real) and not isinstance(value, bool) and math.isfinite(value)


def money_text(amount: Any) -> str:
    """672,476 / 850.50: whole units from 1,000 up, cents below; halves round away from zero, as in Excel."""
    if not finite(amount):
        return ""
    step = Decimal(1) if abs(amount) >= MONEY_FROM else Decimal("0.01")
    return f"{Decimal(repr(float(amount))).quantize(step, rounding=ROUND_HALF_UP):,}"


def score_text(score: Any) -> str:
    return f"{score:.1f}" if finite(score) else ""


def percent_text(share: Any) -> str:
    """A share (0-1) as a percentage with one decimal: 0.35 -> 35.0%."""
    return f"{100 * share:.1f}%" if finite(share) else ""


def points_text(points: Any) -> str:
    return f"{points:.2f}" if finite(points) else ""


def number_text(number: Any) -> str:
    """Thousands separators with one or two decimals: 3 -> 3.0, 2.333 -> 2.33, 1200.5 -> 1,200.5."""
    if not finite(number):
        return ""
    text = f"{number:,.2f}"
    return text[:-1] if text.endswith("0") else text


TEXT: dict[str, Callable[[Any], str]] = {
    "money": money_text,
    "score": score_text,
    "percent": percent_text,
    "points": points_text,
    "number": number_text,
}


MOST_DECIMALS = 20  # figures closer than this still read alike; no buyer's figure is


def decimals_apart(value: float, other: float, decimals: int = 1) -> int:
    """The fewest decimals, from `decimals` up, at which two different figures print differently, so a
    sentence never reads 'coverage 66.7% is below the 66.7% threshold'. Equal figures keep `decimals`.

    Rounding keeps order, so at these decimals the smaller figure also reads as the smaller one.
    """
    if value == other or not (finite(value) and finite(other)):
        return decimals
    while decimals < MOST_DECIMALS and float(f"{value:.{decimals}f}") == float(f"{other:.{decimals}f}"):
        decimals += 1  # compared as numbers: '-0.0' reads as '0.0'
    return decimals


def beside_limit(value: float, limit: float, decimals: int = 1) -> tuple[str, str]:
    """A figure and the limit it is held against, as a sentence prints them: the figure with `decimals`
    decimals, more while it would read as the limit ('66.67' against '66.7'); the limit as typed ('80',
    '66.666667': every digit, where `:g` would round it)."""
    typed = f"{limit:g}"
    shown = f"{value:.{decimals_apart(value, limit, decimals)}f}"
    return shown, typed if float(typed) == limit else repr(float(limit))


def percent(value: float, other: float | None = None) -> str:
    """A share as a buyer reads it in a sentence ('35%', '12.5%'), with more decimals if it would read the
    same as `other` (tables use `percent_text`: one decimal in every row)."""
    points = 100 * value
    decimals = 0 if abs(points - round(points)) < 0.05 else 1
    if other is not None:
        decimals = decimals_apart(points, 100 * other, decimals)
    return f"{points:.{decimals}f}%"
