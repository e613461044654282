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
from scorecard.score.supplier_arrays import SupplierArrays

Geometry = tuple[np.ndarray, np.ndarray, np.ndarray]  # normalised values r, ideal, anti-ideal


@dataclass(frozen=True)
class Scoring:
    """What an aggregation reads: criterion scores and the shares that weigh them."""

    criteria: tuple[Criterion, ...]
    # (n, m) "scores" (0-100, NaN where left out for a supplier) and "weights" (each scored row sums
    # to 1), made when first read and shared with the result (see `SupplierArrays`)
    by_supplier: SupplierArrays
    counted_shares: np.ndarray  # (m,) the share each criterion counted for
    field: np.ndarray  # (n,) the qualified, scored suppliers (who set TOPSIS's ideal)
    number_columns: tuple[np.ndarray, ...]  # each criterion's values as read
    missing: np.ndarray  # (n, m) no usable value
    # score x share (0 where a cell was not scored), one row per criterion: each supplier's total is
    # then a few whole-row additions (`sums.summed_rows`), bit for bit the row sums of `weighted`
    weighted_by_criterion: np.ndarray

    @property
    def scores(self) -> np.ndarray:
        """(n, m) the criterion scores."""
        return self.by_supplier["scores"]

    @property
    def supplier_shares(self) -> np.ndarray:
        """(n, m) each supplier's shares."""
        return self.by_supplier["weights"]

    @cached_property
    def numbers(self) -> np.ndarray:
        """(n, m) the values as read: textbook TOPSIS works on them, so only it pays for the copy."""
        return np.column_stack(self.number_columns).astype(float)

    @cached_property
    def weighted(self) -> np.ndarray:
        """Score x share per cell, (n, m): what TOPSIS apportions its closeness by."""
        return self.weighted_by_criterion.T.copy()

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
    """Totals (0-100 before clipping), their per-criterion contributions, and TOPSIS's geometry if any.

    No contributions (None) means the weighted scores themselves (score x share): the engine makes
    them when the result's `contributions` are first read."""

    totals: np.ndarray
    contributions: np.ndarray | None
    geometry: Geometry | None = None


Aggregator = Callable[[Scoring], Aggregate | None]
AGGREGATORS: dict[str, Aggregator] = {}


def register(name: str, aggregator: Aggregator) -> Aggregator:
    """Add an aggregation under its settings name."""
    if name in AGGREGATORS:
        raise ValueError(f"aggregation {name!r} is registered twice")
    AGGREGATORS[name] = aggregator
    return aggregator
