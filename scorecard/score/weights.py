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
from scorecard.score.sums import summed_rows


def supplier_shares(
    scores: np.ndarray, counted_shares: np.ndarray, no_total: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Each supplier's shares over the criteria it was scored on (rows sum to 1), and who was scored.

    A supplier out for missing data gets no shares, so no total that would look earned.
    """
    shares, scored = shares_by_criterion(np.ascontiguousarray(scores.T), counted_shares, no_total)
    return np.ascontiguousarray(shares.T), scored


Gaps = dict[int, np.ndarray]  # row -> where a (criterion, supplier) array is NaN, for the rows that have any


def gaps_in(scores: np.ndarray) -> Gaps:
    """Where a (criterion, supplier) array of scores is NaN (a cell left out), row by row."""
    unscored = np.isnan(scores)
    return {int(j): unscored[j] for j in np.flatnonzero(unscored.any(axis=1))}


def shares_by_criterion(
    scores: np.ndarray, counted_shares: np.ndarray, no_total: np.ndarray, gaps: Gaps | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """`supplier_shares` on (criterion, supplier) arrays: one row per criterion, so that each
    supplier's sum is a few whole-row additions (see `sums`), not 10,000 short sums. `gaps` (see
    `gaps_in`) may be given by a caller that knows them: the engine does, from the missing policies.

    A cell's share before normalising is the criterion's counted share x 1, or x 0 for a supplier
    with no total (exact either way), then 0 in the few rows with gaps: masked writes over the
    whole array cost several times the arithmetic.
    """
    shares = np.multiply.outer(counted_shares, np.where(no_total, 0.0, 1.0))
    for j, cells in (gaps_in(scores) if gaps is None else gaps).items():
        shares[j][cells] = 0.0
    totals = summed_rows(shares)
    scored = totals > 0
    shares /= np.where(scored, totals, 1.0)  # a supplier scored on nothing has shares of 0 (0 / 1)
    return shares, scored


def weighted_cells(scores: np.ndarray, shares: np.ndarray, gaps: Gaps | None = None) -> np.ndarray:
    """Score x share per cell, 0 where a cell was not scored (its share is 0 there too), from
    (criterion, supplier) arrays."""
    weighted = np.multiply(shares, scores)
    for j, cells in (gaps_in(scores) if gaps is None else gaps).items():
        weighted[j][cells] = 0.0
    return weighted


def category_scores(
    category_keys: tuple[str, ...], criteria: tuple[Criterion, ...], shares: np.ndarray, weighted: np.ndarray
) -> np.ndarray:
    """Per supplier and category, the weighted average of its criterion scores there (NaN if none counted)."""
    return category_scores_by_criterion(
        category_keys, criteria, np.ascontiguousarray(shares.T), np.ascontiguousarray(weighted.T)
    )


def category_scores_by_criterion(
    category_keys: tuple[str, ...], criteria: tuple[Criterion, ...], shares: np.ndarray, weighted: np.ndarray
) -> np.ndarray:
    """`category_scores` from (criterion, supplier) shares and weighted scores."""
    result = np.full((shares.shape[1], len(category_keys)), np.nan)
    for k, key in enumerate(category_keys):
        members = members_of(key, criteria)
        w = summed_rows(shares[members])
        with np.errstate(divide="ignore", invalid="ignore"):
            result[:, k] = np.where(w > 0, summed_rows(weighted[members]) / w, np.nan)
    return result


def members_of(category: str, criteria: tuple[Criterion, ...]) -> slice | np.ndarray:
    """The category's criterion positions: a slice when they sit together (a view, no copy), else a mask."""
    positions = [j for j, c in enumerate(criteria) if c.category == category]
    if positions and positions == list(range(positions[0], positions[-1] + 1)):
        return slice(positions[0], positions[-1] + 1)
    return np.array([c.category == category for c in criteria], dtype=bool)
