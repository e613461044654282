"""The verdict as data: how safe the leader is and which weight changes would move it (its sentence,
and the Sensitivity and Rank probabilities sheets, are written in `scorecard.tables.robustness`)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from scorecard.blas import one_blas_thread
from scorecard.score import ScoreResult
from scorecard.sensitivity.paths import WeightKind
from scorecard.sensitivity.probabilities import RankProbabilities, rank_probabilities
from scorecard.sensitivity.rescoring import (
    FRAGILE_CHANGE,
    FRAGILE_PROBABILITY,
    ROBUST_CHANGE,
    ROBUST_PROBABILITY,
    Level,
)
from scorecard.sensitivity.stability import StabilityResult, Taker, weight_stability


@dataclass(frozen=True)
class WeightChange:
    """One weight moved on its own until first place changes: a row of the stability table, typed."""

    weight: str  # the criterion's or category's label
    category: bool  # a category weight (its criteria move together)
    now: float  # current share of the total, 0-1
    at: float  # the share at which first place changes, 0-1
    change: float  # at - now as the stability search found it (share, signed)
    taker: tuple[str, ...]  # who takes first place (empty when the table names nobody)
    tie: bool  # the takers only share first place


@dataclass(frozen=True)
class Verdict:
    """The verdict's facts: the level, the leader, its odds in the weight draws, the nearest changes.

    `changes` holds what the verdict names: the nearest change when Fragile, the two nearest otherwise,
    none when no single weight moves first place. `odds_disagree`: Fragile although the leader is first in
    at least ROBUST_PROBABILITY of the draws (a draw moves a small weight by a share of its own value).
    """

    level: Level
    leader: str | None = None
    tied_with: tuple[str, ...] = ()
    first_place: float = math.nan  # the leader's share of the weight draws it ranks first in
    draws: int = 0
    spread: float = 0.0  # each weight moves by up to this share of its value in a draw
    changes: tuple[WeightChange, ...] = field(default=())
    odds_disagree: bool = False


@dataclass(frozen=True)
class Sensitivity:
    """Weight stability, rank probabilities and the verdict, ready for the app and the workbook."""

    stability: StabilityResult
    probabilities: RankProbabilities
    verdict: Verdict

    @property
    def level(self) -> Level:
        return self.verdict.level


@one_blas_thread()  # the stability paths' small products: see scorecard/blas.py
def sensitivity(
    result: ScoreResult, draws: int = 2000, seed: int = 7, probabilities: RankProbabilities | None = None
) -> Sensitivity:
    """Both analyses and the verdict for one scoring result; `probabilities` when already drawn (the
    page's headline quotes the leader's odds before the Robustness tab is opened: the same object)."""
    stability = weight_stability(result)
    if probabilities is None:
        probabilities = rank_probabilities(result, draws=draws, seed=seed)
    return Sensitivity(stability, probabilities, judge(stability, probabilities))


def judge(stability: StabilityResult, probabilities: RankProbabilities) -> Verdict:
    """The verdict's level and the facts its sentence names.

    Two measures, defined apart: the level asks how far ONE weight must move on its own (in pp of
    share) to change the leader (Fragile under 5 pp, Robust from 10 pp with 90% odds); the odds ask
    how often the leader stays first when EVERY weight moves at random by up to ±25% of its value.
    When they disagree (a small weight that must grow a lot in relative terms), `odds_disagree` says so.
    """
    leader = stability.leader
    if leader is None:
        return Verdict(Level.NONE)
    if stability.competitors == 1:
        return Verdict(Level.ONLY, leader)
    if stability.tied_with:
        return Verdict(Level.TIED, leader, tuple(stability.tied_with))
    chance = probabilities.first_place(leader)
    odds = {"first_place": chance, "draws": probabilities.draws, "spread": probabilities.spread}
    table = stability.table
    flips = table[table["change"].notna()]
    if flips.empty:
        return Verdict(Level.ROBUST, leader, **odds)
    # a category with one criterion moves exactly like that criterion: name it once
    single = table[table["kind"] == WeightKind.CRITERION]["category"].value_counts()
    flips = flips[~((flips["kind"] == WeightKind.CATEGORY) & flips["category"].map(single).eq(1))]
    nearest = flips.iloc[0]
    smallest = abs(float(nearest["change"]))
    if smallest < FRAGILE_CHANGE or chance < FRAGILE_PROBABILITY:
        return Verdict(
            Level.FRAGILE,
            leader,
            changes=(weight_change(nearest),),
            odds_disagree=chance >= ROBUST_PROBABILITY,
            **odds,
        )
    level = Level.ROBUST if smallest >= ROBUST_CHANGE and chance >= ROBUST_PROBABILITY else Level.SENSITIVE
    changes = tuple(weight_change(row) for _, row in flips.head(2).iterrows())
    return Verdict(level, leader, changes=changes, **odds)


def weight_change(row: pd.Series) -> WeightChange:
    """A stability-table row as the verdict reads it; the taker is on the side the weight moves to."""
    change = float(row["change"])
    taker = row["taker_above"] if change > 0 else row["taker_below"]
    taker = taker if isinstance(taker, Taker) else Taker(())
    return WeightChange(
        weight=str(row["weight"]),
        category=row["kind"] == WeightKind.CATEGORY,
        now=float(row["share"]),
        at=float(row["nearest_at"]),
        change=change,
        taker=taker.names,
        tie=taker.tie,
    )
