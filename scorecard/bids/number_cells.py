"""A bid sheet's number and day cells read into float arrays, fast.

Cells that already hold numbers (as the reader hands them over: Python floats, ints and
None) are typed and converted as arrays, a chunk of cells at a time; only the other cells
(text such as "1.234,50 EUR", "No bid", "45 days") are cleaned, each distinct one once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from scorecard.bids.cells import PLAIN_NUMBER_TYPES, RUN_SAMPLE, distinct
from scorecard.clean import HintSource, ValueKind, clean_column
from scorecard.errors import Finding

NUMBER_TYPES = frozenset({float, int, np.float64, np.float32, np.int64, np.int32})
EVIDENCE_SAMPLE = 10_000  # typed numbers handed to the cleaner as evidence of a column's sizes
CHUNK = 16_384  # cells typed and converted together (benchmarks/README.md, "bids: fifth round")
NONE_TYPE = type(None)
TYPE_OF = np.frompyfunc(type, 1, 1)  # the Python type of every cell, without a Python loop
DAYS_TEXT = re.compile(
    r"(\d+(?:\.\d+)?)\s*(d|day|days|w|wk|wks|week|weeks|m|mo|month|months)?\b", re.IGNORECASE
)
DAYS_PER = {"w": 7, "wk": 7, "wks": 7, "week": 7, "weeks": 7, "m": 30, "mo": 30, "month": 30, "months": 30}


@dataclass(frozen=True)
class NumberCells:
    """A column read as numbers: NaN where blank or unreadable, and what was noticed."""

    values: np.ndarray  # float
    present: np.ndarray  # bool: the cell held something (a number or not)
    currency: str | None  # the currency the cells themselves were written in ("$12"), if any
    findings: tuple[Finding, ...]


def number_cells(
    cells: pd.Series, kind: ValueKind, *, sheet: str, column: str, decimal_hint: HintSource = None
) -> NumberCells:
    """Numbers (money, counts, days) from raw cells.

    Cells that already hold numbers are converted as a whole array; only the others (text such as
    "1.234,50 EUR", "n/a", yes/no) go through `clean_column`, so its findings name the real rows.
    `decimal_hint`: what the rest of the workbook shows about the decimal mark (`clean.decimal_evidence`),
    for text such as "1.250" that the column's own cells cannot settle; none by default.
    """
    if kind is ValueKind.PERCENT:
        # whether 0.05 means 5% depends on the whole column, which the cleaner decides
        cleaned = clean_column(cells, kind, sheet=sheet, column=column, decimal_hint=decimal_hint)
        values = pd.to_numeric(cleaned.values, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        return NumberCells(values, ~cleaned.missing.to_numpy(dtype=bool), None, tuple(cleaned.findings))
    if cells.dtype.kind in "fiu":
        values = cells.to_numpy(dtype=float, na_value=np.nan, copy=True)
        return NumberCells(values, ~np.isnan(values), None, ())
    raw = cells.to_numpy(dtype=object)
    # a column whose first cells already hold text ("No bid") skips the whole-column type check
    if pd.api.types.infer_dtype(raw[:RUN_SAMPLE], skipna=True) in PLAIN_NUMBER_TYPES:
        plain = plain_numbers(raw)
        if plain is not None:
            return NumberCells(plain, ~np.isnan(plain), None, ())
    values, is_number, blank = typed_numbers(raw)
    blank |= is_number & np.isnan(values)  # an empty number cell (NaN) is a blank, as pd.isna says
    is_number &= ~blank
    rest = ~is_number & ~blank
    # the typed prices' sizes tell the text cells' decimal mark ('4,500' among 3.5 and 4.2 is 4.5)
    typed = values[is_number][:EVIDENCE_SAMPLE]
    cleaned = clean_column(
        cells[rest], kind, sheet=sheet, column=column, decimal_hint=decimal_hint, column_numbers=typed
    )
    values[rest] = pd.to_numeric(cleaned.values, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    present = is_number.copy()
    present[rest] = ~cleaned.missing.to_numpy(dtype=bool)
    return NumberCells(values, present, cleaned.currency, tuple(cleaned.findings))


def number_typed(raw: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which cells hold a Python or numpy number (not a yes/no), and which of the others are blank.

    Each cell's type is read once: floats and None by an array comparison each (ints too when many), the
    few other cells one by one (blank: pd.NA, NaT). A float NaN is a number here; its value says empty.
    """
    types = TYPE_OF(raw)
    common = types == float  # noqa: E721 (each cell's type, element by element)
    blank = types == NONE_TYPE
    rest = np.flatnonzero(~common & ~blank)
    if 8 * len(rest) > len(raw):  # whole numbers too (not only a few texts): one more array comparison
        common |= types == int  # noqa: E721
        rest = np.flatnonzero(~common & ~blank)
    common[rest] = [type(raw[i]) in NUMBER_TYPES for i in rest]
    blank[rest] = pd.isna(raw[rest])
    return common, blank


