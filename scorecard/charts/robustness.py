"""The robustness tab's charts: where each weight can go before the leader changes, and the odds."""

from __future__ import annotations

import math

import altair as alt
import numpy as np
import pandas as pd

from scorecard import style
from scorecard.charts.rows import rows_height
from scorecard.sensitivity import (
    FRAGILE_CHANGE,
    ROBUST_CHANGE,
    RankProbabilities,
    StabilityResult,
    WeightKind,
)
from scorecard.tables.robustness import PROBABILITY_HEADINGS
from scorecard.tables.stability import KIND_WORDS, taker_text

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
PROBABILITY_COLOURS = {"first": "#1f3b57", "top3": "#8fb3d9"}  # the stage's columns drawn, in these colours

# The parts of the two charts that do not depend on the event, made once: Altair checks each such
# object against the Vega-Lite schema when it is made, and the charts are rebuilt on every rerun of the tab.
NAMES_AXIS = alt.Axis(labelLimit=240)
SHARE = alt.Scale(domain=[0, 1])
PERCENT = alt.Axis(format="%")
STABILITY_TOOLTIP = [
    alt.Tooltip("Weight:N"),
    alt.Tooltip("Current share:Q", format=".1%", title="Share today"),
    alt.Tooltip("Stays first from:Q", format=".1%", title="Leader stays first from"),
    alt.Tooltip("Stays first up to:Q", format=".1%", title="... up to"),
    alt.Tooltip("Change (pp):Q", format="+.1f", title="Nearest change (pp of weight share)"),
    alt.Tooltip("Taken over below by:N", title="Below the range, first is"),
    alt.Tooltip("Taken over above by:N", title="Above the range, first is"),
]
STABILITY_X = alt.X(
    "Stays first from:Q",
    title="Share of the total weight (others rescaled in proportion)",
    scale=SHARE,
    axis=PERCENT,
)
STABILITY_X2 = alt.X2("Stays first up to:Q")  # channel objects: a shorthand string costs a schema look-up
TODAY_X = alt.X("Current share:Q")
MARGIN_COLOUR = alt.Color(
    "Margin:N",
    scale=alt.Scale(
        domain=[label for label, _, _ in MARGIN_LEVELS] + [NO_CHANGE],
        range=[colour for _, _, colour in MARGIN_LEVELS] + [NO_CHANGE_COLOUR],
    ),
    legend=alt.Legend(orient="bottom", title="A new leader:", labelLimit=260),
)
STABILITY_TITLE = alt.TitleParams(
    "Where the leader stays first",
    subtitle="Bar: the range of each weight's share in which the leader stays first. Tick: today's share.",
)
MEASURES = [PROBABILITY_HEADINGS[column] for column in PROBABILITY_COLOURS]  # as the sheet heads them
MEASURE_OFFSET = alt.YOffset("Measure:N", sort=MEASURES)
MEASURE_COLOUR = alt.Color(
    "Measure:N",
    sort=MEASURES,
    scale=alt.Scale(domain=MEASURES, range=list(PROBABILITY_COLOURS.values())),
    legend=alt.Legend(orient="bottom", title=None),
)
PROBABILITY_TOOLTIP = [
    alt.Tooltip("Supplier:N"),
    alt.Tooltip("Current rank:Q"),
    alt.Tooltip("Measure:N"),
    alt.Tooltip("Probability:Q", format=".1%"),
]
PROBABILITY_TEXT = alt.Text("Probability:Q", format=".1~%")


def stability_frame(stability: StabilityResult, limit: int | None = STABILITY_LIMIT) -> pd.DataFrame:
    """One row per weight with a range: where the leader stays first, today's share, and who takes over.

    Read straight from `Sensitivity.stability.table` (already ordered nearest change
    first); weights without a range (no leader, nothing to rescale) are left out.
    Shares are fractions 0-1, as in the table.
    """
    table = stability.table
    table = table[table["stays_from"].notna() & table["stays_to"].notna()]
    if limit is not None:
        table = table.head(limit)
    labels = [
        f"{row.weight} (category)" if row.kind == WeightKind.CATEGORY else str(row.weight)
        for row in table.itertuples(index=False)
    ]
    # two weights with the same label (a criterion named like another category's) still get their own row
    counts = pd.Series(labels).value_counts()
    labels = [
        f"{label} [{key}]" if counts[label] > 1 else label
        for label, key in zip(labels, table["key"], strict=True)
    ]
    change = table["change"].to_numpy(dtype=float, na_value=np.nan)
    return pd.DataFrame(
        {
            "Weight": labels,
            "Type": [KIND_WORDS[kind] for kind in table["kind"]],
            "Current share": table["share"].to_numpy(dtype=float),
            "Stays first from": table["stays_from"].to_numpy(dtype=float),
            "Stays first up to": table["stays_to"].to_numpy(dtype=float),
            "Change needed": change,
            "Margin": [margin_level(c) for c in change],
            "Taken over below by": [taker_text(taker, "nobody") for taker in table["taker_below"]],
            "Taken over above by": [taker_text(taker, "nobody") for taker in table["taker_above"]],
        }
    )


