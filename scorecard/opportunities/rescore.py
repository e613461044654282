"""A what-if's outcome, and the full re-score every faster way of getting it must equal."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from scorecard.score import ScoreResult, score
from scorecard.suppliers import SupplierTable


@dataclass(frozen=True)
class Rescore:
    """A what-if outcome for the supplier, and whether other suppliers' totals moved with it."""

    total: float
    band: str | None
    rank: int | None
    others_move: bool


def rescore(
    result: ScoreResult, table: SupplierTable, supplier: str, changes: Mapping[str, object]
) -> Rescore:
    """Score the table again with the supplier's values changed: the exact what-if."""
    changed = table
    for key, value in changes.items():
        changed = changed.with_value(supplier, key, value)
    outcome = score(changed, result.config)
    i = outcome.index_of(supplier)
    others = np.arange(len(result.suppliers)) != i
    moved = bool(moved_apart(result.totals[others], outcome.totals[others]).any())
    band = outcome.bands[i]
    return Rescore(float(outcome.totals[i]), band.name if band else None, outcome.rank_of(i), moved)


def moved_apart(before: np.ndarray, after: np.ndarray) -> np.ndarray:
    """Where a total moved (by more than 1e-9), appeared or went, as `rescore` asks it (a NaN difference,
    of a blank and a total, is no move by size: the blanks are compared on their own)."""
    return (np.isnan(before) != np.isnan(after)) | (np.abs(before - after) > 1e-9)
