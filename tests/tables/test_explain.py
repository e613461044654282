"""Explanations: strengths against the field, and gaps that split exactly into per-criterion differences."""

from __future__ import annotations

import itertools
import re

import numpy as np
import pandas as pd
import pytest

from scorecard.errors import ScorecardError
from scorecard.score import ScoreResult, score
from scorecard.suppliers import SupplierTable
from scorecard.tables.explain import compare, effect_text, strengths
from tests.sensitivity.problems import make_config, random_problem


@pytest.mark.parametrize("aggregation", ["weighted_sum", "topsis"])
@pytest.mark.parametrize("seed", range(25))
def test_differences_add_up_exactly_to_the_gap(seed: int, aggregation: str) -> None:
    result, _ = random_problem(seed, aggregation)
    scored = [s for i, s in enumerate(result.suppliers) if not np.isnan(result.totals[i])]
    for a, b in itertools.permutations(scored, 2):
        comparison = compare(result, a, b)
        gap = result.totals[result.index_of(a)] - result.totals[result.index_of(b)]
        assert comparison.gap == pytest.approx(gap, abs=1e-12)
        assert abs(comparison.rows["Difference"].sum() - gap) < 1e-9
        assert abs(comparison.rows[f"{a} contribution"].sum() - result.totals[result.index_of(a)]) < 1e-9
        sizes = comparison.rows["Difference"].abs().to_numpy()
        assert (sizes[:-1] >= sizes[1:]).all()


def price_and_quality() -> ScoreResult:
    config = make_config(
        {
            "cost": {
                "weight": 60,
                "criteria": [
                    {
                        "key": "total_cost",
                        "label": "Total cost of ownership",
                        "unit": "EUR",
                        "direction": "lower",
                        "weight": 1,
                        "method": "ratio_to_best",
                    }
                ],
            },
            "quality": {
                "weight": 40,
                "criteria": [
                    {
                        "key": "defect_rate",
                        "label": "Defect rate",
                        "unit": "ppm",
                        "direction": "lower",
                        "weight": 1,
                        "method": {"type": "linear", "worst": 1500, "best": 50},
                    },
                    {
                        "key": "iso_9001",
                        "label": "ISO 9001 certified",
                        "unit": "Yes/No",
                        "weight": 1,
                        "method": {"type": "categorical", "points": {"Yes": 100, "No": 0}},
                    },
                ],
            },
        },
        knockouts=[{"criterion": "defect_rate", "at_most": 1400}],
    )
    table = SupplierTable.from_records(
        {
            "Acme": {"total_cost": 1_000_000, "defect_rate": 1200, "iso_9001": "Yes"},
            "Beta": {"total_cost": 1_250_000, "defect_rate": 100, "iso_9001": "Yes"},
            "Corvid": {"total_cost": 1_100_000, "defect_rate": 600, "iso_9001": "No"},
            "Delta": {"total_cost": 900_000, "defect_rate": 1450, "iso_9001": "Yes"},
        }
    )
    return score(table, config)


def test_compare_sentence_by_hand() -> None:
    result = price_and_quality()
    # Acme: cost 100, defects (1500-1200)/1450*100 = 20.69, ISO 100
    # Beta: cost 80, defects 96.55, ISO 100
    comparison = compare(result, "Acme", "Beta")
    rows = comparison.rows.set_index("Criterion")
    assert rows.loc["Total cost of ownership", "Difference"] == pytest.approx(0.6 * 20)
    assert rows.loc["Defect rate", "Difference"] == pytest.approx(0.2 * (20.6896552 - 96.5517241))
    assert rows.loc["ISO 9001 certified", "Difference"] == 0
    assert comparison.gap == pytest.approx(12 - 15.1724138)
    assert comparison.sentence == (
        "Acme trails Beta by 3.2 points: +12.0 on Total cost of ownership, -15.2 on Defect rate."
    )
    assert compare(result, "Beta", "Acme").sentence.startswith(
        "Beta leads Acme by 3.2 points: +15.2 on Defect rate"
    )
    assert list(comparison.rows.columns) == [
        "Criterion",
        "Category",
        "Acme contribution",
        "Beta contribution",
        "Difference",
    ]


def test_strengths_against_the_qualified_field() -> None:
    result = price_and_quality()
    explanation = strengths(result, "Acme")
    # the field is Acme, Beta and Corvid: Delta is disqualified (defect rate above 1,400 ppm)
    # ISO 9001: 0.2 x (100 - 66.7) = +6.7 beats total cost: 0.6 x (100 - 90.3) = +5.8
    assert explanation.strongest["Criterion"].tolist() == ["ISO 9001 certified", "Total cost of ownership"]
    assert explanation.weakest["Criterion"].tolist() == ["Defect rate"]
    cost = explanation.strongest.iloc[1]
    field_cost = np.mean([100, 80, 100 * 1_000_000 / 1_100_000])
    assert cost["Field average"] == pytest.approx(field_cost)
    assert cost["Points vs field"] == pytest.approx(0.6 * (100 - field_cost))
    assert cost["Value"] == "1,000,000 EUR"
    assert explanation.weakest.iloc[0]["Value"] == "1,200 ppm"
    assert explanation.sentence.startswith("Acme (")
    assert "strongest on ISO 9001 certified (Yes, score 100 vs field 67, +6.7 points), Total cost" in (
        explanation.sentence
    )
    assert (
        "Total cost of ownership (1,000,000 EUR, score 100 vs field 90, +5.8 points)" in explanation.sentence
    )
    assert "weakest on Defect rate (1,200 ppm, score 21 vs field 60" in explanation.sentence


def test_strengths_top_limits_the_lists() -> None:
    result = price_and_quality()
    assert len(strengths(result, "Acme", top=1).strongest) == 1


