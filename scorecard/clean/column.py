"""The entry point: one column's raw cells read as one kind of value, with its change log."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from pandas.api.types import (
    is_datetime64_any_dtype,
)

from scorecard.clean.cells import split_cells
from scorecard.clean.change_log import ChangeLog
from scorecard.clean.dates import clean_date
from scorecard.clean.decimal_marks import HintSource
from scorecard.clean.kinds import QUANTITY_KINDS, ValueKind
from scorecard.clean.quantity import clean_quantity
from scorecard.clean.text import clean_text
from scorecard.clean.yes_no import clean_yes_no
from scorecard.errors import Finding


@dataclass(frozen=True)
class CleanColumn:
    """One cleaned column: typed values, where data was missing or unreadable, and what was done.

    `missing` and `invalid` never overlap, and a cell has no value exactly where
    one of them is True, so `values.isna() == missing | invalid`.
    """

    values: pd.Series
    missing: pd.Series
    invalid: pd.Series
    currency: str | None
    findings: tuple[Finding, ...]


def clean_column(
    cells: pd.Series,
    kind: ValueKind,
    *,
    sheet: str | None = None,
    column: str | None = None,
    decimal_hint: HintSource = None,
    column_numbers: np.ndarray | None = None,
) -> CleanColumn:
    """Read one column's raw cells as `kind`, recording every coercion as a Finding.

    `cells`' index holds the 1-based spreadsheet row numbers; findings use them.
    Values: float64 for NUMBER/MONEY/PERCENT (NaN = no value), object text for
    YES_NO/TEXT/IDENTIFIER (None = no value), datetime64[us] for DATE (NaT).
    `decimal_hint`: the decimal mark the rest of the workbook shows (`decimal_evidence`: the hint, or a
    function that looks it up when first asked), evidence for a number column whose own cells cannot
    tell a thousands separator from a decimal mark.
    `column_numbers`: numbers typed in the same column that the caller read without this function (a bid
    sheet's typed prices); their sizes are evidence for the decimal mark as the column's own would be.
    """
    kind = ValueKind(kind)
    index = cells.index
    if kind is ValueKind.DATE and is_datetime64_any_dtype(cells.dtype):
        stamps = cells.dt.tz_convert(None) if getattr(cells.dt, "tz", None) is not None else cells
        values = stamps.to_numpy(dtype="datetime64[us]")
        blank = np.isnat(values)
        missing, invalid, currency = blank, np.zeros(blank.size, dtype=bool), None
        findings: tuple[Finding, ...] = ()
    else:
        parts = split_cells(cells)
        log = ChangeLog(parts, index, sheet, column)
        currency = None
        if kind in QUANTITY_KINDS:
            values, missing, invalid, currency = clean_quantity(
                parts, kind, log, decimal_hint, column_numbers
            )
        elif kind is ValueKind.YES_NO:
            values, missing, invalid = clean_yes_no(parts, log)
        elif kind is ValueKind.DATE:
            values, missing, invalid = clean_date(parts, log)
        else:
            values, missing, invalid = clean_text(parts, log, kind)
        findings = log.ordered()
    dtype = values.dtype
    return CleanColumn(
        values=pd.Series(values, index=index, name=cells.name, dtype=dtype, copy=False),
        missing=pd.Series(missing, index=index, name=cells.name, dtype=bool),
        invalid=pd.Series(invalid, index=index, name=cells.name, dtype=bool),
        currency=currency,
        findings=findings,
    )
