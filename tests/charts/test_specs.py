"""Every chart is a valid Vega-Lite spec the page can size, and every preset category has a colour."""

from __future__ import annotations

import altair as alt

from scorecard import charts
from scorecard.config import CATEGORIES, load_preset
from scorecard.pipeline import Evaluation
from scorecard.score import ScoreResult
from scorecard.tables.explain import compare


def test_every_chart_is_a_valid_vega_lite_spec(result: ScoreResult) -> None:
    built = [
        charts.score_by_category_chart(result),
        charts.comparison_chart(result, ["Acme", "Beta", "Gamma"]),
        charts.gap_chart(compare(result, "Acme", "Beta").rows, "Acme", "Beta"),
        charts.score_heatmap(result),
        charts.category_scatter(result, "cost", "srm_fit"),
    ]
    for chart in built:
        assert isinstance(chart, alt.TopLevelMixin)
        spec = chart.to_dict()  # validates against the Vega-Lite schema
        assert "$schema" in spec


def test_preset_categories_all_have_a_colour() -> None:
    assert set(charts.CATEGORY_COLOURS) == set(CATEGORIES)
    assert {c.key for c in load_preset("default").categories} <= set(charts.CATEGORY_COLOURS)


def test_the_analysis_charts_are_valid_vega_lite(sample_evaluation: Evaluation) -> None:
    analysis = sample_evaluation.sensitivity
    built = [
        charts.stability_chart(analysis.stability),
        charts.rank_probability_chart(analysis.probabilities),
        charts.segmentation_chart(sample_evaluation.opportunities),
        charts.bid_totals_chart(sample_evaluation.prepared.bids),
    ]
    for chart in built:
        assert "$schema" in chart.to_dict()


def test_no_chart_has_a_step_height_that_the_page_would_drop(sample_evaluation: Evaluation) -> None:
    """The page stretches charts ("fit" sizing); a step height makes Vega drop fit-y with a console warning.

    Each chart's height is a number that grows with its rows: one band per supplier (or criterion).
    """
    result = sample_evaluation.result
    names = [result.suppliers[i] for i in charts.ranked_suppliers(result)]
    first, second = [result.suppliers[i] for i in charts.ranked_suppliers(result, 2)]
    sensitivity_result = sample_evaluation.sensitivity
    built = {
        "score by category": charts.score_by_category_chart(result),
        "comparison": charts.comparison_chart(result, names[:3]),
        "gap": charts.gap_chart(compare(result, first, second).rows, first, second),
        "heat map": charts.score_heatmap(result),
        "scatter": charts.category_scatter(result),
        "bids": charts.bid_totals_chart(sample_evaluation.prepared.bids),
        "segments": charts.segmentation_chart(sample_evaluation.opportunities),
        "stability": charts.stability_chart(sensitivity_result.stability),
        "probabilities": charts.rank_probability_chart(sensitivity_result.probabilities),
    }
    for name, chart in built.items():
        height = chart.to_dict().get("height")
        assert isinstance(height, int), f"{name}: height {height!r}"
    few = charts.score_by_category_chart(result, limit=3).to_dict()["height"]
    assert few < built["score by category"].to_dict()["height"]