def margin_level(change: float) -> str:
    """The verdict's levels in words: how far a weight is from changing the leader."""
    if np.isnan(change):
        return NO_CHANGE
    return next(label for label, limit, _ in MARGIN_LEVELS if abs(change) < limit)


def stability_chart(
    stability: StabilityResult, limit: int | None = STABILITY_LIMIT, frame: pd.DataFrame | None = None
) -> alt.LayerChart:
    """Per weight, a bar over the share range in which the leader stays first, a tick at today's share.

    The bar's colour says how close the nearest end is to today's share, so the
    weights that could change the award stand out; the nearest ones come first.
    `frame`: `stability_frame(stability, limit)` when the caller has it already.
    """
    frame = stability_frame(stability, limit) if frame is None else frame
    order = list(frame["Weight"])
    y = alt.Y("Weight:N", sort=order, title=None, axis=NAMES_AXIS)
    # weight changes read in percentage points everywhere (a "+2.7%" could be read as 2.7% of the weight)
    frame = frame.assign(**{"Change (pp)": 100 * frame["Change needed"].astype(float)})
    # the data is given once, to the layer: data on each layer makes Altair print the frame to hash it
    # when it hoists it (the spec is the same); the chart is rebuilt on every rerun of the tab
    base = alt.Chart().encode(y=y, tooltip=STABILITY_TOOLTIP)
    ranges = base.mark_bar(height=12, cornerRadius=2, opacity=0.85).encode(
        x=STABILITY_X, x2=STABILITY_X2, color=MARGIN_COLOUR
    )
    today = base.mark_tick(color=style.INK, thickness=3, size=20).encode(x=TODAY_X)
    return alt.layer(ranges, today, data=frame, title=STABILITY_TITLE, height=rows_height(len(order), 24))


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
    table = table[table["first"].notna()]
    contenders = (table["top3"] > 0).to_numpy() | (np.arange(len(table)) < 3)
    table = table[contenders]
    if limit is not None:
        table = table.head(limit)
    frames = [
        pd.DataFrame(
            {
                "Supplier": table["supplier"].to_numpy(dtype=object),
                "Current rank": table["rank"].to_numpy(dtype=int),
                "Measure": PROBABILITY_HEADINGS[column],
                "Probability": table[column].to_numpy(dtype=float),
            }
        )
        for column in PROBABILITY_COLOURS
    ]
    return pd.concat(frames, ignore_index=True)


def rank_probability_chart(
    probabilities: RankProbabilities, limit: int | None = PROBABILITY_LIMIT
) -> alt.LayerChart:
    """Per supplier, two bars: how often it ranks first and in the top 3 when the weights are perturbed."""
    frame = rank_probability_frame(probabilities, limit)
    suppliers = list(dict.fromkeys(frame["Supplier"]))
    base = alt.Chart().encode(  # the data is given to the layer (see stability_chart)
        y=alt.Y("Supplier:N", sort=suppliers, title=None, axis=NAMES_AXIS),
        yOffset=MEASURE_OFFSET,
        x=alt.X(
            "Probability:Q", title=f"Share of {probabilities.draws:,} weight draws", scale=SHARE, axis=PERCENT
        ),
        tooltip=PROBABILITY_TOOLTIP,
    )
    bars = base.mark_bar(cornerRadiusEnd=2).encode(color=MEASURE_COLOUR)
    # a label past the end of a short bar, inside the end of a long one (so 100% stays in the chart)
    outside = (
        base.mark_text(align="left", dx=3, fontSize=10, color=style.INK)
        .encode(text=PROBABILITY_TEXT)
        .transform_filter("datum.Probability < 0.85")
    )
    inside = (
        base.mark_text(align="right", dx=-3, fontSize=10, color="#ffffff", fontWeight="bold")
        .encode(text=PROBABILITY_TEXT)
        .transform_filter("datum.Probability >= 0.85")
    )
    title = alt.TitleParams(
        "Chance of ranking first and in the top 3",
        subtitle=f"Each weight varied by up to ±{probabilities.spread:.0%}, {probabilities.draws:,} draws.",
    )
    return alt.layer(
        bars, outside, inside, data=frame, title=title, height=rows_height(len(suppliers) * len(MEASURES), 14)
    )
