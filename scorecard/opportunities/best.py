"""Best in class: per criterion, the best score a ranked supplier reaches and the values that reach it.

Read from the supplier table's typed form (its float block and each label column's answer
codes, worked out once per table) rather than column by column through pandas: the plans
step asks for it on every weight change, and through pandas it cost about one `score` call.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from scorecard.opportunities.segments import EPS
from scorecard.score import ScoreResult
from scorecard.suppliers import SupplierTable


@dataclass(frozen=True)
class BestInClass:
    """The best score any qualified supplier reaches on a criterion, and the values that reach it."""

    score: float
    values: tuple[Any, ...]  # distinct raw values scoring `score`, best first

    @property
    def value(self) -> Any:
        return self.values[0]

    @cached_property
    def numbers(self) -> np.ndarray | None:
        """The values as floats when every one is a number (a plan then aims at the nearest), else None."""
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in self.values):
            return None
        return np.array([float(v) for v in self.values])


def best_in_class(result: ScoreResult, table: SupplierTable | None = None) -> dict[str, BestInClass]:
    """Per criterion, the best qualified supplier's score and value(s); criteria nobody has data on are absent.

    `table` is the table `result` was scored from (its typed form is worked out once per table);
    without it, one is made from `result.raw`.
    """
    table = SupplierTable(result.raw) if table is None else table
    usable = ~np.isnan(result.ranks)[:, None] & ~result.missing & ~np.isnan(result.scores)
    top = np.where(usable, result.scores, -np.inf).max(axis=0, initial=-np.inf)  # every column at once
    holding = usable & (result.scores >= top - EPS)
    index, block, _ = table.number_block
    floats = {
        key for key, dtype in result.raw.dtypes.items() if isinstance(dtype, np.dtype) and dtype == np.float64
    }
    best: dict[str, BestInClass] = {}
    for j, criterion in enumerate(result.criteria):
        if not usable[:, j].any():
            continue
        rows = np.flatnonzero(holding[:, j])
        if criterion.key in floats:  # the float block holds the column's own numbers, bit for bit
            values = list(dict.fromkeys(block[index[criterion.key], rows]))
        else:
            values = held_cells(table, criterion.key, rows)
        if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
            values.sort(reverse=criterion.direction == "higher")
        best[criterion.key] = BestInClass(float(top[j]), tuple(values))
    return best


def held_cells(table: SupplierTable, key: str, rows: np.ndarray) -> list[Any]:
    """The column's distinct cells at these rows, in order of first appearance, each as iterating the
    column gives it. Only the first row of each answer code is read (a text column holds a handful of
    answers); the codes never join unequal cells, and `dict.fromkeys` joins any equal ones they keep
    apart (a column of numbers and text has a code per row; empty cells share one)."""
    codes = table.answers(key)[0][rows]
    _, first = np.unique(codes, return_index=True)
    keep = np.zeros(len(rows), dtype=bool)
    keep[first] = True
    keep[codes < 0] = True  # empty cells (None, NaN) are told apart by value, not by their code
    return list(dict.fromkeys(cells_at(table.values[key], rows[keep])))


def cells_at(column: pd.Series, rows: np.ndarray) -> list[Any]:
    """The column's cells at these positions as iterating it gives them (the array's own scalars,
    or an extension array's items), without pandas' cost per cell."""
    if isinstance(column.dtype, np.dtype):
        return list(column.to_numpy()[rows])
    return list(column.array[rows])
