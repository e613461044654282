"""Joint improvement plans: a supplier's largest gaps to best in class and what closing them is worth.

Every number here is an exact what-if (`scorecard.opportunities.whatif`): with
relative methods (min-max, ratio to best) or TOPSIS, moving one supplier moves
others too, and the what-if includes that.
A plan names only its own supplier: gaps are stated against "best in class",
never against who holds it, so it can be shared with that supplier.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from scorecard.config import Criterion
from scorecard.opportunities.best import BestInClass
from scorecard.opportunities.closing import (
    candidate_cells,
    close_alone,
    close_together,
    largest,
    target_picks,
)
from scorecard.opportunities.segments import EPS
from scorecard.opportunities.settings import PlanSettings
from scorecard.opportunities.whatif import Rescore, WhatIfScorer, rescore
from scorecard.score import ScoreResult
from scorecard.suppliers import SupplierTable

__all__ = [
    "Gap",
    "ImprovementPlan",
    "Rescore",
    "WhatIfScorer",
    "improvement_plan",
    "improvement_plans",
    "rescore",
]


@dataclass(frozen=True)
class Gap:
    """One gap to best in class, and what closing it alone does to the supplier's total and rank."""

    column: int  # the criterion's position in the result
    criterion: Criterion
    today_value: object  # the cell as read
    missing: bool  # no usable value today
    score_today: float  # NaN when there is no data
    target: object  # the best-in-class value to aim for
    best_score: float
    outcome: Rescore  # closing this gap alone
    total_today: float = float("nan")  # the supplier's total before closing it

    @property
    def worth(self) -> float:
        return self.outcome.total - self.total_today


@dataclass(frozen=True)
class ImprovementPlan:
    """One supplier's plan: its gaps and what closing the top ones together does (steps), as numbers.

    Its gaps are worked out when first read: the app shows one plan at a
    time, and the workbook only the plans worked out up front. Its words and
    tables are written by `scorecard.tables.plan_words` and `.plan_frames`.
    """

    supplier: str
    row: int  # the supplier's position in the result it was worked out from
    total: float
    band: str | None
    rank: int | None
    ranked_count: int = 0  # how many suppliers are ranked
    aggregation: str = "weighted_sum"  # how totals are formed (the sentences say why others move)
    book: PlanBook | None = field(default=None, repr=False, compare=False)  # where its numbers are

    @cached_property
    def worked_out(self) -> tuple[tuple[Gap, ...], tuple[Rescore, ...]]:
        """Its gaps, largest first, and closing gaps 1, 1-2, 1-2-3 ... together (see `PlanBook`)."""
        return ((), ()) if self.book is None else self.book.plan_of(self.supplier)

    @property
    def gaps(self) -> tuple[Gap, ...]:
        return self.worked_out[0]

    @property
    def steps(self) -> tuple[Rescore, ...]:
        return self.worked_out[1]


def target_value(best: BestInClass, current: object, missing: bool) -> object:
    """The best-in-class value to aim for: of the values that reach the best score, the nearest one (the
    first of those equally near); see `closing.target_picks`, which decides it for a whole column."""
    cells = np.empty(1, dtype=object)
    cells[0] = current
    return best.values[int(target_picks(best, cells, np.array([missing]), numeric=False)[0])]


class GapField:
    """Where every supplier stands against best in class, for all plans of one result at once.

    With a weighted sum, a present value moved to best in class adds exactly
    weight x score gap to the supplier's own total (its weights do not change),
    so that estimate orders those gaps without re-scoring them all: only the
    `max_gaps` largest are re-scored. A value left out today ("exclude") would
    re-weight the row, so its estimate is never taken as exact: all are re-scored.
    """

    def __init__(self, result: ScoreResult, best: Mapping[str, BestInClass]) -> None:
        best_scores = np.array([best[c.key].score if c.key in best else np.nan for c in result.criteria])
        counted = ~np.isnan(best_scores) & (result.base_weights > 0)
        self.below = counted & (result.missing | ~(result.scores >= best_scores - EPS))
        scores = result.scores  # 0-100 or NaN (no infinities): a blank counts as 0
        self.estimates = np.round(result.weights * (best_scores - np.where(np.isnan(scores), 0.0, scores)), 9)
        self.exact = (
            ~np.isnan(result.scores)
            if result.config.aggregation == "weighted_sum"
            else np.zeros(result.scores.shape, dtype=bool)
        )

    def candidates(self, ranked: list[int], max_exact: int) -> tuple[np.ndarray, np.ndarray]:
        """(supplier, criterion) of the ranked suppliers' gaps worth re-scoring, grouped by supplier."""
        at = np.array(ranked, dtype=np.intp)
        rows, columns = candidate_cells(self.below[at], self.estimates[at], self.exact[at], max_exact)
        return at[rows], columns


def improvement_plan(
    result: ScoreResult,
    table: SupplierTable,
    supplier: str,
    best: Mapping[str, BestInClass],
    settings: PlanSettings,
    scorer: WhatIfScorer | None = None,
) -> ImprovementPlan:
    """The supplier's largest gaps to best in class, each worth an exact number of points, and the what-ifs."""
    return improvement_plans(result, table, [supplier], best, settings, scorer)[supplier]


