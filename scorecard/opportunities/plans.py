"""Joint improvement plans: a supplier's largest gaps to best in class and what closing them is worth.

Every number here comes from re-scoring with `scorecard.score.score` on a copy
of the supplier table with the supplier's value changed, so what-ifs are exact:
with relative methods (min-max, ratio to best) or TOPSIS, moving one supplier
moves others too, and the re-score includes that. A plan names only its own
supplier: gaps are stated against "best in class", never against who holds it,
so it can be shared with that supplier.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from scorecard.config import CATEGORIES, Criterion
from scorecard.opportunities.rules import BestInClass
from scorecard.opportunities.segments import EPS
from scorecard.opportunities.settings import PlanSettings
from scorecard.opportunities.text import format_value, join_words, lower_first, ordinal
from scorecard.score import ScoreResult, score
from scorecard.suppliers import SupplierTable

GAP_COLUMNS = [
    "Gap",
    "Criterion",
    "Category",
    "Today",
    "Best in class",
    "Score today",
    "Best-in-class score",
    "Points worth",
    "Total if closed",
    "Rank if closed",
    "Cumulative total",
    "Cumulative band",
    "Cumulative rank",
]
WHAT_IF_COLUMNS = [
    "Gaps closed",
    "Criteria",
    "Total",
    "Change",
    "Band",
    "Rank",
    "Other suppliers' scores move",
]
RELATIVE_METHODS = {
    "min_max": "min-max",
    "ratio_to_best": "ratio to the best value",
    "log_ratio": "logarithmic price score",
}


@dataclass(frozen=True)
class ImprovementPlan:
    """One supplier's plan: its gaps (rows), what closing the top ones does (what_if), and the plan in sentences."""

    supplier: str
    status: str
    total: float
    band: str | None
    rank: int | None
    rows: pd.DataFrame  # GAP_COLUMNS, largest gap first
    what_if: pd.DataFrame  # WHAT_IF_COLUMNS: closing gaps 1, 1-2, 1-2-3 together
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class Rescore:
    """A what-if outcome for the supplier, and whether other suppliers' totals moved with it."""

    total: float
    band: str | None
    rank: int | None
    others_move: bool


def rescore(
    result: ScoreResult, table: SupplierTable, supplier: str, changes: Mapping[str, object]
) -> Rescore:
    """Score the table again with the supplier's values changed: the exact what-if."""
    changed = table
    for key, value in changes.items():
        changed = changed.with_value(supplier, key, value)
    outcome = score(changed, result.config)
    i = outcome.index_of(supplier)
    others = np.arange(len(result.suppliers)) != i
    before, after = result.totals[others], outcome.totals[others]
    moved = bool(
        np.any(np.isnan(before) != np.isnan(after))
        or np.any(np.abs(np.nan_to_num(before) - np.nan_to_num(after)) > 1e-9)
    )
    band = outcome.bands[i]
    return Rescore(float(outcome.totals[i]), band.name if band else None, outcome.rank_of(i), moved)


def target_value(best: BestInClass, current: object, missing: bool) -> object:
    """The best-in-class value to aim for: of the values that reach the best score, the nearest one."""
    numbers = [v for v in best.values if isinstance(v, (int, float)) and not isinstance(v, bool)]
    if len(numbers) != len(best.values):
        return best.value
    if missing or not isinstance(current, (int, float)) or isinstance(current, bool):
        return best.values[-1]  # values are best first: the last is the least extreme
    return min(numbers, key=lambda v: abs(float(v) - float(current)))


def relative_note(criteria: list[Criterion], aggregation: str) -> str:
    """Why other suppliers' scores moved, in words."""
    relative = [c for c in criteria if c.method.kind in RELATIVE_METHODS]
    if relative:
        parts = join_words([f"{lower_first(c.label)} ({RELATIVE_METHODS[c.method.kind]})" for c in relative])
        verb = "is" if len(relative) == 1 else "are"
        return (
            f"Because {parts} {verb} scored relative to the other suppliers, this also moves other "
            "suppliers' scores; the total and rank shown already allow for that."
        )
    if aggregation in ("topsis", "topsis_classic"):
        return (
            "Because totals are TOPSIS closeness, relative to the whole field, this also moves other "
            "suppliers' scores; the total and rank shown already allow for that."
        )
    neutral = [c for c in criteria if c.missing == "neutral"]
    if neutral:
        return (
            "Suppliers without data on " + join_words([lower_first(c.label) for c in neutral]) + " score the "
            "average of those with data, so this also moves their scores; the rank shown allows for that."
        )
    return "This also moves other suppliers' scores; the total and rank shown already allow for that."


