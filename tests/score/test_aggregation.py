"""TOPSIS in the engine: by hand, against a textbook loop, and its fallback to the weighted sum."""

from __future__ import annotations

import math

import numpy as np
import pytest

from scorecard.score import score
from scorecard.tables import note_lines
from tests.score.support import (
    LINEAR_0_100,
    assert_contributions_add_up,
    two_criteria,
)


def reference_topsis(scores: np.ndarray, weights: np.ndarray, reference: np.ndarray) -> list[float]:
    """TOPSIS written out with loops, as in a textbook, to check the vectorised engine."""
    n, m = scores.shape
    norms = [
        math.sqrt(sum(scores[i, j] ** 2 for i in range(n) if reference[i] and not math.isnan(scores[i, j])))
        for j in range(m)
    ]
    r = [
        [0.0 if math.isnan(scores[i, j]) or norms[j] == 0 else scores[i, j] / norms[j] for j in range(m)]
        for i in range(n)
    ]
    ideal, anti = [], []
    for j in range(m):
        column = [r[i][j] for i in range(n) if reference[i] and not math.isnan(scores[i, j])]
        ideal.append(max(column, default=0.0))
        anti.append(min(column, default=0.0))
    out = []
    for i in range(n):
        used = [j for j in range(m) if not math.isnan(scores[i, j])]
        plus = math.sqrt(sum((weights[i, j] * (r[i][j] - ideal[j])) ** 2 for j in used))
        minus = math.sqrt(sum((weights[i, j] * (r[i][j] - anti[j])) ** 2 for j in used))
        out.append(100 * (minus / (plus + minus) if plus + minus > 0 else 1.0))
    return out


def test_topsis_symmetric_case_by_hand(factory) -> None:
    config = two_criteria(factory, aggregation="topsis")
    result = score(
        factory.table({"A": {"a": 100, "b": 0}, "B": {"a": 0, "b": 100}, "C": {"a": 50, "b": 50}}), config
    )
    # A and B are equally far from the ideal (1,1)/sqrt(1.25)... and C sits in the middle: all 50
    assert result.totals.tolist() == pytest.approx([50, 50, 50])


def test_topsis_dominant_supplier_scores_100_and_dominated_0(factory) -> None:
    config = two_criteria(factory, aggregation="topsis")
    result = score(
        factory.table({"Best": {"a": 90, "b": 80}, "Mid": {"a": 50, "b": 60}, "Worst": {"a": 10, "b": 20}}),
        config,
    )
    assert result.totals[0] == pytest.approx(100) and result.totals[2] == pytest.approx(0)
    assert 0 < result.totals[1] < 100
    assert_contributions_add_up(result)


def test_topsis_matches_the_textbook_with_per_supplier_weights(factory) -> None:
    config = factory.config(
        factory.criterion("a", LINEAR_0_100, weight=2),
        factory.criterion("b", LINEAR_0_100, weight=1, missing="exclude"),
        factory.criterion("c", LINEAR_0_100, weight=1, category="cost"),
        aggregation="topsis",
    )
    records = {
        "S1": {"a": 80, "b": 30, "c": 60},
        "S2": {"a": 40, "b": None, "c": 90},  # b left out: its weights are re-normalised
        "S3": {"a": 65, "b": 75, "c": 20},
        "S4": {"a": 10, "b": 95, "c": 55},
    }
    result = score(factory.table(records), config)
    expected = reference_topsis(result.scores, result.weights, result.qualified)
    assert result.totals.tolist() == pytest.approx(expected, abs=1e-9)
    # base weights: a 1/3, b 1/6, c 1/2; without b, S2's are a 0.4 and c 0.6
    s2 = dict(zip([c.key for c in result.criteria], result.weights[1], strict=True))
    assert s2 == pytest.approx({"a": 0.4, "b": 0, "c": 0.6})
    assert_contributions_add_up(result)


def test_topsis_with_one_qualified_supplier_falls_back_to_the_weighted_sum(factory) -> None:
    config = two_criteria(factory, aggregation="topsis", knockouts=[{"criterion": "a", "at_least": 30}])
    records = {"Only": {"a": 90, "b": 20}, "Out1": {"a": 10, "b": 80}, "Out2": {"a": 20, "b": 40}}
    result = score(factory.table(records), config)
    weighted = score(
        factory.table(records), two_criteria(factory, knockouts=[{"criterion": "a", "at_least": 30}])
    )
    # not 100 for one and exactly 50 for the others: TOPSIS cannot compare a field of one
    assert result.totals.tolist() == pytest.approx(weighted.totals.tolist())
    assert result.totals.tolist() == pytest.approx([55, 45, 30])
    assert any(key == "" and "weighted sum" in text for key, text in note_lines(result))
    assert_contributions_add_up(result)


def test_topsis_with_every_qualified_supplier_equal_falls_back_to_the_weighted_sum(factory) -> None:
    config = two_criteria(factory, aggregation="topsis", knockouts=[{"criterion": "b", "at_most": 50}])
    records = {"A": {"a": 60, "b": 40}, "B": {"a": 60, "b": 40}, "Out": {"a": 90, "b": 70}}
    result = score(factory.table(records), config)
    assert result.totals.tolist() == pytest.approx([50, 50, 80])
    assert any("weighted sum" in text for _, text in note_lines(result))


def test_topsis_with_a_real_field_adds_no_fallback_note(factory) -> None:
    config = two_criteria(factory, aggregation="topsis")
    result = score(factory.table({"A": {"a": 60, "b": 40}, "B": {"a": 20, "b": 50}}), config)
    assert not any("weighted sum" in text for _, text in note_lines(result))
