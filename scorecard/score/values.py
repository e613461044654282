"""Reading a cleaned column for scoring: numbers or labels, and which cells are unusable.

Nothing is guessed here: a cell that is neither a number nor a known label is flagged
invalid, and the criterion's missing-value policy decides what happens to it later.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from scorecard.answers import answer_codes
from scorecard.config import Criterion

NUMERIC_INFERENCE = ("floating", "integer", "mixed-integer-float", "decimal", "empty")  # no text, no booleans


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


def distinct_points(distinct: np.ndarray, criterion: Criterion) -> np.ndarray:
    """The points of each distinct answer (see `answer_codes`): NaN for a label outside the table."""
    lookup = {label.casefold(): points for label, points in criterion.method.points}
    return np.array(
        [np.nan if t is None else lookup.get(t.casefold(), np.nan) for t in distinct], dtype=float
    )


def label_values(
    codes: np.ndarray, distinct: np.ndarray, criterion: Criterion, with_labels: bool = True
) -> CriterionValues:
    """A categorical criterion read from its answers (see `answer_codes`): each label's points;
    a label outside the points table is flagged invalid, not guessed. The engine, which scores
    the points and never reads the labels back, asks for none (`with_labels=False`)."""
    points = distinct_points(distinct, criterion)
    valid = ~np.isnan(points)
    unreadable = np.array([t is not None for t in distinct], dtype=bool) & ~valid
    labels = np.where(valid, distinct, None)[codes] if with_labels else no_labels(len(codes))
    # answers outside the points table are rare: no per-cell pass when there are none
    invalid = unreadable[codes] if unreadable.any() else np.zeros(len(codes), dtype=bool)
    return CriterionValues(points[codes], labels, ~valid[codes], invalid)


@cache
def no_labels(n: int) -> np.ndarray:
    """The labels of a column of numbers: none (shared and read-only: it is the same for every such column)."""
    labels = np.full(n, None, dtype=object)
    labels.setflags(write=False)
    return labels


def number_values(numbers: np.ndarray) -> CriterionValues:
    """A column of floats read for scoring (see `number_rows`)."""
    return number_rows(numbers[np.newaxis, :])[0]


def number_rows(block: np.ndarray, blank: np.ndarray | None = None) -> list[CriterionValues]:
    """Columns of floats read for scoring, one row of `block` per criterion, in one pass over the block:
    infinities were there but are unusable; NaN is no data. `blank` (where the block is NaN) may be
    given for a block known to hold no infinities (see `SupplierTable.number_block`)."""
    labels = no_labels(block.shape[1])
    if blank is None and not np.isinf(block).any():
        blank = np.isnan(block)
    if blank is not None:  # the usual case: the numbers are the block itself, nothing unreadable
        invalid = np.zeros(block.shape, dtype=bool)
        return [CriterionValues(block[k], labels, blank[k], invalid[k]) for k in range(len(block))]
    present = ~np.isnan(block)
    valid = np.isfinite(block)
    numbers = np.where(valid, block, np.nan)
    missing = ~valid
    invalid = present & missing
    return [CriterionValues(numbers[k], labels, missing[k], invalid[k]) for k in range(len(block))]


def read_values(column: pd.Series, criterion: Criterion) -> CriterionValues:
    """Turn a cleaned column into numbers (or labels); anything else is flagged invalid, not guessed."""
    if criterion.method.kind == "categorical":
        return label_values(*answer_codes(column), criterion)
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
