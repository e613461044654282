"""Altair charts of a scored event: pure functions from a ScoreResult to a chart (or the frame behind it).

Charts never compute a score: every number drawn comes from the result
(`contributions`, `scores`, `category_scores`, `totals`), so a bar always
matches the ranking table and the scored workbook. Each chart has a frame
builder next to it, so tests check the numbers and the app can show the same
frame as a table. No Streamlit here: the charts work in a notebook too.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

from scorecard.bids import BidResult
from scorecard.config import CATEGORIES
from scorecard.opportunities import OpportunityResult, SegmentGrid
from scorecard.score import DISQUALIFIED, NOT_SCORED, ScoreResult
from scorecard.sensitivity import CATEGORY, FRAGILE_CHANGE, ROBUST_CHANGE, RankProbabilities, StabilityResult

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
                alt.Tooltip("Points:Q", format=".2f", title="Points from this category"),
            ],
        )
        .properties(height=rows_height(len(names), 22))
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
        .properties(height=rows_height(len(frame), 20))
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
        height=rows_height(len(suppliers), 20, around=210)  # the criterion names stand at an angle
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


# --------------------------------------------------------------------------- how robust is the ranking?

STABILITY_LIMIT = 30  # weights shown in the stability chart, nearest change first
PROBABILITY_LIMIT = 12  # suppliers shown in the rank-probability chart
# How close a weight is to changing the leader, in points of weight share (the verdict's own levels).
MARGIN_LEVELS = (
    ("Within 5 points", FRAGILE_CHANGE, "#e15759"),
    ("Within 10 points", ROBUST_CHANGE, "#f28e2b"),
    ("Further away", math.inf, "#4e79a7"),
)
NO_CHANGE = "Never"
NO_CHANGE_COLOUR = "#59a14f"
PROBABILITY_COLOURS = {"First place": "#1f3b57", "Top 3": "#8fb3d9"}


def stability_frame(stability: StabilityResult, limit: int | None = STABILITY_LIMIT) -> pd.DataFrame:
    """One row per weight with a range: where the leader stays first, today's share, and who takes over.

    Read straight from `Sensitivity.stability.table` (already ordered nearest change
    first); weights without a range (no leader, nothing to rescale) are left out.
    Shares are fractions 0-1, as in the table.
    """
    table = stability.table
    table = table[table["Stays first from"].notna() & table["Stays first up to"].notna()]
    if limit is not None:
        table = table.head(limit)
    labels = [
        f"{row.Weight} (category)" if row.Type == CATEGORY else str(row.Weight)
        for row in table.itertuples(index=False)
    ]
    # two weights with the same label (a criterion named like another category's) still get their own row
    counts = pd.Series(labels).value_counts()
    labels = [
        f"{label} [{key}]" if counts[label] > 1 else label
        for label, key in zip(labels, table["Key"], strict=True)
    ]
    change = table["Change needed"].to_numpy(dtype=float, na_value=np.nan)
    return pd.DataFrame(
        {
            "Weight": labels,
            "Type": table["Type"].to_numpy(dtype=object),
            "Current share": table["Current share"].to_numpy(dtype=float),
            "Stays first from": table["Stays first from"].to_numpy(dtype=float),
            "Stays first up to": table["Stays first up to"].to_numpy(dtype=float),
            "Change needed": change,
            "Margin": [margin_level(c) for c in change],
            "Taken over below by": table["Taken over below by"].replace("", "nobody").to_numpy(dtype=object),
            "Taken over above by": table["Taken over above by"].replace("", "nobody").to_numpy(dtype=object),
        }
    )


def margin_level(change: float) -> str:
    """The verdict's levels in words: how far a weight is from changing the leader."""
    if np.isnan(change):
        return NO_CHANGE
    return next(label for label, limit, _ in MARGIN_LEVELS if abs(change) < limit)


