"""Evaluation matrices: criteria in rows, one score column per supplier, a weight column, total rows.

This is how most buyers score an RFP in Excel: a `Weight` column (in % or
points), one column of 1-5 (or 0-10, 0-100) scores per vendor, often under a
merged "Vendor scores" cell, and `TOTAL` / `Weighted score` / `Rank` rows at
the bottom. `read_matrix` finds those parts in the raw grid; the rest of the
pipeline reads suppliers in rows, so `turned.supplier_sheet` turns the matrix
round, and `derive` builds settings from the sheet itself (its criteria, its
weights, its scale). The sheet's own total and rank rows are left out of the
criteria and checked against the weighted sum of the scores
(`matrix_totals.cross_check`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from scorecard.errors import Finding, Severity
from scorecard.layout.matrix_cells import (
    ITEM_WORDS,
    NOT_A_SUPPLIER,
    RANK_LABEL,
    SCALE_TEXT,
    SCALE_WORDS,
    SCORE_WORDS,
    SUPPLIER_WORDS,
    TOTAL_LABEL,
    WEIGHT_HEADER,
    evaluator_named,
    grid_of,
    headed_as_criteria,
    is_label,
    number,
    text_key,
)
from scorecard.layout.per_sheet import once_per_sheet
from scorecard.read import Sheet, column_letter

SEARCH_ROWS = 30  # the names row is among the sheet's first rows
CHECK_TOLERANCE = 0.005  # relative: a sheet's total rounded to two decimals still matches


@dataclass(frozen=True)
class MatrixCriterion:
    """One criterion row: its label, row, weight as typed, the section it sits under, one score per supplier."""

    label: str
    row: int
    weight: float | None
    section: str | None
    scores: tuple[float | None, ...]
    cells: tuple[object, ...]  # the score cells as typed, one per supplier


@dataclass(frozen=True)
class SummaryRow:
    """A row the sheet calculates itself: its TOTAL / Weighted score (kind "total") or its Rank row."""

    kind: str
    label: str
    row: int
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class Matrix:
    """An evaluation matrix as found on one sheet; rows are 1-based, columns 0-based (grid positions)."""

    sheet: str
    names_row: int
    label_column: int
    weight_column: int | None
    suppliers: tuple[str, ...]
    supplier_columns: tuple[int, ...]
    criteria: tuple[MatrixCriterion, ...]
    summaries: tuple[SummaryRow, ...]
    scale: tuple[float, float]
    scale_from: str  # "the sheet's text" or "the scores"
    evaluator: str | None = None
    weight_header: str = ""

    def finding(
        self,
        severity: Severity,
        message: str,
        action: str,
        row: int | None = None,
        supplier: int | None = None,
        value: float | None = None,
    ) -> Finding:
        """A finding about this matrix: its sheet, a row, and a supplier's cell (by the supplier's position,
        shown as its column letter) with the figure the sheet has there."""
        column = None if supplier is None else column_letter(self.supplier_columns[supplier])
        shown = None if value is None else f"{value:g}"
        return Finding(
            severity, message, sheet=self.sheet, row=row, column=column, value=shown, action=action
        )

    @property
    def most_points(self) -> float:
        """The most points the criteria give on the sheet: the weights' sum, or with multipliers
        (score x multiplier) the multipliers' sum times the top of the scale."""
        total = float(self.weights.sum())
        return total * self.scale[1] if re.search(r"multipl|factor", self.weight_header, re.I) else total

    @property
    def weights(self) -> np.ndarray:
        """The weights as typed; without a weight column every criterion counts the same."""
        typed = np.array([c.weight if c.weight is not None else 0.0 for c in self.criteria], dtype=float)
        if self.weight_column is None or not (typed > 0).any():
            return np.ones(len(self.criteria))  # said in a finding when the column is there but empty
        return np.clip(typed, 0, None)

    @property
    def scores(self) -> np.ndarray:
        """Criteria x suppliers, NaN where a supplier was not scored."""
        return np.array(
            [[math.nan if s is None else s for s in c.scores] for c in self.criteria], dtype=float
        ).reshape(len(self.criteria), len(self.suppliers))

    @property
    def weight_unit(self) -> str:
        total = float(self.weights.sum())
        if math.isclose(total, 100, rel_tol=0.01) or math.isclose(total, 1, rel_tol=0.01):
            return "%"
        return "points"

    def weighted_sums(self) -> np.ndarray:
        """Each supplier's sum of weight x score, blanks counting 0 (what a SUMPRODUCT row calculates)."""
        return np.nansum(self.weights[:, None] * self.scores, axis=0)

    def columns_text(self) -> str:
        first, last = self.supplier_columns[0], self.supplier_columns[-1]
        if last - first + 1 == len(self.supplier_columns):
            return f"columns {column_letter(first)}-{column_letter(last)}"
        return "columns " + ", ".join(column_letter(c) for c in self.supplier_columns)


MAX_ROWS = 400  # a sheet longer than this is a list or a bid sheet: never scanned cell by cell here


