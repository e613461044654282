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


def counted_totals(counted_shares: np.ndarray, no_total: np.ndarray, gaps: Gaps) -> np.ndarray:
    """Each supplier's sum of the counted shares of the criteria it was scored on: bit for bit
    `summed_rows` of the (criterion, supplier) terms (the counted share, or 0 in a gap and for a
    supplier with no total), without making them. A supplier without gaps sums the same column of
    terms as any other, so its sum is worked out once; only the suppliers with a gap are summed."""
    n = len(no_total)
    totals = np.full(n, summed_rows(counted_shares[:, np.newaxis])[0])
    if gaps:
        hit = np.flatnonzero(np.logical_or.reduce(list(gaps.values())))
        terms = np.repeat(counted_shares[:, np.newaxis], len(hit), axis=1)
        for j, cells in gaps.items():
            terms[j][cells[hit]] = 0.0
        totals[hit] = summed_rows(terms)
    totals[no_total] = 0.0  # no terms: numpy's empty sum, 0.0
    return totals


def shares_by_criterion(
    scores: np.ndarray,
    counted_shares: np.ndarray,
    no_total: np.ndarray,
    gaps: Gaps | None = None,
    out: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """`supplier_shares` on (criterion, supplier) arrays: one row per criterion. `gaps` (see `gaps_in`)
    may be given by a caller that knows them: the engine does, from the missing policies; and `out`,
    the array to write them into.

    Each share is the criterion's counted share / the supplier's total (`counted_totals`), then 0 in
    a gap and for a supplier with no total (as 0 / the total was): masked writes over the whole
    array cost several times the arithmetic, so only the rows with gaps are written twice.
    """
    gaps = gaps_in(scores) if gaps is None else gaps
    totals = counted_totals(counted_shares, no_total, gaps)
    scored = totals > 0
    # a supplier scored on nothing divides by 1: its terms are all 0 (gaps, or shares of 0)
    shares = np.divide.outer(counted_shares, np.where(scored, totals, 1.0), out=out)
    for j, cells in gaps.items():
        shares[j][cells] = 0.0
    if no_total.any():
        shares[:, no_total] = 0.0
    return shares, scored


def weighted_cells(
    scores: np.ndarray, shares: np.ndarray, gaps: Gaps | None = None, out: np.ndarray | None = None
) -> np.ndarray:
    """Score x share per cell, 0 where a cell was not scored (its share is 0 there too), from
    (criterion, supplier) arrays; into `out` when given (the engine writes over the shares)."""
    weighted = np.multiply(shares, scores, out=out)
    for j, cells in (gaps_in(scores) if gaps is None else gaps).items():
        weighted[j][cells] = 0.0
    return weighted


def category_scores(
    category_keys: tuple[str, ...], criteria: tuple[Criterion, ...], shares: np.ndarray, weighted: np.ndarray
) -> np.ndarray:
    """Per supplier and category, the weighted average of its criterion scores there (NaN if none counted)."""
    share_sums = category_shares(category_keys, criteria, np.ascontiguousarray(shares.T))
    return category_averages(share_sums, np.ascontiguousarray(weighted.T))


CategoryShares = list[tuple[slice | np.ndarray, np.ndarray]]  # per category: its criterion rows, shares' sum


def category_shares(
    category_keys: tuple[str, ...], criteria: tuple[Criterion, ...], shares: np.ndarray
) -> CategoryShares:
    """Per category, its criterion rows and each supplier's sum of their (criterion, supplier) shares:
    the first half of `category_scores`, taken before the engine writes the weighted scores over the
    shares."""
    share_sums = []
    for key in category_keys:
        members = members_of(key, criteria)
        share_sums.append((members, summed_rows(shares[members])))
    return share_sums


def category_averages(share_sums: CategoryShares, weighted: np.ndarray) -> np.ndarray:
    """`category_scores` from `category_shares` and the (criterion, supplier) weighted scores."""
    result = np.full((len(share_sums), weighted.shape[1]), np.nan)  # a row per category, then turned
    for k, (members, w) in enumerate(share_sums):
        np.divide(summed_rows(weighted[members]), w, out=result[k], where=w > 0)
    return np.ascontiguousarray(result.T)


def members_of(category: str, criteria: tuple[Criterion, ...]) -> slice | np.ndarray:
    """The category's criterion positions: a slice when they sit together (a view, no copy), else a mask."""
    positions = [j for j, c in enumerate(criteria) if c.category == category]
    if positions and positions == list(range(positions[0], positions[-1] + 1)):
        return slice(positions[0], positions[-1] + 1)
    return np.array([c.category == category for c in criteria], dtype=bool)
