"""Best in class: per criterion, the best score a ranked supplier reaches and the values that reach it.

Read from the supplier table's typed form (its float block and each label column's answer
codes, worked out once per table) rather than column by column through pandas: the plans
step asks for it on every weight change, and through pandas it cost about one `score` call.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from scorecard.opportunities.segments import EPS
from scorecard.score import ScoreResult
from scorecard.suppliers import SupplierTable


@dataclass(frozen=True)
class BestInClass:
    """The best score any qualified supplier reaches on a criterion, and the values that reach it."""

    score: float
    values: tuple[Any, ...]  # distinct raw values scoring `score`, best first
    # for each value, the row of the first ranked supplier holding it: its score there is the value's
    # score against today's bar, which the plans' what-ifs then need not work out again
    rows: tuple[int, ...] = field(default=(), compare=False)

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
    numbers = held_numbers(result, table, holding)
    best: dict[str, BestInClass] = {}
    for j in np.flatnonzero(usable.any(axis=0)).tolist():
        criterion = result.criteria[j]
        held = numbers.get(j)
        if held is None:
            held = held_cells(table, criterion.key, np.flatnonzero(holding[:, j]))
            if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in held):
                # stable, as sorting the values alone: equal values keep their order
                held = dict(
                    sorted(held.items(), key=lambda item: item[0], reverse=criterion.direction == "higher")
                )
        best[criterion.key] = BestInClass(float(top[j]), tuple(held), tuple(held.values()))
    return best


def held_numbers(result: ScoreResult, table: SupplierTable, holding: np.ndarray) -> dict[int, dict[Any, int]]:
    """The float columns' distinct held numbers, best first, each with its first holder's row, all
    columns in one sort: what sorting each column's distinct cells gives (0.0 and -0.0 are one, the
    first held kept, as a dict keeps it). A column holding a NaN is left out (NaN has no place in a
    sort): the caller reads it cell by cell."""
    index, block, _ = table.number_block
    floats = table.float_columns
    columns = [j for j, c in enumerate(result.criteria) if c.key in floats and c.key in index]
    column, row = np.nonzero(holding[:, columns].T)  # by column, then row: first held first
    cells = block[np.array([index[result.criteria[j].key] for j in columns], dtype=int)[column], row]
    order = np.lexsort((cells, column))  # stable: equal numbers stay in row order
    column, cells, row = column[order], cells[order], row[order]
    first = np.ones(len(cells), dtype=bool)
    first[1:] = (column[1:] != column[:-1]) | (cells[1:] != cells[:-1])
    column, cells, row = column[first], cells[first], row[first]
    bounds = np.searchsorted(column, np.arange(len(columns) + 1)).tolist()
    with_nan = set(column[np.isnan(cells)].tolist())
    held, rows = list(cells), row.tolist()  # numpy scalars, as the column holds them; Python ints
    numbers: dict[int, dict[Any, int]] = {}
    for c, j in enumerate(columns):
        if c in with_nan:
            continue
        found = zip(held[bounds[c] : bounds[c + 1]], rows[bounds[c] : bounds[c + 1]], strict=True)
        numbers[j] = dict(reversed(list(found)) if result.criteria[j].direction == "higher" else found)
    return numbers


def held_cells(table: SupplierTable, key: str, rows: np.ndarray) -> dict[Any, int]:
    """The column's distinct cells at these rows, in order of first appearance, each as iterating the
    column gives it, with the row it first appears in. Only the first row of each answer code is read
    (a text column holds a handful of answers); the codes never join unequal cells, and the dict joins
    any equal ones they keep apart (a column of numbers and text has a code per row; empty cells share one)."""
    codes = table.answers(key)[0][rows]
    _, first = np.unique(codes, return_index=True)
    keep = np.zeros(len(rows), dtype=bool)
    keep[first] = True
    keep[codes < 0] = True  # empty cells (None, NaN) are told apart by value, not by their code
    found: dict[Any, int] = {}
    for cell, row in zip(list(table.cells(key)[rows[keep]]), rows[keep].tolist(), strict=True):
        found.setdefault(cell, row)  # the first of equal cells, as `dict.fromkeys` keeps it
    return found
