"""Re-scoring in numpy: the field's totals for any weight vector, without calling the engine again."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from scorecard.score import TIE_DECIMALS, ScoreResult

TIE_GAP = 10.0**-TIE_DECIMALS  # a lead smaller than this is a tie, as in the engine's ranks
TOPSIS_GRID = 1001  # shares searched for TOPSIS, 0%, 0.1%, ..., 100%
BISECTION_STEPS = 30  # from 0.1% apart to about 1e-12
SAME_SHARE = 1e-12  # shares closer than this are the same share
POWERS = np.arange(5)  # the lead of the TOPSIS leader is a quartic in the share
POLYNOMIAL_TIE = 1e-12  # a lead polynomial this small (relative to its coefficients) is a tie
LEVEL_GAP = 1e-7  # totals this close at a computed crossing are level (rounding in the closed forms)

# Verdict levels, in percentage points (pp) of weight share and probability of staying first.
FRAGILE_CHANGE = 0.05  # a change of less than 5 pp of share changes the leader
ROBUST_CHANGE = 0.10  # no change of less than 10 pp does
FRAGILE_PROBABILITY = 0.60
ROBUST_PROBABILITY = 0.90


class Level(StrEnum):
    """How safe the leader is; the app colours the verdict by it, so no surface parses the sentence."""

    NONE = "None"  # nobody qualified and scored
    ONLY = "Only"  # one supplier: first whatever the weights
    TIED = "Tied"
    ROBUST = "Robust"
    SENSITIVE = "Sensitive"
    FRAGILE = "Fragile"


@dataclass(frozen=True)
class Field:
    """The suppliers' criterion scores prepared once, so that any weights re-score them with matrix products."""

    topsis: bool
    available: np.ndarray  # (n, m) float: 1 where the supplier was scored on the criterion
    filled: np.ndarray  # (n, m) scores, 0 where left out
    ideal_gap: np.ndarray  # TOPSIS: available * (r - ideal)^2, else empty
    anti_gap: np.ndarray  # TOPSIS: available * (r - anti-ideal)^2, else empty

    @classmethod
    def of(cls, result: ScoreResult) -> Field:
        # a disqualified supplier without a total (out for missing data) stays without one
        shown = result.qualified | ~np.isnan(result.totals)
        available = ((~np.isnan(result.scores)) & shown[:, None]).astype(float)
        filled = np.nan_to_num(result.scores)
        # the engine's own geometry (criterion scores for topsis, raw values for topsis_classic); None
        # when the engine used the weighted sum (also its fallback when TOPSIS cannot tell the field apart)
        topsis = result.topsis_geometry is not None
        ideal_gap = anti_gap = np.empty((0, 0))
        if topsis:
            r, ideal, anti = result.topsis_geometry
            ideal_gap = available * (r - ideal) ** 2
            anti_gap = available * (r - anti) ** 2
        return cls(topsis, available, filled, ideal_gap, anti_gap)

    def subset(self, rows: np.ndarray) -> Field:
        """The same field restricted to some suppliers (the competing ones)."""
        topsis_rows = (self.ideal_gap[rows], self.anti_gap[rows]) if self.topsis else (self.ideal_gap,) * 2
        return Field(self.topsis, self.available[rows], self.filled[rows], *topsis_rows)

    def weight_with_data(self, weights: np.ndarray) -> np.ndarray:
        """Each supplier's sum of weights over its scored criteria; one product only for those with gaps."""
        gaps = self.available.min(axis=1) == 0
        totals = np.empty((len(self.available), *weights.shape[1:]))
        totals[~gaps] = weights.sum(axis=0)
        if gaps.any():
            totals[gaps] = self.available[gaps] @ weights
        return totals

    def totals(self, weights: np.ndarray) -> np.ndarray:
        """Totals (0-100) under weights of shape (m,) or (m, K); NaN where a supplier has no weighted data."""
        denominator = self.weight_with_data(weights)
        with np.errstate(divide="ignore", invalid="ignore"):
            if self.topsis:
                squared = weights**2
                to_ideal = np.sqrt(self.ideal_gap @ squared)
                to_anti = np.sqrt(self.anti_gap @ squared)
                spread = to_ideal + to_anti
                totals = 100 * np.where(spread > 0, to_anti / spread, 1.0)
            else:
                totals = self.filled @ weights
                totals /= denominator
        # in place: 2,000 draws make (n, 2,000) arrays, and each fresh one costs more than its arithmetic
        np.clip(totals, 0.0, 100.0, out=totals)
        totals[~(denominator > 0)] = np.nan
        return totals


def competing(result: ScoreResult) -> np.ndarray:
    """Suppliers that compete for first place: qualified and scored (they have a rank)."""
    return ~np.isnan(result.ranks)


def totals_for_weights(result: ScoreResult, weights: np.ndarray) -> np.ndarray:
    """Every supplier's total under other criterion weights, (m,) -> (n,) or (m, K) -> (n, K).

    With `result.base_weights` this reproduces `result.totals`; it is how the
    analysis re-scores without touching the engine or the file.
    """
    weights = np.asarray(weights, dtype=float)
    if weights.shape[0] != len(result.criteria) or weights.ndim > 2:
        raise ValueError(f"weights need {len(result.criteria)} rows, one per criterion")
    return Field.of(result).totals(weights)
