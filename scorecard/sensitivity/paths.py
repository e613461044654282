"""Weight paths: one criterion's (or category's) share moved from 0% to 100%, the others rescaled in proportion."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import numpy as np

from scorecard.config import CATEGORIES
from scorecard.score import ScoreResult
from scorecard.sensitivity.rescoring import SAME_SHARE, Field


class WeightKind(Enum):
    """What a weight path moves: one criterion, or a category's criteria together (tables/ words it); a plain Enum, so a pandas column keeps it typed."""

    CRITERION = "criterion"
    CATEGORY = "category"


@dataclass(frozen=True)
class WeightPath:
    """One weight (a criterion or a category) moved from 0% to 100%, the others rescaled in proportion."""

    kind: WeightKind
    key: str
    label: str
    category: str
    share: float  # its current share, 0-1
    towards: np.ndarray  # u: all weight on it (a category keeps its internal split)
    others: np.ndarray | None  # v: the other weights, rescaled to sum 1; None when they are all 0

    def weights(self, t: float) -> np.ndarray:
        """The full weight vector when this weight has share t (0-1)."""
        if self.others is None:
            raise ValueError(f"{self.label} carries all the weight; there are no other weights to rescale")
        return t * self.towards + (1 - t) * self.others


def weight_paths(result: ScoreResult) -> list[WeightPath]:
    """A path for every criterion and every category that has criteria."""
    base = np.asarray(result.base_weights, dtype=float)
    m = len(base)
    groups: list[tuple[WeightKind, str, str, str, np.ndarray, np.ndarray]] = []
    for j, criterion in enumerate(result.criteria):
        members = np.zeros(m, dtype=bool)
        members[j] = True
        label = CATEGORIES[criterion.category]
        groups.append(
            (WeightKind.CRITERION, criterion.key, criterion.label, label, members, members.astype(float))
        )
    for category in result.config.categories:
        members = np.array([c.category == category.key for c in result.criteria], dtype=bool)
        if not members.any():
            continue
        # with no share today, the category keeps the split its criteria weights set (else an equal split)
        stated = np.array([c.weight if c.category == category.key else 0.0 for c in result.criteria])
        fallback = stated if stated.sum() > 0 else members.astype(float)
        groups.append((WeightKind.CATEGORY, category.key, category.label, category.label, members, fallback))
    paths = []
    for kind, key, label, category, members, fallback in groups:
        share = float(base[members].sum())
        inside = np.where(members, base, 0.0)
        towards = inside / share if share > 0 else fallback / fallback.sum()
        outside = np.where(members, 0.0, base)
        rest = outside.sum()
        if rest <= SAME_SHARE:  # the only weighted one: nothing to rescale, the ranking follows it alone
            paths.append(WeightPath(kind, key, label, category, min(share, 1.0), towards, None))
        else:
            paths.append(WeightPath(kind, key, label, category, share, towards, outside / rest))
    return paths


@dataclass(frozen=True)
class PathTotals:
    """The competitors' totals along one path, as closed forms in t (vectorised over suppliers)."""

    topsis: bool
    coefficients: tuple[np.ndarray, ...]  # see `along`

    @classmethod
    def along(cls, field: Field, path: WeightPath) -> PathTotals:
        u, v = path.towards, path.others
        assert v is not None
        # a supplier with no data on the path's criteria (or only on them) has a constant total:
        # take its values from the other end so that the limit at 0% or 100% is used, not 0/0
        has_u = field.available @ (u > 0) > 0
        has_v = field.available @ (v > 0) > 0

        def ends(matrix: np.ndarray, left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            at_u, at_v = matrix @ left, matrix @ right
            return np.where(has_u, at_u, at_v), np.where(has_v, at_v, at_u)

        if not field.topsis:
            nu, nv = ends(field.filled, u, v)
            du, dv = ends(field.available, u, v)
            return cls(False, (nu, nv, du, dv))
        coefficients = []
        for gap in (field.ideal_gap, field.anti_gap):
            uu, vv = ends(gap, u * u, v * v)
            uv = np.where(has_u & has_v, gap @ (u * v), np.where(has_u, uu, vv))
            coefficients += [uu, uv, vv]
        return cls(True, tuple(coefficients))

    def at(self, t: np.ndarray) -> np.ndarray:
        """Totals (c, len(t)) at shares t."""
        t = np.atleast_1d(np.asarray(t, dtype=float))[None, :]
        c = [x[:, None] for x in self.coefficients]
        if not self.topsis:
            nu, nv, du, dv = c
            return np.clip((t * nu + (1 - t) * nv) / (t * du + (1 - t) * dv), 0.0, 100.0)
        pu, puv, pv, mu, muv, mv = c
        to_ideal = np.sqrt(np.maximum(t * t * pu + 2 * t * (1 - t) * puv + (1 - t) ** 2 * pv, 0.0))
        to_anti = np.sqrt(np.maximum(t * t * mu + 2 * t * (1 - t) * muv + (1 - t) ** 2 * mv, 0.0))
        spread = to_ideal + to_anti
        with np.errstate(divide="ignore", invalid="ignore"):
            return 100 * np.where(spread > 0, to_anti / spread, 1.0)

    def lead_polynomials(self, leader: int) -> np.ndarray:
        """TOPSIS only: per rival, coefficients (t^0..t^4) of M_L P_i - M_i P_L, scaled to max |coefficient| 1.

        Positive exactly where the leader's closeness beats the rival's (C = sqrt M / (sqrt P + sqrt M)).
        """
        pu, puv, pv, mu, muv, mv = self.coefficients
        to_ideal = np.stack([pv, 2 * (puv - pv), pu - 2 * puv + pv], axis=1)  # P(t) = sum_k P_k t^k
        to_anti = np.stack([mv, 2 * (muv - mv), mu - 2 * muv + mv], axis=1)
        lead = np.zeros((len(pu), 5))
        for a in range(3):
            for b in range(3):
                lead[:, a + b] += to_anti[leader, a] * to_ideal[:, b] - to_anti[:, a] * to_ideal[leader, b]
        lead = np.delete(lead, leader, axis=0)
        scale = np.abs(lead).max(axis=1, keepdims=True)
        return np.divide(lead, scale, out=np.zeros_like(lead), where=scale > 0)

    def crossings(self, leader: int) -> np.ndarray:
        """Weighted sum only: for each supplier, the shares in [0, 1] where it ties the leader, (c, 2), NaN if none.

        leader - rival = (N_L D_i - N_i D_L) / (D_L D_i), and the denominators are
        positive, so the sign changes only at roots of a quadratic c2 t^2 + c1 t + c0.
        """
        nu, nv, du, dv = self.coefficients
        n0, n1, d0, d1 = nv, nu - nv, dv, du - dv
        c0 = n0[leader] * d0 - n0 * d0[leader]
        c1 = n0[leader] * d1 + n1[leader] * d0 - n0 * d1[leader] - n1 * d0[leader]
        c2 = n1[leader] * d1 - n1 * d1[leader]
        discriminant = c1 * c1 - 4 * c2 * c0
        root = np.sqrt(np.where(discriminant >= 0, discriminant, np.nan))
        with np.errstate(divide="ignore", invalid="ignore"):
            q = -0.5 * (c1 + np.copysign(root, c1))  # the stable form: no cancellation
            roots = np.stack([q / c2, c0 / q], axis=1)
        roots[leader] = np.nan
        inside = np.isfinite(roots) & (roots >= -SAME_SHARE) & (roots <= 1 + SAME_SHARE)
        return np.where(inside, np.clip(roots, 0.0, 1.0), np.nan)
