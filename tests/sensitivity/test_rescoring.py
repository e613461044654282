"""Re-scoring in numpy reproduces the engine: weighted sum, TOPSIS, left-out criteria."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from scorecard.score import score, topsis_totals
from scorecard.sensitivity import (
    totals_for_weights,
    weight_stability,
)
from scorecard.suppliers import SupplierTable
from sensitivity.problems import linear, make_config, random_problem, weights_config


@pytest.mark.parametrize("aggregation", ["weighted_sum", "topsis"])
@pytest.mark.parametrize("seed", range(12))
def test_rescoring_reproduces_the_engine(seed: int, aggregation: str) -> None:
    result, table = random_problem(seed, aggregation)
    assert np.allclose(
        totals_for_weights(result, result.base_weights), result.totals, equal_nan=True, atol=1e-9
    )
    rng = np.random.default_rng(seed + 100)
    other = result.base_weights * rng.uniform(0.2, 3.0, size=len(result.base_weights))
    other /= other.sum()
    rescored = score(table, weights_config(result.config, other))
    assert np.allclose(rescored.base_weights, other)
    assert np.allclose(totals_for_weights(result, other), rescored.totals, equal_nan=True, atol=1e-9)
    # many weight vectors at once give the same as one at a time
    many = np.stack([result.base_weights, other], axis=1)
    assert np.allclose(totals_for_weights(result, many)[:, 1], rescored.totals, equal_nan=True, atol=1e-9)


@pytest.mark.parametrize("seed", range(8))
def test_topsis_rescoring_matches_topsis_totals_with_reweighted_matrix(seed: int) -> None:
    result, _ = random_problem(seed, "topsis")
    rng = np.random.default_rng(seed)
    w = rng.uniform(0, 1, size=len(result.criteria))
    used = ~np.isnan(result.scores)
    per_supplier = np.where(used, w, 0.0)
    sums = per_supplier.sum(axis=1, keepdims=True)
    per_supplier = np.divide(per_supplier, sums, out=np.zeros_like(per_supplier), where=sums > 0)
    reference = ~np.isnan(result.ranks)
    expected = np.where(sums[:, 0] > 0, topsis_totals(result.scores, per_supplier, reference), np.nan)
    assert np.allclose(totals_for_weights(result, w), expected, equal_nan=True, atol=1e-9)


def test_rescoring_follows_the_engine_when_topsis_cannot_compare() -> None:
    """One qualified supplier: the engine uses the weighted sum, and so must the re-scoring."""
    config = make_config(
        {"quality": {"weight": 1, "criteria": [linear("a", 1), linear("b", 2)]}},
        aggregation="topsis",
        knockouts=[{"criterion": "a", "at_least": 50}],
    )
    frame = pd.DataFrame({"a": [90.0, 10.0, 20.0], "b": [20.0, 80.0, 40.0]}, index=["Only", "Out1", "Out2"])
    result = score(SupplierTable(frame), config)
    assert np.allclose(totals_for_weights(result, result.base_weights), result.totals)
    assert weight_stability(result).exact


def test_rescoring_keeps_no_total_for_a_supplier_out_for_missing_data() -> None:
    config = make_config(
        {"quality": {"weight": 1, "criteria": [linear("a", 1), linear("b", 1, "disqualify")]}}
    )
    frame = pd.DataFrame({"a": [90.0, 40.0, 60.0], "b": [np.nan, 50.0, 70.0]}, index=["NoB", "S2", "S3"])
    result = score(SupplierTable(frame), config)
    assert np.isnan(result.totals[0])
    assert np.allclose(totals_for_weights(result, result.base_weights), result.totals, equal_nan=True)
    assert np.isnan(totals_for_weights(result, np.array([1.0, 0.0]))[0])


# ---------------------------------------------------------------------- weight stability
