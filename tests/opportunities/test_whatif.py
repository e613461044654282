"""Improvement plans' what-ifs in batches give exactly the numbers a full re-score gives.

Seeded random events (every scoring method, knock-outs, every missing-value
policy, weighted sum and TOPSIS) are re-scored both ways: `WhatIfScorer` (the
changed columns only, all variants summed at once) and `plans.rescore` (a copy of
the table through `score.score`, as the plans were worked out before).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from benchmarks.generate import EVENT_CRITERIA, config_data, score_workload
from scorecard.config import parse_config
from scorecard.opportunities import find_opportunities
from scorecard.opportunities import plans as plans_module
from scorecard.opportunities.plans import Rescore, WhatIfScorer, rescore
from scorecard.score import score
from scorecard.tables import gap_frame, plan_sentences, what_if_frame

POLICIES = ("exclude", "worst", "neutral", "disqualify")


def random_event(seed: int, suppliers: int, aggregation: str):
    """The benchmark's supplier table with its criteria given random missing-value policies."""
    rng = np.random.default_rng(seed)
    knocked = {"iso_9001", "financial_risk"}  # the knock-outs' criteria stay in
    specs = tuple(s for s in EVENT_CRITERIA if s.key in knocked or rng.random() < 0.6)
    table, _ = score_workload(suppliers, seed=seed, criteria=specs)
    data = config_data(specs)
    for category in data["categories"].values():
        for criterion in category["criteria"]:
            criterion["missing"] = str(rng.choice(POLICIES, p=[0.4, 0.25, 0.25, 0.1]))
    data["aggregation"] = aggregation
    if rng.random() < 0.3:
        data["knockouts"] = []
    config = parse_config(data, "the test settings")
    return table, config, rng


def same(fast: Rescore, full: Rescore) -> bool:
    totals_equal = fast.total == full.total or (math.isnan(fast.total) and math.isnan(full.total))
    return totals_equal and (fast.band, fast.rank, fast.others_move) == (
        full.band,
        full.rank,
        full.others_move,
    )


def random_changes(table, result, rng) -> dict[str, object]:
    """One to three criteria of a supplier set to another supplier's value, a blank or an unreadable text."""
    keys = [c.key for c in result.criteria]
    changes: dict[str, object] = {}
    for key in rng.choice(keys, size=int(rng.integers(1, 4)), replace=False):
        column = table.values[key]
        roll = rng.random()
        if roll < 0.1:
            changes[key] = None
        elif roll < 0.15:
            changes[key] = "n/a"
        else:
            changes[key] = column.iloc[int(rng.integers(len(column)))]
    return changes


@pytest.mark.parametrize("aggregation", ["weighted_sum", "topsis"])
@pytest.mark.parametrize("seed", range(6))
def test_batched_what_ifs_equal_full_rescoring(seed: int, aggregation: str) -> None:
    table, config, rng = random_event(seed, int(np.random.default_rng(seed).integers(3, 40)), aggregation)
    result = score(table, config)
    scorer = WhatIfScorer(result, table)
    chosen = rng.choice(len(result.suppliers), size=min(6, len(result.suppliers)), replace=False)
    # one supplier's variants at a time, and every supplier's variants in one batch
    variants = [(int(i), random_changes(table, result, rng)) for i in chosen for _ in range(8)]
    together = scorer.rescore_batch(variants)
    for (i, changes), outcome in zip(variants, together, strict=True):
        supplier = result.suppliers[i]
        full = rescore(result, table, supplier, changes)
        assert same(outcome, full), (seed, supplier, changes, outcome, full)
        assert same(scorer.rescore_many(supplier, [changes])[0], outcome)


def test_fast_path_is_taken_for_plain_changes() -> None:
    """Not every what-if falls back to a full re-score (which would make the test above vacuous)."""
    table, config, _ = random_event(3, 30, "weighted_sum")
    result = score(table, config)
    scorer = WhatIfScorer(result, table)
    free = [c for c in result.criteria if c.key not in scorer.knocked_out_on and c.key not in scorer.required]
    assert free
    i = 0
    assert all(scorer.columns(i, {c.key: table.values[c.key].iloc[1]}) is not None for c in free)


@pytest.mark.slow  # every what-if of every plan re-scored in full: 2-5 s each
@pytest.mark.parametrize("aggregation", ["weighted_sum", "topsis"])
@pytest.mark.parametrize("seed", [11, 12, 13])
def test_plans_are_the_same_as_with_full_rescoring(seed: int, aggregation: str, monkeypatch) -> None:
    table, config, _ = random_event(seed, 25, aggregation)
    result = score(table, config)
    batched = find_opportunities(result, table, None).plans

    def one_by_one(self, variants):
        return [
            rescore(self.result, self.table, self.result.suppliers[i], changes) for i, changes in variants
        ]

    def never_own_row(self, key, rows, value, holder=None):
        return np.zeros(len(rows), dtype=bool), float("nan")

    def one_by_one_moving(self, variants, own):
        return one_by_one(self, variants)

    monkeypatch.setattr(plans_module.WhatIfScorer, "rescore_batch", one_by_one)
    monkeypatch.setattr(plans_module.WhatIfScorer, "rescore_moving", one_by_one_moving)
    monkeypatch.setattr(plans_module.WhatIfScorer, "own_row_scores", never_own_row)
    full = find_opportunities(result, table, None).plans
    assert list(batched) == list(full) and batched
    for supplier, plan in batched.items():
        other = full[supplier]
        assert plan_sentences(plan, result) == plan_sentences(other, result)
        pd.testing.assert_frame_equal(gap_frame(plan), gap_frame(other))
        pd.testing.assert_frame_equal(what_if_frame(plan), what_if_frame(other))


def test_own_row_path_is_taken_for_changes_that_move_nobody_else() -> None:
    """Under the weighted sum most plan what-ifs move only the supplier's own row: that path must be the one
    taken (and checked above against full re-scoring), or the comparison above would not cover it."""
    table, config, _ = random_event(3, 30, "weighted_sum")
    result = score(table, config)
    scorer = WhatIfScorer(result, table)
    ranked = [i for i in range(len(result.suppliers)) if result.rank_of(i) is not None]
    taken = [
        scorer.row_cells(i, {c.key: table.values[c.key].iloc[ranked[0]]})
        for i in ranked[1:]
        for c in result.criteria
        if c.key not in scorer.knocked_out_on and c.key not in scorer.required
    ]
    assert sum(cells is not None for cells in taken) > len(taken) / 2
    assert any(cells is None for cells in taken)  # a change that moves a bar or an average goes by columns
