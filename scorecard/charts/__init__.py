"""Altair charts of a scored event: pure functions from a ScoreResult to a chart (or the frame behind it).

Charts never compute a score: every number drawn comes from the result
(`contributions`, `scores`, `category_scores`, `totals`), so a bar always
matches the ranking table and the scored workbook. Each chart has a frame
builder next to it, so tests check the numbers and the app can show the same
frame as a table. No Streamlit here: the charts work in a notebook too.
One module per tab; colours come from `scorecard.style`.
"""

from __future__ import annotations

from scorecard.charts.bids import NOT_ELIGIBLE, bid_totals, bid_totals_chart
from scorecard.charts.compare import comparison_chart, comparison_table, criterion_comparison, gap_chart
from scorecard.charts.overview import (
    band_colour_scale,
    band_label,
    category_positions,
    category_scatter,
    score_heatmap,
    score_matrix,
)
from scorecard.charts.ranking import category_contributions, score_by_category_chart
from scorecard.charts.robustness import (
    MARGIN_LEVELS,
    NO_CHANGE,
    PROBABILITY_LIMIT,
    STABILITY_LIMIT,
    margin_level,
    rank_probability_chart,
    rank_probability_frame,
    stability_chart,
    stability_frame,
)
from scorecard.charts.rows import DEFAULT_LIMIT, SCORE_SCALE, display, ranked_suppliers, rows_height
from scorecard.charts.segments import (
    SEGMENT_COLOURS,
    segment_positions,
    segment_quadrants,
    segmentation_chart,
)
from scorecard.style import CATEGORY_COLOURS

__all__ = [
    "CATEGORY_COLOURS",
    "DEFAULT_LIMIT",
    "MARGIN_LEVELS",
    "NOT_ELIGIBLE",
    "NO_CHANGE",
    "PROBABILITY_LIMIT",
    "SCORE_SCALE",
    "SEGMENT_COLOURS",
    "STABILITY_LIMIT",
    "band_colour_scale",
    "band_label",
    "bid_totals",
    "bid_totals_chart",
    "category_contributions",
    "category_positions",
    "category_scatter",
    "comparison_chart",
    "comparison_table",
    "criterion_comparison",
    "display",
    "gap_chart",
    "margin_level",
    "rank_probability_chart",
    "rank_probability_frame",
    "ranked_suppliers",
    "rows_height",
    "score_by_category_chart",
    "score_heatmap",
    "score_matrix",
    "segment_positions",
    "segment_quadrants",
    "segmentation_chart",
    "stability_chart",
    "stability_frame",
]