def improvement_plans(
    result: ScoreResult,
    table: SupplierTable,
    suppliers: Sequence[str],
    best: Mapping[str, BestInClass],
    settings: PlanSettings,
    scorer: WhatIfScorer | None = None,
) -> PlanShelf:
    """Several suppliers' plans: every plan's what-ifs are scored in the same two batches (each gap
    closed alone, then the largest closed together). Pass one `scorer` per result to read the table once."""
    scorer = scorer or WhatIfScorer(result, table)
    position = {name: i for i, name in enumerate(result.suppliers)}  # one look-up per supplier, not a search
    rows = {s: position[s] if s in position else result.index_of(s) for s in suppliers}
    ranks = result.ranks.tolist()  # NaN: not ranked (NaN != NaN)
    ranked = [i for i in dict.fromkeys(rows.values()) if ranks[i] == ranks[i]]
    return PlanShelf(result, rows, PlanBook(result, ranked, best, settings, scorer))


class PlanShelf(Mapping[str, "ImprovementPlan"]):
    """Several suppliers' plans by name, in the order asked for. Every plan's numbers are worked out
    in its book when the shelf is made; a plan object (where its supplier stands, and its book) is
    made when first read and kept: the page reads one plan, the workbook up to 30."""

    def __init__(self, result: ScoreResult, rows: dict[str, int], book: PlanBook) -> None:
        self.result, self.rows, self.book = result, rows, book
        self.made: dict[str, ImprovementPlan] = {}

    def __getitem__(self, supplier: str) -> ImprovementPlan:
        if supplier not in self.made:
            self.made[supplier] = plan_at(self.result, self.rows[supplier], self.book)
        return self.made[supplier]

    def __iter__(self) -> Iterator[str]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


def plan_at(result: ScoreResult, i: int, book: PlanBook) -> ImprovementPlan:
    """The plan of the supplier at row i: where it stands, read from the result's arrays; a ranked
    one's numbers are kept in the batch's book, an unranked one has no gap plan yet (its words say
    what to do first)."""
    total, band = float(result.totals[i]), result.bands[i]
    name = band.name if band else None
    if np.isnan(result.ranks[i]):
        return ImprovementPlan(result.suppliers[i], i, total, name, None)
    ranked_count = int((~np.isnan(result.ranks)).sum())
    rank = int(result.ranks[i])
    return ImprovementPlan(
        result.suppliers[i], i, total, name, rank, ranked_count, result.config.aggregation, book
    )


class PlanBook:
    """Every plan of one batch, as numbers: each gap closed alone and the largest closed together. A
    plan's gaps and what-ifs become objects when it is read (the page shows one plan; the workbook
    the plans worked out up front)."""

    def __init__(
        self,
        result: ScoreResult,
        ranked: list[int],
        best: Mapping[str, BestInClass],
        settings: PlanSettings,
        scorer: WhatIfScorer,
    ) -> None:
        self.result, self.best, self.scorer = result, best, scorer
        rows, columns = GapField(result, best).candidates(ranked, settings.max_gaps)
        self.closings = close_alone(scorer, best, rows, columns)
        self.kept = largest(self.closings, result.totals, settings.max_gaps)
        self.owners, self.together = close_together(
            scorer, best, self.closings, self.kept, settings.what_if_steps
        )

    @cached_property
    def gaps_of(self) -> dict[int, tuple[int, int]]:
        """Where each supplier's kept gaps are in `kept` (an index for reading plans: made when first read)."""
        return spans(self.closings.rows[self.kept])

    @cached_property
    def steps_of(self) -> dict[int, tuple[int, int]]:
        """Where each supplier's cumulative what-ifs are in `together`."""
        return spans(self.owners)

    def plan_of(self, supplier: str) -> tuple[tuple[Gap, ...], tuple[Rescore, ...]]:
        """A supplier's gaps, largest first, and what closing its gaps 1, 1-2, ... together does."""
        result, closings, i = self.result, self.closings, self.result.index_of(supplier)
        kept = self.kept[slice(*self.gaps_of.get(i, (0, 0)))]
        gaps = []
        for g, outcome in zip(kept.tolist(), closings.outcomes(self.scorer, kept), strict=True):
            j = int(closings.columns[g])
            criterion, missing = result.criteria[j], bool(result.missing[i, j])
            best = self.best[criterion.key]
            score_today = np.nan if missing else float(result.scores[i, j])
            target = best.values[closings.picks[g]]
            raw, total = self.scorer.raw_cells(j)[i], float(result.totals[i])
            gaps.append(Gap(j, criterion, raw, missing, score_today, target, best.score, outcome, total))
        if not gaps:
            return (), ()
        together = np.arange(*self.steps_of.get(i, (0, 0)))
        return tuple(gaps), (gaps[0].outcome, *self.together.outcomes(self.scorer, together))


def spans(rows: np.ndarray) -> dict[int, tuple[int, int]]:
    """Where each supplier's entries start and stop in an array grouped by supplier."""
    found, starts, counts = np.unique(rows, return_index=True, return_counts=True)
    return {
        i: (start, start + count)
        for i, start, count in zip(found.tolist(), starts.tolist(), counts.tolist(), strict=True)
    }
