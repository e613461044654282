"""Charts draw the result's own numbers: stacked bars add up to the score, gaps add up to the score gap."""

from __future__ import annotations

import math

import altair as alt
import pytest

from scorecard import charts
from scorecard.config import CATEGORIES, load_preset
from scorecard.explain import compare
from scorecard.score import DISQUALIFIED, ScoreResult, score


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
    assert list(table.columns) == ["Category", "Criterion", "Weight", "Acme", "Gamma"]
    assert table["Weight"].sum() == pytest.approx(1.0)
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
