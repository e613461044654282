"""How robust is the ranking? Weight stability, rank probabilities and a one-line verdict.

A buyer has to defend an award: "Acme stays first unless the Cost weight falls
below 18%". This module answers that from the engine's `ScoreResult` alone: it
never reads a file and never calls the engine again, it re-scores in numpy.

Re-scoring. Criterion scores do not depend on the weights (relative methods
compare with the qualified field, not with the weights), so for a weight
vector w supplier i's weighted-sum total is

    sum_j w_j s_ij over its scored criteria / sum_j w_j over its scored criteria,

which reproduces the engine exactly, including the `exclude` policy. TOPSIS
is re-scored in the same way: the vector normalisation and the ideal and
anti-ideal suppliers do not depend on the weights, so each distance is
sqrt(sum_j a_ij w_j^2 (r_ij - ideal_j)^2) / (sum_j a_ij w_j) and the closeness
is a ratio of two such sums. That turns 2,000 TOPSIS evaluations into two
matrix products; the tests check it against `scorecard.score.topsis_totals`.

Weight stability. For a criterion (or a category) with current share B, the
weights move along w(t) = t u + (1 - t) v: u is the criterion itself (for a
category, its criteria in their current proportions) and v the other weights
rescaled in proportion, so w(B) is today's weights. Each total is then a
ratio of two linear functions of t (linear when the supplier has every
criterion), and the leader's lead over a rival changes sign only at a root of
a quadratic, which is solved exactly. A tie counts as losing first place: the
leader "stays first" only while it is ahead alone. For TOPSIS the leader
beats a rival exactly where a quartic in t is positive; its sign is checked on
a grid of 1,001 shares (walked outwards from the current share) and each
change refined by bisection, which the output states. Only qualified, scored
suppliers compete; a supplier that would lose all its weight at a share of
exactly 0% or 100% (it has data only on that criterion, or none on it) is
taken at its limit, i.e. its score just inside the range.

Rank probabilities. Each weight is multiplied by a factor drawn uniformly
from [1 - spread, 1 + spread] (25% by default), then the weights are
renormalised; zero weights stay zero. The draws come from
numpy.random.default_rng(seed), so the same seed gives the same table. All
draws are scored with one matrix product (plus one for the denominator when a
supplier has left-out criteria) and ranked with one argsort, with no Python
loop over draws.

Measured on the data of `large_result` in tests/test_sensitivity.py (500
suppliers x 25 criteria, 5% left out), 2,000 draws, on a 2-core machine shared with other
jobs, best of 25 runs with one BLAS thread (with the default threads the
timings of both sides varied 3-10x under that load). Baseline: the score
matrix @ 2,000 weight vectors, then argsort ranks: 26-57 ms. `sensitivity()`
with the weighted sum: 57-125 ms, about 2x the baseline; the stability rows
(25 criteria, 5 categories) take 4-8 ms of it, the rest is the draws (a second
product for suppliers with left-out criteria, and a tie-aware rank).
TOPSIS: 104-111 ms (stability 30-45 ms).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from scorecard.config import CATEGORIES
from scorecard.errors import ScorecardError
from scorecard.report import ColumnFormat, ReportTable
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

CHANGE_PP = "Change needed (pp of share)"  # the workbook's heading: a share difference in percentage points
TIE_MARK = " (tie)"  # after the names of rivals that only draw level with the leader
CRITERION = "Criterion"
CATEGORY = "Category"


# ---------------------------------------------------------------------- re-scoring in numpy


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
                totals = (self.filled @ weights) / denominator
        return np.where(denominator > 0, np.clip(totals, 0.0, 100.0), np.nan)


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


# ---------------------------------------------------------------------- weight paths


@dataclass(frozen=True)
class WeightPath:
    """One weight (a criterion or a category) moved from 0% to 100%, the others rescaled in proportion."""

    kind: str  # CRITERION or CATEGORY
    key: str
    label: str
    category: str
    share: float  # its current share, 0-1
    towards: np.ndarray  # u: all weight on it (a category keeps its internal split)
    others: np.ndarray | None  # v: the other weights, rescaled to sum 1; None when they are all 0
    note: str = ""

    def weights(self, t: float) -> np.ndarray:
        """The full weight vector when this weight has share t (0-1)."""
        if self.others is None:
            raise ValueError(f"{self.label} carries all the weight; there are no other weights to rescale")
        return t * self.towards + (1 - t) * self.others


def weight_paths(result: ScoreResult) -> list[WeightPath]:
    """A path for every criterion and every category that has criteria."""
    base = np.asarray(result.base_weights, dtype=float)
    m = len(base)
    groups: list[tuple[str, str, str, str, np.ndarray, np.ndarray]] = []
    for j, criterion in enumerate(result.criteria):
        members = np.zeros(m, dtype=bool)
        members[j] = True
        label = CATEGORIES[criterion.category]
        groups.append((CRITERION, criterion.key, criterion.label, label, members, members.astype(float)))
    for category in result.config.categories:
        members = np.array([c.category == category.key for c in result.criteria], dtype=bool)
        if not members.any():
            continue
        # with no share today, the category keeps the split its criteria weights set (else an equal split)
        stated = np.array([c.weight if c.category == category.key else 0.0 for c in result.criteria])
        fallback = stated if stated.sum() > 0 else members.astype(float)
        groups.append((CATEGORY, category.key, category.label, category.label, members, fallback))
    paths = []
    for kind, key, label, category, members, fallback in groups:
        share = float(base[members].sum())
        inside = np.where(members, base, 0.0)
        towards = inside / share if share > 0 else fallback / fallback.sum()
        outside = np.where(members, 0.0, base)
        rest = outside.sum()
        if rest <= SAME_SHARE:
            what = "category" if kind == CATEGORY else "criterion"
            note = (
                f"The only weighted {what}: every other weight is 0, so there is nothing to rescale; "
                "the ranking follows it alone."
            )
            paths.append(WeightPath(kind, key, label, category, min(share, 1.0), towards, None, note))
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


# ---------------------------------------------------------------------- weight stability


@dataclass(frozen=True)
class StabilityResult:
    """Per criterion and category: the share range in which the leader stays first, and who takes over.

    `table` columns: Weight, Type, Category, Key, Current share, Stays first from,
    Stays first up to, Nearest change at, Change needed, Taken over below by,
    Taken over above by, Note. Shares are fractions 0-1; NaN where there is none.
    """

    leader: str | None
    tied_with: tuple[str, ...]  # suppliers sharing first place with the leader today
    competitors: int
    exact: bool
    method: str
    table: pd.DataFrame


def weight_stability(result: ScoreResult) -> StabilityResult:
    """For each criterion and category, the weight range in which the current leader stays first alone."""
    field = Field.of(result)
    rows = np.flatnonzero(competing(result))
    names = [result.suppliers[i] for i in rows]
    leader_name = result.leader
    tied = tuple(
        result.suppliers[i] for i in rows if result.ranks[i] == 1 and result.suppliers[i] != leader_name
    )
    exact = not field.topsis  # the engine falls back to the weighted sum when TOPSIS cannot compare
    method = (
        "Weighted sum: each total is a ratio of linear functions of the weight share, so the shares at "
        "which the leader changes are solved exactly."
        if exact
        else f"TOPSIS: the shares at which the leader changes were searched on a grid of {TOPSIS_GRID:,} "
        f"shares (0.1% apart) and refined by bisection; a lead lost and regained between two grid points "
        "would be missed."
    )
    method += " The other weights are rescaled in proportion; a tie counts as losing first place."
    field_c = field.subset(rows)
    records = []
    for path in weight_paths(result):
        record = {
            "Weight": path.label,
            "Type": path.kind,
            "Category": path.category,
            "Key": path.key,
            "Current share": path.share,
            "Stays first from": np.nan,
            "Stays first up to": np.nan,
            "Nearest change at": np.nan,
            "Change needed": np.nan,
            "Taken over below by": "",
            "Taken over above by": "",
            "Note": path.note,
        }
        if leader_name is None:
            record["Note"] = "No supplier is qualified and scored, so there is no leader to test."
        elif len(rows) == 1:
            record.update(
                {
                    "Stays first from": 0.0,
                    "Stays first up to": 1.0,
                    "Note": f"Only {leader_name} is qualified and scored: it is first at any share.",
                }
            )
        elif tied:
            record.update(
                {
                    "Stays first from": path.share,
                    "Stays first up to": path.share,
                    "Nearest change at": path.share,
                    "Change needed": 0.0,
                    "Note": f"{leader_name} is tied for first place with {join_names(tied)} already.",
                }
            )
        elif path.others is not None:
            leader = names.index(leader_name)
            low, high, below, above = stable_range(
                PathTotals.along(field_c, path), leader, path.share, exact, names
            )
            record["Stays first from"], record["Stays first up to"] = low, high
            record["Taken over below by"] = below or ""
            record["Taken over above by"] = above or ""
            changes = [(s, s - path.share) for s, who in ((low, below), (high, above)) if who is not None]
            if changes:
                nearest, change = min(changes, key=lambda sc: abs(sc[1]))
                record["Nearest change at"], record["Change needed"] = nearest, change
            else:
                record["Note"] = f"{leader_name} stays first at any share of this weight."
        records.append(record)
    table = pd.DataFrame.from_records(records, columns=STABILITY_COLUMNS)
    order = np.argsort(np.abs(table["Change needed"].to_numpy(dtype=float, na_value=np.nan)), kind="stable")
    table = table.iloc[order].reset_index(drop=True)
    return StabilityResult(leader_name, tied, len(rows), exact, method, table)


STABILITY_COLUMNS = [
    "Weight",
    "Type",
    "Category",
    "Key",
    "Current share",
    "Stays first from",
    "Stays first up to",
    "Nearest change at",
    "Change needed",
    "Taken over below by",
    "Taken over above by",
    "Note",
]


def stable_range(
    totals: PathTotals, leader: int, share: float, exact: bool, names: Sequence[str]
) -> tuple[float, float, str | None, str | None]:
    """(low, high, who takes over below low, who above high) around the current share; None: nobody does."""
    if exact:
        roots = totals.crossings(leader)
        below = roots[roots < share - SAME_SHARE]
        above = roots[roots > share + SAME_SHARE]
        low = float(below.max()) if below.size else None
        high = float(above.min()) if above.size else None
    else:
        low, high = searched_range(totals, leader, share)
    below_who = takes_over(totals, leader, low, -1, names) if low is not None else None
    above_who = takes_over(totals, leader, high, +1, names) if high is not None else None
    return (0.0 if low is None else low), (1.0 if high is None else high), below_who, above_who


def searched_range(totals: PathTotals, leader: int, share: float) -> tuple[float | None, float | None]:
    """TOPSIS: the nearest shares around `share` where the leader stops being first alone (grid + bisection).

    Closeness_L > closeness_i exactly when M_L P_i - M_i P_L > 0, with P and M the
    squared distances to the ideal and anti-ideal (quadratics in t), so the test at
    a batch of grid shares is one small product of quartic coefficients. The grid
    is walked outwards from the current share in growing batches, so a nearby
    change costs little.
    """
    lead = totals.lead_polynomials(leader)
    # a rival whose lead polynomial stays positive on [0, 1] even at its crudest bound (each t^k
    # anywhere in [0, 1]) can never catch up: leave it out of the search
    floor = lead[:, 0] + np.minimum(lead[:, 1:], 0.0).sum(axis=1)
    lead = lead[floor <= POLYNOMIAL_TIE]
    if not lead.size:
        return None, None

    def ahead(t: np.ndarray) -> np.ndarray:
        # einsum, not @: with 5 coefficients its plain loop beats a BLAS call
        return np.einsum("ik,kg->ig", lead, t[None, :] ** POWERS[:, None]).min(axis=0) > POLYNOMIAL_TIE

    grid = np.linspace(0.0, 1.0, TOPSIS_GRID)
    ends: list[float | None] = []
    for outwards in (grid[grid < share][::-1], grid[grid > share]):
        end = None
        start, size = 0, 32
        while start < len(outwards) and end is None:
            lost = np.flatnonzero(~ahead(outwards[start : start + size]))
            if lost.size:
                # bracket the change between the last share where the leader is ahead and the first where not
                k = start + int(lost[0])
                inner, outer = (outwards[k - 1] if k else share), outwards[k]
                for _ in range(BISECTION_STEPS):
                    middle = 0.5 * (inner + outer)
                    inner, outer = (middle, outer) if ahead(np.array([middle]))[0] else (inner, middle)
                end = float(outer)
            start, size = start + size, 2 * size
        ends.append(end)
    return ends[0], ends[1]


def takes_over(totals: PathTotals, leader: int, at: float, direction: int, names: Sequence[str]) -> str:
    """Who takes first place just past the share where the leader is caught; '... (tie)' if only drawn level.

    At 0% or 100% there is no "past", and a lead lost exactly there (a touch
    elsewhere, too) is a tie, so every rival level with the leader is named.
    """
    beyond = min(max(at + direction * 1e-7, 0.0), 1.0)
    values = totals.at(np.array([beyond]))[:, 0]
    leader_value = values[leader]
    values[leader] = -np.inf
    best = int(np.argmax(values))
    if beyond != at and values[best] > leader_value + TIE_GAP:
        return names[best]
    level = totals.at(np.array([at]))[:, 0]
    tied = [names[i] for i in np.flatnonzero(level >= level[leader] - LEVEL_GAP) if i != leader]
    return f"{join_names(tied or [names[best]])}{TIE_MARK}"


# ---------------------------------------------------------------------- rank probabilities


@dataclass(frozen=True)
class RankProbabilities:
    """How often each supplier ranks first and in the top 3 when the weights are perturbed.

    `table` columns: Supplier, Status, Current rank, First place, Top 3, Best rank,
    Median rank, Worst rank. Probabilities are fractions 0-1; suppliers that are
    not ranked (disqualified or without data) have no probabilities (NaN), not 0.
    """

    draws: int
    spread: float
    seed: int
    typical_change: float  # median relative change of a weight across the draws
    method: str
    table: pd.DataFrame

    def first_place(self, supplier: str) -> float:
        """The probability that `supplier` ranks first (NaN if it is not ranked)."""
        row = self.table.loc[self.table["Supplier"] == supplier, "First place"]
        return float(row.iloc[0]) if len(row) else float("nan")


def perturbed_weights(base: np.ndarray, draws: int, spread: float, seed: int) -> np.ndarray:
    """(m, draws) weight vectors: each weight times U(1 - spread, 1 + spread), renormalised to sum 1."""
    rng = np.random.default_rng(seed)
    factors = rng.uniform(1.0 - spread, 1.0 + spread, size=(len(base), draws))
    weights = base[:, None] * factors
    return weights / weights.sum(axis=0, keepdims=True)


@dataclass(frozen=True)
class RankCounts:
    """How often each supplier took each rank over the draws: counts[i, r] draws in which supplier i ranked r."""

    counts: np.ndarray  # (c, c + 1) int; column 0 unused
    first: np.ndarray  # (c,) wins, a shared first place counted as a share of a win

    @classmethod
    def of(cls, totals: np.ndarray) -> RankCounts:
        """Rank every draw at once: (c, K) totals, competition ranks (1, 2, 2, 4) with ties as in the engine.

        One argsort per draw row, no Python loop over draws; the ranks are never
        put back in supplier order, they go straight into a histogram.
        """
        suppliers = totals.shape[0]
        keys = np.round(totals.T, TIE_DECIMALS)  # (K, c): each draw's totals contiguous for the sort
        order = np.argsort(-keys, axis=1)
        ordered = np.take_along_axis(keys, order, axis=1)
        ranks = np.empty(keys.shape, dtype=np.int64)
        ranks[:, 0] = 1
        ranks[:, 1:] = np.where(ordered[:, 1:] != ordered[:, :-1], np.arange(2, suppliers + 1), 0)
        np.maximum.accumulate(ranks, axis=1, out=ranks)
        cells = (order * (suppliers + 1) + ranks).ravel()
        counts = np.bincount(cells, minlength=suppliers * (suppliers + 1)).reshape(suppliers, suppliers + 1)
        winners = ranks == 1
        shared = winners.sum(axis=1)
        if (shared == 1).all():
            first = counts[:, 1].astype(float)
        else:
            first = np.bincount(order[winners], weights=np.repeat(1.0 / shared, shared), minlength=suppliers)
        return cls(counts, first)

    @property
    def draws(self) -> int:
        return int(self.counts[0].sum())

    def share_at_most(self, rank: int) -> np.ndarray:
        return self.counts[:, 1 : rank + 1].sum(axis=1) / self.draws

    def best(self) -> np.ndarray:
        return np.argmax(self.counts > 0, axis=1).astype(float)

    def worst(self) -> np.ndarray:
        return (self.counts.shape[1] - 1 - np.argmax(self.counts[:, ::-1] > 0, axis=1)).astype(float)

    def median(self) -> np.ndarray:
        """As numpy.median over the draws: the middle rank, or the mean of the two middle ones."""
        cumulative = np.cumsum(self.counts, axis=1)
        lower = np.argmax(cumulative >= (self.draws + 1) // 2, axis=1)
        upper = np.argmax(cumulative >= self.draws // 2 + 1, axis=1)
        return (lower + upper) / 2


def rank_probabilities(
    result: ScoreResult, draws: int = 2000, spread: float = 0.25, seed: int = 7
) -> RankProbabilities:
    """Rank-1 and top-3 probabilities and rank ranges under `draws` perturbed weight vectors (seeded)."""
    if draws < 1:
        raise ScorecardError(f"The number of weight draws is {draws}; it must be at least 1.")
    if not 0 <= spread < 1:
        raise ScorecardError(
            f"The weight perturbation is {spread:.0%}; it must be at least 0% and below 100%.",
            hint="Use e.g. 25% (each weight varies by up to a quarter of its value).",
        )
    base = np.asarray(result.base_weights, dtype=float)
    weights = perturbed_weights(base, draws, spread, seed)
    positive = base > 0
    typical = (
        float(np.median(np.abs(weights[positive] / base[positive, None] - 1))) if positive.any() else 0.0
    )
    rows = np.flatnonzero(competing(result))
    n = len(result.suppliers)
    first = np.full(n, np.nan)
    top3 = np.full(n, np.nan)
    best = np.full(n, np.nan)
    median = np.full(n, np.nan)
    worst = np.full(n, np.nan)
    if rows.size:
        totals = Field.of(result).subset(rows).totals(weights)
        ranked = RankCounts.of(totals)
        first[rows] = ranked.first / draws
        top3[rows] = ranked.share_at_most(3)
        best[rows] = ranked.best()
        median[rows] = ranked.median()
        worst[rows] = ranked.worst()
    order = result.ranked_order
    table = pd.DataFrame(
        {
            "Supplier": [result.suppliers[i] for i in order],
            "Status": [result.status(i) for i in order],
            "Current rank": pd.array([result.rank_of(i) for i in order], dtype="Int64"),
            "First place": first[order],
            "Top 3": top3[order],
            "Best rank": best[order],
            "Median rank": median[order],
            "Worst rank": worst[order],
        }
    )
    method = (
        f"{draws:,} weight draws (seed {seed}): each weight multiplied by a random factor between "
        f"{1 - spread:.2f} and {1 + spread:.2f}, then all weights rescaled to add up to 100% "
        f"(a weight typically moves by {typical:.0%} of its value); zero weights stay zero. "
        "A shared first place counts as a share of a win."
    )
    return RankProbabilities(draws, spread, seed, typical, method, table)


# ---------------------------------------------------------------------- verdict and report


@dataclass(frozen=True)
class Sensitivity:
    """Weight stability, rank probabilities and the one-line verdict, ready for the app and the workbook."""

    stability: StabilityResult
    probabilities: RankProbabilities
    verdict: str
    # Robust / Sensitive / Fragile (or Tied, Only, None): the verdict's level as data, so no surface
    # has to read it back out of the sentence
    level: str = ""

    def report_tables(self) -> list[ReportTable]:
        """The `Sensitivity` sheet (per criterion and category) and the `Rank probabilities` sheet."""
        intro = (
            self.verdict,
            self.stability.method,
            "Rank probabilities: " + self.probabilities.method,
        )
        share_formats: list[tuple[str, ColumnFormat]] = [
            (name, "percent")
            for name in (
                "Current share",
                "Stays first from",
                "Stays first up to",
                "Nearest change at",
            )
        ] + [(CHANGE_PP, "number")]
        stability = self.stability.table.drop(columns=["Key"])
        # weight changes read in percentage points (pp) of share, as on the page and in the verdict
        fragile = stability["Change needed"].abs() < FRAGILE_CHANGE
        stability = stability.rename(columns={"Change needed": CHANGE_PP})
        stability[CHANGE_PP] = 100 * stability[CHANGE_PP].astype(float)
        # the weights a small change away from a new leader stand out in the sheet
        highlight = pd.DataFrame(False, index=stability.index, columns=stability.columns)
        highlight[CHANGE_PP] = fragile.to_numpy(dtype=bool, na_value=False)
        probability_formats: list[tuple[str, ColumnFormat]] = [
            ("Current rank", "integer"),
            ("First place", "percent"),
            ("Top 3", "percent"),
            ("Best rank", "integer"),
            ("Median rank", "number"),
            ("Worst rank", "integer"),
        ]
        return [
            ReportTable("Sensitivity", stability, intro, tuple(share_formats), highlight=highlight),
            ReportTable(
                "Rank probabilities",
                self.probabilities.table,
                (self.verdict, self.probabilities.method),
                tuple(probability_formats),
            ),
        ]


def sensitivity(
    result: ScoreResult, draws: int = 2000, seed: int = 7, probabilities: RankProbabilities | None = None
) -> Sensitivity:
    """Both analyses and the verdict for one scoring result; `probabilities` when already drawn (the
    page's headline quotes the leader's odds before the Robustness tab is opened: the same object)."""
    stability = weight_stability(result)
    if probabilities is None:
        probabilities = rank_probabilities(result, draws=draws, seed=seed)
    level, text = verdict_level(stability, probabilities)
    return Sensitivity(stability, probabilities, text, level)


def verdict(stability: StabilityResult, probabilities: RankProbabilities) -> str:
    """One line in the buyer's words: how safe is the leader, and which weight would change it."""
    return verdict_level(stability, probabilities)[1]


