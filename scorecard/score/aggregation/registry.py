"""The aggregation registry: how criterion scores become one total per supplier.

Each unit reads the same `Scoring` (scores, per-supplier shares, the field) and returns
an `Aggregate`, or None when it cannot rank this field; the engine then falls back to
the weighted sum and says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from scorecard.config import Criterion
from scorecard.score.sums import summed_rows

Geometry = tuple[np.ndarray, np.ndarray, np.ndarray]  # normalised values r, ideal, anti-ideal


@dataclass(frozen=True)
class Scoring:
    """What an aggregation reads: criterion scores and the shares that weigh them."""

    criteria: tuple[Criterion, ...]
    scores: np.ndarray  # (n, m) 0-100, NaN where left out for a supplier
    supplier_shares: np.ndarray  # (n, m) each scored row sums to 1
    counted_shares: np.ndarray  # (m,) the share each criterion counted for
    field: np.ndarray  # (n,) the qualified, scored suppliers (who set TOPSIS's ideal)
    number_columns: tuple[np.ndarray, ...]  # each criterion's values as read
    missing: np.ndarray  # (n, m) no usable value
    # score x share (0 where a cell was not scored), one row per criterion: each supplier's total is
    # then a few whole-row additions (`sums.summed_rows`), bit for bit the row sums of `weighted`
    weighted_by_criterion: np.ndarray

    @cached_property
    def numbers(self) -> np.ndarray:
        """(n, m) the values as read: textbook TOPSIS works on them, so only it pays for the copy."""
        return np.column_stack(self.number_columns).astype(float)

    @cached_property
    def weighted(self) -> np.ndarray:
        """Score x share per cell: the weighted sum's contributions."""
        return self.weighted_by_criterion.T.copy()  # its own array: the engine zeroes rows in it

    @cached_property
    def weighted_totals(self) -> np.ndarray:
        """Each supplier's sum of `weighted`: the weighted sum's total, bit for bit `weighted.sum(axis=1)`."""
        return summed_rows(self.weighted_by_criterion)

    @cached_property
    def used(self) -> np.ndarray:
        """The cells that were scored."""
        return ~np.isnan(self.scores)


@dataclass(frozen=True)
class Aggregate:
    """Totals (0-100 before clipping), their per-criterion contributions, and TOPSIS's geometry if any."""

    totals: np.ndarray
    contributions: np.ndarray
    geometry: Geometry | None = None


Aggregator = Callable[[Scoring], Aggregate | None]
AGGREGATORS: dict[str, Aggregator] = {}


def register(name: str, aggregator: Aggregator) -> Aggregator:
    """Add an aggregation under its settings name."""
    if name in AGGREGATORS:
        raise ValueError(f"aggregation {name!r} is registered twice")
    AGGREGATORS[name] = aggregator
    return aggregator
