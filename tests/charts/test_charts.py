"""Charts draw the result's own numbers: stacked bars add up to the score, gaps add up to the score gap,
and the analysis charts draw the analyses' tables (stability, rank probabilities, segments, bid totals)."""

from __future__ import annotations

import math
from pathlib import Path

import altair as alt
import pytest

from scorecard import charts
from scorecard.config import CATEGORIES, load_preset
from scorecard.explain import compare
from scorecard.opportunities import find_opportunities
from scorecard.pipeline import Evaluation, evaluate_file
from scorecard.score import DISQUALIFIED, ScoreResult, score
from scorecard.sensitivity import CATEGORY, sensitivity

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "sample_event.xlsx"


@pytest.fixture(scope="module")
def result(factory) -> ScoreResult:
    """Five suppliers over three categories, one knocked out, one with a left-out criterion."""
    config = factory.config(
        factory.criterion("price", "ratio_to_best", category="cost", weight=3, direction="lower"),
        factory.criterion("terms", {"type": "linear", "worst": 30, "best": 90}, category="cost", weight=1),
        factory.criterion("otd", {"type": "linear", "worst": 80, "best": 100}, category="quality", weight=2),
        factory.criterion(
            "iso", {"type": "categorical", "points": {"Yes": 100, "No": 0}}, category="quality", weight=1
        ),
        factory.criterion("rating", "min_max", category="srm_fit", weight=1, missing="exclude"),
        category_weights={"cost": 50, "quality": 30, "srm_fit": 20},
        knockouts=[{"criterion": "iso", "must_be": "Yes"}],
    )
    table = factory.table(
        {
            "Acme": {"price": 100, "terms": 60, "otd": 97, "iso": "Yes", "rating": 4},
            "Beta": {"price": 90, "terms": 30, "otd": 92, "iso": "Yes", "rating": 3},
            "Gamma": {"price": 120, "terms": 90, "otd": 99, "iso": "Yes", "rating": None},
            "Delta": {"price": 80, "terms": 90, "otd": 99, "iso": "No", "rating": 5},
            "Echo": {"price": 130, "terms": 45, "otd": 85, "iso": "Yes", "rating": 2},
        }
    )
    return score(table, config)


def test_category_points_add_up_to_each_ranked_suppliers_score(result: ScoreResult) -> None:
    frame = charts.category_contributions(result)
    totals = frame.groupby("Supplier", sort=False)["Points"].sum()
    for name, points in totals.items():
        assert points == pytest.approx(result.totals[result.index_of(name)], abs=1e-9)
    # ranked suppliers only, best first; the knocked-out supplier is shown apart, not in the bars
    assert list(dict.fromkeys(frame["Supplier"])) == list(result.ranking["Supplier"][:4])
    assert "Delta" not in set(frame["Supplier"])
    assert set(frame["Category"]) == {CATEGORIES[k] for k in result.category_keys}


def test_category_points_respect_the_limit(result: ScoreResult) -> None:
    frame = charts.category_contributions(result, limit=2)
    assert list(dict.fromkeys(frame["Supplier"])) == list(result.ranking["Supplier"][:2])


def test_gap_chart_puts_each_criterion_on_the_side_of_the_supplier_it_favours(result: ScoreResult) -> None:
    rows = compare(result, "Acme", "Beta").rows
    spec = charts.gap_chart(rows, "Acme", "Beta").to_dict()
    drawn = next(iter(spec["datasets"].values()))
    favours = {row["Criterion"]: row["Favours"] for row in drawn}
    for _, row in rows.iterrows():
        expected = "Acme" if row["Difference"] >= 0 else "Beta"
        assert favours[row["Criterion"]] == expected
    assert [row["Difference"] for row in drawn] == pytest.approx(list(rows["Difference"]))


def test_heat_map_keeps_no_data_as_its_own_state(result: ScoreResult) -> None:
    frame = charts.score_matrix(result)
    gamma_rating = frame[(frame["Supplier"] == "Gamma") & (frame["Criterion"] == "Rating")].iloc[0]
    assert gamma_rating["No data"]
    assert math.isnan(gamma_rating["Score"])
    assert gamma_rating["Value"] == "no data"
    assert not frame[frame["Supplier"] == "Acme"]["No data"].any()
    assert len(frame) == 4 * len(result.criteria)  # ranked suppliers x criteria


def test_scatter_uses_the_band_colours_of_the_settings(result: ScoreResult) -> None:
    spec = charts.category_scatter(result, "cost", "quality").to_dict()
    scale = spec["encoding"]["color"]["scale"]
    assert scale["domain"][: len(result.config.bands)] == [b.name for b in result.config.bands]
    assert scale["range"][: len(result.config.bands)] == [b.colour for b in result.config.bands]
    positions = charts.category_positions(result)
    assert positions.set_index("Supplier").loc["Delta", "Band"] == DISQUALIFIED
    k = result.category_keys.index("cost")
    assert positions["Cost"].to_numpy() == pytest.approx(result.category_scores[:, k], nan_ok=True)