def verdict_level(stability: StabilityResult, probabilities: RankProbabilities) -> tuple[str, str]:
    """The verdict's level and its sentence.

    Two measures, defined apart: the level asks how far ONE weight must move on its own (in pp of
    share) to change the leader (Fragile under 5 pp, Robust from 10 pp with 90% odds); the odds ask
    how often the leader stays first when EVERY weight moves at random by up to ±25% of its value.
    When they disagree (a small weight that must grow a lot in relative terms), the sentence says why.
    """
    leader = stability.leader
    if leader is None:
        return "None", "No verdict: no supplier is qualified and scored, so there is no leader to test."
    if stability.competitors == 1:
        return "Only", f"Only {leader} is qualified and scored, so it is first whatever the weights."
    if stability.tied_with:
        return "Tied", (
            f"Tied: {leader} and {join_names(stability.tied_with)} share first place under the current "
            "weights, so any weight change that favours one of them decides the award."
        )
    chance = probabilities.first_place(leader)
    draws = (
        f"{leader} ranks first in {percent(chance)} of {probabilities.draws:,} weight draws "
        f"(each weight ±{percent(probabilities.spread)})"
    )
    table = stability.table
    flips = table[table["Change needed"].notna()]
    if flips.empty:
        return "Robust", (
            f"Robust: {leader} stays first whatever the share of any single criterion or category; {draws}."
        )
    # a category with one criterion moves exactly like that criterion: name it once
    single = table[table["Type"] == CRITERION]["Category"].value_counts()
    flips = flips[~((flips["Type"] == CATEGORY) & flips["Category"].map(single).eq(1))]
    nearest = flips.iloc[0]
    smallest = abs(float(nearest["Change needed"]))
    if smallest < FRAGILE_CHANGE or chance < FRAGILE_PROBABILITY:
        taker = (
            nearest["Taken over above by"] if nearest["Change needed"] > 0 else nearest["Taken over below by"]
        )
        if taker.endswith(TIE_MARK):
            who = f"{leader} only shares first place with {taker.removesuffix(TIE_MARK)}"
        else:
            who = f"{taker} takes first place"
        why = ""
        if chance >= ROBUST_PROBABILITY:
            # not a contradiction: the draws move each weight by a share of its own value
            now = float(nearest["Current share"])
            why = (
                f" The odds are high although the level is Fragile: a random draw moves the {nearest['Weight']} "
                f"weight by at most about {100 * probabilities.spread * now:.1f} pp, far less than the "
                f"{100 * smallest:.1f} pp that change needs."
            )
        return "Fragile", f"Fragile: {who} if {change_text(nearest)}; {draws}.{why}"
    level = "Robust" if smallest >= ROBUST_CHANGE and chance >= ROBUST_PROBABILITY else "Sensitive"
    conditions = " or ".join(change_text(row) for _, row in flips.head(2).iterrows())
    return level, f"{level}: {leader} stays first unless {conditions}; {draws}."


def change_text(row: pd.Series) -> str:
    """'the Quality category weight rises above 41% (now 35%)'; at the ends of the range, 'rises to 100%'."""
    what = (
        f"the {row['Weight']} category weight" if row["Type"] == CATEGORY else f"the {row['Weight']} weight"
    )
    share, now = float(row["Nearest change at"]), float(row["Current share"])
    if share >= 1:
        move = "rises to 100%"
    elif share <= 0:
        move = "falls to 0%"
    else:
        move = f"{'rises above' if share > now else 'falls below'} {percent(share, now)}"
    return f"{what} {move} (now {percent(now)}, a change of {100 * (share - now):+.1f} pp)"


def percent(value: float, other: float | None = None) -> str:
    """A share as a buyer reads it ('35%', '12.5%'), with more decimals if it would read the same as `other`."""
    points = 100 * value
    decimals = 0 if abs(points - round(points)) < 0.05 else 1
    while other is not None and decimals < 3 and f"{points:.{decimals}f}" == f"{100 * other:.{decimals}f}":
        decimals += 1
    return f"{points:.{decimals}f}%"


def join_names(names: Sequence[str]) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
