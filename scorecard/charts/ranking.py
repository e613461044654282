"""The Ranking tab's chart: each supplier's score stacked by the points each category adds."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from scorecard.charts.rows import DEFAULT_LIMIT, ranked_suppliers, rows_height
from scorecard.config import CATEGORIES
from scorecard.score import ScoreResult
from scorecard.style import CATEGORY_COLOURS


def category_contributions(result: ScoreResult, limit: int | None = DEFAULT_LIMIT) -> pd.DataFrame:
    """Points each category adds to each ranked supplier's total (sum of its criteria's contributions).

    The points of a supplier add up to its total score, so the stacked bar is the score.
    """
    order = ranked_suppliers(result, limit)
    rows = []
    for k, key in enumerate(result.category_keys):
        members = np.array([c.category == key for c in result.criteria], dtype=bool)
        points = result.contributions[:, members].sum(axis=1)
        for i in order:
            rows.append(
                (
                    result.suppliers[i],
                    int(result.ranks[i]),
                    float(result.totals[i]),
                    CATEGORIES[key],
                    k,
                    float(points[i]),
                )
            )
    return pd.DataFrame(rows, columns=["Supplier", "Rank", "Score", "Category", "Category order", "Points"])


def category_colour_scale(result: ScoreResult) -> alt.Scale:
    keys = list(result.category_keys)
    return alt.Scale(domain=[CATEGORIES[k] for k in keys], range=[CATEGORY_COLOURS[k] for k in keys])


def score_by_category_chart(result: ScoreResult, limit: int | None = DEFAULT_LIMIT) -> alt.Chart:
    """Each ranked supplier's score as a horizontal bar stacked by category contribution, best on top."""
    frame = category_contributions(result, limit)
    names = list(dict.fromkeys(frame["Supplier"]))
    categories = [CATEGORIES[k] for k in result.category_keys]
    return (
        alt.Chart(frame, title="Score by category contribution")
        .mark_bar()
        .encode(
            x=alt.X("sum(Points):Q", title="Score (points)", scale=alt.Scale(domain=[0, 100])),
            y=alt.Y("Supplier:N", sort=names, title=None, axis=alt.Axis(labelLimit=260)),
            color=alt.Color(
                "Category:N",
                scale=category_colour_scale(result),
                sort=categories,
                legend=alt.Legend(orient="bottom", title=None),
            ),
            order=alt.Order("Category order:Q"),
            tooltip=[
                alt.Tooltip("Supplier:N"),
                alt.Tooltip("Rank:Q"),
                alt.Tooltip("Score:Q", format=".1f"),
                alt.Tooltip("Category:N"),
                alt.Tooltip("Points:Q", format=".2f", title="Points from this category"),
            ],
        )
        .properties(height=rows_height(len(names), 22))
    )