def what_if_sentence(
    supplier: str,
    gaps: list[tuple[Criterion, object]],
    before: tuple[float, str | None, int | None],
    after: Rescore,
    aggregation: str,
) -> str:
    """'Closing the on-time delivery gap to 97% lifts Beta to 78.0 points and second place.'"""
    total, band, rank = before
    if len(gaps) == 1:
        criterion, value = gaps[0]
        what = f"Closing the {lower_first(criterion.label)} gap to {format_value(value, criterion)}"
    else:
        named = [f"{lower_first(c.label)} (to {format_value(v, c)})" for c, v in gaps]
        what = f"Closing the {join_words(named)} gaps together"
    change = after.total - total
    sentence = f"{what} lifts {supplier} to {after.total:.1f} points (+{change:.1f})"
    if after.rank is None:
        sentence += " but leaves it unranked"
    elif rank is not None and after.rank < rank:
        sentence += f" and {ordinal(after.rank)} place"
    elif after.rank == rank:
        sentence += f" and keeps {ordinal(after.rank)} place"
    else:
        sentence += f" but {ordinal(after.rank)} place, as others move too"
    if after.band != band and after.band is not None:
        sentence += f", moving it from {band} to {after.band}" if band else f", into {after.band}"
    sentence += "."
    if after.others_move:
        sentence += " " + relative_note([c for c, _ in gaps], aggregation)
    return sentence


INTEGER_COLUMNS = {"Gap", "Rank if closed", "Cumulative rank", "Gaps closed", "Rank"}
NUMBER_COLUMNS = {
    "Score today",
    "Best-in-class score",
    "Points worth",
    "Total if closed",
    "Cumulative total",
    "Total",
    "Change",
}


def typed_empty(columns: list[str]) -> pd.DataFrame:
    """An empty table whose columns already have the types a filled one has, so tables stack cleanly."""
    return pd.DataFrame(
        {
            name: pd.Series(
                dtype="Int64" if name in INTEGER_COLUMNS else float if name in NUMBER_COLUMNS else "str"
            )
            for name in columns
        }
    )


def empty_plan_frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    return typed_empty(GAP_COLUMNS), typed_empty(WHAT_IF_COLUMNS)


