"""Every ranked supplier's gaps closed alone, then its largest closed together: decided in arrays.

Under the weighted sum most of these what-ifs move only the supplier's own row
(see `whatif`). Whether one does is decided per criterion for every supplier at
once (`WhatIfScorer.own_row_scores`), and all such rows are summed in one numpy
pass, the same row sums as `score.score`. The few that move a bar or an
average, or could change who qualifies, go through `WhatIfScorer.rescore_batch`
(their columns re-scored, or the table in full). Under TOPSIS every what-if
moves the whole field, so all go that way, batched per supplier.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import numpy as np

from scorecard.opportunities.best import BestInClass
from scorecard.opportunities.rescore import Rescore
from scorecard.opportunities.segments import EPS
from scorecard.opportunities.whatif import WhatIfScorer


@dataclass(frozen=True)
class Outcomes:
    """What-ifs' outcomes as numbers: totals and ranks of those that moved only their own row, the
    others as found (by position); a Rescore is made only for the what-ifs a plan shows."""

    totals: np.ndarray
    ranks: np.ndarray  # NaN: not ranked
    own_row: np.ndarray  # whether only the supplier's own row moves
    moved: dict[int, Rescore]  # the outcomes of the others, by position

    def outcomes(self, scorer: WhatIfScorer, at: np.ndarray) -> list[Rescore]:
        """The outcomes at these positions."""
        own = self.own_row[at]
        found = own_row_outcomes(scorer, self.totals[at], self.ranks[at], own)
        return [
            found[k] if is_own else self.moved[g]
            for k, (g, is_own) in enumerate(zip(at.tolist(), own.tolist(), strict=True))
        ]


@dataclass(frozen=True)
class Closings(Outcomes):
    """What-ifs of closing one gap each, grouped by supplier: whose (`rows`), on which criterion, aiming at
    which of best in class's values (`picks`), with the new cell's score where only the supplier's own row
    moves (`points`, else NaN)."""

    rows: np.ndarray
    columns: np.ndarray
    picks: np.ndarray
    points: np.ndarray


def candidate_cells(
    below: np.ndarray, estimates: np.ndarray, exact: np.ndarray, max_exact: int
) -> tuple[np.ndarray, np.ndarray]:
    """(row, column) of every gap worth closing alone, grouped by row: each row's gaps whose estimate is
    exact only up to its `max_exact` largest (ties in the criteria's order), and every other gap.

    Each row is sorted on its own (exact first, largest first, ties by column: two stable sorts of the
    whole matrix along its rows), which costs less than one sort of every gap by row and keys."""
    by_size = np.argsort(-estimates, axis=1, kind="stable")  # ties keep the criteria's order
    exact_first = np.argsort(~np.take_along_axis(exact, by_size, axis=1), axis=1, kind="stable")
    order = np.take_along_axis(by_size, exact_first, axis=1)
    gap, is_exact = np.take_along_axis(below, order, axis=1), np.take_along_axis(exact, order, axis=1)
    exact_gap = gap & is_exact
    keep = gap & (~is_exact | (np.cumsum(exact_gap, axis=1) <= max_exact))
    rows, at = np.nonzero(keep)
    return rows, order[rows, at]


def target_picks(best: BestInClass, cells: np.ndarray, missing: np.ndarray, numeric: bool) -> np.ndarray:
    """Which of best in class's values each cell aims for (`plans.target_value` for a column at once): the
    nearest of those reaching the best score (the first of equally near); the least extreme for a blank or
    a text; the first when the values are not numbers."""
    picks = np.zeros(len(cells), dtype=np.intp)
    if best.numbers is None:
        return picks
    picks[:] = len(best.values) - 1
    if numeric:  # a column of floats
        is_number = np.ones(len(cells), dtype=bool)
    else:
        is_number = np.array(
            [isinstance(v, (int, float)) and not isinstance(v, bool) for v in cells], dtype=bool
        )
    near = is_number & ~missing
    if near.any():
        current = cells[near].astype(float) if numeric else np.array([float(v) for v in cells[near]])
        with np.errstate(
            over="ignore", invalid="ignore"
        ):  # near the float limits: an infinite distance is far
            distance = np.abs(best.numbers[None, :] - current[:, None])
        picks[near] = np.argmin(distance, axis=1)
    return picks


def all_picks(
    scorer: WhatIfScorer, best: Mapping[str, BestInClass], rows: np.ndarray, columns: np.ndarray
) -> np.ndarray:
    """Each gap's target, as its position among its criterion's best-in-class values. The columns of
    floats are decided together (`float_picks`), a text criterion's target needs no cell; only a column
    mixing numbers and text is read cell by cell."""
    result, picks = scorer.result, np.zeros(len(rows), dtype=np.intp)
    index, block, _ = scorer.table.number_block  # the table's numbers, worked out once per table
    floats: list[int] = []
    for j in np.flatnonzero(np.bincount(columns, minlength=len(result.criteria))).tolist():
        key = result.criteria[j].key
        if best[key].numbers is None:
            continue  # not numbers: the first (and only kind of) target
        if key in index:
            floats.append(j)
            continue
        at = columns == j
        cells = scorer.raw_cells(j)[rows[at]]
        picks[at] = target_picks(best[key], cells, result.missing[rows[at], j], numeric=False)
    if floats:
        slot = np.full(len(result.criteria), -1, dtype=np.intp)
        slot[floats] = np.arange(len(floats))
        at = np.flatnonzero(slot[columns] >= 0)
        numbers = [best[result.criteria[j].key].numbers for j in floats]
        rows_of = np.array([index[result.criteria[j].key] for j in floats], dtype=np.intp)
        where = slot[columns[at]]
        cells = block[rows_of[where], rows[at]]
        picks[at] = float_picks(numbers, where, cells, result.missing[rows[at], columns[at]])
    return picks


def float_picks(
    numbers: list[np.ndarray], where: np.ndarray, cells: np.ndarray, missing: np.ndarray
) -> np.ndarray:
    """`target_picks` for cells of several float columns at once: cell k aims at one of `numbers[where[k]]`
    (the nearest, the first of equally near; the last for a blank). The columns' values are laid side by
    side, the shorter ones' ends never picked (their distance is set to infinity after the subtraction,
    so that a NaN distance, an infinity's from itself, is still found where `argmin` finds it alone)."""
    lengths = np.array([len(v) for v in numbers], dtype=np.intp)
    width = int(lengths.max())
    padded = np.zeros((len(numbers), width))
    held = np.arange(width)[None, :] < lengths[:, None]
    padded[held] = np.concatenate(numbers)
    picks = lengths[where] - 1
    near = np.flatnonzero(~missing)
    if near.size:
        # near the float limits: an infinite distance is far
        with np.errstate(over="ignore", invalid="ignore"):
            distance = np.abs(padded[where[near]] - cells[near][:, None])
        distance[~held[where[near]]] = np.inf
        picks[near] = np.argmin(distance, axis=1)
    return picks


def close_alone(
    scorer: WhatIfScorer, best: Mapping[str, BestInClass], rows: np.ndarray, columns: np.ndarray
) -> Closings:
    """Each (supplier, criterion) gap closed alone: its target and exactly what that does."""
    result = scorer.result
    picks = all_picks(scorer, best, rows, columns)
    own_row = np.zeros(len(rows), dtype=bool)
    points = np.full(len(rows), np.nan)
    if scorer.row_path:
        for j, pick, at in by_target(columns, picks):
            key = result.criteria[j].key
            held = holder(best[key], pick)
            if held is not None and scorer.own_row_only[j]:  # the value scores what it scores there
                own_row[at] = True
                points[at] = result.scores[held, j]
                continue
            holds, new_points = scorer.own_row_scores(key, rows[at], best[key].values[pick], held)
            own_row[at[holds]] = True
            points[at[holds]] = new_points
    totals = np.full(len(rows), np.nan)
    ranks = np.full(len(rows), np.nan)
    if own_row.any():
        k = np.flatnonzero(own_row)
        totals[k], ranks[k] = scorer.sums.own_rows(rows[k], np.arange(len(k)), columns[k], points[k])
    moved = moved_averages(scorer, best, rows, columns, picks, ~own_row)
    others = [k for k in np.flatnonzero(~own_row).tolist() if k not in moved]
    keys = [c.key for c in result.criteria]
    variants = [(int(rows[k]), {keys[columns[k]]: best[keys[columns[k]]].values[picks[k]]}) for k in others]
    moved.update(zip(others, scorer.rescore_moving(variants, [{}] * len(variants)), strict=True))
    for k, outcome in moved.items():
        totals[k] = outcome.total
    return Closings(totals, ranks, own_row, moved, rows, columns, picks, points)


def by_target(columns: np.ndarray, picks: np.ndarray) -> Iterator[tuple[int, int, np.ndarray]]:
    """Each (criterion, target) pair among the gaps, with the positions of its gaps in order: found in
    one sort, not one search of every gap per pair."""
    if not len(columns):
        return
    keys = columns.astype(np.int64) * (int(picks.max()) + 1) + picks
    order = np.argsort(keys, kind="stable")  # equal pairs keep their positions' order
    ordered = keys[order]
    starts = np.flatnonzero(np.concatenate([[True], ordered[1:] != ordered[:-1]]))
    ends = np.append(starts[1:], len(keys))
    for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
        first = int(order[start])
        yield int(columns[first]), int(picks[first]), order[start:end]


def moved_averages(
    scorer: WhatIfScorer,
    best: Mapping[str, BestInClass],
    rows: np.ndarray,
    columns: np.ndarray,
    picks: np.ndarray,
    pending: np.ndarray,
) -> dict[int, Rescore]:
    """Of the pending what-ifs (weighted sum), those that move only the average suppliers without data
    get: decided per criterion for all suppliers at once, their rows summed in one pass."""
    if not scorer.row_path or not pending.any():
        return {}
    found: list[np.ndarray] = []
    points: list[float] = []
    averages: list[np.ndarray] = []
    waiting = np.flatnonzero(pending)
    for j, pick, at in by_target(columns[waiting], picks[waiting]):
        at = waiting[at]
        key = scorer.result.criteria[j].key
        holds, new_points, new_averages = scorer.moved_average(
            key, rows[at], best[key].values[pick], holder(best[key], pick)
        )
        found.append(at[holds])
        points += [new_points] * len(new_averages)
        averages.append(new_averages)
    if not sum(len(k) for k in found):
        return {}
    ks = np.concatenate(found)
    outcomes = scorer.sums.averaged_rows(rows[ks], columns[ks], np.array(points), np.concatenate(averages))
    return dict(zip(ks.tolist(), outcomes, strict=True))


def own_row_outcomes(
    scorer: WhatIfScorer, totals: np.ndarray, ranks: np.ndarray, own_row: np.ndarray
) -> list[Rescore]:
    """Outcomes of the what-ifs that moved only their own row (None elsewhere, filled in by the caller)."""
    scale = scorer.sums.bands
    bands = scale.names[scale.codes(np.where(own_row & ~np.isnan(ranks), totals, np.nan))].tolist()
    return [
        Rescore(total, band, None if rank != rank else int(rank), False) if own else None  # type: ignore[misc]
        for total, band, rank, own in zip(
            totals.tolist(), bands, ranks.tolist(), own_row.tolist(), strict=True
        )
    ]


def largest(closings: Closings, today: np.ndarray, max_gaps: int) -> np.ndarray:
    """Per supplier, its `max_gaps` gaps worth most when closed alone (only those adding points; ties in
    the criteria's order): positions in `closings`, grouped by supplier, largest first."""
    worth = closings.totals - today[closings.rows]
    adds = np.flatnonzero(worth > EPS)
    adds = adds[by_rounded_worth(closings.rows[adds], worth[adds], closings.columns[adds])]
    rows = closings.rows[adds]
    starts = np.searchsorted(rows, rows, side="left")
    return adds[np.arange(len(adds)) - starts < max_gaps]


def by_rounded_worth(rows: np.ndarray, worth: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """The order by row, then worth rounded to 9 decimals as a plan's table shows it (Python's `round`),
    largest first, then column. Rounding keeps the order, so the values are sorted as they are and only
    neighbours closer than the rounding's step are rounded to see whether they tie (ties go by column)."""
    order = np.lexsort((columns, -worth, rows))
    w, r = worth[order], rows[order]
    step = w[:-1] - w[1:]  # >= 0 within a row
    same_row = r[1:] == r[:-1]
    tied = same_row & (step == 0)
    for k in np.flatnonzero(same_row & (step > 0) & (step <= 2e-9)).tolist():
        tied[k] = round(float(w[k]), 9) == round(float(w[k + 1]), 9)
    if not (tied & (step > 0)).any():
        return order  # no two values round alike without being equal: ties are in column order already
    group = np.cumsum(np.concatenate([[True], ~tied]))
    return order[np.lexsort((columns[order], group))]


def close_together(
    scorer: WhatIfScorer,
    best: Mapping[str, BestInClass],
    closings: Closings,
    kept: np.ndarray,
    steps: int,
) -> tuple[np.ndarray, Outcomes]:
    """Whose, and the outcomes of, closing each supplier's kept gaps 1-2, 1-2-3 ... together (up to
    `steps`), grouped by supplier: where each gap alone moved only its own row, so do they together,
    summed in one pass; the others in a batch."""
    rows = closings.rows[kept]
    starts = np.searchsorted(rows, rows, side="left")
    position = np.arange(len(rows)) - starts  # the gap's place in its supplier's plan
    chosen = np.flatnonzero((position >= 1) & (position < steps))
    # closing gaps 1..p together moves only the own row when each of them alone did
    blocked = np.cumsum(~closings.own_row[kept])
    at_start = np.where(starts > 0, blocked[np.maximum(starts - 1, 0)], 0)
    own = ((blocked - at_start) == 0)[chosen]
    totals, ranks = np.full(len(chosen), np.nan), np.full(len(chosen), np.nan)
    on_row = np.flatnonzero(own)
    if on_row.size:
        # variant k closes its supplier's kept gaps from the first up to chosen[on_row[k]]
        lengths = position[chosen[on_row]] + 1
        variant = np.repeat(np.arange(on_row.size), lengths)
        step = np.arange(len(variant)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        gaps = kept[np.repeat(starts[chosen[on_row]], lengths) + step]
        totals[on_row], ranks[on_row] = scorer.sums.own_rows(
            rows[chosen[on_row]], variant, closings.columns[gaps], closings.points[gaps]
        )
    keys = [c.key for c in scorer.result.criteria]
    rest = np.flatnonzero(~own).tolist()
    together = [kept[starts[chosen[k]] : chosen[k] + 1].tolist() for k in rest]
    changes = [
        (int(rows[chosen[k]]), {keys[closings.columns[g]]: target(best, keys, closings, g) for g in gaps})
        for k, gaps in zip(rest, together, strict=True)
    ]
    # each of these closes a gap that alone moved others' scores (under TOPSIS, every gap does); the
    # gaps that alone moved only their own row keep the score they had then
    known = [
        {int(closings.columns[g]): float(closings.points[g]) for g in gaps if closings.own_row[g]}
        for gaps in together
    ]
    moved = dict(zip(rest, scorer.rescore_moving(changes, known), strict=True))
    return rows[chosen], Outcomes(totals, ranks, own, moved)


def holder(best: BestInClass, pick: int) -> int | None:
    """The row of a ranked supplier holding best in class's value `pick` today (None: not known)."""
    return best.rows[pick] if best.rows else None


def target(best: Mapping[str, BestInClass], keys: list[str], closings: Closings, g: int) -> object:
    """The value gap g aims at."""
    return best[keys[closings.columns[g]]].values[closings.picks[g]]
