"""Missing-value policies (worst, neutral, exclude, disqualify), criteria nobody has data on, rejected values."""

from __future__ import annotations

import math

import numpy as np
import pytest

from scorecard.score import score
from scorecard.tables import (
    criteria_frame,
    handling_text,
    note_lines,
    ranking_frame,
    reason_texts,
    status_text,
)
from tests.score.support import (
    LINEAR_0_100,
    assert_contributions_add_up,
    two_criteria,
)


def test_missing_worst_scores_zero_and_is_flagged(factory) -> None:
    result = score(
        factory.table({"S1": {"a": 80, "b": None}, "S2": {"a": 20, "b": 60}}), two_criteria(factory)
    )
    assert result.scores[0].tolist() == [80, 0]
    assert result.totals[0] == 40
    assert result.missing[0].tolist() == [False, True]
    assert handling_text(result, 0, 1) == "no data: scores 0 (the worst score) and is flagged"
    data = criteria_frame(result).set_index(["Supplier", "Criterion"])["Data"]
    assert data[("S1", "B")].startswith("no data") and data[("S1", "A")] == "ok"


def test_missing_neutral_is_the_mean_of_qualified_suppliers_with_data(factory) -> None:
    config = two_criteria(factory, "neutral", knockouts=[{"criterion": "a", "at_least": 10}])
    records = {
        "S1": {"a": 80, "b": None},
        "S2": {"a": 20, "b": 60},
        "S3": {"a": 50, "b": 30},
        "Out": {"a": 5, "b": 100},  # disqualified: its 100 must not lift the average
    }
    result = score(factory.table(records), config)
    assert result.scores[0, 1] == pytest.approx(45)
    assert result.totals[0] == pytest.approx(62.5)
    assert result.missing[0, 1] and not result.qualified[3]


def test_missing_exclude_reweights_the_rest(factory) -> None:
    result = score(
        factory.table({"S1": {"a": 80, "b": None}, "S2": {"a": 20, "b": 60}}),
        two_criteria(factory, "exclude"),
    )
    assert math.isnan(result.scores[0, 1])
    assert result.weights[0].tolist() == [1, 0]
    assert result.weights[1].tolist() == [0.5, 0.5]
    assert result.totals.tolist() == [80, 40]
    assert "left out for that supplier" in handling_text(result, 0, 1)


def test_missing_disqualify_keeps_the_supplier_unranked_with_the_reason(factory) -> None:
    result = score(
        factory.table({"S1": {"a": 80, "b": None}, "S2": {"a": 20, "b": 60}}),
        two_criteria(factory, "disqualify"),
    )
    assert result.qualified.tolist() == [False, True]
    assert reason_texts(result, 0) == ("no data for B, which is required",)
    assert result.rank_of(0) is None and result.rank_of(1) == 1
    assert result.bands[0] is None
    assert status_text(result, 0) == "Disqualified: no data for B, which is required"
    assert ranking_frame(result)["Supplier"].tolist() == ["S2", "S1"]


def test_a_rejected_price_disqualifies_when_price_is_required(factory) -> None:
    config = factory.config(
        factory.criterion("cost", "ratio_to_best", direction="lower", missing="disqualify"),
        factory.criterion("a", LINEAR_0_100),
    )
    result = score(factory.table({"S1": {"cost": -5, "a": 50}, "S2": {"cost": 100, "a": 50}}), config)
    assert result.qualified.tolist() == [False, True]
    assert reason_texts(result, 0) == (
        "Cost is required, but -5 cannot be scored by ratio to best (a value must be above 0)",
    )
    assert math.isnan(result.totals[0])  # out for a value it cannot be scored on: no total shown


def test_a_zero_price_is_named_as_such_not_as_unreadable(factory) -> None:
    config = factory.config(
        factory.criterion("cost", "ratio_to_best", direction="lower"),
        factory.criterion("a", LINEAR_0_100),
        knockouts=[{"criterion": "cost", "at_most": 500}],
    )
    result = score(factory.table({"S1": {"cost": 0, "a": 50}, "S2": {"cost": 100, "a": 50}}), config)
    assert handling_text(result, 0, 0).startswith(
        "0 cannot be scored by ratio to best (a value must be above 0): "
    )
    assert reason_texts(result, 0) == (
        "Cost must be at most 500 (0 cannot be scored by ratio to best (a value must be above 0))",
    )
    assert any(
        "0 or below cannot be scored by ratio to best: a value must be above 0" in t
        for _, t in note_lines(result)
    )


