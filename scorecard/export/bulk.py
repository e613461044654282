"""Large sheets written in bulk: input sheets as received, and large report tables, as pre-rendered XML."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import xlsxwriter
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from scorecard.export.cells import FORMULA_STARTS, MAX_CELL_TEXT, missing_value
from scorecard.report import ReportTable

if TYPE_CHECKING:
    from scorecard.export.writer import WorkbookWriter


class BulkSheet(Worksheet):
    """A worksheet whose cell data is one pre-rendered `<sheetData>` stream: large sheets written in bulk.

    xlsxwriter keeps every cell as a Python object and writes it back through
    several calls each; at 1.8M input cells that was ~90% of a scored workbook's
    time. This sheet takes its rows already rendered, as the XML xlsxwriter
    would write for the same cells (shared strings from the workbook's own
    table, the same number text, the same formats), and writes them in place of
    xlsxwriter's own cell loop. Everything else (columns, filters, conditional
    formats, panes, the package) stays xlsxwriter's. It overrides one internal
    method, so requirements.txt pins xlsxwriter and tests/export/test_bulk.py
    checks the result against xlsxwriter's own per-cell writing.
    """

    def __init__(self) -> None:
        super().__init__()
        self.rendered_rows: list[str] = []
        self.last_row = -1

    def add_row(self, r: int, cells: Sequence[str], first: int, last: int) -> None:
        """Row `r` (0-based, after every row added so far) holding cells in columns `first` to `last`."""
        if r <= self.last_row:
            raise ValueError(f"rows must be added in order: {r} after {self.last_row}")
        self.last_row = r
        self.rendered_rows.append(f'<row r="{r + 1}">{"".join(cells)}</row>')
        self._check_dimensions(r, first)  # xlsxwriter internal (pinned): the sheet's used range
        self._check_dimensions(r, last)

    def _write_sheet_data(self) -> None:  # xlsxwriter internal (pinned): writes <sheetData>
        if not self.rendered_rows:
            super()._write_sheet_data()
            return
        self.fh.write("<sheetData>")
        self.fh.write("".join(self.rendered_rows))
        self.fh.write("</sheetData>")


BULK_CELLS = 20_000  # report tables at least this large (Items, Criteria at M) are written in bulk too
EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384


def check_bulk_support() -> None:
    """Fail loudly (a bug to report, not a buyer's problem) if xlsxwriter's internals we rely on moved."""
    needed = [
        (Worksheet, "_write_sheet_data"),
        (Worksheet, "_check_dimensions"),
        (Worksheet, "_convert_date_time"),
    ]
    missing = [f"{owner.__name__}.{name}" for owner, name in needed if not hasattr(owner, name)]
    if missing:
        raise RuntimeError(
            f"xlsxwriter {xlsxwriter.__version__} lacks {', '.join(missing)}; "
            "install the version pinned in requirements.txt"
        )


check_bulk_support()


class CellRenderer:
    """Renders cells as the `<c>` XML xlsxwriter would write for the same `WorkbookWriter.cell` calls."""

    def __init__(self, writer: WorkbookWriter, sheet: BulkSheet) -> None:
        self.sheet = sheet
        self.shared = sheet.str_table._get_shared_string_index  # xlsxwriter internal (pinned)
        # formats get their index now, as in xlsxwriter's constant_memory mode
        self.quoted = writer.quoted._get_xf_index()
        self.date = writer.numbers["date"]._get_xf_index()
        self.columns: list[str] = []

    @staticmethod
    def style(fmt: Any) -> int | None:
        """A format's index in the workbook (assigned now, as in xlsxwriter's constant_memory mode)."""
        return None if fmt is None else fmt._get_xf_index()

    def column(self, c: int) -> str:
        while len(self.columns) <= c:
            self.columns.append(xl_col_to_name(len(self.columns)))
        return self.columns[c]

    def ref(self, r: int, c: int) -> str:
        return f"{self.column(c)}{r + 1}"

    def text(self, ref: str, text: str, style: int | None = None) -> str:
        if len(text) > MAX_CELL_TEXT:
            text = text[:MAX_CELL_TEXT]
        index = self.shared(text)
        if text.startswith(FORMULA_STARTS):  # stays text even when someone edits the cell later
            return f'<c r="{ref}" s="{self.quoted}" t="s"><v>{index}</v></c>'
        if style:
            return f'<c r="{ref}" s="{style}" t="s"><v>{index}</v></c>'
        return f'<c r="{ref}" t="s"><v>{index}</v></c>'

    def number(self, ref: str, number: float, style: int | None = None) -> str:
        if math.isfinite(number):
            if style:
                return f'<c r="{ref}" s="{style}"><v>{number:.16G}</v></c>'
            return f'<c r="{ref}"><v>{number:.16G}</v></c>'
        return self.text(ref, "infinite" if number > 0 else "-infinite", style)

    def value(self, ref: str, value: Any, style: int | None = None) -> str | None:
        """One cell typed as `WorkbookWriter.cell` types it; None for a blank cell without a format."""
        if missing_value(value):
            return f'<c r="{ref}" s="{style}"/>' if style else None
        if isinstance(value, (bool, np.bool_)):
            if style:
                return f'<c r="{ref}" s="{style}" t="b"><v>{1 if value else 0}</v></c>'
            return f'<c r="{ref}" t="b"><v>{1 if value else 0}</v></c>'
        if isinstance(value, (int, float, np.integer, np.floating)):
            return self.number(ref, float(value), style)
        if isinstance(value, (datetime, date, pd.Timestamp)):
            serial = self.sheet._convert_date_time(pd.Timestamp(value).to_pydatetime())  # internal (pinned)
            return f'<c r="{ref}" s="{style or self.date}"><v>{serial:.16G}</v></c>'
        return self.text(ref, str(value), style)

    # house: the innermost loop of a large export (1.5M cells at M): one flat body, no call per cell
    def grid_rows(self, rows: Sequence[Sequence[Any]]) -> None:
        """Every row of an input grid into the sheet (blanks and empty text skipped).

        The innermost loop of a large export (1.8M cells at M), so the common
        types (text, float, int, empty) are rendered inline; anything else goes
        through `value`, which types it as `WorkbookWriter.cell` does.
        """
        sheet = self.sheet
        width = min(max((len(row) for row in rows), default=0), EXCEL_COLUMNS)
        letters = [self.column(c) for c in range(width)] if width else []
        shared, quoted, starts, finite = self.shared, self.quoted, FORMULA_STARTS, math.isfinite
        out = sheet.rendered_rows
        left, right, top, bottom = EXCEL_COLUMNS, -1, -1, -1
        for r, cells in enumerate(rows):
            number = r + 1
            parts: list[str] = []
            first = last = -1
            for c, value in enumerate(cells[:width] if len(cells) > width else cells):
                kind = type(value)
                if kind is str:
                    if not value:
                        continue
                    if len(value) > MAX_CELL_TEXT:
                        value = value[:MAX_CELL_TEXT]
                    if value.startswith(starts):  # stays text even when someone edits the cell later
                        parts.append(
                            f'<c r="{letters[c]}{number}" s="{quoted}" t="s"><v>{shared(value)}</v></c>'
                        )
                    else:
                        parts.append(f'<c r="{letters[c]}{number}" t="s"><v>{shared(value)}</v></c>')
                elif kind is float and finite(value):
                    parts.append(f'<c r="{letters[c]}{number}"><v>{value:.16G}</v></c>')
                elif value is None or (kind is float and value != value):  # blank, NaN
                    continue
                else:
                    found = None if kind is str else self.value(f"{letters[c]}{number}", value)
                    if found is None:
                        continue
                    parts.append(found)
                if first < 0:
                    first = c
                last = c
            if parts:
                out.append(f'<row r="{number}">{"".join(parts)}</row>')
                left, right = min(left, first), max(right, last)
                if top < 0:
                    top = r
                bottom = r
        if top >= 0:
            sheet.last_row = bottom
            sheet._check_dimensions(top, left)  # xlsxwriter internal (pinned): the sheet's used range
            sheet._check_dimensions(bottom, right)


def write_grid(writer: WorkbookWriter, name: str, rows: Sequence[Sequence[Any]]) -> None:
    """An input sheet as received, cell for cell, all values inert: rendered in bulk (see BulkSheet).

    Excel holds 1,048,576 rows x 16,384 columns; a sheet read from a CSV could
    in principle go further, and what lies beyond is not copied (the scores use
    every row all the same).
    """
    sheet = writer.add_sheet(name, BulkSheet)
    CellRenderer(writer, sheet).grid_rows(rows[:EXCEL_ROWS])
    for c, width in grid_widths(rows).items():
        sheet.set_column(c, c, min(max(width, 6) + 2, 50))


def grid_widths(rows: Sequence[Sequence[Any]]) -> dict[int, int]:
    """Column widths from the text of the first 200 rows, as a buyer would size them."""
    widths: dict[int, int] = {}
    for row in rows[:200]:
        for c, value in enumerate(row):
            if not missing_value(value) and value != "":
                widths[c] = max(widths.get(c, 0), len(str(value)))
    return widths


def bulk_frame(writer: WorkbookWriter, sheet: BulkSheet, table: ReportTable) -> int:
    """Intro lines, header and table rendered in bulk, the same cells as `frame`; returns the header row."""
    renderer = CellRenderer(writer, sheet)
    style = renderer.style
    r = 0
    for line in table.intro:
        sheet.add_row(r, [renderer.text(renderer.ref(r, 0), line, style(writer.note))], 0, 0)
        r += 1
    top = r + 1 if table.intro else 0
    frame = table.frame
    header = style(writer.header)
    names = [renderer.text(renderer.ref(top, c), str(name), header) for c, name in enumerate(frame.columns)]
    if names:
        sheet.add_row(top, names, 0, len(names) - 1)
    rows = rendered_cells(writer, renderer, table, top)
    for i, cells in enumerate(rows):
        if cells:
            sheet.add_row(top + 1 + i, [cell for _, cell in cells], cells[0][0], cells[-1][0])
    return top


def rendered_cells(
    writer: WorkbookWriter, renderer: CellRenderer, table: ReportTable, top: int
) -> list[list[tuple[int, str]]]:
    """Each data row's (column, `<c>` XML) pairs, column by column as `frame` writes them, blanks left out."""
    frame = table.frame
    style = renderer.style
    formats = [table.format_of(c) for c in frame.columns]
    highlight = None if table.highlight is None else table.highlight.to_numpy(dtype=bool)
    rows: list[list[tuple[int, str]]] = [[] for _ in range(len(frame))]
    for c, column in enumerate(frame.columns):
        plain = style(writer.numbers.get(formats[c]))
        marked = style(writer.highlighted_numbers.get(formats[c], writer.highlight))
        letter = renderer.column(c)
        for i, value in enumerate(frame[column].to_numpy(dtype=object)):
            chosen = marked if highlight is not None and highlight[i, c] else plain
            cell = renderer.value(f"{letter}{top + 2 + i}", value, chosen)
            if cell is not None:
                rows[i].append((c, cell))
    return rows
