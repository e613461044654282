"""Possible price errors: the quantiles now come from a partition of the keys around the positions they read
instead of a full sort; on seeded random events (ties, items with one quote or none, equal costs) every
flag, reason and median equals the full sort's, bit for bit."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from scorecard.bids.grouped import group_count, group_max, group_min, quantile_sorted
from scorecard.bids.outliers import flag_outliers
from scorecard.bids.settings import BidSettings, OutlierSettings


def by_full_sort(
    item: np.ndarray,
    cost: np.ndarray,
    count: np.ndarray,
    lowest: np.ndarray,
    highest: np.ndarray,
    rules: OutlierSettings,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The computation before the partition (kept here as the reference): one sort of all the keys."""
    n_items = len(count)
    reason = np.zeros(len(cost), dtype=np.int8)
    span = np.where(highest > lowest, highest - lowest, 1.0)
    key = item + (cost - lowest[item]) / span[item] * 0.5
    sorted_item = np.repeat(np.arange(n_items), count)
    ordered = lowest[sorted_item] + (np.sort(key) - sorted_item) * 2 * span[sorted_item]
    start = np.concatenate(([0], np.cumsum(count)[:-1]))
    median = quantile_sorted(ordered, start, count, 0.5)
    enough = count >= rules.min_quotes
    if rules.below_median_fraction > 0:
        reason[enough[item] & (cost < rules.below_median_fraction * median[item])] = 1
    if rules.iqr_factor > 0:
        q1 = quantile_sorted(ordered, start, count, 0.25)
        q3 = quantile_sorted(ordered, start, count, 0.75)
        fence = rules.iqr_factor * (q3 - q1)
        outside = (cost < q1[item] - fence[item]) | (cost > q3[item] + fence[item])
        reason[enough[item] & outside & (reason == 0)] = 2
    return reason > 0, reason, np.where(count > 0, median, np.nan)


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("iqr_factor", [1.5, 0.0])
def test_the_partition_gives_the_full_sorts_flags_and_medians(seed: int, iqr_factor: float) -> None:
    rng = np.random.default_rng(seed)
    n_items = int(rng.integers(1, 60))
    n = int(rng.integers(1, 3000))
    item = rng.integers(0, n_items, n)
    cost = np.round(rng.lognormal(3, 1, n), int(rng.integers(0, 3)))  # rounding makes ties
    cost[rng.random(n) < 0.05] *= 0.05  # a few prices typed ten or a hundred times too low
    count = group_count(item, n_items)  # some items have no quote
    lowest, highest = group_min(item, cost, n_items), group_max(item, cost, n_items)
    rules = replace(BidSettings().outliers, iqr_factor=iqr_factor)
    settings = BidSettings(outliers=rules)
    new = flag_outliers(item, cost, count, lowest, highest, settings)
    old = by_full_sort(item, cost, count, lowest, highest, rules)
    for ours, reference in zip(new, old, strict=True):
        np.testing.assert_array_equal(ours, reference)