def test_all_values_missing_in_a_column(factory) -> None:
    config = factory.config(
        factory.criterion("a", LINEAR_0_100),
        factory.criterion("b", "min_max", missing="worst"),
        factory.criterion("c", "min_max", missing="neutral"),
    )
    result = score(
        factory.table({"S1": {"a": 80, "b": None, "c": None}, "S2": {"a": 40, "b": None, "c": None}}), config
    )
    assert result.missing[:, 1:].all()
    # nobody has data on b or c: both are left out for everyone, not scored 0 (which would drop every total)
    assert np.isnan(result.scores[:, 1:]).all()
    assert result.weights.tolist() == [[1, 0, 0], [1, 0, 0]]
    assert result.totals.tolist() == pytest.approx([80, 40])
    notes = dict(note_lines(result))
    assert notes["b"].startswith("No supplier has data on B, so it was left out; its weight")
    assert notes["c"].startswith("No supplier has data on C, so it was left out; its weight")
    assert handling_text(result, 0, 1).startswith(
        "no data: left out for every supplier (no supplier has data on it)"
    )
    assert result.left_out == ("b", "c") and result.base_weights.tolist() == [1, 0, 0]


def test_a_criterion_nobody_has_data_on_does_not_lower_any_total(factory) -> None:
    with_data = factory.config(factory.criterion("a", LINEAR_0_100), factory.criterion("b", LINEAR_0_100))
    records = {"S1": {"a": 80, "b": None}, "S2": {"a": 40, "b": None}}
    without = factory.config(factory.criterion("a", LINEAR_0_100))
    assert score(factory.table(records), with_data).totals.tolist() == pytest.approx(
        score(factory.table({k: {"a": v["a"]} for k, v in records.items()}), without).totals.tolist()
    )


def test_every_supplier_equal_on_a_criterion_still_scores_100(factory) -> None:
    config = factory.config(factory.criterion("a", LINEAR_0_100), factory.criterion("b", "min_max"))
    result = score(factory.table({"S1": {"a": 80, "b": 5}, "S2": {"a": 40, "b": 5}}), config)
    assert result.scores[:, 1].tolist() == [100, 100]
    assert result.totals.tolist() == pytest.approx([90, 70])


def test_disqualified_for_missing_data_shows_no_total_but_a_failed_rule_keeps_it(factory) -> None:
    config = factory.config(
        factory.criterion("a", LINEAR_0_100),
        factory.criterion("b", LINEAR_0_100, missing="disqualify"),
        factory.criterion("c", LINEAR_0_100),
        knockouts=[{"criterion": "c", "at_least": 50}],
    )
    records = {
        "NoB": {"a": 80, "b": None, "c": 90},  # out for missing data only
        "NoC": {"a": 80, "b": 70, "c": None},  # knock-out with no data
        "LowC": {"a": 80, "b": 70, "c": 20},  # failed a rule: its total stays, for information
        "Both": {"a": 80, "b": None, "c": 20},  # failed a rule and lacks data: the rule decides
        "Fine": {"a": 60, "b": 60, "c": 60},
    }
    result = score(factory.table(records), config)
    totals = dict(zip(result.suppliers, result.totals, strict=True))
    assert math.isnan(totals["NoB"]) and math.isnan(totals["NoC"])
    assert totals["LowC"] == pytest.approx(170 / 3) and totals["Fine"] == pytest.approx(60)
    assert not math.isnan(totals["Both"])
    assert status_text(result, 0) == "Disqualified: no data for B, which is required"
    assert status_text(result, 1) == "Disqualified: C must be at least 50 (no data)"
    assert result.contributions[:2].tolist() == [[0, 0, 0], [0, 0, 0]]
    ranking = ranking_frame(result).set_index("Supplier")
    assert ranking["Score"].isna().to_dict() == {
        "Fine": False,
        "LowC": False,
        "Both": False,
        "NoB": True,
        "NoC": True,
    }
    assert result.rank_of(0) is None and result.bands[0] is None
    assert_contributions_add_up(result)


def test_a_supplier_with_no_data_at_all(factory) -> None:
    records = {"Empty": {"a": None, "b": None}, "Full": {"a": 60, "b": 40}}
    worst = score(factory.table(records), two_criteria(factory))
    assert worst.totals.tolist() == [0, 50] and worst.ranks.tolist() == [2, 1]
    assert ranking_frame(worst)["Missing values"].tolist() == [0, 2]

    config = factory.config(
        factory.criterion("a", LINEAR_0_100, missing="exclude"),
        factory.criterion("b", LINEAR_0_100, missing="exclude"),
    )
    excluded = score(factory.table(records), config)
    assert math.isnan(excluded.totals[0]) and excluded.rank_of(0) is None
    assert excluded.qualified[0]
    assert status_text(excluded, 0) == "Not scored: no data on any weighted criterion"
    assert excluded.contributions[0].tolist() == [0, 0]
    assert excluded.bands[0] is None
