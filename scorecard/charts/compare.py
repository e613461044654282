"""The Compare tab's charts and table: chosen suppliers criterion by criterion, and the gap between two."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

from scorecard.charts.rows import SUPPLIER_COLOURS, display, rows_height
from scorecard.config import CATEGORIES
from scorecard.score import ScoreResult
from scorecard.tables import handling_text


def criterion_comparison(result: ScoreResult, suppliers: Sequence[str]) -> pd.DataFrame:
    """Long frame, one row per criterion and chosen supplier: value, score (NaN = left out) and contribution."""
    rows = []
    for name in suppliers:
        i = result.index_of(name)
        for j, criterion in enumerate(result.criteria):
            rows.append(
                (
                    criterion.label,
                    CATEGORIES[criterion.category],
                    name,
                    display(result.raw.iat[i, j]),
                    float(result.scores[i, j]),
                    float(result.contributions[i, j]),
                    handling_text(result, i, j) or "ok",
                )
            )
    return pd.DataFrame(
        rows, columns=["Criterion", "Category", "Supplier", "Value", "Score", "Contribution", "Data"]
    )


def comparison_table(result: ScoreResult, suppliers: Sequence[str]) -> pd.DataFrame:
    """Wide table for reading side by side: one row per criterion, the share that counted, then per
    supplier its score and its points (score x that supplier's share: the points add up to its total)."""
    frame = pd.DataFrame(
        {
            "Category": [CATEGORIES[c.category] for c in result.criteria],
            "Criterion": [c.label for c in result.criteria],
            "Share that counted": result.base_weights,
        }
    )
    for name in suppliers:
        i = result.index_of(name)
        frame[name] = result.scores[i]
        frame[f"{name}: points"] = result.contributions[i]
    return frame


def comparison_chart(result: ScoreResult, suppliers: Sequence[str]) -> alt.Chart:
    """Criterion by criterion, one bar per chosen supplier (grouped), on the 0-100 score scale."""
    frame = criterion_comparison(result, suppliers)
    criteria = [c.label for c in result.criteria]
    return (
        alt.Chart(frame, title="Criterion scores side by side")
        .mark_bar()
        .encode(
            y=alt.Y("Criterion:N", sort=criteria, title=None, axis=alt.Axis(labelLimit=220)),
            yOffset=alt.YOffset("Supplier:N", sort=list(suppliers)),
            x=alt.X("Score:Q", title="Criterion score (0-100)", scale=alt.Scale(domain=[0, 100])),
            color=alt.Color(
                "Supplier:N",
                sort=list(suppliers),
                scale=alt.Scale(domain=list(suppliers), range=list(SUPPLIER_COLOURS[: len(suppliers)])),
                legend=alt.Legend(orient="bottom", title=None, labelLimit=260),
            ),
            tooltip=[
                alt.Tooltip("Supplier:N"),
                alt.Tooltip("Criterion:N"),
                alt.Tooltip("Value:N", title="Value in the file"),
                alt.Tooltip("Score:Q", format=".1f"),
                alt.Tooltip("Contribution:Q", format=".2f", title="Points to the total"),
                alt.Tooltip("Data:N"),
            ],
        )
        .properties(height=rows_height(frame["Criterion"].nunique(), 7 * len(suppliers) + 8))
    )


def gap_chart(gap: pd.DataFrame, first: str, second: str) -> alt.Chart:
    """Diverging bars: criteria that favour `first` to the right, those that favour `second` to the left.

    `gap` is `scorecard.tables.explain.compare(result, first, second).rows`: Criterion,
    "<first> contribution", "<second> contribution" and Difference (first minus second).
    """
    frame = gap.rename(columns={f"{first} contribution": "First", f"{second} contribution": "Second"})
    frame = frame.assign(Favours=np.where(frame["Difference"] >= 0, first, second))
    return (
        alt.Chart(frame, title=f"Points gained by {first} (right) or by {second} (left)")
        .mark_bar()
        .encode(
            x=alt.X("Difference:Q", title=f"{first} minus {second}, points of the total score"),
            y=alt.Y("Criterion:N", sort=list(frame["Criterion"]), title=None, axis=alt.Axis(labelLimit=220)),
            color=alt.Color(
                "Favours:N",
                scale=alt.Scale(domain=[first, second], range=list(SUPPLIER_COLOURS[:2])),
                legend=alt.Legend(orient="bottom", title="Favours", labelLimit=260),
            ),
            tooltip=[
                alt.Tooltip("Criterion:N"),
                alt.Tooltip("First:Q", format=".2f", title=f"{first} (points)"),
                alt.Tooltip("Second:Q", format=".2f", title=f"{second} (points)"),
                alt.Tooltip("Difference:Q", format="+.2f"),
            ],
        )
        .properties(height=rows_height(len(frame), 20))
    )
