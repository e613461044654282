"""The Compare charts: scores side by side, and the gap on the side of the supplier each criterion favours."""

from __future__ import annotations

import pytest

from scorecard import charts
from scorecard.score import ScoreResult
from scorecard.tables.explain import compare


def test_gap_chart_puts_each_criterion_on_the_side_of_the_supplier_it_favours(result: ScoreResult) -> None:
    rows = compare(result, "Acme", "Beta").rows
    spec = charts.gap_chart(rows, "Acme", "Beta").to_dict()
    drawn = next(iter(spec["datasets"].values()))
    favours = {row["Criterion"]: row["Favours"] for row in drawn}
    for _, row in rows.iterrows():
        expected = "Acme" if row["Difference"] >= 0 else "Beta"
        assert favours[row["Criterion"]] == expected
    assert [row["Difference"] for row in drawn] == pytest.approx(list(rows["Difference"]))


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