def test_disqualified_supplier_is_still_explained_against_the_qualified_field() -> None:
    result = price_and_quality()
    explanation = strengths(result, "Delta")
    # the status word is lowered for the sentence, never the rule's label or values
    assert explanation.sentence.startswith(
        "Delta (80.7 points; disqualified: Defect rate must be at most 1400 ppm (is 1450 ppm)) is strongest on "
    )
    assert explanation.weakest.iloc[0]["Criterion"] == "Defect rate"
    assert explanation.weakest.iloc[0]["Value"] == "1,450 ppm"


def test_supplier_with_no_weighted_data_has_no_explanation_of_points() -> None:
    config = make_config(
        {
            "quality": {
                "weight": 1,
                "criteria": [{"key": "otd", "weight": 1, "method": "min_max", "missing": "exclude"}],
            }
        }
    )
    result = score(SupplierTable.from_records({"Acme": {"otd": 90}, "Beta": {"otd": None}}), config)
    explanation = strengths(result, "Beta")
    assert explanation.strongest.empty and explanation.weakest.empty
    assert explanation.sentence.startswith("Beta has no score")
    assert explanation.breakdown == ""  # no total to add up to
    assert explanation.table.loc[0, "Value"] == "no data"
    with pytest.raises(ScorecardError, match="Beta has no score"):
        compare(result, "Acme", "Beta")


def test_buyer_readable_errors() -> None:
    result = price_and_quality()
    with pytest.raises(ScorecardError, match='"Zeta" is not a supplier'):
        strengths(result, "Zeta")
    with pytest.raises(ScorecardError, match="two different suppliers"):
        compare(result, "Acme", "Acme")


@pytest.mark.parametrize(
    ("otd", "shown"),
    [
        (97.25, "97.25%"),
        (97.126, "97.13%"),
        (0.1234, "0.12%"),
        (1234.5, "1,234.5%"),
        (90, "90%"),
        (None, "no data"),
    ],
)
def test_a_value_reads_as_on_every_other_page(otd: float | None, shown: str) -> None:
    """The explanation's Value column follows the one value style (`words.format_value`: thousands
    separators, at most two decimals), so 0.1234% reads the same here as in the Ranking and the plans."""
    config = make_config(
        {
            "quality": {
                "weight": 1,
                "criteria": [
                    {"key": "otd", "unit": "%", "weight": 1, "method": "min_max", "missing": "exclude"}
                ],
            }
        }
    )
    result = score(SupplierTable.from_records({"Acme": {"otd": otd}, "Beta": {"otd": 50}}), config)
    assert strengths(result, "Acme").table.loc[0, "Value"] == shown


BREAKDOWN = re.compile(
    r"(\d+\.\d\d) points = (\d+\.\d\d) \(.*\) ([+-]) (\d+\.\d\d) \(the points vs field below"
)


@pytest.mark.parametrize("seed", range(25))
def test_the_points_vs_field_add_up_to_the_total(seed: int) -> None:
    """Under a weighted sum: total = (the field's average scores at the supplier's weights) + points vs
    field. The field's part is worked out here another way: the qualified rows' mean, by pandas."""
    result, _ = random_problem(seed)
    scores = pd.DataFrame(result.scores)
    averages = scores[~np.isnan(result.ranks)].mean()  # NaN skipped; NaN where no qualified supplier has data
    said = 0
    for i, supplier in enumerate(result.suppliers):
        explanation = strengths(result, supplier)
        weights = pd.Series(result.weights[i])
        counted = weights > 0
        if np.isnan(result.totals[i]) or averages[counted].isna().any() or not counted.any():
            assert explanation.breakdown == ""  # nothing to add up, or a weighted criterion with no field
            continue
        found = BREAKDOWN.match(explanation.breakdown)
        assert found is not None, explanation.breakdown
        total, field, sign, gained = found.groups()
        assert float(total) == round(result.totals[i], 2)
        assert float(field) == pytest.approx((weights * averages)[counted].sum(), abs=0.011)
        assert float(total) - float(field) == pytest.approx(
            float(gained) * (1 if sign == "+" else -1), abs=1e-9
        )
        said += 1
    assert said or not (~np.isnan(result.ranks)).any()


def test_under_topsis_the_points_are_a_guide_and_nothing_adds_up() -> None:
    result, _ = random_problem(3, "topsis")
    assert all(strengths(result, s).breakdown == "" for s in result.suppliers)


def test_close_scores_in_the_sentence_read_apart() -> None:
    """A gain of 0.08 points from 74.4 against 73.6 must not read 'score 74 vs field 74'."""
    row = pd.Series(
        {"Criterion": "Quality", "Value": "4", "Score": 74.4, "Field average": 73.6, "Points vs field": 0.08}
    )
    assert effect_text(row) == "Quality (4, score 74.4 vs field 73.6, +0.1 points)"
    assert "score 100 vs field 74" in effect_text(row.replace({74.4: 100.0}))


def test_a_cell_without_data_says_how_it_was_treated() -> None:
    result = price_and_quality()
    table = strengths(result, "Acme").table
    assert (table["Note"] == "").all()  # Acme has every value
    config = make_config(
        {
            "quality": {
                "weight": 1,
                "criteria": [{"key": "otd", "weight": 1, "method": "min_max", "missing": "worst"}],
            }
        }
    )
    gap = score(
        SupplierTable.from_records({"Acme": {"otd": 90}, "Beta": {"otd": None}, "Cora": {"otd": 80}}), config
    )
    row = strengths(gap, "Beta").table.iloc[0]
    assert (row["Value"], row["Score"], row["Note"]) == (
        "no data",
        0.0,
        "no data: scores 0 (the worst score) and is flagged",
    )