def test_comparison_shows_the_scores_of_the_chosen_suppliers(result: ScoreResult) -> None:
    table = charts.comparison_table(result, ["Acme", "Gamma"])
    assert list(table.columns) == [
        "Category",
        "Criterion",
        "Share that counted",
        "Acme",
        "Acme: points",
        "Gamma",
        "Gamma: points",
    ]
    assert table["Share that counted"].sum() == pytest.approx(1.0)
    assert table["Acme: points"].sum() == pytest.approx(result.totals[result.index_of("Acme")])
    assert table["Acme"].to_numpy() == pytest.approx(result.scores[result.index_of("Acme")])
    long = charts.criterion_comparison(result, ["Acme", "Gamma"])
    assert len(long) == 2 * len(result.criteria)
    assert long["Contribution"].groupby(long["Supplier"]).sum()["Acme"] == pytest.approx(
        result.totals[result.index_of("Acme")]
    )


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


# --------------------------------------------------------------------------- analyses on the sample event


@pytest.fixture(scope="module")
def sample_evaluation() -> Evaluation:
    """The sample workbook scored with the default preset: it has bids, a panel and importance columns."""
    return evaluate_file(SAMPLE.read_bytes(), SAMPLE.name, load_preset("default"))


def layers_by_mark(spec: dict) -> dict[str, list[dict]]:
    marks: dict[str, list[dict]] = {}
    for layer in spec["layer"]:
        mark = layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]
        marks.setdefault(mark, []).append(layer)
    return marks


def drawn_rows(spec: dict, layer: dict) -> list[dict]:
    """The rows a layer draws: its own data, or the chart's top-level data."""
    name = (layer.get("data") or spec["data"])["name"]
    return spec["datasets"][name]


def test_stability_frame_is_the_stability_table_nearest_change_first(sample_evaluation: Evaluation) -> None:
    stability = sample_evaluation.sensitivity.stability
    frame = charts.stability_frame(stability, limit=None)
    table = stability.table[stability.table["Stays first from"].notna()]
    assert len(frame) == len(table)
    assert frame["Stays first from"].to_numpy() == pytest.approx(table["Stays first from"].to_numpy())
    assert frame["Stays first up to"].to_numpy() == pytest.approx(table["Stays first up to"].to_numpy())
    assert frame["Current share"].to_numpy() == pytest.approx(table["Current share"].to_numpy())
    categories = table["Type"] == CATEGORY
    assert all(label.endswith("(category)") for label in frame["Weight"][categories.to_numpy()])
    assert frame["Weight"].is_unique
    # today's share always lies inside the range where the leader stays first
    assert (
        (frame["Stays first from"] <= frame["Current share"] + 1e-12)
        & (frame["Current share"] <= frame["Stays first up to"] + 1e-12)
    ).all()
    for change, margin in zip(frame["Change needed"], frame["Margin"], strict=True):
        if math.isnan(change):
            assert margin == charts.NO_CHANGE
        elif abs(change) < 0.05:
            assert margin == "Within 5 points"
        elif abs(change) < 0.10:
            assert margin == "Within 10 points"
        else:
            assert margin == "Further away"
    assert len(charts.stability_frame(stability, limit=3)) == 3


def test_stability_chart_draws_the_range_as_a_bar_and_todays_share_as_a_tick(
    sample_evaluation: Evaluation,
) -> None:
    stability = sample_evaluation.sensitivity.stability
    spec = charts.stability_chart(stability).to_dict()
    marks = layers_by_mark(spec)
    bar, tick = marks["bar"][0], marks["tick"][0]
    assert bar["encoding"]["x"]["field"] == "Stays first from"
    assert bar["encoding"]["x2"]["field"] == "Stays first up to"
    assert bar["encoding"]["x"]["scale"]["domain"] == [0, 1]
    assert tick["encoding"]["x"]["field"] == "Current share"
    rows = drawn_rows(spec, bar)
    expected = charts.stability_frame(stability)
    assert [row["Weight"] for row in rows] == list(expected["Weight"])
    assert bar["encoding"]["y"]["sort"] == list(expected["Weight"])  # nearest change on top
    tooltips = {t["field"] for t in bar["encoding"]["tooltip"]}
    assert {"Taken over below by", "Taken over above by", "Change (pp)"} <= tooltips  # weight changes in pp


def test_rank_probability_frame_reads_the_table_and_leaves_out_the_unranked(result: ScoreResult) -> None:
    probabilities = sensitivity(result, draws=500).probabilities
    frame = charts.rank_probability_frame(probabilities)
    assert "Delta" not in set(frame["Supplier"])  # knocked out: no probabilities, not 0%
    table = probabilities.table.set_index("Supplier")
    for _, row in frame.iterrows():
        assert row["Probability"] == pytest.approx(table.loc[row["Supplier"], row["Measure"]])
    assert set(frame["Measure"]) == {"First place", "Top 3"}


