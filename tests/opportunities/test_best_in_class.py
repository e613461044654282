"""Best in class read from the table's typed form equals the column-by-column reading it replaced.

`reference_best_in_class` is the function as it was (columns walked through pandas); the new one
must give exactly the same values: the same score, the same values in the same order, each of the
same type (numbers as numbers, texts as texts, booleans as booleans), on seeded random events with
blanks, unreadable cells, ties, booleans, texts with stray spaces, object and string columns.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import numpy as np
import pandas as pd
import pytest

from scorecard.opportunities.best import BestInClass, best_in_class, held_cells, held_numbers
from scorecard.opportunities.segments import EPS
from scorecard.score import score
from scorecard.suppliers import SupplierTable
from tests.opportunities.test_plans_reference import punched
from tests.opportunities.test_whatif import random_event


def reference_distinct_cells_at(column: pd.Series, rows: np.ndarray) -> list[Any]:
    if isinstance(column.dtype, np.dtype):
        return list(dict.fromkeys(column.to_numpy()[rows]))
    return list(dict.fromkeys(iter(pd.unique(column.array[rows]))))


def reference_best_in_class(result) -> dict[str, BestInClass]:
    """The function before it read the typed form (commit d142069), copied as it was."""
    usable = ~np.isnan(result.ranks)[:, None] & ~result.missing & ~np.isnan(result.scores)
    top = np.where(usable, result.scores, -np.inf).max(axis=0, initial=-np.inf)
    holding = usable & (result.scores >= top - EPS)
    best: dict[str, BestInClass] = {}
    for j, (criterion, (_, column)) in enumerate(zip(result.criteria, result.raw.items(), strict=True)):
        if not usable[:, j].any():
            continue
        values = reference_distinct_cells_at(column, np.flatnonzero(holding[:, j]))
        if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
            values.sort(reverse=criterion.direction == "higher")
        best[criterion.key] = BestInClass(float(top[j]), tuple(values))
    return best


def varied(table: SupplierTable, rng: np.random.Generator) -> SupplierTable:
    """The table with its columns held in the other forms a cleaned table can take: yes/no as booleans
    (Python's and numpy's), texts with stray spaces, texts as object or string columns, whole numbers
    as integers, numbers as objects."""
    frame = table.values.copy()
    for key in frame.columns:
        column = frame[key].to_numpy(dtype=object, copy=True)
        roll = rng.random()
        texts = np.array([isinstance(v, str) for v in column])
        if texts.any() and set(column[texts]) <= {"Yes", "No", "n/a"} and roll < 0.6:
            flags = np.array([v == "Yes" for v in column], dtype=object)
            flags[rng.random(len(column)) < 0.3] = np.True_  # numpy's own, equal to True
            column[texts & (column != "n/a")] = flags[texts & (column != "n/a")]
            frame[key] = pd.Series(column, index=frame.index, dtype=object)
        elif texts.any() and roll < 0.5:
            spaced = texts & (rng.random(len(column)) < 0.3)
            column[spaced] = [f" {v} " for v in column[spaced]]
            dtype = object if rng.random() < 0.5 else "str"
            frame[key] = pd.Series(column, index=frame.index, dtype=dtype)
        elif frame[key].dtype == np.float64 and not frame[key].isna().any() and roll < 0.5:
            frame[key] = np.round(frame[key].to_numpy()).astype(np.int64)
        elif frame[key].dtype == np.float64 and roll < 0.2:
            frame[key] = pd.Series(column, index=frame.index, dtype=object)
    return SupplierTable(frame, source_rows=table.source_rows, sheet=table.sheet)


def assert_same(new: dict[str, BestInClass], old: dict[str, BestInClass]) -> None:
    assert list(new) == list(old)
    for key in old:
        assert new[key].score == old[key].score, key
        assert len(new[key].values) == len(old[key].values), (key, new[key].values, old[key].values)
        for a, b in zip(new[key].values, old[key].values, strict=True):
            assert type(a) is type(b), (key, a, b)
            assert a == b or (a != a and b != b), (key, a, b)


@pytest.mark.parametrize("seed", range(24))
def test_best_in_class_equals_the_column_by_column_reading(seed: int) -> None:
    rng_size = np.random.default_rng(500 + seed)
    aggregation = "topsis" if seed % 4 == 3 else "weighted_sum"
    table, config, rng = random_event(500 + seed, int(rng_size.integers(2, 60)), aggregation)
    table = varied(punched(table, rng, share=float(rng.choice([0.0, 0.05, 0.2]))), rng)
    result = score(table, config)
    old = reference_best_in_class(result)
    assert_same(best_in_class(result, table), old)
    assert_same(best_in_class(result), old)  # without the table: one made from the result's values


def test_the_events_hold_every_kind_of_value() -> None:
    """The random events above reach every path: numbers, texts, booleans, ties and several values."""
    seen: set[str] = set()
    for seed in range(24):
        rng_size = np.random.default_rng(500 + seed)
        aggregation = "topsis" if seed % 4 == 3 else "weighted_sum"
        table, config, rng = random_event(500 + seed, int(rng_size.integers(2, 60)), aggregation)
        table = varied(punched(table, rng, share=float(rng.choice([0.0, 0.05, 0.2]))), rng)
        for found in reference_best_in_class(score(table, config)).values():
            seen |= {type(v).__name__ for v in found.values}
            if len(found.values) > 1:
                seen.add("several")
            if any(isinstance(v, str) and v != v.strip() for v in found.values):
                seen.add("spaced")
    assert {"float64", "int64", "str", "bool", "several", "spaced"} <= seen, seen


CELLS: list[Any] = [" Gold ", "Gold", "Silver", "", True, False, np.True_, None, np.nan, 1, 1.0, "n/a"]


@pytest.mark.parametrize("seed", range(40))
def test_held_cells_equal_the_distinct_cells_at_any_rows(seed: int) -> None:
    """Any rows, blanks included (best in class never asks for a blank one, the helper still answers
    right): texts, booleans, blanks of both kinds, numbers mixed with text, object or string columns."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 30))
    pool = CELLS if rng.random() < 0.5 else [" Gold ", "Gold", "Silver", None, np.nan]
    column = np.empty(n, dtype=object)
    column[:] = [pool[k] for k in rng.integers(len(pool), size=n)]
    text_only = all(v is None or v is np.nan or isinstance(v, str) for v in column)
    dtype = "str" if text_only and rng.random() < 0.5 else object
    names = pd.Index([f"S{i}" for i in range(n)])
    table = SupplierTable(pd.DataFrame({"tier": pd.Series(column, index=names, dtype=dtype)}))
    rows = np.flatnonzero(rng.random(n) < rng.random())
    old = reference_distinct_cells_at(table.values["tier"], rows)
    new = held_cells(table, "tier", rows)
    assert [type(v) for v in new] == [type(v) for v in old], (column, rows)
    assert all(a is b or a == b or (a != a and b != b) for a, b in zip(new, old, strict=True))
    # each cell's row: the first of the rows asked for holding an equal cell (the cell itself for NaN)
    cells = table.values["tier"].tolist()
    for cell, row in new.items():
        assert row == next(r for r in rows.tolist() if cells[r] is cell or cells[r] == cell), (cell, row)