@once_per_sheet
def read_matrix(sheet: Sheet) -> Matrix | None:
    """The evaluation matrix on this sheet, or None when the sheet is not one (a Matrix is frozen: shared)."""
    if len(sheet.cells) > MAX_ROWS:
        return None
    grid = grid_of(sheet)
    for names_row in range(min(len(grid), SEARCH_ROWS)):
        found = matrix_at(sheet.name, grid, names_row)
        if found is not None:
            return found
    return None


def label_column_of(grid: list[list[object]], names_row: int) -> int | None:
    """The column of criterion labels: headed like one (in the names row or the row above), else the
    leftmost column whose cells below are mostly text."""
    for r in (names_row, names_row - 1):
        if r < 0:
            continue
        for c, value in enumerate(grid[r]):
            if headed_as_criteria(value):
                return c
    below = grid[names_row + 1 : names_row + 40]
    for c in range(len(grid[names_row])):
        texts = sum(is_label(row[c]) for row in below)
        if texts >= 2 and texts >= 0.5 * sum(row[c] is not None for row in below):
            return c
    return None


def header_text(grid: list[list[object]], names_row: int, c: int) -> object:
    """A column's header: the names row, else the row above (a header merged over two rows)."""
    value = grid[names_row][c]
    if value is None and names_row > 0:
        value = grid[names_row - 1][c]
    return value


def matrix_at(sheet: str, grid: list[list[object]], names_row: int) -> Matrix | None:
    """Read a matrix whose supplier names are in `names_row` (0-based), or None when it is not one."""
    header = grid[names_row]
    if sum(is_label(v) for v in header) < 2:
        return None
    label_column = label_column_of(grid, names_row)
    if label_column is None:
        return None
    if runs_down(header):
        return None  # suppliers (or items) run down a column: a supplier list, evaluations or a bid tab
    weight_column = weight_column_of(grid, names_row, label_column)
    label_header = header_text(grid, names_row, label_column)
    if not may_say_criteria(label_header, weight_column):
        return None  # whatever the rows below hold, says_criteria would say no: they are not read
    candidates = score_columns(header, label_column, weight_column)
    named = supplier_names(grid, names_row, candidates, label_column)
    rows = criterion_rows(grid[names_row + 1 :], names_row, label_column, weight_column, candidates)
    if named is None or rows is None:
        return None
    names, names_at = named
    supplier_columns, criteria, summaries = scored_columns(candidates, rows[0], rows[1])
    if len(supplier_columns) < 2 or len(criteria) < 2:
        return None
    if not says_criteria(label_header, weight_column, criteria, summaries):
        return None  # no word on the sheet says these rows are criteria: leave it to the other layouts
    scale, scale_from = find_scale(grid, criteria)
    return Matrix(
        sheet=sheet,
        names_row=names_at + 1,
        label_column=label_column,
        weight_column=weight_column,
        suppliers=tuple(str(names[c]) for c in supplier_columns),
        supplier_columns=tuple(supplier_columns),
        criteria=tuple(criteria),
        summaries=tuple(summaries),
        scale=scale,
        scale_from=scale_from,
        evaluator=evaluator_named(grid[: names_row + 1]),
        weight_header="" if weight_column is None else str(header_text(grid, names_row, weight_column)),
    )


def runs_down(header: list[object]) -> bool:
    """A header naming the supplier or the item (Supplier, Vendor, Item, Qty): things run down, not across."""
    keys = [text_key(v) for v in header if is_label(v)]
    return any(SUPPLIER_WORDS.match(k) or ITEM_WORDS.match(k) for k in keys)


def weight_column_of(grid: list[list[object]], names_row: int, label_column: int) -> int | None:
    """The column headed Weight (Weighting, Multiplier, Points available ...), if the matrix has one."""
    for c in range(len(grid[names_row])):
        text = header_text(grid, names_row, c)
        if c != label_column and is_label(text) and WEIGHT_HEADER.match(text_key(text)):
            return c
    return None


def score_columns(header: list[object], label_column: int, weight_column: int | None) -> list[int]:
    """Columns right of the criteria that may hold a supplier's scores: headed, and not a note or a total."""
    return [
        c
        for c in range(label_column + 1, len(header))
        if c != weight_column
        and is_label(header[c])
        and not NOT_A_SUPPLIER.match(text_key(header[c]))
        and not SUPPLIER_WORDS.match(text_key(header[c]))
    ]


def supplier_names(
    grid: list[list[object]], names_row: int, candidates: list[int], label_column: int
) -> tuple[dict[int, object], int] | None:
    """Each score column's supplier name and the row the names are in (0-based): the header itself, or,
    when every column is headed 'Score' under a vendor's (merged) name, the row above. None if unnamed."""
    header = grid[names_row]
    if not (candidates and names_row > 0 and all(SCORE_WORDS.match(text_key(header[c])) for c in candidates)):
        return {c: header[c] for c in candidates}, names_row
    names = {c: name_above(grid[names_row - 1], c, label_column) for c in candidates}
    if any(not is_label(n) for n in names.values()):
        return None
    return names, names_row - 1