def test_rank_probability_chart_shows_only_suppliers_that_reach_the_top_3(
    sample_evaluation: Evaluation,
) -> None:
    probabilities = sample_evaluation.sensitivity.probabilities
    frame = charts.rank_probability_frame(probabilities)
    table = probabilities.table[probabilities.table["First place"].notna()]
    contenders = table[(table["Top 3"] > 0) | (table["Current rank"] <= 3)]["Supplier"]
    assert list(dict.fromkeys(frame["Supplier"])) == list(contenders)[: charts.PROBABILITY_LIMIT]
    spec = charts.rank_probability_chart(probabilities).to_dict()
    bars = layers_by_mark(spec)["bar"][0]
    assert bars["encoding"]["x"]["field"] == "Probability"
    assert bars["encoding"]["x"]["scale"]["domain"] == [0, 1]
    assert bars["encoding"]["yOffset"]["field"] == "Measure"
    assert [row["Probability"] for row in drawn_rows(spec, bars)] == pytest.approx(list(frame["Probability"]))
    assert bars["encoding"]["color"]["scale"]["domain"] == ["First place", "Top 3"]


def test_segmentation_chart_has_quadrant_lines_at_the_configured_thresholds(
    sample_evaluation: Evaluation,
) -> None:
    found = sample_evaluation.opportunities
    grid = found.settings.segments
    spec = charts.segmentation_chart(found).to_dict()
    marks = layers_by_mark(spec)
    rule_positions = set()
    for rule in marks["rule"]:
        for row in drawn_rows(spec, rule):
            rule_positions |= {("x", row["x"])} if "x" in row else {("y", row["y"])}
    assert ("x", grid.performance_threshold) in rule_positions
    assert ("y", grid.importance_threshold) in rule_positions
    assert ("x", grid.exit_below) in rule_positions
    points = marks["circle"][0]
    assert points["encoding"]["x"]["field"] == "Performance"
    assert points["encoding"]["y"]["field"] == "Importance"
    colour = points["encoding"]["color"]
    assert colour["field"] == "Segment"
    assert colour["scale"]["domain"] == [name for _, name in grid.names]
    assert {t["field"] for t in points["encoding"]["tooltip"]} >= {"Supplier", "Segment", "Band"}
    drawn = {row["Supplier"]: row for row in drawn_rows(spec, points)}
    segments = found.segments.set_index("Supplier")
    for name, row in drawn.items():
        assert row["Performance"] == pytest.approx(segments.loc[name, "Performance"])
        assert row["Segment"] == segments.loc[name, "Segment"]
    # quadrant names written on the chart are the configured names
    texts = {row["Segment"] for layer in marks["text"] for row in drawn_rows(spec, layer)}
    assert grid.name("strategic_partner") in texts and grid.name("develop") in texts


def test_suppliers_with_unknown_importance_are_left_off_the_segment_chart(
    factory, result: ScoreResult
) -> None:
    table = factory.table(
        {
            "Acme": {"price": 100, "terms": 60, "otd": 97, "iso": "Yes", "rating": 4},
            "Beta": {"price": 90, "terms": 30, "otd": 92, "iso": "Yes", "rating": 3},
            "Gamma": {"price": 120, "terms": 90, "otd": 99, "iso": "Yes", "rating": None},
            "Delta": {"price": 80, "terms": 90, "otd": 99, "iso": "No", "rating": 5},
            "Echo": {"price": 130, "terms": 45, "otd": 85, "iso": "Yes", "rating": 2},
        }
    )
    found = find_opportunities(result, table, None)  # no importance columns at all
    assert charts.segment_positions(found).empty  # never drawn at importance 0
    charts.segmentation_chart(found).to_dict()  # still a valid chart, with its lines


def test_bid_totals_are_the_bid_results_lowest_first_with_partial_bids_marked(
    sample_evaluation: Evaluation,
) -> None:
    bids = sample_evaluation.prepared.bids
    assert bids is not None
    frame = charts.bid_totals(bids)
    suppliers = bids.suppliers
    assert list(frame["Total cost"]) == sorted(suppliers["total_cost"].dropna())
    for _, row in frame.iterrows():
        quoted = suppliers.loc[row["Supplier"], "items_quoted"]
        requested = suppliers.loc[row["Supplier"], "items_requested"]
        if row["Bid"] != charts.NOT_ELIGIBLE:
            assert (row["Bid"] == "Partial bid") == (quoted < requested)
        assert row["Coverage"] == pytest.approx(suppliers.loc[row["Supplier"], "coverage"] / 100)
    assert (frame["Bid"] == "Partial bid").any()  # the sample has partial bids
    spec = charts.bid_totals_chart(bids).to_dict()
    assert spec["encoding"]["x"]["field"] == "Total cost"
    assert spec["encoding"]["y"]["sort"] == list(frame["Supplier"])


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
