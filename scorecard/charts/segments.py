"""The opportunities tab's chart: suppliers on performance x strategic importance, by segment."""

from __future__ import annotations

import functools
import math

import altair as alt
import pandas as pd

from scorecard import style
from scorecard.opportunities import OpportunityResult, SegmentGrid
from scorecard.style import UNRANKED_COLOUR
from scorecard.tables.opportunities import segment_frame

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
    segments = segment_frame(opportunities)
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
    Rebuilt on every rerun of the tab: what does not depend on the suppliers is made once
    (per settings and left edge, or at import), as Altair checks each part against the schema when it is made.
    """
    grid = opportunities.settings.segments
    frame = segment_positions(opportunities)
    lowest = min([grid.exit_below, grid.performance_threshold, *frame["Performance"].tolist()])
    left = float(max(0.0, 10 * math.floor((lowest - 5) / 10)))
    points = (
        alt.Chart(frame)
        .mark_circle(**POINT_STYLE)
        .encode(x=performance_axis(left), y=IMPORTANCE_Y, color=segment_colours(grid), tooltip=POINT_TOOLTIP)
    )
    # the height given with the layers, not by `.properties` (which copies every layer once more)
    return alt.layer(*threshold_layers(grid, left), points, title=chart_title(grid), height=440)


POINT_STYLE = {"size": 140, "opacity": 0.9, "stroke": style.INK, "strokeWidth": 0.6}
IMPORTANCE_SCALE = alt.Scale(domain=[0, 100], nice=False)
IMPORTANCE_Y = alt.Y("Importance:Q", title="Strategic importance (0-100)", scale=IMPORTANCE_SCALE)
PERFORMANCE_AXIS = alt.Axis(tickMinStep=5)
SEGMENT_LEGEND = alt.Legend(orient="bottom", title=None, columns=4, labelLimit=200)
POINT_TOOLTIP = [
    alt.Tooltip("Supplier:N"),
    alt.Tooltip("Segment:N"),
    alt.Tooltip("Performance:Q", format=".1f"),
    alt.Tooltip("Importance:Q", format=".0f"),
    alt.Tooltip("Band:N"),
    alt.Tooltip("Status:N"),
]


@functools.lru_cache(maxsize=32)
def performance_axis(left: float) -> alt.X:
    """The performance axis from the left edge to 100 (made once per edge; layering copies it)."""
    return alt.X(
        "Performance:Q",
        title="Performance (total score)",
        scale=alt.Scale(domain=[left, 100], nice=False),
        axis=PERFORMANCE_AXIS,
    )


@functools.lru_cache(maxsize=32)
def segment_colours(grid: SegmentGrid) -> alt.Color:
    """One colour per segment, in the settings' order and names (made once per settings)."""
    names = [name for _, name in grid.names]
    colours = [SEGMENT_COLOURS.get(key, UNRANKED_COLOUR) for key, _ in grid.names]
    return alt.Color("Segment:N", scale=alt.Scale(domain=names, range=colours), legend=SEGMENT_LEGEND)


@functools.lru_cache(maxsize=32)
def chart_title(grid: SegmentGrid) -> alt.TitleParams:
    """The title, with the thresholds in its subtitle (made once per settings)."""
    return alt.TitleParams(
        "Relationship segments",
        subtitle=(
            f"Lines at performance {grid.performance_threshold:g} and importance "
            f"{grid.importance_threshold:g}; dashed: exit below {grid.exit_below:g}."
        ),
    )


@functools.lru_cache(maxsize=32)
def threshold_layers(grid: SegmentGrid, left: float) -> tuple[alt.Chart, ...]:
    """The lines and segment names, which depend on the settings and the left edge only: built once per
    (settings, edge), not on every weight change (Altair validates each layer as it is built). Altair
    charts are values: layering one copies it, so a kept layer is never changed."""
    x_scale = alt.Scale(domain=[left, 100], nice=False)
    y_scale = alt.Scale(domain=[0, 100], nice=False)
    return (*quadrant_lines(grid, left, x_scale, y_scale), *segment_labels(grid, left, x_scale, y_scale))


def quadrant_lines(grid: SegmentGrid, left: float, x_scale: alt.Scale, y_scale: alt.Scale) -> list[alt.Chart]:
    """The thresholds as lines: performance (vertical), importance (horizontal), exit (dashed, below it)."""
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
    return [vertical, horizontal, exit_line]


def segment_labels(grid: SegmentGrid, left: float, x_scale: alt.Scale, y_scale: alt.Scale) -> list[alt.Chart]:
    """Each segment's name in its area's top corner, one text layer per alignment."""
    layers: list[alt.Chart] = []
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
    return layers
