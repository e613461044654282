"""The Overview tab's charts: the supplier x criterion heat map and two category scores against each other."""

from __future__ import annotations

import altair as alt
import pandas as pd

from scorecard import style
from scorecard.charts.rows import SCORE_SCALE, display, ranked_suppliers, rows_height
from scorecard.config import CATEGORIES
from scorecard.score import ScoreResult
from scorecard.tables import DISQUALIFIED, NOT_SCORED, handling_text


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
                    handling_text(result, i, j) or "ok",
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
        base.mark_rect(stroke="#ffffff", strokeWidth=1, color=style.NO_DATA_COLOUR)
        .encode()
        .transform_filter(f"!({with_data})")
    )
    marks = (
        base.mark_text(fontSize=9, color="#4a5560")
        .encode(text=alt.value("no data"))
        .transform_filter(f"!({with_data})")
    )
    return alt.layer(cells, blanks, marks, title="Criterion scores (grey: no data)").properties(
        height=rows_height(len(suppliers), 20, around=210)  # the criterion names stand at an angle
    )


def band_colour_scale(result: ScoreResult) -> alt.Scale:
    """Band colours from the settings, plus grey for suppliers that are not ranked."""
    colours = style.band_colours(result.config)
    return alt.Scale(
        domain=[*colours, DISQUALIFIED, NOT_SCORED],
        range=[*colours.values(), style.UNRANKED_COLOUR, style.NOT_SCORED_COLOUR],
    )


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
        .mark_circle(size=110, opacity=0.9, stroke=style.INK, strokeWidth=0.5)
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
