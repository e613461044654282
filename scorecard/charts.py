"""Altair charts of a scored event: pure functions from a ScoreResult to a chart (or the frame behind it).

Charts never compute a score: every number drawn comes from the result
(`contributions`, `scores`, `category_scores`, `totals`), so a bar always
matches the ranking table and the scored workbook. Each chart has a frame
builder next to it, so tests check the numbers and the app can show the same
frame as a table. No Streamlit here: the charts work in a notebook too.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

from scorecard.config import CATEGORIES
from scorecard.score import DISQUALIFIED, NOT_SCORED, ScoreResult

# One colour per category, the same in every chart (colour-blind safe, Tableau 10 order).
CATEGORY_COLOURS: dict[str, str] = {
    "cost": "#4e79a7",
    "risk": "#f28e2b",
    "quality": "#59a14f",
    "sustainability": "#76b7b2",
    "srm_fit": "#b07aa1",
}
# The scored workbook's red-amber-green scale, so the heat map reads like the Excel file.
SCORE_SCALE = alt.Scale(domain=[0, 50, 100], range=["#f8696b", "#ffeb84", "#63be7b"])
NO_DATA_COLOUR = "#d5dae0"
UNRANKED_COLOUR = "#9aa5b1"
SUPPLIER_COLOURS = ("#1f3b57", "#e15759", "#59a14f", "#f28e2b")  # compare: at most four suppliers
DEFAULT_LIMIT = 25  # bars beyond this are unreadable; the app says how many are shown


def ranked_suppliers(result: ScoreResult, limit: int | None = None) -> list[int]:
    """Positions of the ranked suppliers, best first, at most `limit` of them."""
    order = [int(i) for i in result.ranked_order if not np.isnan(result.ranks[i])]
    return order if limit is None else order[:limit]


# --------------------------------------------------------------------------- ranking


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
                alt.Tooltip("Points:Q", format=".1f", title="Points from this category"),
            ],
        )
        .properties(height=alt.Step(22))
    )


# --------------------------------------------------------------------------- compare


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
                    result.handling(i, j) or "ok",
                )
            )
    return pd.DataFrame(
        rows, columns=["Criterion", "Category", "Supplier", "Value", "Score", "Contribution", "Data"]
    )


def comparison_table(result: ScoreResult, suppliers: Sequence[str]) -> pd.DataFrame:
    """Wide table for reading side by side: one row per criterion, a score column per supplier."""
    shares = result.config.effective_weights()
    frame = pd.DataFrame(
        {
            "Category": [CATEGORIES[c.category] for c in result.criteria],
            "Criterion": [c.label for c in result.criteria],
            "Weight": [shares[c.key] for c in result.criteria],
        }
    )
    for name in suppliers:
        i = result.index_of(name)
        frame[name] = result.scores[i]
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
        .properties(height=alt.Step(7 * len(suppliers) + 8))
    )


def gap_chart(gap: pd.DataFrame, first: str, second: str) -> alt.Chart:
    """Diverging bars: criteria that favour `first` to the right, those that favour `second` to the left.

    `gap` is `scorecard.explain.compare(result, first, second).rows`: Criterion,
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
        .properties(height=alt.Step(20))
    )


# --------------------------------------------------------------------------- overview


def score_matrix(result: ScoreResult, limit: int | None = 40) -> pd.DataFrame:
    """Long frame for the heat map: ranked suppliers x criteria, with 'no data' kept as its own state."""
    order = ranked_suppliers(result, limit)
    rows = []
    for i in order:
        for j, criterion in enumerate(result.criteria):
            score = float(result.scores[i, j])
            rows.append(
                (
                    result.suppliers[i],
                    criterion.label,
                    score,
                    display(result.raw.iat[i, j]),
                    result.handling(i, j) or "ok",
                    bool(result.missing[i, j]),
                )
            )
    return pd.DataFrame(rows, columns=["Supplier", "Criterion", "Score", "Value", "Data", "No data"])


