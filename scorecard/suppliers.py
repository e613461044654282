"""The supplier table: what the map stage hands to the scoring engine.

One row per supplier, one column per criterion key, values already cleaned
(numbers as floats, labels as text, no data as NaN/None). Each supplier keeps
the sheet and row it came from so that every score can be traced to a cell.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

import pandas as pd

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
