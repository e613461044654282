"""The score tables a buyer reads: Ranking, Criteria (every value, its source, score, weight and
contribution) and Weights (the weight as set, the share as set, the share that counted)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from scorecard.config import CATEGORIES, MISSING_POLICIES, category_totals
from scorecard.report import ReportTable
from scorecard.score import ScoreResult
from scorecard.tables.status import handling_text, status_text

if TYPE_CHECKING:
    from scorecard.pipeline import CriterionSource

WEIGHTS_COLUMNS = [
    "Category",
    "Category weight (as set)",
    "Category share (as set)",
    "Category share that counted",
    "Criterion",
    "Column",
    "Unit",
    "Direction",
    "Scoring method",
    "Missing values",
    "Weight (as set)",
    "Share (as set)",
    "Share that counted",
    "Counted",
]


def ranking_frame(result: ScoreResult) -> pd.DataFrame:
    """One row per supplier, ranked first: the table a buyer reads first (the page, the CLI, the workbook)."""
    order = result.ranked_order
    table = pd.DataFrame(
        {
            "Rank": pd.array([result.rank_of(i) for i in order], dtype="Int64"),
            "Supplier": [result.suppliers[i] for i in order],
            "Score": [result.totals[i] for i in order],
            "Band": [result.bands[i].name if result.bands[i] else None for i in order],
            "Status": [status_text(result, i) for i in order],
        }
    )
    if result.is_topsis:  # what the band was read from (see `ScoreResult.weighted_scores`)
        table.insert(3, "Weighted score", result.performance[order])
    for k, key in enumerate(result.category_keys):
        table[CATEGORIES[key]] = result.category_scores[order, k]
    table["Missing values"] = result.missing[order][:, result.in_file].sum(axis=1)
    return table


def ranking_table(result: ScoreResult) -> ReportTable:
    """Rank, supplier, score, band, status and one column per category score."""
    frame = ranking_frame(result)
    categories = [CATEGORIES[k] for k in result.category_keys]
    return ReportTable(
        "Ranking",
        frame,
        formats=(
            ("Rank", "integer"),
            ("Score", "score"),
            *((("Weighted score", "score"),) if result.is_topsis else ()),
            ("Missing values", "integer"),
            *((c, "score") for c in categories),
        ),
        colour_scale=("Score", *categories),
    )


def criteria_frame(result: ScoreResult, sources: Mapping[str, CriterionSource] | None = None) -> pd.DataFrame:
    """One row per supplier and criterion: value, where from, unit, method, score, weight, contribution,
    and how a gap was handled, in the order the Criteria sheet shows them."""
    n, m = result.scores.shape
    criteria = result.criteria
    raw = result.raw.to_numpy(dtype=object)
    handled = np.full((n, m), "ok", dtype=object)
    for i, j in np.argwhere(result.missing):
        handled[i, j] = handling_text(result, i, j)
    columns = dict(result.columns)
    rows = result.source_rows or (None,) * n
    sources = sources or {}
    where = [
        source_cell(sources.get(c.key), result.sheet, rows[i], columns.get(c.key))
        for i in range(n)
        for c in criteria
    ]

    def each(texts: list[object]) -> np.ndarray:
        return np.tile(np.array(texts, dtype=object), n)

    return pd.DataFrame(
        {
            "Supplier": np.repeat(np.array(result.suppliers, dtype=object), m),
            "Category": each([CATEGORIES[c.category] for c in criteria]),
            "Criterion": each([c.label for c in criteria]),
            "Value": np.where(pd.isna(raw), None, raw).reshape(-1),
            "Source": where,
            "Unit": each([c.unit for c in criteria]),
            "Method": each([c.method.describe(c.direction, c.unit) for c in criteria]),
            "Score": result.scores.reshape(-1),
            "Weight": result.weights.reshape(-1),
            "Contribution": result.contributions.reshape(-1),
            "Data": handled.reshape(-1),
        }
    )


def criteria_report(result: ScoreResult, sources: Mapping[str, CriterionSource] | None = None) -> ReportTable:
    """Every supplier and criterion: the value read, where from, its score, weight and contribution."""
    frame = criteria_frame(result, sources)
    if result.is_topsis:
        intro = (
            "Total score = TOPSIS closeness x 100, not a sum of score x weight. The Contribution column "
            "apportions that total: each criterion's share of the supplier's weighted score (score x weight / "
            "the sum of score x weight over its criteria) x the TOPSIS total, so contributions add up to the "
            "total; it is not score x weight.",
        )
    else:
        intro = (
            "Total score = sum of contributions; contribution = criterion score x effective weight for that supplier.",
        )
    return ReportTable(
        "Criteria",
        frame,
        intro=intro,
        formats=(("Score", "score"), ("Weight", "percent"), ("Contribution", "score")),
        colour_scale=("Score",),
    )


def source_cell(
    source: CriterionSource | None, sheet: str | None, row: int | None, column: str | None
) -> str | None:
    """One value's source: the supplier-sheet cell it was read from, or the sheet that calculated it."""
    if source is not None and source.kind != "column":
        return source.describe()
    if row is None or column is None:
        return None
    if source is not None:
        return source.cell(sheet, row, column)
    return f'{sheet} / row {row} / "{column}"'