def score_heatmap(result: ScoreResult, limit: int | None = 40) -> alt.LayerChart:
    """Supplier x criterion scores on the red-amber-green scale; cells without data are grey and marked."""
    frame = score_matrix(result, limit)
    suppliers = list(dict.fromkeys(frame["Supplier"]))
    criteria = [c.label for c in result.criteria]
    base = alt.Chart(frame).encode(
        x=alt.X(
            "Criterion:N",
            sort=criteria,
            title=None,
            # every criterion named: a heat map column without a name is useless
            axis=alt.Axis(labelAngle=-40, labelLimit=200, labelOverlap=False, orient="top"),
        ),
        y=alt.Y("Supplier:N", sort=suppliers, title=None, axis=alt.Axis(labelLimit=260)),
        tooltip=[
            alt.Tooltip("Supplier:N"),
            alt.Tooltip("Criterion:N"),
            alt.Tooltip("Value:N", title="Value in the file"),
            alt.Tooltip("Score:Q", format=".1f"),
            alt.Tooltip("Data:N"),
        ],
    )
    with_data = "isValid(datum.Score) && !datum['No data']"
    cells = (
        base.mark_rect(stroke="#ffffff", strokeWidth=1)
        .encode(color=alt.Color("Score:Q", scale=SCORE_SCALE, legend=alt.Legend(title="Score")))
        .transform_filter(with_data)
    )
    # "No data" is its own state: a grey cell that says so, never a colour on the score scale
    blanks = (
        base.mark_rect(stroke="#ffffff", strokeWidth=1, color=NO_DATA_COLOUR)
        .encode()
        .transform_filter(f"!({with_data})")
    )
    marks = (
        base.mark_text(fontSize=9, color="#4a5560")
        .encode(text=alt.value("no data"))
        .transform_filter(f"!({with_data})")
    )
    return alt.layer(cells, blanks, marks, title="Criterion scores (grey: no data)").properties(
        height=alt.Step(20)
    )


def band_colour_scale(result: ScoreResult) -> alt.Scale:
    """Band colours from the settings, plus grey for suppliers that are not ranked."""
    names = [band.name for band in result.config.bands]
    colours = [band.colour for band in result.config.bands]
    return alt.Scale(domain=[*names, DISQUALIFIED, NOT_SCORED], range=[*colours, UNRANKED_COLOUR, "#c8ced6"])


def category_positions(result: ScoreResult) -> pd.DataFrame:
    """One row per supplier: its category scores, total, rank and band (or why it is unranked)."""
    frame = pd.DataFrame(
        {
            "Supplier": list(result.suppliers),
            "Score": result.totals,
            "Rank": pd.array([result.rank_of(i) for i in range(len(result.suppliers))], dtype="Int64"),
            "Band": [band_label(result, i) for i in range(len(result.suppliers))],
        }
    )
    for k, key in enumerate(result.category_keys):
        frame[CATEGORIES[key]] = result.category_scores[:, k]
    return frame


def band_label(result: ScoreResult, i: int) -> str:
    band = result.bands[i]
    if band is not None:
        return band.name
    return DISQUALIFIED if not result.qualified[i] else NOT_SCORED


def category_scatter(result: ScoreResult, x_category: str = "cost", y_category: str = "quality") -> alt.Chart:
    """Each supplier placed by two category scores (category keys), coloured by band."""
    frame = category_positions(result)
    x_label, y_label = CATEGORIES[x_category], CATEGORIES[y_category]
    return (
        alt.Chart(frame, title=f"{y_label} against {x_label}")
        .mark_circle(size=110, opacity=0.9, stroke="#1b1f24", strokeWidth=0.5)
        .encode(
            x=alt.X(f"{x_label}:Q", title=f"{x_label} score", scale=alt.Scale(domain=[0, 100])),
            y=alt.Y(f"{y_label}:Q", title=f"{y_label} score", scale=alt.Scale(domain=[0, 100])),
            color=alt.Color("Band:N", scale=band_colour_scale(result), legend=alt.Legend(title="Band")),
            tooltip=[
                alt.Tooltip("Supplier:N"),
                alt.Tooltip("Rank:Q"),
                alt.Tooltip("Score:Q", format=".1f"),
                alt.Tooltip("Band:N"),
                alt.Tooltip(f"{x_label}:Q", format=".1f"),
                alt.Tooltip(f"{y_label}:Q", format=".1f"),
            ],
        )
        .properties(height=420)
    )


def display(value: object) -> str:
    """A raw cell as text for a tooltip; blanks say 'no data' rather than nothing."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return "no data"
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1e6 else f"{value:,.0f}"
    return str(value)
