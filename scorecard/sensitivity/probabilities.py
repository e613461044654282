"""Rank probabilities: every weight moved at random, all draws scored with one matrix product."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from scorecard.blas import one_blas_thread
from scorecard.errors import ScorecardError
from scorecard.score import TIE_DECIMALS, ScoreResult
from scorecard.sensitivity.rescoring import Field, competing

# the columns of `RankProbabilities.table`, in order (their headings are in scorecard.tables.robustness)
PROBABILITY_COLUMNS = ("supplier", "rank", "first", "top3", "best", "median", "worst")


@dataclass(frozen=True)
class RankProbabilities:
    """How often each supplier ranks first and in the top 3 when the weights are perturbed.

    `table` columns (codes, `PROBABILITY_COLUMNS`; tables/robustness.py writes the headings): supplier,
    rank (today's), first, top3, best, median, worst (ranks over the draws), one row per supplier in
    `positions` (the result's ranking order; tables/ adds each supplier's status from them).
    Probabilities are fractions 0-1; suppliers that are not ranked (disqualified or without data)
    have no probabilities (NaN), not 0.
    """

    draws: int
    spread: float
    seed: int
    typical_change: float  # median relative change of a weight across the draws
    table: pd.DataFrame
    positions: tuple[int, ...]  # the result's supplier index of each table row

    def first_place(self, supplier: str) -> float:
        """The probability that `supplier` ranks first (NaN if it is not ranked)."""
        row = self.table.loc[self.table["supplier"] == supplier, "first"]
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
        keys = np.ascontiguousarray(totals.T)  # (K, c): each draw's totals contiguous for the sort
        np.round(keys, TIE_DECIMALS, out=keys)
        np.negative(keys, out=keys)  # highest total first
        order = np.argsort(keys, axis=1)
        ranks = tie_ranks(np.take_along_axis(keys, order, axis=1))
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


def tie_ranks(ordered: np.ndarray) -> np.ndarray:
    """Competition ranks (1, 2, 2, 4) of rows already in order: each cell's rank is 1 + the position of the
    first cell of its run of equal values.

    One running maximum over the flattened rows (each row's positions offset past the row before, so no
    maximum carries over): measured 6.3 -> 3.7 ms at 2,000 draws x 335 suppliers against a running maximum
    along each short row.
    """
    draws, suppliers = ordered.shape
    starts = np.empty(ordered.shape, dtype=bool)
    starts[:, :1] = True
    np.not_equal(ordered[:, 1:], ordered[:, :-1], out=starts[:, 1:])
    ranks = np.arange(draws * suppliers, dtype=np.int64)
    ranks[~starts.ravel()] = 0
    np.maximum.accumulate(ranks, out=ranks)
    ranks = ranks.reshape(draws, suppliers)
    ranks -= np.arange(0, draws * suppliers, suppliers)[:, None] - 1
    return ranks


@one_blas_thread()  # small products on every new setting: see scorecard/blas.py
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
            "supplier": [result.suppliers[i] for i in order],
            "rank": pd.array([result.rank_of(i) for i in order], dtype="Int64"),
            "first": first[order],
            "top3": top3[order],
            "best": best[order],
            "median": median[order],
            "worst": worst[order],
        }
    )
    return RankProbabilities(draws, spread, seed, typical, table, tuple(int(i) for i in order))
