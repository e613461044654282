"""The engine end to end: weighted totals and contributions, the result's tables, buyer errors, size."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from scorecard.errors import ScorecardError
from scorecard.score import score
from scorecard.suppliers import SupplierTable
from scorecard.tables import criteria_frame, handling_text, note_lines, ranking_frame
from tests.score.support import (
    LINEAR_0_100,
    assert_contributions_add_up,
    two_criteria,
)


def test_totals_are_weighted_sums_and_contributions_add_up(factory) -> None:
    config = factory.config(
        factory.criterion("a", LINEAR_0_100, weight=3),
        factory.criterion("b", LINEAR_0_100, weight=1),
        factory.criterion("c", LINEAR_0_100, category="cost", weight=1),
        category_weights={"quality": 1, "cost": 1},
    )
    result = score(
        factory.table({"S1": {"a": 80, "b": 40, "c": 10}, "S2": {"a": 20, "b": 100, "c": 100}}), config
    )
    # quality is half the total and a is 3/4 of quality: a 0.375, b 0.125, c 0.5
    # (criteria come in the fixed category order: cost, risk, quality, sustainability, SRM fit)
    assert [c.key for c in result.criteria] == ["c", "a", "b"]
    assert result.base_weights.tolist() == pytest.approx([0.5, 0.375, 0.125])
    assert result.totals.tolist() == pytest.approx([0.375 * 80 + 0.125 * 40 + 5, 7.5 + 12.5 + 50])
    assert result.category_keys == ("cost", "quality")
    np.testing.assert_allclose(result.category_scores, [[10, 70], [100, 40]], atol=1e-9)
    assert_contributions_add_up(result)


def test_weight_zero_criterion_is_shown_but_not_counted(factory) -> None:
    config = factory.config(
        factory.criterion("a", LINEAR_0_100, weight=1),
        factory.criterion("b", LINEAR_0_100, weight=0, missing="disqualify"),
    )
    result = score(factory.table({"S1": {"a": 50, "b": 90}, "S2": {"a": 60, "b": None}}), config)
    assert result.scores[0, 1] == 90
    assert result.weights[:, 1].tolist() == [0, 0]
    assert result.contributions[:, 1].tolist() == [0, 0]
    assert result.totals.tolist() == [50, 60]
    # a missing value on a weight-0 criterion is flagged but does not disqualify
    assert result.qualified.tolist() == [True, True]
    assert result.missing[1, 1]
    assert handling_text(result, 1, 1) == "no data: not counted (weight 0), flagged only"
    assert any("weight 0" in text for _, text in note_lines(result))


def test_data_column_matches_handling_cell_by_cell(factory) -> None:
    config = two_criteria(factory, "neutral")
    records = {"S1": {"a": "x", "b": None}, "S2": {"a": 10, "b": 30}, "S3": {"a": None, "b": "?"}}
    result = score(factory.table(records), config)
    table = criteria_frame(result)
    expected = [handling_text(result, i, j) or "ok" for i in range(3) for j in range(2)]
    assert table["Data"].tolist() == expected
    assert table["Supplier"].tolist() == ["S1", "S1", "S2", "S2", "S3", "S3"]
    assert table["Criterion"].tolist() == ["A", "B"] * 3
    assert result.missing.sum() == 4


def test_ranking_lists_ranked_suppliers_first_then_the_rest_by_name(factory) -> None:
    config = factory.config(
        factory.criterion("a", LINEAR_0_100), knockouts=[{"criterion": "a", "at_least": 20}]
    )
    result = score(factory.column("a", [10, 50, 5, 90], names=["zeta", "Mid", "alpha", "Top"]), config)
    assert ranking_frame(result)["Supplier"].tolist() == ["Top", "Mid", "alpha", "zeta"]
    assert ranking_frame(result)["Rank"].tolist()[:2] == [1, 2]
    assert ranking_frame(result)["Rank"].isna().tolist() == [False, False, True, True]


def test_with_value_is_a_what_if_that_leaves_the_original_alone(factory) -> None:
    table = factory.table({"S1": {"a": 10, "b": 20}, "S2": {"a": 30, "b": 40}})
    changed = table.with_value("S1", "a", 90)
    assert changed.values.loc["S1", "a"] == 90 and table.values.loc["S1", "a"] == 10
    result = score(changed, two_criteria(factory))
    assert result.totals.tolist() == [55, 35]
    with pytest.raises(KeyError, match="no supplier named 'S9'"):
        table.with_value("S9", "a", 1)
    with pytest.raises(ScorecardError, match="appear more than once: S1"):
        SupplierTable(pd.concat([table.values, table.values.iloc[:1]]))


def test_no_suppliers_and_missing_columns_are_buyer_errors(factory) -> None:
    config = two_criteria(factory)
    with pytest.raises(ScorecardError, match="There are no suppliers to score"):
        score(SupplierTable(pd.DataFrame({"a": [], "b": []}, dtype=object)), config)
    with pytest.raises(ScorecardError, match='"B" \\(column "B"\\)'):
        score(factory.column("a", [1, 2]), config)


@pytest.mark.slow
def test_ten_thousand_suppliers_score_completely(factory) -> None:
    """Size, not speed: speed is measured in benchmarks/, never asserted in a test."""
    from scorecard.config import load_preset

    config = load_preset("default")
    table = factory.generated_table(config, suppliers=10_000, seed=5, missing_rate=0.1, invalid_rate=0.01)
    result = score(table, config)
    assert len(ranking_frame(result)) == 10_000 and len(criteria_frame(result)) == 150_000


@pytest.mark.parametrize("shape", [(1, 3), (3, 1), (1, 1), (4, 2)])
def test_scores_weights_and_contributions_are_separate_arrays(factory, shape) -> None:
    """The engine works criterion by criterion and writes over its own working arrays: a result for one
    supplier or one criterion (where a transpose needs no copy) must not share them."""
    n, m = shape
    config = factory.config(*(factory.criterion(f"c{j}", LINEAR_0_100) for j in range(m)))
    table = factory.table({f"S{i}": {f"c{j}": 10.0 * (i + j + 1) for j in range(m)} for i in range(n)})
    result = score(table, config)
    expected = [[10.0 * (i + j + 1) for j in range(m)] for i in range(n)]
    assert result.scores.tolist() == expected
    arrays = (result.scores, result.weights, result.contributions)
    assert not any(np.shares_memory(a, b) for k, a in enumerate(arrays) for b in arrays[k + 1 :])


@pytest.mark.parametrize("seed", range(8))
def test_the_criterion_values_kept_on_the_result_are_those_read_afresh(seed: int) -> None:
    """The result keeps each criterion's values as the engine read them (the plans' what-ifs read them
    for a bar): scoring does not change them, and they equal a fresh reading of the same table."""
    from scorecard.score.engine import read_criteria
    from tests.opportunities.test_plans_reference import punched
    from tests.opportunities.test_whatif import random_event

    table, config, rng = random_event(300 + seed, 20, "topsis" if seed % 2 else "weighted_sum")
    table = punched(table, rng, 0.1)
    result = score(table, config)
    fresh, _ = read_criteria(table, config.criteria)
    assert list(result.criterion_values) == [c.key for c in config.criteria] == list(fresh)
    for key, kept in result.criterion_values.items():
        for name in ("numbers", "labels", "missing", "invalid", "rejected"):
            a, b = getattr(kept, name), getattr(fresh[key], name)
            assert (a is None) == (b is None), (key, name)
            if a is not None:
                np.testing.assert_array_equal(a, b, strict=True)
