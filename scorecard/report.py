"""Tables as a buyer reads them, shared by the workbook export and the app.

`scorecard.tables` turns each stage's typed result into `ReportTable`s (column
names in the buyer's words, plus how each column should look); the exporter
writes any ReportTable as a formatted sheet and the app shows the same frame. So
a number is computed once, in its stage, and shown the same way everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

ColumnFormat = Literal["score", "percent", "money", "points", "number", "integer", "text", "date"]
# how each looks, on the page and in the workbook: scorecard/numbers.py


@dataclass(frozen=True)
class ReportTable:
    """A titled table with formatting hints; `title` becomes the sheet name (31 characters at most)."""

    title: str
    frame: pd.DataFrame
    intro: tuple[str, ...] = ()
    formats: tuple[tuple[str, ColumnFormat], ...] = ()
    highlight: pd.DataFrame | None = None  # bool, same shape as frame: cells to highlight (e.g. best price)
    colour_scale: tuple[str, ...] = ()  # 0-100 columns shown with a red-amber-green scale

    def __post_init__(self) -> None:
        if len(self.title) > 31 or any(ch in self.title for ch in "[]:*?/\\"):
            raise ValueError(f"{self.title!r} cannot be an Excel sheet name")
        unknown = {name for name, _ in self.formats} - set(self.frame.columns)
        if unknown:
            raise ValueError(f"formats name columns the table does not have: {sorted(unknown)}")
        if self.highlight is not None and self.highlight.shape != self.frame.shape:
            raise ValueError("highlight must have the same shape as the frame")

    def format_of(self, column: str) -> ColumnFormat:
        numeric = pd.api.types.is_numeric_dtype(self.frame[column]) and not pd.api.types.is_bool_dtype(
            self.frame[column]
        )
        return dict(self.formats).get(column, "number" if numeric else "text")