def typed_numbers(raw: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The number cells' values (NaN elsewhere), which cells hold a number, and which are blank.

    A chunk of cells at a time (`number_typed`, then the conversion), so the conversion finds the
    cells still in the cache.
    """
    n = len(raw)
    values = np.full(n, np.nan)
    is_number = np.empty(n, dtype=bool)
    blank = np.empty(n, dtype=bool)
    for start in range(0, n, CHUNK):
        part = slice(start, start + CHUNK)
        is_number[part], blank[part] = number_typed(raw[part])
        np.copyto(values[part], raw[part], where=is_number[part], casting="unsafe")  # only the numbers
    return values, is_number, blank


def plain_numbers(raw: np.ndarray) -> np.ndarray | None:
    """The cells as floats (NaN where blank) when they hold only numbers and blanks; None otherwise.

    A chunk of cells at a time: its type check, then its conversion while its cells are still in the
    cache (a million cells lie far apart in memory; a second pass over the whole column would fetch
    each again). A chunk is a number chunk exactly when the whole column would be, so stopping at the
    first chunk that is not gives the whole column's answer.
    """
    values = np.empty(len(raw))
    for start in range(0, len(raw), CHUNK):
        part = raw[start : start + CHUNK]
        if pd.api.types.infer_dtype(part, skipna=True) not in PLAIN_NUMBER_TYPES:
            return None
        try:
            values[start : start + CHUNK] = part  # None becomes NaN
        except (TypeError, ValueError):  # pd.NA among the numbers: every cell is a number or blank
            values[start : start + CHUNK] = pd.to_numeric(
                pd.Series(part, copy=False), errors="coerce"
            ).to_numpy(dtype=float, na_value=np.nan)
    return values


def days_of(value: object) -> float:
    """Days from a lead-time or payment-terms cell: 45, '45 days', 'Net 60', '4 weeks' (7 days), '2 months' (30)."""
    if isinstance(value, bool) or value is None:
        return np.nan
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)
    match = DAYS_TEXT.search(str(value))
    if not match:
        return np.nan
    return float(match.group(1)) * DAYS_PER.get((match.group(2) or "d").casefold(), 1)


def days_cells(cells: pd.Series) -> tuple[np.ndarray, np.ndarray, pd.Series]:
    """Days per cell, whether the cell held anything, and the distinct texts that gave no number."""
    if cells.dtype.kind in "fiu":
        values = cells.to_numpy(dtype=float, na_value=np.nan, copy=True)
        return values, ~np.isnan(values), pd.Series([], dtype=object)
    plain = plain_numbers(cells.to_numpy(dtype=object))
    if plain is not None:  # days written as numbers (with blanks): nothing to parse
        return plain, ~np.isnan(plain), pd.Series([], dtype=object)
    codes, uniques = distinct(cells)
    unique_days = np.array([days_of(v) for v in uniques], dtype=float)
    blank = np.array([isinstance(v, str) and not v.strip() for v in uniques], dtype=bool)
    values = np.where(codes >= 0, unique_days[np.maximum(codes, 0)] if len(uniques) else np.nan, np.nan)
    present = (codes >= 0) & (~blank[np.maximum(codes, 0)] if len(uniques) else False)
    unreadable = uniques[np.isnan(unique_days) & ~blank]
    return values.astype(float), present, unreadable
