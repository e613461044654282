"""What the read stage hands on: sheets of raw cells under their header row, and the limits that bound them."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

import pandas as pd

from scorecard.errors import Finding, ScorecardError
from scorecard.guard import FileKind
from scorecard.read.cells import column_letter
from scorecard.read.number_locale import NumberLocale

HEADER_SEARCH_ROWS = 30
# Cells (rows x columns, counted from A1) a sheet may span to be read. Our largest legitimate
# workbook is 1,000,000 bid rows x about 10 columns; calamine holds about 32 bytes a cell, so
# the limit caps one sheet at about 0.5 GB inside calamine plus 8 bytes a cell in Python.
MAX_SHEET_CELLS = 16_000_000
# Named columns in one sheet, and characters kept of one header: a bid tab with two columns per
# bidder for 500 bidders stays well inside; 16,000 headers or one of 32,000 characters is not a table.
MAX_HEADERS = 2_000
MAX_HEADER_LENGTH = 255
HINT_STRAY = (
    "Delete the stray cells far below or to the right of the table (in Excel, Ctrl+End jumps to the "
    "last used cell), save, and upload again."
)
HINT_RESAVE = "Open it in Excel, save it again as an Excel workbook (.xlsx), and upload the new file."


class LeftOut(Enum):
    """Why a row read from a sheet is not scored (the words are `scorecard.tables.mapping.exclusion_reason`)."""

    TOTALS_ROW = "totals"
    SUMMARY_ROW = "summary"
    EARLIER_SUBMISSION = "earlier submission"
    NO_SUPPLIER_NAME = "no name"


@dataclass(frozen=True)
class Exclusion:
    """A row read but not scored, and what its reason needs: the row's label as in the file (a totals or
    summary row), the supplier it names and the row scored instead (an earlier submission)."""

    row: int
    why: LeftOut
    label: str = ""
    supplier: str | None = None
    scored_row: int | None = None


@dataclass(frozen=True)
class Sheet:
    """One sheet's table: header texts as columns, 1-based spreadsheet row numbers as the index."""

    name: str
    table: pd.DataFrame
    header_row: int | None
    hidden: bool = False
    findings: tuple[Finding, ...] = ()
    rows_read: int = 0  # data rows below the header that held anything, totals rows included
    excluded_rows: tuple[Exclusion, ...] = ()  # rows read but left out here, each with its reason
    cells: list[list[object]] = field(default_factory=list, compare=False, repr=False)  # the grid as received

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(str(c) for c in self.table.columns)

    @property
    def is_empty(self) -> bool:
        return self.table.empty


@dataclass(frozen=True)
class Workbook:
    """A buyer's file as received: its sheets, fingerprint and what was noticed while reading it."""

    filename: str
    sha256: str
    kind: FileKind
    size: int
    sheets: tuple[Sheet, ...]
    findings: tuple[Finding, ...] = ()
    number_locale: NumberLocale | None = None  # the locale its number formats name: decimal-mark evidence

    def sheet(self, name: str) -> Sheet:
        for s in self.sheets:
            if s.name == name:
                return s
        raise ScorecardError(
            f'The file {self.filename} has no sheet called "{name}".',
            hint=f"Sheets: {', '.join(self.sheet_names)}.",
        )

    @property
    def sheet_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.sheets)

    @property
    def all_findings(self) -> tuple[Finding, ...]:
        return self.findings + tuple(f for s in self.sheets for f in s.findings)


@dataclass(frozen=True)
class SheetLayout:
    """What a bounded scan of one sheet's bytes found before any parser loaded it.

    `height` and `width` reach from A1 to the farthest cell holding something
    (an upper bound when the file leaves cell positions implicit); rows are
    1-based, columns 0-based, as a buyer counts rows and as grids index columns.
    """

    height: int = 0
    width: int = 0
    hidden_rows: tuple[int, ...] = ()
    hidden_columns: tuple[int, ...] = ()
    formulas_without_value: tuple[tuple[int, int], ...] = ()
    formulas_without_value_count: int = 0

    @property
    def area(self) -> int:
        return self.height * self.width


@dataclass
class RawSheet:
    name: str
    grid: list[list[object]]
    hidden: bool = False
    merged: tuple = ()
    layout: SheetLayout | None = None


def refuse_absurd_extent(name: str, layout: SheetLayout) -> None:
    """A sheet whose cells span more than MAX_SHEET_CELLS is refused before calamine allocates it."""
    if layout.area > MAX_SHEET_CELLS:
        last = f"{column_letter(layout.width - 1)}{layout.height}"
        raise ScorecardError(
            f"Its cells reach from A1 to {last} ({layout.height:,} rows x {layout.width:,} columns, "
            f"{layout.area:,} cells); Scorecard reads sheets of up to {MAX_SHEET_CELLS:,} cells, "
            "so the file was not opened.",
            sheet=name,
            hint=HINT_STRAY,
        )
