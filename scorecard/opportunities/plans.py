"""Joint improvement plans: a supplier's largest gaps to best in class and what closing them is worth.

Every number here is a re-score of the table with the supplier's values
changed, so what-ifs are exact: with relative methods (min-max, ratio to best)
or TOPSIS, moving one supplier moves others too, and the re-score includes
that. `WhatIfScorer` does those re-scores in batches: a change touches only its
own criteria's columns, so it re-reads and re-scores just those columns with the
engine's own functions and sums every variant's totals in one numpy pass (the
same sums, in the same order, as `score.score`); a change that could alter who
is qualified (a knock-out's criterion, a required value) is scored in full.
A plan names only its own supplier: gaps are stated against "best in class",
never against who holds it, so it can be shared with that supplier.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from scorecard.config import CATEGORIES, Criterion, Knockout
from scorecard.opportunities.rules import BestInClass
from scorecard.opportunities.segments import EPS
from scorecard.opportunities.settings import PlanSettings
from scorecard.opportunities.text import format_value, join_words, lower_first, ordinal
from scorecard.score import (
    CriterionValues,
    ScoreResult,
    answer_text,
    bands_for,
    competition_ranks,
    knockout_reasons,
    method_scores,
    read_values,
    score,
    topsis_compares,
    topsis_totals,
    usable_values,
)
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


class WhatIfScorer:
    """Exact what-ifs for one scored table, many at a time (see the module's docstring).

    Built once per result: it reads every criterion's values as the engine did
    and works out who gets no total for missing required data, which no
    what-if on the fast path can change.
    """

    def __init__(self, result: ScoreResult, table: SupplierTable) -> None:
        self.result = result
        self.table = table
        config = result.config
        self.values: dict[str, CriterionValues] = {
            c.key: usable_values(c, read_values(table.values[c.key], c))[0] for c in result.criteria
        }
        base = config.effective_weights()
        knockouts = config.knockouts if config.knockouts_enabled else ()
        _, for_missing, failed = knockout_reasons(knockouts, config, table.values, self.values)
        for c in result.criteria:
            if c.missing == "disqualify" and base[c.key] > 0:
                for_missing = for_missing | self.values[c.key].missing
        self.no_total = for_missing & ~failed
        self.knockouts = knockouts
        self.knocked_out_on = {rule.criterion for rule in knockouts}
        self.cells: dict[tuple[str, type, object], CriterionValues] = {}
        self.required = {c.key for c in result.criteria if c.missing == "disqualify" and base[c.key] > 0}
        self.column_of = {c.key: j for j, c in enumerate(result.criteria)}
        self.raw = result.raw.to_numpy(dtype=object)  # cells as read, for the plans' "today" values

    def rescore_many(self, supplier: str, variants: Sequence[Mapping[str, object]]) -> list[Rescore]:
        """Each variant's outcome: the supplier's values changed as it says, everyone else's as they are."""
        i = self.result.index_of(supplier)
        patched: list[dict[int, np.ndarray] | None] = [self.columns(i, changes) for changes in variants]
        fast = [k for k, columns in enumerate(patched) if columns is not None]
        outcomes: list[Rescore | None] = [None] * len(variants)
        if fast:
            for k, outcome in zip(fast, self.aggregate(i, [patched[k] for k in fast]), strict=True):
                outcomes[k] = outcome
        return [
            outcome if outcome is not None else rescore(self.result, self.table, supplier, variants[k])
            for k, outcome in enumerate(outcomes)
        ]

    def columns(self, i: int, changes: Mapping[str, object]) -> dict[int, np.ndarray] | None:
        """The changed criteria's new score columns; None when the change could alter who qualifies, or
        when the totals come from raw values (textbook TOPSIS), which the batch does not re-read."""
        if self.result.config.aggregation == "topsis_classic":
            return None
        found: dict[int, np.ndarray] = {}
        for key, value in changes.items():
            if key not in self.column_of:
                return None
            criterion = self.result.criteria[self.column_of[key]]
            v = self.values_with(key, i, value)
            if key in self.required and (v.missing[i] or self.values[key].missing[i]):
                return None  # a required value appears or disappears: qualification changes
            if key in self.knocked_out_on and not self.same_knockouts(key, i, value, v):
                return None
            found[self.column_of[key]] = self.column_scores(criterion, v)
        return found

    def read_cell(self, key: str, value: object) -> CriterionValues:
        """One cell read as the engine reads a column (cell by cell: each cell's reading is its own)."""
        try:
            cache_key = (key, type(value), value)
            hash(cache_key)
        except TypeError:
            cache_key = None
        if cache_key is not None and cache_key in self.cells:
            return self.cells[cache_key]
        criterion = self.result.criteria[self.column_of[key]]
        cell = pd.Series([value], dtype=object)
        read = usable_values(criterion, read_values(cell, criterion))[0]
        if cache_key is not None:
            self.cells[cache_key] = read
        return read

    def values_with(self, key: str, i: int, value: object) -> CriterionValues:
        """The criterion's values with supplier i's cell replaced."""
        old, cell = self.values[key], self.read_cell(key, value)
        numbers, missing, invalid = old.numbers.copy(), old.missing.copy(), old.invalid.copy()
        numbers[i], missing[i], invalid[i] = cell.numbers[0], cell.missing[0], cell.invalid[0]
        labels = old.labels
        if labels is not None or cell.labels is not None:
            labels = np.array(old.labels if old.labels is not None else [None] * len(numbers), dtype=object)
            labels[i] = cell.labels[0] if cell.labels is not None else None
        rejected = None
        if old.rejected is not None or cell.rejected is not None:
            rejected = old.rejected.copy() if old.rejected is not None else np.zeros(len(numbers), dtype=bool)
            rejected[i] = bool(cell.rejected[0]) if cell.rejected is not None else False
            if not rejected.any():
                rejected = None
        return CriterionValues(numbers, labels, missing, invalid, rejected)

    def same_knockouts(self, key: str, i: int, value: object, v: CriterionValues) -> bool:
        """Whether every knock-out on this criterion treats supplier i's new value as it did the old one."""
        old_value, old = self.table.values[key].iloc[i], self.values[key]
        for rule in self.knockouts:
            if rule.criterion != key:
                continue
            if rule.must_be:
                allowed = {x.casefold() for x in rule.must_be}
                outcomes = []
                for text in (answer_text(old_value), answer_text(value)):
                    outcomes.append((text is None, text is not None and text.casefold() not in allowed))
                if outcomes[0] != outcomes[1]:
                    return False
                continue
            before = (bool(old.missing[i]), bool(self.fails(rule, old, i)))
            after = (bool(v.missing[i]), bool(self.fails(rule, v, i)))
            if before != after:
                return False
        return True

    @staticmethod
    def fails(rule: Knockout, v: CriterionValues, i: int) -> bool:
        if v.missing[i]:
            return False
        number = v.numbers[i]
        return bool(number < rule.at_least) if rule.at_least is not None else bool(number > rule.at_most)

    def column_scores(self, criterion: Criterion, v: CriterionValues) -> np.ndarray:
        """One criterion's score column as `score.score` builds it, missing-value policy included."""
        qualified = self.result.qualified
        col_missing = v.missing
        if col_missing.all() and criterion.missing != "disqualify":
            return np.full(len(col_missing), np.nan)  # nobody has data: the criterion is left out
        column, _ = method_scores(criterion, v, qualified)
        if criterion.missing == "worst":
            column = np.where(col_missing, 0.0, column)
        elif criterion.missing == "neutral":
            pool = column[qualified & ~col_missing]
            if pool.size:
                column = np.where(col_missing, pool.mean(), column)
        return np.where(col_missing & (criterion.missing in ("exclude", "disqualify")), np.nan, column)

    def aggregate(self, i: int, patches: list[dict[int, np.ndarray]]) -> list[Rescore]:
        """Totals, ranks and bands of every variant at once: the engine's aggregation on a stack of tables."""
        result = self.result
        scores = np.repeat(result.scores[None, :, :], len(patches), axis=0)
        for k, columns in enumerate(patches):
            for j, column in columns.items():
                scores[k, :, j] = column
        base_weights = result.base_weights
        used = ~np.isnan(scores)
        weights = np.where(used & ~self.no_total[None, :, None], base_weights, 0.0)
        row_sums = weights.sum(axis=2, keepdims=True)
        scored = row_sums[:, :, 0] > 0
        weights = np.divide(weights, row_sums, out=np.zeros_like(weights), where=row_sums > 0)
        weighted = weights * np.nan_to_num(scores)
        reference = result.qualified[None, :] & scored
        totals = weighted.sum(axis=2)
        # bands read the weighted score under every aggregation (see ScoreResult.performance)
        performance = np.where(scored, np.clip(totals, 0.0, 100.0), np.nan)
        if result.config.aggregation == "topsis":
            for k in range(len(patches)):
                if topsis_compares(scores[k], base_weights, reference[k]):
                    totals[k] = topsis_totals(scores[k], weights[k], reference[k])
        totals = np.where(scored, np.clip(totals, 0.0, 100.0), np.nan)
        others = np.arange(len(result.suppliers)) != i
        before = result.totals[None, others]
        after = totals[:, others]  # did anyone else's total move (or appear, or go)? as `rescore` asks it
        moved_all = np.any(np.isnan(before) != np.isnan(after), axis=1) | np.any(
            np.abs(np.nan_to_num(before) - np.nan_to_num(after)) > 1e-9, axis=1
        )
        outcomes = []
        for k in range(len(patches)):
            rankable = reference[k]
            ranks = competition_ranks(totals[k], rankable)
            moved = bool(moved_all[k])
            band = bands_for(np.array([performance[k, i] if rankable[i] else np.nan]), result.config.bands)[0]
            rank = None if np.isnan(ranks[i]) else int(ranks[i])
            outcomes.append(Rescore(float(totals[k, i]), band.name if band else None, rank, moved))
        return outcomes


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


@cache
def empty_frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    return typed_empty(GAP_COLUMNS), typed_empty(WHAT_IF_COLUMNS)


def empty_plan_frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    """A plan's empty tables, typed (built once; each plan gets its own copy)."""
    gaps, what_if = empty_frames()
    return gaps.copy(), what_if.copy()


def improvement_plan(
    result: ScoreResult,
    table: SupplierTable,
    supplier: str,
    best: Mapping[str, BestInClass],
    settings: PlanSettings,
    scorer: WhatIfScorer | None = None,
) -> ImprovementPlan:
    """The supplier's largest gaps to best in class, each worth an exact number of points, and the what-ifs.

    Pass one `scorer` for all suppliers of a result to read the table once.
    """
    i = result.index_of(supplier)
    rank = result.rank_of(i)
    band = result.bands[i].name if result.bands[i] else None
    total = float(result.totals[i])
    status = result.status(i)
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
        return ImprovementPlan(supplier, status, total, band, None, *empty_plan_frames(), (sentence,))

    ranked_count = int((~np.isnan(result.ranks)).sum())
    sentences = [
        f"{supplier} scores {total:.1f} points today: {band} band, {ordinal(rank)} of {ranked_count} ranked "
        "suppliers. Best in class is the best value among the qualified suppliers in this evaluation."
    ]
    scorer = scorer or WhatIfScorer(result, table)
    candidates = []
    for j, criterion in enumerate(result.criteria):
        found = best.get(criterion.key)
        if found is None or result.base_weights[j] <= 0:
            continue
        missing = bool(result.missing[i, j])
        current_score = result.scores[i, j]
        if not missing and current_score >= found.score - EPS:
            continue
        target = target_value(found, scorer.raw[i, j], missing)
        # With a weighted sum, a present value moved to best in class adds exactly weight x score gap to the
        # supplier's own total (its weights do not change), so this picks the largest gaps without re-scoring
        # them all. A value left out today ("exclude") would re-weight the row, so it is always re-scored.
        estimate = result.weights[i, j] * (found.score - np.nan_to_num(current_score))
        exact = result.config.aggregation == "weighted_sum" and not np.isnan(current_score)
        candidates.append((round(estimate, 9), j, criterion, target, missing, exact))
    candidates.sort(key=lambda c: (-c[0], c[1]))
    estimated = [c for c in candidates if c[5]][: settings.max_gaps]
    candidates = estimated + [c for c in candidates if not c[5]]

    singles = scorer.rescore_many(supplier, [{c[2].key: c[3]} for c in candidates])
    gaps = []
    for (_, j, criterion, target, missing, _), outcome in zip(candidates, singles, strict=True):
        worth = outcome.total - total
        if worth > EPS:
            gaps.append((worth, j, criterion, target, missing, outcome))
    gaps.sort(key=lambda g: (-round(g[0], 9), g[1]))
    gaps = gaps[: settings.max_gaps]
    if not gaps:
        sentences.append(f"{supplier} matches best in class on every criterion that counts: no gap to close.")
        return ImprovementPlan(supplier, status, total, band, rank, *empty_plan_frames(), tuple(sentences))

    count = min(settings.what_if_steps, len(gaps))
    together = [{g[2].key: g[3] for g in gaps[:k]} for k in range(2, count + 1)]
    steps: list[Rescore] = [gaps[0][5], *scorer.rescore_many(supplier, together)][:count]
    for k in range(1, count + 1):
        sentences.append(
            what_if_sentence(
                supplier,
                [(g[2], g[3]) for g in gaps[:k]],
                (total, band, rank),
                steps[k - 1],
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
                "Today": "no data" if missing else format_value(scorer.raw[i, j], criterion),
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
