"""Textbook TOPSIS (Hwang and Yoon) on the values as read, not on the criterion scores."""

from __future__ import annotations

import numpy as np

from scorecard.config import Criterion
from scorecard.score.aggregation.registry import Aggregate, Geometry, Scoring, register
from scorecard.score.aggregation.topsis import apportioned, topsis_compares


def classic_matrix(
    numbers: np.ndarray, criteria: tuple[Criterion, ...], reference: np.ndarray, missing: np.ndarray
) -> np.ndarray:
    """Raw values for textbook TOPSIS, with gaps filled by each criterion's missing policy on the raw scale:
    worst = the reference suppliers' worst value; neutral = their mean; exclude/disqualify stay NaN."""
    matrix = numbers.astype(float).copy()
    rows = reference if reference.any() else np.ones(len(numbers), dtype=bool)
    for j, c in enumerate(criteria):
        known = matrix[rows & ~missing[:, j], j]
        if not known.size or not missing[:, j].any():
            continue
        if c.missing == "worst":
            fill = known.min() if c.direction == "higher" else known.max()
        elif c.missing == "neutral":
            fill = known.mean()
        else:
            continue
        matrix[:, j] = np.where(missing[:, j], fill, matrix[:, j])
    return matrix


def classic_geometry(matrix: np.ndarray, benefit: np.ndarray, reference: np.ndarray) -> Geometry:
    """Textbook TOPSIS's geometry: r = x / ||x|| per criterion over the reference suppliers;
    ideal = the best r by direction (max on benefit, min on cost), anti-ideal the reverse.
    Cells left out (NaN) set neither."""
    used = ~np.isnan(matrix)
    filled = np.nan_to_num(matrix)
    rows = reference if reference.any() else np.ones(len(matrix), dtype=bool)
    norms = np.sqrt((filled[rows] ** 2).sum(axis=0))
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.where(norms > 0, filled / norms, 0.0)
    high = np.where(used[rows], r[rows], -np.inf).max(axis=0, initial=-np.inf)
    low = np.where(used[rows], r[rows], np.inf).min(axis=0, initial=np.inf)
    high, low = np.where(np.isfinite(high), high, 0.0), np.where(np.isfinite(low), low, 0.0)
    return r, np.where(benefit, high, low), np.where(benefit, low, high)


def topsis_classic(scoring: Scoring) -> Aggregate | None:
    """Textbook TOPSIS; whether it can rank is judged on the criterion scores, as for TOPSIS."""
    if not topsis_compares(scoring.scores, scoring.counted_shares, scoring.field):
        return None
    matrix = classic_matrix(scoring.numbers, scoring.criteria, scoring.field, scoring.missing)
    matrix = np.where(np.isnan(scoring.scores), np.nan, matrix)  # a cell left out stays out
    benefit = np.array([c.direction == "higher" for c in scoring.criteria])
    return apportioned(scoring, classic_geometry(matrix, benefit, scoring.field))


register("topsis_classic", topsis_classic)
