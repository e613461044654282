"""TOPSIS on the criterion scores: closeness to the field's ideal supplier, x 100.

One home for TOPSIS's geometry and closeness, used by the engine and the sensitivity
analysis alike, so they cannot drift.
"""

from __future__ import annotations

import numpy as np

from scorecard.score.aggregation.registry import Aggregate, Geometry, Scoring, register


def topsis_geometry(scores: np.ndarray, reference: np.ndarray) -> Geometry:
    """TOPSIS's weight-free geometry: normalised scores r, the ideal and the anti-ideal supplier.

    Scores are already 0-100 with higher better, so every criterion is a benefit
    criterion; vector normalisation and the ideal/anti-ideal use the reference
    (qualified, scored) suppliers, or everyone when there are none. The ideal and
    anti-ideal come from cells that were scored: a criterion left out for one
    supplier (missing policy `exclude`) must not drag the anti-ideal to 0.

    `scores` is one table (suppliers x criteria) or a batch of tables with a leading axis (what-ifs
    of one field: the same reference suppliers); each table's geometry is exactly the one it gets alone.
    """
    filled = np.where(np.isnan(scores), 0.0, scores)  # scores are 0-100 or NaN: what nan_to_num gives
    rows = reference if reference.any() else np.ones(scores.shape[-2], dtype=bool)
    # in the memory order of one table's pool (a batch's fancy index is laid out otherwise), so that
    # numpy adds up each table's squares in the same order as for that table alone
    pool = np.ascontiguousarray(filled[..., rows, :])
    norms = np.sqrt((pool**2).sum(axis=-2))[..., None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.where(norms > 0, filled / norms, 0.0)
    used = ~np.isnan(scores[..., rows, :])
    ideal = np.where(used, r[..., rows, :], -np.inf).max(axis=-2, initial=-np.inf)
    anti = np.where(used, r[..., rows, :], np.inf).min(axis=-2, initial=np.inf)
    ideal = np.where(np.isfinite(ideal), ideal, 0.0)
    anti = np.where(np.isfinite(anti), anti, 0.0)
    return r, ideal, anti


def topsis_compares(scores: np.ndarray, weights: np.ndarray, reference: np.ndarray) -> bool:
    """Whether TOPSIS can rank: two or more reference suppliers, apart on some weighted criterion.

    With one qualified supplier (or all of them equal on every weighted criterion)
    the ideal and anti-ideal coincide, and closeness would hand out 100 to one and
    exactly 50 to the others; the engine then uses the weighted sum instead.
    """
    return bool(geometry_compares(topsis_geometry(scores, reference), weights, reference))


def geometry_compares(geometry: Geometry, weights: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """`topsis_compares` from a worked-out geometry, per table of a batch (a bool for one table)."""
    _, ideal, anti = geometry
    if reference.sum() < 2:
        return np.zeros(ideal.shape[:-1], dtype=bool)
    return np.any((ideal != anti) & (np.asarray(weights) > 0), axis=-1)


def closeness(geometry: Geometry, weights: np.ndarray, used: np.ndarray) -> np.ndarray:
    """TOPSIS closeness x 100 = d- / (d+ + d-), distances weighted per supplier over the cells it was scored on
    (per table of a batch, see `topsis_geometry`)."""
    return closeness_of(*distance_terms(geometry, weights, used))


def distance_terms(
    geometry: Geometry, weights: np.ndarray, used: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Each cell's squared weighted distance to the ideal and to the anti-ideal (0 where not scored)."""
    r, ideal, anti = geometry
    ideal, anti = ideal[..., None, :], anti[..., None, :]
    return np.where(used, (weights * (r - ideal)) ** 2, 0), np.where(used, (weights * (r - anti)) ** 2, 0)


def closeness_of(to_ideal: np.ndarray, to_anti: np.ndarray) -> np.ndarray:
    """Closeness x 100 from each cell's distance terms (see `distance_terms`), summed per supplier."""
    d_plus = np.sqrt(to_ideal.sum(axis=-1))
    d_minus = np.sqrt(to_anti.sum(axis=-1))
    denominator = d_plus + d_minus
    with np.errstate(divide="ignore", invalid="ignore"):
        return 100 * np.where(denominator > 0, d_minus / denominator, 1.0)


def topsis_totals(scores: np.ndarray, weights: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """TOPSIS closeness (0-100) on criterion scores, with each supplier's own effective weights (a table,
    or a batch of tables of one field)."""
    return closeness(topsis_geometry(scores, reference), weights, ~np.isnan(scores))


def apportioned(scoring: Scoring, geometry: Geometry) -> Aggregate:
    """Closeness totals, with each criterion's contribution its share of the weighted score x the total,
    so contributions add up to the total (they are not score x weight)."""
    totals = closeness(geometry, scoring.supplier_shares, scoring.used)
    weighted = scoring.weighted
    sums = weighted.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        contributions = np.where(sums > 0, weighted / sums, scoring.supplier_shares) * totals[:, None]
    return Aggregate(totals, contributions, geometry)


def topsis(scoring: Scoring) -> Aggregate | None:
    """TOPSIS on the 0-100 criterion scores; None when the field cannot be told apart."""
    if not topsis_compares(scoring.scores, scoring.counted_shares, scoring.field):
        return None
    return apportioned(scoring, topsis_geometry(scoring.scores, scoring.field))


register("topsis", topsis)
