"""Joint improvement plans: a supplier's largest gaps to best in class and what closing them is worth.

Every number here is an exact what-if (`scorecard.opportunities.whatif`): with
relative methods (min-max, ratio to best) or TOPSIS, moving one supplier moves
others too, and the what-if includes that.
A plan names only its own supplier: gaps are stated against "best in class",
never against who holds it, so it can be shared with that supplier.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from scorecard.config import Criterion
from scorecard.opportunities.plan_sentences import plan_sentences
from scorecard.opportunities.plan_tables import gap_rows, what_if_rows
from scorecard.opportunities.rules import BestInClass
from scorecard.opportunities.segments import EPS
from scorecard.opportunities.settings import PlanSettings
from scorecard.opportunities.text import format_value
from scorecard.opportunities.whatif import Rescore, WhatIfScorer, rescore
from scorecard.score import ScoreResult
from scorecard.suppliers import SupplierTable
from scorecard.tables import status_text

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

    @property
    def today(self) -> str:
        return "no data" if self.missing else format_value(self.today_value, self.criterion)

    @property
    def target_text(self) -> str:
        return format_value(self.target, self.criterion)


@dataclass(frozen=True)
class ImprovementPlan:
    """One supplier's plan: its gaps and what closing the top ones together does (steps), as numbers.

    The plan in words (`sentences`) and its tables (`rows`, `what_if`) are
    built from those numbers when first read: the app shows one plan at a
    time, and the workbook only the plans worked out up front.
    """

    supplier: str
    status: str
    total: float
    band: str | None
    rank: int | None
    gaps: tuple[Gap, ...]  # largest first
    steps: tuple[Rescore, ...]  # closing gaps 1, 1-2, 1-2-3 ... together
    ranked_count: int = 0  # how many suppliers are ranked
    aggregation: str = "weighted_sum"  # how totals are formed (the sentences say why others move)
    first_step: str = ""  # an unranked supplier's plan: what to do first, in words

    @cached_property
    def sentences(self) -> tuple[str, ...]:
        """Where the supplier stands, what closing its gaps together does, and which gaps are missing data."""
        return (self.first_step,) if self.rank is None else plan_sentences(self)

    @cached_property
    def rows(self) -> pd.DataFrame:
        """GAP_COLUMNS, largest gap first."""
        return gap_rows(self.gaps, self.steps)

    @cached_property
    def what_if(self) -> pd.DataFrame:
        """WHAT_IF_COLUMNS: closing gaps 1, 1-2, 1-2-3 together."""
        return what_if_rows(self.gaps, self.steps, self.total)


def target_value(best: BestInClass, current: object, missing: bool) -> object:
    """The best-in-class value to aim for: of the values that reach the best score, the nearest one (the
    first of those equally near)."""
    if best.numbers is None:
        return best.value
    if missing or not isinstance(current, (int, float)) or isinstance(current, bool):
        return best.values[-1]  # values are best first: the last is the least extreme
    with np.errstate(over="ignore"):  # values near the float limits: an infinite distance is simply far
        distance = np.abs(best.numbers - float(current))
    return best.values[int(np.argmin(distance))]


def unranked_plan(result: ScoreResult, i: int) -> ImprovementPlan:
    """A supplier without a rank has no gap plan yet: what to do first, in one sentence."""
    supplier = result.suppliers[i]
    reasons = "; ".join(result.reasons[i])
    if not result.qualified[i]:
        sentence = (
            f"{supplier} is disqualified: {reasons}. Meeting the must-haves comes first; the gap plan "
            "follows once it qualifies."
        )
    else:
        sentence = f"{supplier} could not be scored ({reasons}); provide data on the weighted criteria first."
    band = result.bands[i]
    total = float(result.totals[i])
    return ImprovementPlan(
        supplier, status_text(result, i), total, band.name if band else None, None, (), (), 0, "", sentence
    )


@dataclass(frozen=True)
class Candidate:
    """A criterion where the supplier is below best in class, to re-score with the value it could reach."""

    column: int
    target: object


class GapField:
    """Where every supplier stands against best in class, for all plans of one result at once.

    With a weighted sum, a present value moved to best in class adds exactly
    weight x score gap to the supplier's own total (its weights do not change),
    so that estimate orders those gaps without re-scoring them all: only the
    `max_gaps` largest are re-scored. A value left out today ("exclude") would
    re-weight the row, so its estimate is never taken as exact: all are re-scored.
    """

    def __init__(self, result: ScoreResult, best: Mapping[str, BestInClass], raw: np.ndarray) -> None:
        self.result, self.best, self.raw = result, best, raw
        best_scores = np.array([best[c.key].score if c.key in best else np.nan for c in result.criteria])
        counted = ~np.isnan(best_scores) & (result.base_weights > 0)
        self.below = counted & (result.missing | ~(result.scores >= best_scores - EPS))
        self.estimates = np.round(result.weights * (best_scores - np.nan_to_num(result.scores)), 9)
        self.exact = (
            ~np.isnan(result.scores)
            if result.config.aggregation == "weighted_sum"
            else np.zeros(result.scores.shape, dtype=bool)
        )
        self.targets: dict[tuple[int, type, object, bool], object] = {}

    def candidates(self, i: int, max_exact: int) -> list[Candidate]:
        """The weighted criteria where supplier i is below best in class (or has no data) worth re-scoring,
        largest estimate first (ties in the criteria's order)."""
        columns = np.flatnonzero(self.below[i])
        columns = columns[np.lexsort((columns, -self.estimates[i, columns]))]
        exact = self.exact[i, columns]
        keep = np.flatnonzero(exact)[:max_exact].tolist() + np.flatnonzero(~exact).tolist()
        return [Candidate(int(columns[k]), self.target(i, int(columns[k]))) for k in keep]

    def target(self, i: int, j: int) -> object:
        """The value supplier i aims for on criterion j (the same for every supplier with the same value)."""
        current, missing = self.raw[i, j], bool(self.result.missing[i, j])
        try:
            key = (j, type(current), current, missing)
            hash(key)
        except TypeError:
            return target_value(self.best[self.result.criteria[j].key], current, missing)
        if key not in self.targets:
            self.targets[key] = target_value(self.best[self.result.criteria[j].key], current, missing)
        return self.targets[key]


def largest_gaps(
    result: ScoreResult,
    i: int,
    best: Mapping[str, BestInClass],
    candidates: list[Candidate],
    singles: list[Rescore],
    max_gaps: int,
    raw: np.ndarray,
) -> tuple[Gap, ...]:
    """The supplier's `max_gaps` largest gaps by exact worth, from each candidate closed alone (`singles`)."""
    total = float(result.totals[i])
    worth = [(outcome.total - total, k) for k, outcome in enumerate(singles)]
    # largest first, ties in the criteria's order; only the gaps that add points
    kept = sorted(
        ((w, k) for w, k in worth if w > EPS), key=lambda wk: (-round(wk[0], 9), candidates[wk[1]].column)
    )
    gaps = []
    for _, k in kept[:max_gaps]:
        j, criterion = candidates[k].column, result.criteria[candidates[k].column]
        missing = bool(result.missing[i, j])
        score_today = np.nan if missing else float(result.scores[i, j])
        target, best_score = candidates[k].target, best[criterion.key].score
        gaps.append(Gap(j, criterion, raw[i, j], missing, score_today, target, best_score, singles[k], total))
    return tuple(gaps)


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
) -> dict[str, ImprovementPlan]:
    """Several suppliers' plans: every plan's what-ifs are scored in the same two batches (each gap
    closed alone, then the largest closed together). Pass one `scorer` per result to read the table once."""
    scorer = scorer or WhatIfScorer(result, table)
    position = {name: i for i, name in enumerate(result.suppliers)}  # one look-up per supplier, not a search
    rows = {s: position[s] if s in position else result.index_of(s) for s in suppliers}
    ranked = [i for i in dict.fromkeys(rows.values()) if not np.isnan(result.ranks[i])]
    gaps = all_gaps(result, ranked, best, settings.max_gaps, scorer)
    steps = closed_together(ranked, gaps, settings.what_if_steps, scorer)
    ranked_count = int((~np.isnan(result.ranks)).sum())
    return {
        supplier: unranked_plan(result, i)
        if np.isnan(result.ranks[i])
        else ranked_plan(result, i, gaps[i], steps[i], ranked_count)
        for supplier, i in rows.items()
    }


