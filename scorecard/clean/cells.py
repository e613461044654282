"""Splitting a column by what the reader put in each cell, and what each distinct string was read as."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.types import (
    infer_dtype,
    is_bool_dtype,
    is_numeric_dtype,
    is_object_dtype,
)

from scorecard.clean.kinds import ValueKind
from scorecard.clean.markers import marker_status


@dataclass(slots=True)
class Reading:
    """What one distinct string was read as; the column decides ambiguous cases afterwards."""

    status: str  # "ok", "blank", "marker", "formula" or "invalid"
    value: Any = None  # the typed value; for an ambiguous cell, the default reading
    alt: Any = None  # the other reading of an ambiguous cell
    ambiguity: str | None = None  # numbers: the separator "," or "."; dates: "day/month"
    evidence: str | None = None  # numbers: decimal mark shown ("point"/"comma"); dates: "day"/"month" first
    currency: str | None = None
    percent_sign: bool = False
    unit: str | None = None
    notes: tuple[str, ...] = ()
    reason: str | None = None  # why an invalid cell could not be read


def no_data_reading(text: str, kind: ValueKind) -> Reading | None:
    """What a tidied text that says there is no data reads as (blank, a marker or a formula error), or None
    when it holds something: the one rule every kind's reader starts with."""
    if not text:
        return Reading("blank")
    status = marker_status(text, kind)
    if status:
        return Reading(status, value=text.upper() if status == "formula" else None)
    return None


_NA, _NUM, _STR, _BOOL, _WHEN, _OTHER = range(6)


_TYPE_CLASSES: dict[type, int] = {}


_TYPE_OF = np.frompyfunc(type, 1, 1)


NUMERIC_INFERRED = frozenset({"floating", "integer", "mixed-integer-float"})


NO_POSITIONS = np.empty(0, dtype=np.intp)


def _class_of(kind: type) -> int:
    found = _TYPE_CLASSES.get(kind)
    if found is None:
        if issubclass(kind, bool | np.bool_):
            found = _BOOL
        elif issubclass(kind, str):
            found = _STR
        elif issubclass(kind, datetime | date | np.datetime64):
            found = _WHEN
        elif issubclass(kind, int | float | np.number | Decimal | Fraction):
            found = _NUM
        else:
            found = _OTHER
        _TYPE_CLASSES[kind] = found
    return found


@dataclass
class CellParts:
    """A column split by cell type; positions index the column, distinct values are factorised."""

    raw: np.ndarray
    blank: np.ndarray
    # float NaN objects from the reader: invalid, not blank (a typed column's NaN is a blank)
    nan_pos: np.ndarray = field(default_factory=lambda: NO_POSITIONS)
    num_pos: np.ndarray = field(default_factory=lambda: NO_POSITIONS)
    num_vals: np.ndarray = field(default_factory=lambda: NO_POSITIONS)
    bool_pos: np.ndarray = field(default_factory=lambda: NO_POSITIONS)
    bool_vals: np.ndarray = field(default_factory=lambda: NO_POSITIONS)
    str_pos: np.ndarray = field(default_factory=lambda: NO_POSITIONS)
    str_codes: np.ndarray = field(default_factory=lambda: NO_POSITIONS)
    str_uniques: tuple[str, ...] = ()
    when_pos: np.ndarray = field(default_factory=lambda: NO_POSITIONS)
    when_codes: np.ndarray = field(default_factory=lambda: NO_POSITIONS)
    when_uniques: tuple[object, ...] = ()
    other_pos: np.ndarray = field(default_factory=lambda: NO_POSITIONS)

    @property
    def size(self) -> int:
        return len(self.raw)