def stability_chart(stability: StabilityResult, limit: int | None = STABILITY_LIMIT) -> alt.LayerChart:
    """Per weight, a bar over the share range in which the leader stays first, a tick at today's share.

    The bar's colour says how close the nearest end is to today's share, so the
    weights that could change the award stand out; the nearest ones come first.
    """
    frame = stability_frame(stability, limit)
    order = list(frame["Weight"])
    labels = [label for label, _, _ in MARGIN_LEVELS] + [NO_CHANGE]
    colours = [colour for _, _, colour in MARGIN_LEVELS] + [NO_CHANGE_COLOUR]
    tooltip = [
        alt.Tooltip("Weight:N"),
        alt.Tooltip("Current share:Q", format=".1%", title="Share today"),
        alt.Tooltip("Stays first from:Q", format=".1%", title="Leader stays first from"),
        alt.Tooltip("Stays first up to:Q", format=".1%", title="... up to"),
        alt.Tooltip("Change (pp):Q", format="+.1f", title="Nearest change (pp of weight share)"),
        alt.Tooltip("Taken over below by:N", title="Below the range, first is"),
        alt.Tooltip("Taken over above by:N", title="Above the range, first is"),
    ]
    y = alt.Y("Weight:N", sort=order, title=None, axis=alt.Axis(labelLimit=240))
    # weight changes read in percentage points everywhere (a "+2.7%" could be read as 2.7% of the weight)
    frame = frame.assign(**{"Change (pp)": 100 * frame["Change needed"].astype(float)})
    base = alt.Chart(frame).encode(y=y, tooltip=tooltip)
    ranges = base.mark_bar(height=12, cornerRadius=2, opacity=0.85).encode(
        x=alt.X(
            "Stays first from:Q",
            title="Share of the total weight (others rescaled in proportion)",
            scale=alt.Scale(domain=[0, 1]),
            axis=alt.Axis(format="%"),
        ),
        x2="Stays first up to:Q",
        color=alt.Color(
            "Margin:N",
            scale=alt.Scale(domain=labels, range=colours),
            legend=alt.Legend(orient="bottom", title="A new leader:", labelLimit=260),
        ),
    )
    today = base.mark_tick(color="#1b1f24", thickness=3, size=20).encode(x="Current share:Q")
    title = alt.TitleParams(
        "Where the leader stays first",
        subtitle="Bar: the range of each weight's share in which the leader stays first. Tick: today's share.",
    )
    return alt.layer(ranges, today, title=title).properties(height=rows_height(len(order), 24))


def rank_probability_frame(
    probabilities: RankProbabilities, limit: int | None = PROBABILITY_LIMIT
) -> pd.DataFrame:
    """Long frame: per ranked supplier (current rank order), its chance of first place and of the top 3.

    From `Sensitivity.probabilities.table`; suppliers that are not ranked have no
    probabilities and are left out (not drawn as 0), and so are those that never
    reach the top 3 in any draw (rows of 0% say nothing), but the first three
    today always show. With `limit`, at most that many suppliers, best ranked first.
    """
    table = probabilities.table
    table = table[table["First place"].notna()]
    contenders = (table["Top 3"] > 0).to_numpy() | (np.arange(len(table)) < 3)
    table = table[contenders]
    if limit is not None:
        table = table.head(limit)
    frames = [
        pd.DataFrame(
            {
                "Supplier": table["Supplier"].to_numpy(dtype=object),
                "Current rank": table["Current rank"].to_numpy(dtype=int),
                "Measure": measure,
                "Probability": table[measure].to_numpy(dtype=float),
            }
        )
        for measure in PROBABILITY_COLOURS
    ]
    return pd.concat(frames, ignore_index=True)


def rank_probability_chart(
    probabilities: RankProbabilities, limit: int | None = PROBABILITY_LIMIT
) -> alt.LayerChart:
    """Per supplier, two bars: how often it ranks first and in the top 3 when the weights are perturbed."""
    frame = rank_probability_frame(probabilities, limit)
    suppliers = list(dict.fromkeys(frame["Supplier"]))
    measures = list(PROBABILITY_COLOURS)
    base = alt.Chart(frame).encode(
        y=alt.Y("Supplier:N", sort=suppliers, title=None, axis=alt.Axis(labelLimit=240)),
        yOffset=alt.YOffset("Measure:N", sort=measures),
        x=alt.X(
            "Probability:Q",
            title=f"Share of {probabilities.draws:,} weight draws",
            scale=alt.Scale(domain=[0, 1]),
            axis=alt.Axis(format="%"),
        ),
        tooltip=[
            alt.Tooltip("Supplier:N"),
            alt.Tooltip("Current rank:Q"),
            alt.Tooltip("Measure:N"),
            alt.Tooltip("Probability:Q", format=".1%"),
        ],
    )
    bars = base.mark_bar(cornerRadiusEnd=2).encode(
        color=alt.Color(
            "Measure:N",
            sort=measures,
            scale=alt.Scale(domain=measures, range=list(PROBABILITY_COLOURS.values())),
            legend=alt.Legend(orient="bottom", title=None),
        )
    )
    # a label past the end of a short bar, inside the end of a long one (so 100% stays in the chart)
    outside = (
        base.mark_text(align="left", dx=3, fontSize=10, color="#1b1f24")
        .encode(text=alt.Text("Probability:Q", format=".1~%"))
        .transform_filter("datum.Probability < 0.85")
    )
    inside = (
        base.mark_text(align="right", dx=-3, fontSize=10, color="#ffffff", fontWeight="bold")
        .encode(text=alt.Text("Probability:Q", format=".1~%"))
        .transform_filter("datum.Probability >= 0.85")
    )
    title = alt.TitleParams(
        "Chance of ranking first and in the top 3",
        subtitle=f"Each weight varied by up to ±{probabilities.spread:.0%}, {probabilities.draws:,} draws.",
    )
    return alt.layer(bars, outside, inside, title=title).properties(
        height=rows_height(len(suppliers) * len(measures), 14)
    )