def all_gaps(
    result: ScoreResult,
    ranked: list[int],
    best: Mapping[str, BestInClass],
    max_gaps: int,
    scorer: WhatIfScorer,
) -> dict[int, tuple[Gap, ...]]:
    """Each ranked supplier's largest gaps, from every candidate of every supplier closed alone in one batch."""
    keys = [c.key for c in result.criteria]
    field = GapField(result, best, scorer.raw)
    candidates = {i: field.candidates(i, max_gaps) for i in ranked}
    singles = iter(
        scorer.rescore_batch([(i, {keys[c.column]: c.target}) for i in ranked for c in candidates[i]])
    )
    return {
        i: largest_gaps(
            result, i, best, candidates[i], [next(singles) for _ in candidates[i]], max_gaps, scorer.raw
        )
        for i in ranked
    }


def closed_together(
    ranked: list[int], gaps: dict[int, tuple[Gap, ...]], what_if_steps: int, scorer: WhatIfScorer
) -> dict[int, tuple[Rescore, ...]]:
    """Each supplier's what-ifs of closing its largest gaps 1, 1-2, 1-2-3 ... together, all in one batch
    (closing the first alone is already known)."""
    counts = {i: min(what_if_steps, len(gaps[i])) for i in ranked}
    together = [
        (i, {g.criterion.key: g.target for g in gaps[i][:k]}) for i in ranked for k in range(2, counts[i] + 1)
    ]
    outcomes = iter(scorer.rescore_batch(together))
    return {
        i: (gaps[i][0].outcome, *(next(outcomes) for _ in range(2, counts[i] + 1))) if gaps[i] else ()
        for i in ranked
    }


def ranked_plan(
    result: ScoreResult, i: int, gaps: tuple[Gap, ...], steps: tuple[Rescore, ...], ranked_count: int
) -> ImprovementPlan:
    """A ranked supplier's plan from its gaps and what closing them together does."""
    band = result.bands[i]
    return ImprovementPlan(
        result.suppliers[i],
        status_text(result, i),
        float(result.totals[i]),
        band.name if band else None,
        int(result.ranks[i]),
        gaps,
        steps,
        ranked_count,
        result.config.aggregation,
    )