def scored_columns(
    candidates: list[int], criteria: list[MatrixCriterion], summaries: list[SummaryRow]
) -> tuple[list[int], list[MatrixCriterion], list[SummaryRow]]:
    """The candidate columns that hold scores on most criteria rows (a supplier's), with the criteria and the
    sheet's own total rows cut down to those columns."""
    supplier_columns = [
        c
        for i, c in enumerate(candidates)
        if sum(k.scores[i] is not None for k in criteria) >= max(1, len(criteria) // 2)
    ]
    keep = [candidates.index(c) for c in supplier_columns]
    criteria = [
        MatrixCriterion(
            k.label,
            k.row,
            k.weight,
            k.section,
            tuple(k.scores[i] for i in keep),
            tuple(k.cells[i] for i in keep),
        )
        for k in criteria
    ]
    summaries = [SummaryRow(s.kind, s.label, s.row, tuple(s.values[i] for i in keep)) for s in summaries]
    return supplier_columns, criteria, summaries


def says_criteria(
    label_header: object,
    weight_column: int | None,
    criteria: list[MatrixCriterion],
    summaries: list[SummaryRow],
) -> bool:
    """Whether the sheet says its rows are criteria: a Criterion heading, or a weight column whose weights
    add up to 100% (or 1) or that comes with the sheet's own total rows."""
    if headed_as_criteria(label_header):
        return True
    weights = [k.weight for k in criteria if k.weight is not None]
    add_up = bool(weights) and any(math.isclose(sum(weights), total, rel_tol=0.02) for total in (1.0, 100.0))
    return weight_column is not None and (add_up or bool(summaries))


def may_say_criteria(label_header: object, weight_column: int | None) -> bool:
    """Whether says_criteria can say yes for some rows: only with a Criterion heading or a weight column.
    Asked before the rows are read (a supplier list's 30 candidate names rows each read 200 rows)."""
    return weight_column is not None or headed_as_criteria(label_header)


def name_above(row: list[object], column: int, label_column: int) -> object:
    """A vendor's name over its columns: the cell above, or (merged across the group) the nearest to its left."""
    for c in range(column, label_column, -1):
        if row[c] is not None:
            return row[c]
    return None


def criterion_rows(
    body: list[list[object]],
    names_row: int,
    label_column: int,
    weight_column: int | None,
    candidates: list[int],
) -> tuple[list[MatrixCriterion], list[SummaryRow], list[str]] | None:
    """Split the rows under the names into criteria, the sheet's own total/rank rows, and section headings."""
    criteria: list[MatrixCriterion] = []
    summaries: list[SummaryRow] = []
    sections: list[str] = []
    blank_run = 0
    for offset, row in enumerate(body):
        label = row[label_column]
        cells = tuple(row[c] for c in candidates)  # the score cells as typed, and as numbers
        values = tuple(map(number, cells))
        weight = number(row[weight_column]) if weight_column is not None else None
        if label is None and all(v is None for v in values) and weight is None:
            blank_run += 1
            if blank_run > 3 and criteria:
                break  # the matrix has ended; what follows is notes
            continue
        blank_run = 0
        found = matrix_row(
            label, names_row + 2 + offset, weight, (values, cells), sections[-1] if sections else None
        )
        if isinstance(found, SummaryRow):
            summaries.append(found)
        elif isinstance(found, MatrixCriterion):
            criteria.append(found)
        elif isinstance(found, str):
            sections.append(found)
    if not criteria:
        return None
    return criteria, summaries, sections


def matrix_row(
    label: object,
    row: int,
    weight: float | None,
    scores: tuple[tuple[float | None, ...], tuple[object, ...]],
    section: str | None,
) -> MatrixCriterion | SummaryRow | str | None:
    """One row under the names: the sheet's own total or rank row, a criterion, a section heading (its text,
    over the criteria below it), or None (a number or a date in the label column). `scores`: the row's
    scores as numbers, and its score cells as typed."""
    values, cells = scores
    if not is_label(label):
        return None
    key = text_key(label)
    if RANK_LABEL.match(key):
        return SummaryRow("rank", str(label), row, values)
    if TOTAL_LABEL.match(key):
        return SummaryRow("total", str(label), row, values)
    if all(v is None for v in values) and weight is None:
        return str(label)
    return MatrixCriterion(str(label), row, weight, section, values, cells)


def find_scale(grid: list[list[object]], criteria: list[MatrixCriterion]) -> tuple[tuple[float, float], str]:
    """The rating scale: stated on the sheet ('Scoring scale 1-5', 'Score (0-10)'), else read off the scores."""
    for row in grid[: SEARCH_ROWS + 40]:
        for value in row:
            if isinstance(value, str) and SCALE_WORDS.search(value):
                match = SCALE_TEXT.search(value)
                if match:
                    return (float(match.group(1)), float(match.group(2))), "the sheet's text"
    scores = [s for c in criteria for s in c.scores if s is not None]
    high = max(scores, default=5.0)
    low = min(scores, default=1.0)
    for top in (5.0, 10.0, 100.0):
        if high <= top:
            return (1.0 if top == 5.0 and low >= 1 else 0.0, top), "the scores"
    return (0.0, float(math.ceil(high))), "the scores"