# --------------------------------------------------------------------------- collaboration opportunities

# One colour per relationship segment (by key, so renamed segments keep their colour).
SEGMENT_COLOURS: dict[str, str] = {
    "strategic_partner": "#59a14f",
    "develop": "#f28e2b",
    "leverage": "#4e79a7",
    "maintain": "#76b7b2",
    "exit": "#e15759",
    "unknown": "#c8ced6",
    "not_segmented": UNRANKED_COLOUR,
}


def segment_positions(opportunities: OpportunityResult) -> pd.DataFrame:
    """The suppliers that can be placed: performance and importance both known (from `segments`).

    A supplier with unknown importance has no place on the importance axis; it is
    left out here (never drawn at 0) and the app lists it under the chart.
    """
    segments = opportunities.segments
    placed = segments["Performance"].notna() & segments["Importance"].notna()
    frame = segments[placed].reset_index(drop=True)
    return frame.assign(Band=frame["Band"].fillna("–").astype(object))


def segment_quadrants(grid: SegmentGrid, left: float) -> pd.DataFrame:
    """Where each segment's name is written on the chart: the top corner of its area (positions, not results)."""
    p, e = grid.performance_threshold, grid.exit_below
    i = grid.importance_threshold
    # top corners of each area: the low-importance names sit just under the importance line
    corners = [
        ("strategic_partner", 100, 100, "right", "top"),
        ("develop", left, 100, "left", "top"),
        ("leverage", 100, i, "right", "top"),
        ("maintain", p, i, "right", "top"),
        ("exit", left, i, "left", "top"),
    ]
    rows = [
        (grid.name(key), x, y, align, baseline)
        for key, x, y, align, baseline in corners
        # a segment squeezed out of the drawn area (exit below the left edge) gets no label
        if not (key == "exit" and e <= left) and not (key == "maintain" and p <= max(e, left))
    ]
    return pd.DataFrame(rows, columns=["Segment", "x", "y", "align", "baseline"])


def segmentation_chart(opportunities: OpportunityResult) -> alt.LayerChart:
    """Suppliers on performance x strategic importance, coloured by segment, with the quadrant lines.

    The lines sit at the configured thresholds: performance (vertical), importance
    (horizontal) and, below the importance line, the exit threshold (dashed).
    """
    grid = opportunities.settings.segments
    frame = segment_positions(opportunities)
    lowest = min([grid.exit_below, grid.performance_threshold, *frame["Performance"].tolist()])
    left = float(max(0.0, 10 * math.floor((lowest - 5) / 10)))
    names = [name for _, name in grid.names]
    colours = [SEGMENT_COLOURS.get(key, UNRANKED_COLOUR) for key, _ in grid.names]
    x_scale = alt.Scale(domain=[left, 100], nice=False)
    y_scale = alt.Scale(domain=[0, 100], nice=False)
    points = (
        alt.Chart(frame)
        .mark_circle(size=140, opacity=0.9, stroke="#1b1f24", strokeWidth=0.6)
        .encode(
            x=alt.X(
                "Performance:Q",
                title="Performance (total score)",
                scale=x_scale,
                axis=alt.Axis(tickMinStep=5),
            ),
            y=alt.Y("Importance:Q", title="Strategic importance (0-100)", scale=y_scale),
            color=alt.Color(
                "Segment:N",
                scale=alt.Scale(domain=names, range=colours),
                legend=alt.Legend(orient="bottom", title=None, columns=4, labelLimit=200),
            ),
            tooltip=[
                alt.Tooltip("Supplier:N"),
                alt.Tooltip("Segment:N"),
                alt.Tooltip("Performance:Q", format=".1f"),
                alt.Tooltip("Importance:Q", format=".0f"),
                alt.Tooltip("Band:N"),
                alt.Tooltip("Status:N"),
            ],
        )
    )
    rule_style = {"color": "#4a5560", "strokeWidth": 1.2}
    vertical = (
        alt.Chart(pd.DataFrame({"x": [grid.performance_threshold]}))
        .mark_rule(**rule_style)
        .encode(x=alt.X("x:Q", scale=x_scale))
    )
    horizontal = (
        alt.Chart(pd.DataFrame({"y": [grid.importance_threshold]}))
        .mark_rule(**rule_style)
        .encode(y=alt.Y("y:Q", scale=y_scale))
    )
    exit_line = (
        alt.Chart(pd.DataFrame({"x": [grid.exit_below], "y": [0.0], "y2": [grid.importance_threshold]}))
        .mark_rule(strokeDash=[5, 4], **rule_style)
        .encode(x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale), y2="y2:Q")
        .transform_filter(f"datum.x > {left}")
    )
    layers: list[alt.Chart] = [vertical, horizontal, exit_line]
    for align in ("left", "right"):
        for baseline in ("top", "bottom"):
            labels = segment_quadrants(grid, left)
            labels = labels[(labels["align"] == align) & (labels["baseline"] == baseline)]
            if labels.empty:
                continue
            layers.append(
                alt.Chart(labels)
                .mark_text(
                    align=align,
                    baseline=baseline,
                    dx=6 if align == "left" else -6,
                    dy=6 if baseline == "top" else -6,
                    fontSize=12,
                    fontWeight="bold",
                    color="#6b7785",
                )
                .encode(x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale), text="Segment:N")
            )
    title = alt.TitleParams(
        "Relationship segments",
        subtitle=(
            f"Lines at performance {grid.performance_threshold:g} and importance "
            f"{grid.importance_threshold:g}; dashed: exit below {grid.exit_below:g}."
        ),
    )
    return alt.layer(*layers, points, title=title).properties(height=440)


