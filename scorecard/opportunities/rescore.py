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
    before, after = result.totals[others], outcome.totals[others]
    moved = bool(
        np.any(np.isnan(before) != np.isnan(after))
        or np.any(np.abs(np.nan_to_num(before) - np.nan_to_num(after)) > 1e-9)
    )
    band = outcome.bands[i]
    return Rescore(float(outcome.totals[i]), band.name if band else None, outcome.rank_of(i), moved)