@pytest.mark.parametrize("seed", range(30))
def test_held_numbers_equal_sorting_each_columns_distinct_cells(seed: int) -> None:
    """All float columns in one sort give what sorting each column's distinct cells gives: 0.0 and -0.0
    as one (the first held kept), repeats once, best first; a column holding a NaN is left out."""
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(1, 25)), int(rng.integers(1, 6))
    pool = np.array([0.0, -0.0, 1.5, 2.0, -3.0, 7.25, np.nan if rng.random() < 0.3 else 2.0])
    frame = pd.DataFrame(
        {f"c{k}": pool[rng.integers(len(pool), size=n)] for k in range(m)}, index=[f"S{i}" for i in range(n)]
    )
    frame["label"] = pd.Series(["x"] * n, index=frame.index, dtype=object)  # not a float column: not read
    table = SupplierTable(frame)
    criteria = [SimpleNamespace(key=key, direction=str(rng.choice(["higher", "lower"]))) for key in frame]
    holding = rng.random((n, m + 1)) < rng.random()
    numbers = held_numbers(SimpleNamespace(criteria=criteria), table, holding)
    for j, criterion in enumerate(criteria):
        cells = frame[criterion.key].to_numpy()[holding[:, j]]
        if criterion.key == "label" or np.isnan(cells.astype(float)).any():
            assert j not in numbers
            continue
        expected = list(dict.fromkeys(cells))
        expected.sort(reverse=criterion.direction == "higher")
        assert [(type(v), v, np.signbit(v)) for v in numbers[j]] == [
            (type(v), v, np.signbit(v)) for v in expected
        ], (cells, criterion.direction)
        # each number's row: the first holding row with that number (0.0 and -0.0 alike)
        column = frame[criterion.key].to_numpy()
        for number, row in numbers[j].items():
            assert row == next(r for r in np.flatnonzero(holding[:, j]) if column[r] == number)
