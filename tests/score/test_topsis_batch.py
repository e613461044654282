"""TOPSIS over a batch of tables (a leading axis) gives each table exactly what it gets alone.

The improvement plans' what-ifs under TOPSIS stack many variants of one field and
work out their geometry and closeness at once; the engine calls the same functions
with one table. Every figure must be the same, bit for bit: slab by slab against
the single-table call, and variant by variant against `score()` on the changed table.
"""

from __future__ import annotations

import numpy as np
import pytest

from scorecard.score import score, topsis_compares, topsis_geometry, topsis_totals
from scorecard.score.aggregation.topsis import closeness, geometry_compares
from tests.opportunities.test_whatif import random_event


def random_stack(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Tables of one field: scores with gaps (NaN), per-supplier weights, and the shared reference suppliers."""
    count, n, m = int(rng.integers(1, 6)), int(rng.integers(1, 160)), int(rng.integers(1, 7))
    scores = rng.choice([0.0, 25.0, 100.0, np.nan], size=(count, n, m))
    scores = np.where(rng.random((count, n, m)) < 0.6, rng.uniform(0, 100, (count, n, m)), scores)
    weights = rng.uniform(0, 1, (count, n, m)) * (rng.random((count, n, m)) < 0.9)
    reference = rng.random(n) < rng.choice([0.0, 0.3, 0.9])  # sometimes nobody: everyone sets the ideal
    base = rng.uniform(0, 1, m) * (rng.random(m) < 0.8)
    return scores, weights, reference, base


@pytest.mark.parametrize("seed", range(6))
def test_a_stack_of_tables_gets_each_tables_own_geometry_and_closeness(seed: int) -> None:
    rng = np.random.default_rng(seed)
    for _ in range(60):
        scores, weights, reference, base = random_stack(rng)
        geometry = topsis_geometry(scores, reference)
        together = closeness(geometry, weights, ~np.isnan(scores))
        compares = geometry_compares(geometry, base, reference)
        for k in range(len(scores)):
            alone = topsis_geometry(scores[k], reference)
            for part, single in zip(geometry, alone, strict=True):
                assert np.array_equal(part[k], single, equal_nan=True)
            assert np.array_equal(
                together[k], topsis_totals(scores[k], weights[k], reference), equal_nan=True
            )
            assert bool(compares[k]) == topsis_compares(scores[k], base, reference)


@pytest.mark.parametrize("seed", range(4))
def test_the_batch_equals_the_engine_variant_by_variant(seed: int) -> None:
    """Variants of a TOPSIS event, each scored by `score()`; their tables stacked give the same totals."""
    table, config, rng = random_event(seed, int(np.random.default_rng(seed).integers(6, 40)), "topsis")
    result = score(table, config)
    if result.topsis_geometry is None:
        pytest.skip("this field falls back to the weighted sum")
    free = [c.key for c in result.criteria if c.key not in {k.criterion for k in config.knockouts}]
    outcomes = []
    for _ in range(6):
        supplier = result.suppliers[int(rng.integers(len(result.suppliers)))]
        key = free[int(rng.integers(len(free)))]
        donor = table.values[key].iloc[int(rng.integers(len(result.suppliers)))]
        outcomes.append(score(table.with_value(supplier, key, donor), config))
    # the stack shares a field: keep the variants whose reference suppliers are today's
    field = result.qualified & ~np.isnan(result.totals)
    same_field = [o for o in outcomes if np.array_equal(o.qualified & ~np.isnan(o.totals), field)]
    same_field = [o for o in same_field if o.topsis_geometry is not None]
    if not same_field:
        pytest.skip("no variant keeps the field")
    scores = np.stack([o.scores for o in same_field])
    weights = np.stack([o.weights for o in same_field])
    totals = topsis_totals(scores, weights, field)
    for k, outcome in enumerate(same_field):
        scored = ~np.isnan(outcome.totals)
        expected = outcome.totals[scored]
        assert np.array_equal(np.clip(totals[k], 0.0, 100.0)[scored], expected)
        for part, engine in zip(topsis_geometry(scores, field), outcome.topsis_geometry, strict=True):
            assert np.array_equal(part[k], engine)
