"""Reading a cleaned column for scoring: numbers or labels, and which cells are unusable.

Nothing is guessed here: a cell that is neither a number nor a known label is flagged
invalid, and the criterion's missing-value policy decides what happens to it later.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from scorecard.config import Criterion

NUMERIC_INFERENCE = ("floating", "integer", "mixed-integer-float", "decimal", "empty")  # no text, no booleans
TEXT_KINDS = frozenset({str, bool, np.bool_})  # labels safe to group by value (True and 1 hash alike)


@dataclass(frozen=True)
class CriterionValues:
    """One criterion's values read for scoring: numbers or labels, and which are unusable."""

    numbers: np.ndarray  # float, NaN where missing or text
    labels: np.ndarray  # object: cleaned labels for categorical criteria, else None
    missing: np.ndarray  # bool: no usable value (blank, or invalid)
    invalid: np.ndarray  # bool: a value was there but could not be used
    rejected: np.ndarray | None = None  # bool: a number outside the method's domain (e.g. a price of 0)


def boolean_cells(objects: np.ndarray) -> np.ndarray:
    """True where a cell holds a true/false value (the clean stage's Yes/No), not a number or text."""
    if pd.api.types.infer_dtype(objects, skipna=True) in NUMERIC_INFERENCE:
        return np.zeros(len(objects), dtype=bool)
    return np.array([type(v) is bool or type(v) is np.bool_ for v in objects], dtype=bool)


def answer_text(value: object) -> str | None:
    """A cell as the buyer typed it, trimmed: 'Yes'/'No' for booleans, None for an empty cell.

    This is the text a label is matched on (categorical points, must-be knock-outs), so a
    Yes/No column cleaned to booleans still matches the labels the buyer wrote.
    """
    kind = type(value)
    if kind is str:
        return value.strip() or None  # type: ignore[union-attr]
    if kind is bool or kind is np.bool_:
        return "Yes" if value else "No"
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (float, np.floating)) and value != value:  # NaN, also numpy's own
        return None
    return str(value).strip() or None


def answer_codes(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """The column's answers as (codes, distinct texts): `distinct[codes]` is `answer_text` of every cell.

    Worked out once per distinct value (a text column of 10,000 suppliers holds a
    handful of answers); an empty cell has the last code. A column mixing booleans or
    text with numbers goes cell by cell, since True and 1 would group together.
    """
    codes, uniques = pd.factorize(column.array)
    kinds = {type(u) for u in uniques}
    if kinds <= TEXT_KINDS:
        distinct = np.empty(len(uniques) + 1, dtype=object)  # the last slot is for empty cells (code -1)
        distinct[:-1] = [answer_text(u) for u in uniques]
        return codes, distinct
    distinct = np.empty(len(column) + 1, dtype=object)
    distinct[:-1] = [answer_text(v) for v in column.to_numpy(dtype=object)]
    return np.arange(len(column)), distinct


def answer_texts(column: pd.Series) -> np.ndarray:
    """`answer_text` for every cell of a column, as an object array (see `answer_codes`)."""
    codes, distinct = answer_codes(column)
    return distinct[codes]


def is_present(column: pd.Series) -> np.ndarray:
    """True where a cell holds something (not None/NaN/blank text)."""
    if column.dtype.kind in "fiu":
        return ~np.isnan(column.to_numpy(dtype=float, na_value=np.nan))
    objects = column.to_numpy(dtype=object)
    present = ~pd.isna(objects)
    if pd.api.types.infer_dtype(objects, skipna=True) in NUMERIC_INFERENCE:
        return present
    codes, uniques = pd.factorize(objects)
    blank = np.append(np.array([type(u) is str and not u.strip() for u in uniques], dtype=bool), False)
    return present & ~blank[codes]


def label_points(column: pd.Series, criterion: Criterion) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A categorical column as (codes, distinct labels as typed, their points): NaN points for a label
    outside the table. Worked out per distinct answer; `distinct[codes]` gives every cell."""
    lookup = {label.casefold(): points for label, points in criterion.method.points}
    codes, distinct = answer_codes(column)
    points = np.array(
        [np.nan if t is None else lookup.get(t.casefold(), np.nan) for t in distinct], dtype=float
    )
    return codes, distinct, points


@cache
def no_labels(n: int) -> np.ndarray:
    """The labels of a column of numbers: none (shared and read-only: it is the same for every such column)."""
    labels = np.full(n, None, dtype=object)
    labels.setflags(write=False)
    return labels


def number_values(numbers: np.ndarray) -> CriterionValues:
    """A column of floats read for scoring (see `number_rows`)."""
    return number_rows(numbers[np.newaxis, :])[0]


def number_rows(block: np.ndarray) -> list[CriterionValues]:
    """Columns of floats read for scoring, one row of `block` per criterion, in one pass over the block:
    infinities were there but are unusable; NaN is no data."""
    present = ~np.isnan(block)
    valid = np.isfinite(block)
    numbers = np.where(valid, block, np.nan)
    missing = ~valid
    invalid = present & missing
    labels = no_labels(block.shape[1])
    return [CriterionValues(numbers[k], labels, missing[k], invalid[k]) for k in range(len(block))]


def read_values(column: pd.Series, criterion: Criterion) -> CriterionValues:
    """Turn a cleaned column into numbers (or labels); anything else is flagged invalid, not guessed."""
    if criterion.method.kind == "categorical":
        codes, distinct, points = label_points(column, criterion)
        present = np.array([t is not None for t in distinct], dtype=bool)[codes]
        valid = ~np.isnan(points)
        labels = np.where(valid, distinct, None)[codes]
        return CriterionValues(points[codes], labels, ~valid[codes], present & ~valid[codes])
    if column.dtype.kind in "fiu":
        return number_values(column.to_numpy(dtype=float, na_value=np.nan))
    objects = column.to_numpy(dtype=object)
    numbers = pd.to_numeric(pd.Series(objects, dtype=object), errors="coerce").to_numpy(
        dtype=float, na_value=np.nan, copy=True
    )
    numbers[boolean_cells(objects)] = np.nan
    numbers = np.where(np.isfinite(numbers), numbers, np.nan)
    valid = ~np.isnan(numbers)
    return CriterionValues(numbers, no_labels(len(column)), ~valid, is_present(column) & ~valid)