# --------------------------------------------------------------------------- bids


NOT_ELIGIBLE = "Cannot be awarded"


def bid_totals(bids: BidResult) -> pd.DataFrame:
    """Per supplier with a total: total cost of ownership, coverage, saving and whether it can be awarded."""
    suppliers = bids.suppliers
    frame = pd.DataFrame(
        {
            "Supplier": suppliers.index.astype(str).to_numpy(dtype=object),
            "Total cost": suppliers["total_cost"].to_numpy(dtype=float),
            "Coverage": suppliers["coverage"].to_numpy(dtype=float) / 100,
            "Items quoted": suppliers["items_quoted"].to_numpy(dtype=float),
            "Items requested": suppliers["items_requested"].to_numpy(dtype=float),
            "Price saving vs baseline": suppliers["savings_vs_baseline"].to_numpy(dtype=float),
            "Can be awarded": [bids.eligible(str(name)) for name in suppliers.index],
        }
    )
    frame = frame[frame["Total cost"].notna()].sort_values("Total cost", kind="stable")
    frame["Bid"] = np.where(
        ~frame["Can be awarded"].to_numpy(dtype=bool),
        NOT_ELIGIBLE,
        np.where(frame["Items quoted"] < frame["Items requested"], "Partial bid", "Full bid"),
    )
    return frame.reset_index(drop=True)


def bid_totals_chart(bids: BidResult) -> alt.Chart:
    """Each supplier's total cost of ownership, lowest first; partial bids and suppliers that cannot be
    awarded (disqualified, not evaluated) each in their own colour, named in the legend and the tooltip."""
    frame = bid_totals(bids)
    cur = bids.base_currency
    return (
        alt.Chart(
            frame,
            title=alt.TitleParams(
                f"Total cost of ownership ({cur})",
                subtitle="Lowest first. Partial bids include the value filled in for the items not quoted; "
                "grey bars cannot be awarded (disqualified or not evaluated).",
            ),
        )
        .mark_bar(cornerRadiusEnd=2)
        .encode(
            x=alt.X("Total cost:Q", title=f"Total cost of ownership ({cur})", axis=alt.Axis(format="~s")),
            y=alt.Y("Supplier:N", sort=list(frame["Supplier"]), title=None, axis=alt.Axis(labelLimit=260)),
            color=alt.Color(
                "Bid:N",
                scale=alt.Scale(
                    domain=["Full bid", "Partial bid", NOT_ELIGIBLE], range=["#4e79a7", "#f28e2b", "#bab0ac"]
                ),
                legend=alt.Legend(orient="bottom", title=None),
            ),
            tooltip=[
                alt.Tooltip("Supplier:N"),
                alt.Tooltip("Total cost:Q", format=",.0f", title=f"Total cost ({cur})"),
                alt.Tooltip("Coverage:Q", format=".0%"),
                alt.Tooltip("Items quoted:Q"),
                alt.Tooltip("Items requested:Q"),
                alt.Tooltip(
                    "Price saving vs baseline:Q", format=",.0f", title=f"Price saving vs baseline ({cur})"
                ),
                alt.Tooltip("Bid:N"),
            ],
        )
        .properties(height=rows_height(len(frame), 20))
    )
