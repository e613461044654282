"""The supplier table: what the map stage hands to the scoring engine.

One row per supplier, one column per criterion key, values already cleaned
(numbers as floats, labels as text, no data as NaN/None). Each supplier keeps
the sheet and row it came from so that every score can be traced to a cell.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from scorecard.answers import answer_codes
from scorecard.errors import ScorecardError


@dataclass(frozen=True)
class SupplierTable:
    """Suppliers to score, with their cleaned criterion values and where each came from."""

    values: pd.DataFrame  # index: supplier names (unique); columns: criterion keys
    source_rows: tuple[int | None, ...] = ()
    sheet: str | None = None
    columns: tuple[tuple[str, str], ...] = ()  # criterion key -> the sheet column it was read from
    absent: frozenset[str] = frozenset()  # criteria with no source in the file: left out, not "no data"

    def __post_init__(self) -> None:
        names = self.values.index
        if names.has_duplicates:
            duplicated = sorted({str(n) for n in names[names.duplicated()]})
            raise ScorecardError(
                f"Supplier names must be unique; these appear more than once: {', '.join(duplicated)}.",
                sheet=self.sheet,
                hint="Rename or remove the duplicate rows, then load the file again.",
            )
        if self.source_rows and len(self.source_rows) != len(names):
            raise ValueError("source_rows must have one entry per supplier")

    @cached_property
    def suppliers(self) -> tuple[str, ...]:
        """The supplier names, in table order (worked out once: the engine and its result both read them)."""
        return tuple(self.values.index.astype(str).tolist())

    @cached_property
    def number_block(self) -> tuple[dict[str, int], np.ndarray, np.ndarray | None]:
        """The columns held as numbers: each key's row in one read-only (column, supplier) float array,
        the array, and where it is NaN (no data) when it holds no infinities (else None: the reader
        tells unreadable cells apart). Worked out once per table: the engine scores the same table
        again on every weight change."""
        keys = [key for key, dtype in self.values.dtypes.items() if dtype.kind in "fiu"]
        block = np.ascontiguousarray(self.values[keys].to_numpy(dtype=float, na_value=np.nan).T)
        blank = None if np.isinf(block).any() else np.isnan(block)
        for array in (block, blank):
            if array is not None:
                array.setflags(write=False)
        return {key: k for k, key in enumerate(keys)}, block, blank

    def answers(self, key: str) -> tuple[np.ndarray, np.ndarray]:
        """A column's answers as (codes, distinct texts), see `answer_codes`; worked out once per table."""
        if ("answers", key) not in self._memo:
            codes, distinct = answer_codes(self.values[key])
            codes.setflags(write=False)
            distinct.setflags(write=False)
            self._memo["answers", key] = codes, distinct
        return self._memo["answers", key]

    def cells(self, key: str) -> np.ndarray:
        """A column's cells as one read-only array, each as reading it from the column's array gives it
        (a numpy scalar, a text, the dtype's blank); worked out once per table: best in class reads a few
        cells of each text column on every weight change, and pandas charges each such read."""
        if ("cells", key) not in self._memo:
            column = self.values[key]
            if isinstance(column.dtype, np.dtype):
                cells = column.to_numpy()
            elif isinstance(column.dtype, pd.StringDtype):
                cells = column.array.to_numpy(dtype=object, na_value=column.dtype.na_value)
            else:
                cells = np.empty(len(column), dtype=object)
                cells[:] = list(column.array)
            cells = cells.view()  # the flag below is the view's own, never the frame's
            cells.setflags(write=False)
            self._memo["cells", key] = cells
        return self._memo["cells", key]

    @cached_property
    def float_columns(self) -> frozenset[str]:
        """The columns held as 64-bit floats (worked out once per table: pandas makes `dtypes` anew on each read)."""
        return frozenset(key for key, dtype in self.values.dtypes.items() if dtype == np.float64)

    def in_order(self, keys: tuple[str, ...]) -> pd.DataFrame:
        """The values with exactly these columns in this order (the table itself when it is that already);
        worked out once per table, and never changed by its readers."""
        if list(self.values.columns) == list(keys):
            return self.values
        if ("order", keys) not in self._memo:
            self._memo["order", keys] = self.values[list(keys)]
        return self._memo["order", keys]

    @cached_property
    def _memo(self) -> dict[tuple[str, object], Any]:
        """What `answers`, `cells` and `in_order` worked out (the table is immutable, so it stays true)."""
        return {}

    def row_of(self, supplier: str) -> int | None:
        if not self.source_rows:
            return None
        return self.source_rows[self.values.index.get_loc(supplier)]

    @classmethod
    def from_records(
        cls,
        records: Mapping[str, Mapping[str, object]] | Sequence[Mapping[str, object]],
        supplier_key: str = "supplier",
    ) -> SupplierTable:
        """Build a table from {supplier: {criterion: value}} or a list of dicts (tests, notebooks)."""
        if isinstance(records, Mapping):
            frame = pd.DataFrame.from_dict(records, orient="index", dtype=object)
        else:
            frame = pd.DataFrame(list(records), dtype=object).set_index(supplier_key)
        frame.index = frame.index.map(str)
        frame.index.name = "supplier"
        return cls(frame)

    def with_value(self, supplier: str, criterion: str, value: object) -> SupplierTable:
        """A copy with one value changed: the what-if behind an improvement plan.

        An unknown supplier is a bug in the caller, not a new row: `.loc` would
        silently add one and the what-if would score a supplier nobody bid as.
        """
        if supplier not in self.values.index:
            raise KeyError(f"no supplier named {supplier!r} in the table")
        values = self.values.copy()
        if criterion not in values.columns:
            values[criterion] = None
        values[criterion] = values[criterion].astype(object)
        values.loc[supplier, criterion] = value
        return replace(self, values=values)
