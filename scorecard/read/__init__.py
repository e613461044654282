"""Read stage: untrusted bytes -> sheets of raw cells under their real header row.

Every file passes `guard.check_file` before any parser sees it. Then, before
python-calamine loads a sheet, a bounded scan of that sheet's own bytes (the
sheet XML of an .xlsx, the content.xml of an .ods, the BIFF records of an .xls)
measures how far its cells reach: calamine allocates the whole rectangle from A1
to the last cell at once and aborts the process (SIGABRT, not an exception) when
that fails, so a 5 KB file with cells at A1 and XFD1048576 would take the
server down. The same scan finds what calamine does not report: hidden rows and
columns, and formulas saved without a value.

Cells are read with python-calamine (fast, and it never runs macros); the header
row is found below title rows and notes (also a header over two rows, under a
merged cell); blank rows and columns are skipped, totals rows are left out;
each of those decisions is a Finding, so nothing disappears silently. Values
stay raw here: turning text into numbers is the clean stage's job.

The rooms: `guard` (the gate, with `zip_check`, `xml_check` and `ole`), `workbook` (the entry point),
`xlsx_extent` / `ods_extent` / `xls_extent` (bounded scans), `header`, `table`, `cells`, `values`,
`number_locale` (the locale the file's number formats name: evidence for the decimal mark).
"""

from scorecard.read.cells import column_letter, is_blank, looks_numeric, normalise_cell, normalise_text
from scorecard.read.header import find_header_row, header_names
from scorecard.read.number_locale import NumberLocale
from scorecard.read.table import grid_to_sheet, is_totals_label
from scorecard.read.values import (
    MAX_HEADER_LENGTH,
    MAX_HEADERS,
    MAX_SHEET_CELLS,
    Exclusion,
    LeftOut,
    Sheet,
    SheetLayout,
    Workbook,
)
from scorecard.read.workbook import read_workbook

__all__ = [
    "MAX_HEADERS",
    "MAX_HEADER_LENGTH",
    "MAX_SHEET_CELLS",
    "Exclusion",
    "LeftOut",
    "NumberLocale",
    "Sheet",
    "SheetLayout",
    "Workbook",
    "column_letter",
    "find_header_row",
    "grid_to_sheet",
    "header_names",
    "is_blank",
    "is_totals_label",
    "looks_numeric",
    "normalise_cell",
    "normalise_text",
    "read_workbook",
]
