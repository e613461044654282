"""Weights, one vocabulary across code, page and workbook:

- the weight as set: `criterion.weight`, as a share of the whole (`set_shares`, "Share (as set)");
- the share that counted: after criteria nobody could be scored on were left out
  (`ScoreResult.base_weights`, "Share that counted");
- the share per supplier: after that supplier's own exclusions, each scored row summing to 1
  (`ScoreResult.weights`, the Criteria sheet's "Weight").
"""

from __future__ import annotations

import numpy as np

from scorecard.config import Criterion


def supplier_shares(
    scores: np.ndarray, counted_shares: np.ndarray, no_total: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Each supplier's shares over the criteria it was scored on (rows sum to 1), and who was scored.

    A supplier out for missing data gets no shares, so no total that would look earned.
    """
    shares = np.where(np.isnan(scores) | no_total[:, None], 0.0, counted_shares)
    row_sums = shares.sum(axis=1, keepdims=True)
    scored = row_sums[:, 0] > 0
    np.divide(shares, row_sums, out=shares, where=row_sums > 0)
    return shares, scored


def category_scores(
    category_keys: tuple[str, ...], criteria: tuple[Criterion, ...], shares: np.ndarray, weighted: np.ndarray
) -> np.ndarray:
    """Per supplier and category, the weighted average of its criterion scores there (NaN if none counted)."""
    result = np.full((len(shares), len(category_keys)), np.nan)
    for k, key in enumerate(category_keys):
        members = members_of(key, criteria)
        w = shares[:, members].sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            result[:, k] = np.where(w > 0, weighted[:, members].sum(axis=1) / w, np.nan)
    return result


def members_of(category: str, criteria: tuple[Criterion, ...]) -> slice | np.ndarray:
    """The category's criterion positions: a slice when they sit together (a view, no copy), else a mask."""
    positions = [j for j, c in enumerate(criteria) if c.category == category]
    if positions and positions == list(range(positions[0], positions[-1] + 1)):
        return slice(positions[0], positions[-1] + 1)
    return np.array([c.category == category for c in criteria], dtype=bool)