def split_cells(cells: pd.Series) -> CellParts:
    """Group cells by Python type; number columns never touch Python per cell."""
    dtype = cells.dtype
    if is_numeric_dtype(dtype) and not is_bool_dtype(dtype):
        # A typed column stores blanks as NaN: here NaN is a blank, not a NaN from the workbook.
        values = cells.to_numpy(dtype="float64", na_value=np.nan)
        blank = np.isnan(values)
        num_pos = np.flatnonzero(~blank)
        return CellParts(raw=values, blank=blank, num_pos=num_pos, num_vals=values[num_pos])

    raw = cells.to_numpy(dtype=object)
    na = np.asarray(pd.isna(raw), dtype=bool)
    nan_pos = NO_POSITIONS
    if is_object_dtype(dtype) and na.any():
        na_pos = np.flatnonzero(na)
        type_codes, types = pd.factorize(_TYPE_OF(raw[na_pos]))
        nan_pos = na_pos[
            np.array([issubclass(t, float | np.floating) for t in types], dtype=bool)[type_codes]
        ]
    blank = na.copy()
    blank[nan_pos] = False

    inferred = infer_dtype(raw, skipna=True)
    if inferred in NUMERIC_INFERRED:
        groups = {_NUM: np.flatnonzero(~na)}
    elif inferred in ("string", "boolean", "datetime", "date", "datetime64", "empty"):
        cls = {"string": _STR, "boolean": _BOOL, "empty": _OTHER}.get(inferred, _WHEN)
        groups = {cls: np.flatnonzero(~na)}
    else:
        # Types are factorised in C and classified once each, rather than one Python call per cell.
        type_codes, types = pd.factorize(_TYPE_OF(raw))
        classes = np.array([_class_of(t) for t in types], dtype=np.int8)[type_codes]
        classes[na] = _NA
        groups = {c: np.flatnonzero(classes == c) for c in (_NUM, _STR, _BOOL, _WHEN, _OTHER)}

    parts = CellParts(raw=raw, blank=blank, nan_pos=nan_pos, other_pos=groups.get(_OTHER, NO_POSITIONS))
    if (pos := groups.get(_NUM, NO_POSITIONS)).size:
        parts.num_pos, parts.num_vals = pos, raw[pos].astype(np.float64)
    if (pos := groups.get(_BOOL, NO_POSITIONS)).size:
        parts.bool_pos, parts.bool_vals = pos, raw[pos].astype(bool)
    if (pos := groups.get(_STR, NO_POSITIONS)).size:
        codes, uniques = pd.factorize(raw[pos])
        parts.str_pos, parts.str_codes, parts.str_uniques = pos, codes, tuple(uniques)
    if (pos := groups.get(_WHEN, NO_POSITIONS)).size:
        codes, uniques = pd.factorize(raw[pos])
        parts.when_pos, parts.when_codes, parts.when_uniques = pos, codes, tuple(uniques)
    return parts


class TextBlock:
    """Distinct strings of a column and what each was read as, mapped back to cell positions."""

    def __init__(self, parts: CellParts, reader: Callable[[str], Reading]) -> None:
        self.pos = parts.str_pos
        self.codes = parts.str_codes
        self.texts = parts.str_uniques
        self.readings = [reader(text) for text in parts.str_uniques]
        self.counts = np.bincount(self.codes, minlength=len(self.readings))

    def mask(self, test: Callable[[Reading], bool]) -> np.ndarray:
        return np.fromiter((test(r) for r in self.readings), dtype=bool, count=len(self.readings))

    def where(self, test: Callable[[Reading], bool]) -> np.ndarray:
        """Cell positions whose reading passes `test`, in column order."""
        unique_mask = self.mask(test)
        if not unique_mask.any():
            return NO_POSITIONS
        return self.pos[unique_mask[self.codes]]

    def each(self, test: Callable[[Reading], bool]) -> list[tuple[int, Reading]]:
        """(position, reading) of every cell passing `test`: for per-cell warnings."""
        unique_mask = self.mask(test)
        if not unique_mask.any():
            return []
        chosen = np.flatnonzero(unique_mask[self.codes])
        return [(int(self.pos[i]), self.readings[self.codes[i]]) for i in chosen]

    def count(self, test: Callable[[Reading], bool]) -> int:
        return int(self.counts[self.mask(test)].sum()) if self.readings else 0

    def statuses(self) -> tuple[np.ndarray, np.ndarray]:
        """Per cell: (said no data, could not be read)."""
        no_data = self.mask(lambda r: r.status in ("blank", "marker", "formula"))
        unreadable = self.mask(lambda r: r.status == "invalid")
        return no_data[self.codes], unreadable[self.codes]
