"""One scored table's cells and columns read and scored as the engine reads and scores them, one
change at a time: a what-if's new cell, a relative method's bar, a criterion's column with one cell
changed. What `whatif.WhatIfScorer` builds its exact what-ifs from.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from scorecard.config import Criterion
from scorecard.opportunities.bars import Bar, bar_sides
from scorecard.score import (
    RELATIVE_METHODS,
    CriterionValues,
    ScoreResult,
    answer_text,
    method_scores,
    read_values,
    usable_values,
)
from scorecard.score.engine import read_criteria
from scorecard.score.values import label_values, number_values
from scorecard.suppliers import SupplierTable

Memo = tuple[int, str, type, object]  # (supplier, criterion, the new value's type, the value)


class CriterionReader(dict[str, CriterionValues]):
    """Each criterion's values read as the engine read them, on first use: most what-ifs need only the
    result's own arrays, so a column is read only for a relative method's bar, a knock-out or a re-score.
    Starts from the values the engine read for the result (`ScoreResult.criterion_values`); any other
    is read from the table's typed form (`read_criteria`), as the engine reads it."""

    def __init__(self, result: ScoreResult, table: SupplierTable) -> None:
        super().__init__(result.criterion_values)
        self.criteria = {c.key: c for c in result.criteria}
        self.table = table

    def __missing__(self, key: str) -> CriterionValues:
        read = self[key] = read_criteria(self.table, (self.criteria[key],))[0][key]
        return read


class CellScorer:
    """Reads and scores one result's cells and columns, keeping what it worked out (per result)."""

    def __init__(self, result: ScoreResult, table: SupplierTable) -> None:
        self.result = result
        self.table = table
        self.values = CriterionReader(result, table)
        self.column_of = {c.key: j for j, c in enumerate(result.criteria)}
        self.cells: dict[tuple[str, type, object], CriterionValues] = {}
        self.loose: list[CriterionValues] = []
        self.points: dict[int, float] = {}  # a read cell's score, by the cell's id (kept in `cells`)
        self.bars: dict[str, Bar | None] = {}
        self.moved_columns: dict[Memo, np.ndarray] = {}  # see `moved_column`
        self.averages: dict[Memo, tuple[float, float]] = {}  # its new score, the blanks' new average

    def scored_cells(
        self, criterion: Criterion, rows: np.ndarray, cell: CriterionValues, points: float | None = None
    ) -> tuple[np.ndarray, float]:
        """Where the field's bar holds with each supplier's cell replaced, and the new cell's score against it
        (the same for every supplier: a cell's score depends only on the cell and the bar); `points`: that
        score when known (the cell's score today, where a ranked supplier holds it)."""
        holds = self.bar_holds(criterion, rows, cell)
        if points is None:
            points = self.cell_points(criterion, cell) if holds.any() else float("nan")
        return holds, points

    def bar_holds(self, criterion: Criterion, rows: np.ndarray, cell: CriterionValues) -> np.ndarray:
        """Where the field's bar stays as it is with each supplier's cell replaced (everywhere, for a
        method scoring each value on its own)."""
        if criterion.method.kind not in RELATIVE_METHODS:
            return np.ones(len(rows), dtype=bool)
        bar = self.bar(criterion.key)
        if bar is None:
            return np.zeros(len(rows), dtype=bool)
        old = self.values[criterion.key]
        counted, numbers = ~old.missing[rows], old.numbers[rows]
        holds = self.result.qualified[rows] & ~(counted & (bar.count == 1))  # nobody else left: it moves
        low = np.where(counted & (numbers == bar.lows[0]), bar.lows[1], bar.lows[0])
        high = np.where(counted & (numbers == bar.highs[0]), bar.highs[1], bar.highs[0])
        if not cell.missing[0]:
            low, high = np.minimum(low, float(cell.numbers[0])), np.maximum(high, float(cell.numbers[0]))
        reads_low, reads_high = bar_sides(criterion)
        if reads_low:
            holds &= low == bar.lows[0]
        if reads_high:
            holds &= high == bar.highs[0]
        return holds

    def bar(self, key: str) -> Bar | None:
        """A relative method's bar today: the qualified suppliers' lowest and highest usable values."""
        if key not in self.bars:
            values = self.values[key]
            self.bars[key] = Bar.of(values.numbers, self.result.qualified & ~values.missing)
        return self.bars[key]

    def cell_points(self, criterion: Criterion, cell: CriterionValues) -> float:
        """One cell scored by the engine's own formula (once per cell); a relative method's cell beside the
        bar's two ends, which (`scored_cells`) it does not pass."""
        known = self.points.get(id(cell))
        if known is not None:
            return known
        if criterion.method.kind not in RELATIVE_METHODS:
            points = float(method_scores(criterion, cell, np.ones(1, dtype=bool))[0][0])
        else:
            bar = self.bar(criterion.key)
            assert bar is not None  # scored_cells has checked
            trio = CriterionValues(
                np.array([cell.numbers[0], bar.lows[0], bar.highs[0]]),
                None,
                np.array([bool(cell.missing[0]), False, False]),
                np.zeros(3, dtype=bool),
            )
            points = float(method_scores(criterion, trio, np.ones(3, dtype=bool))[0][0])
        self.points[id(cell)] = points
        return points

    def moved_column(self, i: int, key: str, value: object) -> np.ndarray:
        """The criterion's score column with supplier i's cell set to `value`, worked out again in full (the
        change moves others' scores); kept, read-only, since a plan's steps close the same gap again."""
        try:
            memo = (i, key, type(value), value)
            hash(memo)
        except TypeError:
            memo = None
        if memo is not None and memo in self.moved_columns:
            return self.moved_columns[memo]
        j = self.column_of[key]
        if memo is not None and memo in self.averages:  # only its own score and the blanks' average move
            points, average = self.averages[memo]
            column = self.result.scores[:, j].copy()
            column[i] = points
            column[self.result.missing[:, j]] = average
        else:
            column = self.column_scores(self.result.criteria[j], self.values_with(key, i, value))
        column.setflags(write=False)
        if memo is not None:
            self.moved_columns[memo] = column
        return column

    def cell(self, key: str, value: object, holder: int | None) -> tuple[CriterionValues, float | None]:
        """`value` read as the engine reads it, and its score against today's bar when known: a value a
        ranked supplier holds today (at row `holder`, see `BestInClass.rows`) reads as it read in that
        supplier's row (each cell's reading is its own) and scores what it scored there; any other
        value is read on its own (`read_cell`) and scored when needed."""
        if holder is None:
            return self.read_cell(key, value), None
        j, today = self.column_of[key], self.values[key]
        at = slice(holder, holder + 1)
        rejected = None if today.rejected is None else today.rejected[at]
        labels = None if today.labels is None else today.labels[at]
        held = CriterionValues(today.numbers[at], labels, today.missing[at], today.invalid[at], rejected)
        return held, float(self.result.scores[holder, j])

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
        if criterion.method.kind == "categorical":  # its answer, as a column holding just this cell reads it
            cell = label_values(
                np.zeros(1, dtype=np.intp), np.array([answer_text(value)], dtype=object), criterion
            )
        elif type(value) in (float, np.float64):
            cell = number_values(np.array([value], dtype=float))  # what a column of numbers reads it as
        else:
            cell = read_values(pd.Series([value], dtype=object), criterion)
        read = usable_values(criterion, cell)[0]
        if cache_key is not None:
            self.cells[cache_key] = read
        else:
            self.loose.append(read)  # kept alive, so that its id stays its own in `points`
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
