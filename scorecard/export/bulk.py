"""Large sheets written in bulk: input sheets as received, and large report tables, as pre-rendered XML."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.sharedstrings import SharedStringTable
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
        self.fh.writelines(self.rendered_rows)  # no joined copy of the whole sheet
        self.fh.write("</sheetData>")
        self.rendered_rows = []  # written: the package holds them now


BULK_CELLS = 20_000  # report tables at least this large (Items, Criteria at M) are written in bulk too
EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384


def check_bulk_support() -> None:
    """Fail loudly (a bug to report, not a buyer's problem) if xlsxwriter's internals we rely on moved."""
    needed = [
        (Worksheet, "_write_sheet_data"),
        (Worksheet, "_check_dimensions"),
        (Worksheet, "_convert_date_time"),
        (SharedStringTable, "_get_shared_string_index"),
        (Format, "_get_xf_index"),
    ]
    missing = [f"{owner.__name__}.{name}" for owner, name in needed if not hasattr(owner, name)]
    if missing:
        raise RuntimeError(
            f"xlsxwriter {xlsxwriter.__version__} lacks {', '.join(missing)}; "
            "install the version pinned in requirements.txt"
        )


check_bulk_support()


class CellRenderer:
    """Renders cells as the `<c>` XML xlsxwriter would write for the same `WorkbookWriter.cell` calls.

    A large sheet repeats its values (supplier names, item codes, currencies,
    prices), so each distinct text or number is rendered once per format and
    kept: a cell is then its reference plus the kept tail. The shared strings
    table is told of every use (its `count`), as xlsxwriter's own calls would.
    """

    def __init__(self, writer: WorkbookWriter, sheet: BulkSheet) -> None:
        self.sheet = sheet
        self.table = sheet.str_table  # xlsxwriter internal (pinned): the workbook's shared strings
        self.shared = self.table._get_shared_string_index  # xlsxwriter internal (pinned)
        # formats get their index now, as in xlsxwriter's constant_memory mode
        self.quoted = writer.quoted._get_xf_index()
        self.date = writer.numbers["date"]._get_xf_index()
        self.columns: list[str] = []
        self.kept: dict[int | None, tuple[dict[str, str], dict[float, str]]] = {}

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

    def tails(self, style: int | None) -> tuple[dict[str, str], dict[float, str]]:
        """The kept tails of texts and of numbers in one format."""
        if style not in self.kept:
            self.kept[style] = ({}, {})
        return self.kept[style]

    def text_tail(self, text: str, style: int | None = None) -> str:
        """What follows `<c r="A1"` for a text cell: a shared string, quote-prefixed if it starts like a formula."""
        if len(text) > MAX_CELL_TEXT:
            text = text[:MAX_CELL_TEXT]
        index = self.shared(text)
        if text.startswith(FORMULA_STARTS):  # stays text even when someone edits the cell later
            return f' s="{self.quoted}" t="s"><v>{index}</v></c>'
        if style:
            return f' s="{style}" t="s"><v>{index}</v></c>'
        return f' t="s"><v>{index}</v></c>'

    def number_tail(self, number: float, style: int | None = None) -> str:
        """What follows `<c r="A1"` for a number (infinity is written as words: Excel has no such number)."""
        if math.isfinite(number):
            if style:
                return f' s="{style}"><v>{number:.16G}</v></c>'
            return f"><v>{number:.16G}</v></c>"
        return self.text_tail("infinite" if number > 0 else "-infinite", style)

    def tail(self, value: Any, style: int | None = None) -> str | None:
        """A cell typed as `WorkbookWriter.cell` types it, after its reference; None: blank, no format."""
        if missing_value(value):
            return f' s="{style}"/>' if style else None
        texts, numbers = self.tails(style)
        if type(value) is str:
            tail = texts.get(value)
            if tail is None:
                tail = texts[value] = self.text_tail(value, style)
            else:
                self.table.count += 1  # one more use of a kept shared string
            return tail
        if isinstance(value, (bool, np.bool_)):
            return (
                f' s="{style}" t="b"><v>{int(value)}</v></c>' if style else f' t="b"><v>{int(value)}</v></c>'
            )
        if isinstance(value, (int, float, np.integer, np.floating)):
            number = float(value)
            tail = numbers.get(number)
            if tail is None:
                tail = self.number_tail(number, style)
                if number and math.isfinite(number):  # 0.0 == -0.0 and words for infinity: never kept
                    numbers[number] = tail
            return tail
        if isinstance(value, (datetime, date, pd.Timestamp)):
            serial = self.sheet._convert_date_time(pd.Timestamp(value).to_pydatetime())  # internal (pinned)
            return f' s="{style or self.date}"><v>{serial:.16G}</v></c>'
        return self.text_tail(str(value), style)

    def value(self, ref: str, value: Any, style: int | None = None) -> str | None:
        """One cell typed as `WorkbookWriter.cell` types it; None for a blank cell without a format."""
        tail = self.tail(value, style)
        return None if tail is None else f'<c r="{ref}"{tail}'

    def column_tails(
        self, column: pd.Series, style: int | None, marked: tuple[np.ndarray, int | None] | None = None
    ) -> list[str | None]:
        """A report column's cells after their references, as `tail` renders them.

        `marked` is the rows to write in the highlight format instead, and that format.
        """
        values = column.to_numpy().tolist() if column.dtype == np.float64 else column.to_numpy(dtype=object)
        if marked is None:
            return self.styled_tails(values, style)
        rows, other = marked
        tails: list[str | None] = [None] * len(values)
        for chosen, fmt in ((np.flatnonzero(~rows).tolist(), style), (np.flatnonzero(rows).tolist(), other)):
            for i, tail in zip(chosen, self.styled_tails([values[i] for i in chosen], fmt), strict=True):
                tails[i] = tail
        return tails

    def styled_tails(self, values: Sequence[Any], style: int | None) -> list[str | None]:
        """`tail` of each value in one format; texts and numbers seen before are a look-up."""
        texts, numbers = self.tails(style)
        blank, tail_of, uses = self.tail(None, style), self.tail, 0
        tails: list[str | None] = []
        for value in values:
            kind = type(value)
            if kind is float:
                tail = numbers.get(value)
                if tail is None:
                    tail = blank if value != value else tail_of(value, style)
            elif kind is str and value in texts:
                tail = texts[value]
                uses += 1
            else:
                tail = tail_of(value, style)
            tails.append(tail)
        self.table.count += uses  # each use of a kept shared string, as xlsxwriter counts them
        return tails

    def text(self, ref: str, text: str, style: int | None = None) -> str:
        return f'<c r="{ref}"{self.text_tail(text, style)}'

    # house: the innermost loop of a large export (1.5M cells at M): one flat body, no call per cell
    def grid_rows(self, rows: Sequence[Sequence[Any]]) -> None:
        """Every row of an input grid into the sheet (blanks and empty text skipped).

        The innermost loop of a large export (1.8M cells at M): texts and
        floats seen before are a dictionary look-up; the first of each, and
        any other type, go through `tail`, which types it as `WorkbookWriter.cell` does.
        """
        sheet = self.sheet
        width = min(max((len(row) for row in rows), default=0), EXCEL_COLUMNS)
        heads = [f'<c r="{self.column(c)}' for c in range(width)]
        texts: dict[str, str] = {"": ""}  # an input's empty text is no cell
        numbers = self.tails(None)[1]
        tail_of, uses = self.tail, 0
        out = sheet.rendered_rows
        left, right, top, bottom = EXCEL_COLUMNS, -1, -1, -1
        for r, cells in enumerate(rows):
            number = f'{r + 1}"'
            parts: list[str] = []
            first = last = c = -1
            for value in cells[:width] if len(cells) > width else cells:
                c += 1  # a counter is cheaper than enumerate's tuples here (measured)
                kind = type(value)
                if kind is str:
                    tail = texts.get(value)
                    if not tail:
                        if tail == "":  # empty text: no cell
                            continue
                        tail = texts[value] = self.text_tail(value)
                    else:
                        uses += 1
                elif kind is float:
                    tail = numbers.get(value)
                    if tail is None:
                        if value != value:  # NaN: blank
                            continue
                        tail = tail_of(value)
                elif value is None:
                    continue
                else:
                    tail = tail_of(value)
                    if tail is None:
                        continue
                if first < 0:
                    first = c
                parts.append(f"{heads[c]}{number}{tail}")
                last = c
            if parts:
                out.append(f'<row r="{number}>{"".join(parts)}</row>')
                if first < left:
                    left = first
                if last > right:
                    right = last
                if top < 0:
                    top = r
                bottom = r
        self.table.count += uses  # each use of a kept shared string, as xlsxwriter counts them
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
    last = len(names) - 1  # a data row lies within the header's columns: the sheet's used range is the same
    for i, cells in enumerate(rendered_cells(writer, renderer, table, top)):
        if cells:
            sheet.add_row(top + 1 + i, cells, 0, last)
    return top


def rendered_cells(
    writer: WorkbookWriter, renderer: CellRenderer, table: ReportTable, top: int
) -> list[list[str]]:
    """Each data row's `<c>` XML, columns in order as `frame` writes them (column by column), blanks left out."""
    frame = table.frame
    style = renderer.style
    formats = [table.format_of(c) for c in frame.columns]
    highlight = None if table.highlight is None else table.highlight.to_numpy(dtype=bool)
    numbers = [f'{top + 2 + i}"' for i in range(len(frame))]
    columns: list[list[str]] = []
    for c, column in enumerate(frame.columns):
        plain = style(writer.numbers.get(formats[c]))
        marked = None
        if highlight is not None and highlight[:, c].any():
            marked = (highlight[:, c], style(writer.highlighted_numbers.get(formats[c], writer.highlight)))
        head = f'<c r="{renderer.column(c)}'
        tails = renderer.column_tails(frame[column], plain, marked)
        columns.append(
            [f"{head}{n}{t}" if t is not None else "" for n, t in zip(numbers, tails, strict=True)]
        )
    return [[cell for cell in row if cell] for row in zip(*columns, strict=True)]
