"""Weight stability: per criterion and category, the share range in which the leader stays first alone."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

import numpy as np
import pandas as pd

from scorecard.score import ScoreResult
from scorecard.sensitivity.paths import PathTotals, WeightPath, weight_paths
from scorecard.sensitivity.rescoring import (
    BISECTION_STEPS,
    LEVEL_GAP,
    POLYNOMIAL_TIE,
    POWERS,
    SAME_SHARE,
    TIE_GAP,
    TOPSIS_GRID,
    Field,
    competing,
)


class StabilityNote(Enum):
    """Why a stability row has no (or an open) range; tables/ words it with the result's leader and ties."""

    NO_LEADER = "no_leader"  # no supplier is qualified and scored
    ONLY_ONE = "only_one"  # one supplier competes: it is first at any share
    TIED = "tied"  # the leader already shares first place (with `StabilityResult.tied_with`)
    STAYS_FIRST = "stays_first"  # the leader stays first at any share of this weight
    ONLY_WEIGHTED = (
        "only_weighted"  # every other weight is 0: nothing to rescale, the ranking follows it alone
    )


@dataclass(frozen=True)
class Taker:
    """Who takes first place past one end of the range: one supplier, or those only drawing level (`tie`)."""

    names: tuple[str, ...]
    tie: bool = False


@dataclass(frozen=True)
class StabilityResult:
    """Per criterion and category: the share range in which the leader stays first, and who takes over.

    `table` columns (STABILITY_COLUMNS; tables/stability writes their words, tables/robustness the headings): weight
    (label), kind (`WeightKind`), category, key, share (today's), stays_from, stays_to (the range in which
    the leader stays first), nearest_at, change (nearest_at - share), taker_below, taker_above (a `Taker`,
    None where nobody takes over), note (a `StabilityNote`, None when the range says it all).
    Shares are fractions 0-1; NaN where there is none.
    """

    leader: str | None
    tied_with: tuple[str, ...]  # suppliers sharing first place with the leader today
    competitors: int
    exact: bool  # the share ranges solved exactly (weighted sum), else searched on a grid (TOPSIS)
    table: pd.DataFrame


@dataclass(frozen=True)
class Contest:
    """Who competes for first place: the leader, those tied with it today, and the field's totals."""

    leader: str | None
    tied: tuple[str, ...]
    names: list[str]  # the competitors, in the field's order
    field: Field  # the competitors' rows only
    exact: bool


def path_record(contest: Contest, path: WeightPath) -> dict[str, object]:
    """One row of the stability table: the share range along one weight path, and who takes over."""
    record: dict[str, object] = {
        "weight": path.label,
        "kind": path.kind,
        "category": path.category,
        "key": path.key,
        "share": path.share,
        "stays_from": np.nan,
        "stays_to": np.nan,
        "nearest_at": np.nan,
        "change": np.nan,
        "taker_below": None,
        "taker_above": None,
        "note": StabilityNote.ONLY_WEIGHTED if path.others is None else None,
    }
    leader_name, names = contest.leader, contest.names
    if leader_name is None:
        record["note"] = StabilityNote.NO_LEADER
    elif len(names) == 1:
        record["stays_from"], record["stays_to"] = 0.0, 1.0
        record["note"] = StabilityNote.ONLY_ONE
    elif contest.tied:
        record["stays_from"] = record["stays_to"] = record["nearest_at"] = path.share
        record["change"] = 0.0
        record["note"] = StabilityNote.TIED
    elif path.others is not None:
        leader = names.index(leader_name)
        low, high, below, above = stable_range(
            PathTotals.along(contest.field, path), leader, path.share, contest.exact, names
        )
        record["stays_from"], record["stays_to"] = low, high
        record["taker_below"], record["taker_above"] = below, above
        changes = [(s, s - path.share) for s, who in ((low, below), (high, above)) if who is not None]
        if changes:
            nearest, change = min(changes, key=lambda sc: abs(sc[1]))
            record["nearest_at"], record["change"] = nearest, change
        else:
            record["note"] = StabilityNote.STAYS_FIRST
    return record


def weight_stability(result: ScoreResult) -> StabilityResult:
    """For each criterion and category, the weight range in which the current leader stays first alone."""
    field = Field.of(result)
    rows = np.flatnonzero(competing(result))
    leader_name = result.leader
    tied = tuple(
        result.suppliers[i] for i in rows if result.ranks[i] == 1 and result.suppliers[i] != leader_name
    )
    exact = not field.topsis  # the engine falls back to the weighted sum when TOPSIS cannot compare
    contest = Contest(leader_name, tied, [result.suppliers[i] for i in rows], field.subset(rows), exact)
    records = [path_record(contest, path) for path in weight_paths(result)]
    table = pd.DataFrame.from_records(records, columns=STABILITY_COLUMNS)
    order = np.argsort(np.abs(table["change"].to_numpy(dtype=float, na_value=np.nan)), kind="stable")
    table = table.iloc[order].reset_index(drop=True)
    return StabilityResult(leader_name, tied, len(rows), exact, table)


STABILITY_COLUMNS = [
    "weight",
    "kind",
    "category",
    "key",
    "share",
    "stays_from",
    "stays_to",
    "nearest_at",
    "change",
    "taker_below",
    "taker_above",
    "note",
]


def stable_range(
    totals: PathTotals, leader: int, share: float, exact: bool, names: Sequence[str]
) -> tuple[float, float, Taker | None, Taker | None]:
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


def takes_over(totals: PathTotals, leader: int, at: float, direction: int, names: Sequence[str]) -> Taker:
    """Who takes first place just past the share where the leader is caught; a tie if they only draw level.

    At 0% or 100% there is no "past", and a lead lost exactly there (a touch
    elsewhere, too) is a tie, so every rival level with the leader is named.
    """
    beyond = min(max(at + direction * 1e-7, 0.0), 1.0)
    values = totals.at(np.array([beyond]))[:, 0]
    leader_value = values[leader]
    values[leader] = -np.inf
    best = int(np.argmax(values))
    if beyond != at and values[best] > leader_value + TIE_GAP:
        return Taker((names[best],))
    level = totals.at(np.array([at]))[:, 0]
    tied = [names[i] for i in np.flatnonzero(level >= level[leader] - LEVEL_GAP) if i != leader]
    return Taker(tuple(tied or [names[best]]), tie=True)