def improvement_plan(
    result: ScoreResult,
    table: SupplierTable,
    supplier: str,
    best: Mapping[str, BestInClass],
    settings: PlanSettings,
) -> ImprovementPlan:
    """The supplier's largest gaps to best in class, each worth an exact number of points, and the what-ifs."""
    i = result.index_of(supplier)
    rank = result.rank_of(i)
    band = result.bands[i].name if result.bands[i] else None
    total = float(result.totals[i])
    status = result.status(i)
    rows, what_if = empty_plan_frames()
    if rank is None:
        reasons = "; ".join(result.reasons[i])
        if not result.qualified[i]:
            sentence = (
                f"{supplier} is disqualified: {reasons}. Meeting the must-haves comes first; the gap plan "
                "follows once it qualifies."
            )
        else:
            sentence = (
                f"{supplier} could not be scored ({reasons}); provide data on the weighted criteria first."
            )
        return ImprovementPlan(supplier, status, total, band, None, rows, what_if, (sentence,))

    ranked_count = int((~np.isnan(result.ranks)).sum())
    sentences = [
        f"{supplier} scores {total:.1f} points today: {band} band, {ordinal(rank)} of {ranked_count} ranked "
        "suppliers. Best in class is the best value among the qualified suppliers in this evaluation."
    ]
    candidates = []
    for j, criterion in enumerate(result.criteria):
        found = best.get(criterion.key)
        if found is None or result.base_weights[j] <= 0:
            continue
        missing = bool(result.missing[i, j])
        current_score = result.scores[i, j]
        if not missing and current_score >= found.score - EPS:
            continue
        target = target_value(found, result.raw.iloc[i, j], missing)
        # With a weighted sum, a present value moved to best in class adds exactly weight x score gap to the
        # supplier's own total (its weights do not change), so this picks the largest gaps without re-scoring
        # them all. A value left out today ("exclude") would re-weight the row, so it is always re-scored.
        estimate = result.weights[i, j] * (found.score - np.nan_to_num(current_score))
        exact = result.config.aggregation == "weighted_sum" and not np.isnan(current_score)
        candidates.append((round(estimate, 9), j, criterion, target, missing, exact))
    candidates.sort(key=lambda c: (-c[0], c[1]))
    estimated = [c for c in candidates if c[5]][: settings.max_gaps]
    candidates = estimated + [c for c in candidates if not c[5]]

    gaps = []
    for _, j, criterion, target, missing, _ in candidates:
        outcome = rescore(result, table, supplier, {criterion.key: target})
        worth = outcome.total - total
        if worth > EPS:
            gaps.append((worth, j, criterion, target, missing, outcome))
    gaps.sort(key=lambda g: (-round(g[0], 9), g[1]))
    gaps = gaps[: settings.max_gaps]
    if not gaps:
        sentences.append(f"{supplier} matches best in class on every criterion that counts: no gap to close.")
        return ImprovementPlan(supplier, status, total, band, rank, rows, what_if, tuple(sentences))

    steps: list[Rescore] = []
    for k in range(1, min(settings.what_if_steps, len(gaps)) + 1):
        if k == 1:
            steps.append(gaps[0][5])
        else:
            steps.append(rescore(result, table, supplier, {g[2].key: g[3] for g in gaps[:k]}))
        sentences.append(
            what_if_sentence(
                supplier,
                [(g[2], g[3]) for g in gaps[:k]],
                (total, band, rank),
                steps[-1],
                result.config.aggregation,
            )
        )
    row_data = []
    for n, (worth, j, criterion, target, missing, outcome) in enumerate(gaps, start=1):
        cumulative = steps[n - 1] if n <= len(steps) else None
        row_data.append(
            {
                "Gap": n,
                "Criterion": criterion.label,
                "Category": CATEGORIES[criterion.category],
                "Today": "no data" if missing else format_value(result.raw.iloc[i, j], criterion),
                "Best in class": format_value(target, criterion),
                "Score today": np.nan if missing else float(result.scores[i, j]),
                "Best-in-class score": best[criterion.key].score,
                "Points worth": worth,
                "Total if closed": outcome.total,
                "Rank if closed": outcome.rank,
                "Cumulative total": cumulative.total if cumulative else np.nan,
                "Cumulative band": cumulative.band if cumulative else None,
                "Cumulative rank": cumulative.rank if cumulative else None,
            }
        )
    rows = pd.DataFrame(row_data, columns=GAP_COLUMNS)
    for column in ("Gap", "Rank if closed", "Cumulative rank"):
        rows[column] = pd.array(rows[column].tolist(), dtype="Int64")
    what_if = pd.DataFrame(
        {
            "Gaps closed": pd.array(range(1, len(steps) + 1), dtype="Int64"),
            "Criteria": [join_words([g[2].label for g in gaps[:k]]) for k in range(1, len(steps) + 1)],
            "Total": [s.total for s in steps],
            "Change": [s.total - total for s in steps],
            "Band": [s.band for s in steps],
            "Rank": pd.array([s.rank for s in steps], dtype="Int64"),
            "Other suppliers' scores move": ["Yes" if s.others_move else "No" for s in steps],
        },
        columns=WHAT_IF_COLUMNS,
    )
    missing_now = [g[2].label for g in gaps if g[4]]
    if missing_now:
        sentences.append(
            f"No data today on {join_words(missing_now)}: providing it at best-in-class level is worth the "
            "points shown."
        )
    return ImprovementPlan(supplier, status, total, band, rank, rows, what_if, tuple(sentences))