def counted_text(result: ScoreResult, j: int) -> str:
    """Whether a criterion counted, and if not why, in the buyer's words (Weights sheet and app)."""
    key = result.criteria[j].key
    if key in result.absent:
        return "left out: no column in the file (its weight shared within its category)"
    if key in result.left_out:
        return "left out: no supplier has data on it (its weight shared within its category)"
    if result.set_shares[j] == 0:
        return "weight 0: shown, not counted"
    return "counted"


def shares_by_criterion(result: ScoreResult) -> tuple[dict[str, float], dict[str, float]]:
    """The shares as set and the shares that counted, by criterion key, as the engine worked them out."""
    keys = [c.key for c in result.criteria]
    return (
        dict(zip(keys, result.set_shares.tolist(), strict=True)),
        dict(zip(keys, result.base_weights.tolist(), strict=True)),
    )


def weights_row(
    result: ScoreResult,
    j: int,
    set_shares: dict[str, float],
    set_categories: dict[str, float],
    counted: dict[str, float],
    counted_categories: dict[str, float],
) -> tuple[object, ...]:
    """One criterion's row of the Weights sheet."""
    c = result.criteria[j]
    category = result.config.category(c.category)
    return (
        category.label,
        category.weight,
        set_categories[category.key],
        counted_categories[category.key],
        c.label,
        c.column,
        c.unit,
        "higher is better" if c.direction == "higher" else "lower is better",
        c.method.describe(c.direction, c.unit),
        f"A supplier without data {MISSING_POLICIES[c.missing]}",
        c.weight,
        set_shares[c.key],
        counted[c.key],
        counted_text(result, j),
    )


def weights_table(result: ScoreResult) -> ReportTable:
    """Each criterion's weight as set, its share as set and the share that counted (after criteria
    with no column or no data were left out), with its method and missing-value policy in words."""
    categories = result.config.categories
    set_shares, counted = shares_by_criterion(result)
    set_categories = category_totals(categories, set_shares)
    counted_categories = category_totals(categories, counted)
    frame = pd.DataFrame(
        [
            weights_row(result, j, set_shares, set_categories, counted, counted_categories)
            for j in range(len(result.criteria))
        ],
        columns=WEIGHTS_COLUMNS,
    )
    intro = (
        "Weight (as set): the number in the settings. Share (as set): its part of the total before "
        "anything was left out. Share that counted: its part of the total in this scoring; a supplier "
        "whose value was left out (policy 'exclude') has its own shares, on the Criteria sheet (Weight).",
    )
    return ReportTable(
        "Weights",
        frame,
        intro=intro,
        formats=(
            ("Category share (as set)", "percent"),
            ("Category share that counted", "percent"),
            ("Share (as set)", "percent"),
            ("Share that counted", "percent"),
            ("Category weight (as set)", "number"),
            ("Weight (as set)", "number"),
        ),
    )
