"""Export stage: the scored workbook a buyer forwards to a stakeholder or an auditor.

A pure function from an Evaluation to bytes, so it is tested on its own (the
app only hands the bytes to a download button). Written with xlsxwriter: it is
the fastest writer, and every text cell is written as a string cell, never as
a formula; text that starts like a formula (= + - @, tab, carriage return) also
gets Excel's quote prefix, so editing the cell later cannot turn it into one.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import xlsxwriter
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from scorecard import style
from scorecard.numbers import EXCEL_FORMATS
from scorecard.report import ReportTable

if TYPE_CHECKING:
    from scorecard.pipeline import Evaluation

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_TEXT = 32767
HEADER_COLOUR = "#1f3b57"
NUMBER_FORMATS = EXCEL_FORMATS  # the page's number style (scorecard/numbers.py)


def is_blank(value: Any) -> bool:
    return (
        value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value))
    )


class WorkbookWriter:
    """Thin wrapper over xlsxwriter that knows our formats and writes untrusted text safely."""

    def __init__(self) -> None:
        self.buffer = io.BytesIO()
        self.book = xlsxwriter.Workbook(
            self.buffer,
            {
                "in_memory": True,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
                "nan_inf_to_errors": False,
            },
        )
        self.book.set_properties(
            {"title": "Scorecard: scored supplier evaluation", "comments": "Written by Scorecard"}
        )
        self.header = self.book.add_format(
            {
                "bold": True,
                "font_color": "#ffffff",
                "bg_color": HEADER_COLOUR,
                "text_wrap": True,
                "valign": "top",
                "border": 1,
            }
        )
        self.title = self.book.add_format({"bold": True, "font_size": 14})
        self.note = self.book.add_format({"italic": True, "font_color": "#444444"})
        self.bold = self.book.add_format({"bold": True})
        self.quoted = self.book.add_format({"quote_prefix": True})
        self.highlight = self.book.add_format({"bg_color": "#c6efce", "font_color": "#006100", "bold": True})
        self.numbers = {
            name: self.book.add_format({"num_format": fmt}) for name, fmt in NUMBER_FORMATS.items()
        }
        self.highlighted_numbers = {
            name: self.book.add_format(
                {"num_format": fmt, "bg_color": "#c6efce", "font_color": "#006100", "bold": True}
            )
            for name, fmt in NUMBER_FORMATS.items()
        }
        self.fills: dict[str, Any] = {}
        self.sheet_names: set[str] = set()

    def fill(self, colour: str) -> Any:
        """A cell format filled with a band colour, with text that stays readable on it."""
        if colour not in self.fills:
            self.fills[colour] = self.book.add_format(
                {"bg_color": colour, "font_color": style.text_on(colour), "bold": True}
            )
        return self.fills[colour]

    def add_sheet(self, name: str, kind: type[Worksheet] | None = None) -> Any:
        name = safe_sheet_name(name, self.sheet_names)
        self.sheet_names.add(name.casefold())
        return self.book.add_worksheet(name, worksheet_class=kind)

    def cell(self, sheet: Any, row: int, col: int, value: Any, fmt: Any = None) -> None:
        """Write one value by its type; text is always a string cell."""
        if is_blank(value):
            sheet.write_blank(row, col, None, fmt)
        elif isinstance(value, (bool, np.bool_)):
            sheet.write_boolean(row, col, bool(value), fmt)
        elif isinstance(value, (int, float, np.integer, np.floating)):
            number = float(value)
            if math.isfinite(number):
                sheet.write_number(row, col, number, fmt)
            else:
                self.text(sheet, row, col, "infinite" if number > 0 else "-infinite", fmt)
        elif isinstance(value, (datetime, date, pd.Timestamp)):
            sheet.write_datetime(row, col, pd.Timestamp(value).to_pydatetime(), fmt or self.numbers["date"])
        else:
            self.text(sheet, row, col, str(value), fmt)

    def text(self, sheet: Any, row: int, col: int, text: str, fmt: Any = None) -> None:
        text = text[:MAX_CELL_TEXT]
        if text.startswith(FORMULA_STARTS):
            fmt = self.quoted  # keeps it text even when someone edits the cell in Excel later
        sheet.write_string(row, col, text, fmt)

    def table(self, table: ReportTable, *, freeze: bool = True, bulk: bool = True) -> Any:
        """Write a ReportTable as a sheet: intro lines, bold frozen header, filters, formats, widths.

        A large table is written in bulk (see BulkSheet); `bulk=False` keeps the
        per-cell sheet, for a caller that writes more cells into it afterwards.
        """
        if bulk and table.frame.size >= BULK_CELLS:
            sheet = self.add_sheet(table.title, BulkSheet)
            top = self.bulk_frame(sheet, table)
        else:
            sheet = self.add_sheet(table.title)
            top = 0
            for line in table.intro:
                self.text(sheet, top, 0, line, self.note)
                top += 1
            if table.intro:
                top += 1
            self.frame(sheet, table, top)
        self.frame_layout(sheet, table, top)
        if freeze:
            sheet.freeze_panes(top + 1, 0)
        return sheet

    def frame(self, sheet: Any, table: ReportTable, top: int) -> None:
        """The header row at `top` and the table below it, cell by cell."""
        frame = table.frame
        for c, name in enumerate(frame.columns):
            self.text(sheet, top, c, str(name), self.header)
        formats = [table.format_of(c) for c in frame.columns]
        highlight = None if table.highlight is None else table.highlight.to_numpy(dtype=bool)
        for c, column in enumerate(frame.columns):
            values = frame[column].to_numpy(dtype=object)
            fmt = self.numbers.get(formats[c])
            marked = self.highlighted_numbers.get(formats[c], self.highlight)
            for r, value in enumerate(values):
                self.cell(
                    sheet, top + 1 + r, c, value, marked if highlight is not None and highlight[r, c] else fmt
                )

    def bulk_frame(self, sheet: BulkSheet, table: ReportTable) -> int:
        """Intro lines, header and table rendered in bulk, the same cells as `frame`; returns the header row."""
        renderer = CellRenderer(self, sheet)
        style = renderer.style
        r = 0
        for line in table.intro:
            sheet.add_row(r, [renderer.text(renderer.ref(r, 0), line, style(self.note))], 0, 0)
            r += 1
        top = r + 1 if table.intro else 0
        frame = table.frame
        header = style(self.header)
        names = [
            renderer.text(renderer.ref(top, c), str(name), header) for c, name in enumerate(frame.columns)
        ]
        if names:
            sheet.add_row(top, names, 0, len(names) - 1)
        formats = [table.format_of(c) for c in frame.columns]
        highlight = None if table.highlight is None else table.highlight.to_numpy(dtype=bool)
        rows: list[list[tuple[int, str]]] = [[] for _ in range(len(frame))]
        for c, column in enumerate(frame.columns):
            plain = style(self.numbers.get(formats[c]))
            marked = style(self.highlighted_numbers.get(formats[c], self.highlight))
            letter = renderer.column(c)
            for i, value in enumerate(frame[column].to_numpy(dtype=object)):
                cell = renderer.value(
                    f"{letter}{top + 2 + i}",
                    value,
                    marked if highlight is not None and highlight[i, c] else plain,
                )
                if cell is not None:
                    rows[i].append((c, cell))
        for i, cells in enumerate(rows):
            if cells:
                sheet.add_row(top + 1 + i, [cell for _, cell in cells], cells[0][0], cells[-1][0])
        return top

    def frame_layout(self, sheet: Any, table: ReportTable, top: int) -> None:
        """Filter buttons on the header, the score colour scale and column widths."""
        frame = table.frame
        columns = [str(c) for c in frame.columns]
        formats = [table.format_of(c) for c in frame.columns]
        last_row = top + len(frame)
        if columns:
            sheet.autofilter(top, 0, max(last_row, top), len(columns) - 1)
        for c, name in enumerate(columns):
            if name in table.colour_scale and len(frame):
                sheet.conditional_format(top + 1, c, last_row, c, score_scale())
        for c, column in enumerate(frame.columns):
            sheet.set_column(c, c, column_width(str(column), frame[column], formats[c]))


def score_scale() -> dict[str, Any]:
    """Red (0) - amber (50) - green (100), on the score itself, not on the column's own range."""
    return {
        "type": "3_color_scale",
        "min_type": "num",
        "min_value": 0,
        "min_color": style.SCORE_SCALE[0][1],
        "mid_type": "num",
        "mid_value": style.SCORE_SCALE[1][0],
        "mid_color": style.SCORE_SCALE[1][1],
        "max_type": "num",
        "max_value": style.SCORE_SCALE[2][0],
        "max_color": style.SCORE_SCALE[2][1],
    }


def column_width(header: str, values: pd.Series, fmt: str) -> float:
    sample = values.head(200)
    if fmt in ("score", "percent"):
        longest = 8
    elif fmt in ("money", "integer", "number", "points"):
        longest = max(
            (
                len(f"{v:,.2f}")
                for v in sample
                if isinstance(v, (int, float)) and not is_blank(v) and math.isfinite(v)
            ),
            default=8,
        )
    else:
        longest = max((len(str(v)) for v in sample if not is_blank(v)), default=6)
    widest_word = max((len(w) for w in header.split()), default=6)
    return float(min(max(longest, widest_word, 6) + 2, 60))


def safe_sheet_name(name: str, taken: Iterable[str]) -> str:
    """Excel's rules: 31 characters, none of []:*?/\\, unique ignoring case."""
    clean = "".join("_" if ch in "[]:*?/\\" else ch for ch in name).strip("'") or "Sheet"
    clean = clean[:31]
    taken = set(taken)
    candidate, n = clean, 2
    while candidate.casefold() in taken:
        suffix = f" ({n})"
        candidate = clean[: 31 - len(suffix)] + suffix
        n += 1
    return candidate


class BulkSheet(Worksheet):
    """A worksheet whose cell data is one pre-rendered `<sheetData>` stream: large sheets written in bulk.

    xlsxwriter keeps every cell as a Python object and writes it back through
    several calls each; at 1.8M input cells that was ~90% of a scored workbook's
    time. This sheet takes its rows already rendered, as the XML xlsxwriter
    would write for the same cells (shared strings from the workbook's own
    table, the same number text, the same formats), and writes them in place of
    xlsxwriter's own cell loop. Everything else (columns, filters, conditional
    formats, panes, the package) stays xlsxwriter's. It overrides one internal
    method, so requirements.txt pins xlsxwriter and tests/test_export_bulk.py
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
        if is_blank(value):
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
            if not is_blank(value) and value != "":
                widths[c] = max(widths.get(c, 0), len(str(value)))
    return widths


def write_ranking(writer: WorkbookWriter, ranking: ReportTable, band_colours: dict[str, str]) -> None:
    """The first sheet: ranking with band colours and a score colour scale."""
    sheet = writer.table(ranking, bulk=False)  # the band fills are written over it below
    frame = ranking.frame
    if "Band" in frame.columns:
        col = list(frame.columns).index("Band")
        top = len(ranking.intro) + (1 if ranking.intro else 0)
        for r, band in enumerate(frame["Band"]):
            if isinstance(band, str) and band in band_colours:
                writer.text(sheet, top + 1 + r, col, band, writer.fill(band_colours[band]))
    sheet.set_column(0, 0, 7)


def write_scored_workbook(evaluation: Evaluation, *, input_sheets: bool = True) -> bytes:
    """The scored workbook: Ranking first, then the explanation sheets, then the input sheets as received.

    `input_sheets=False` leaves the copies of the buyer's own sheets out (a
    smaller file to forward; the Criteria sheet still names each source cell).
    """
    writer = WorkbookWriter()
    tables = evaluation.report_tables
    write_ranking(writer, tables[0], style.band_colours(evaluation.config))
    for table in tables[1:]:
        writer.table(table)
    for sheet in evaluation.workbook.sheets if input_sheets else ():
        write_grid(writer, f"Input {sheet.name}", sheet.cells)
    writer.book.close()
    return writer.buffer.getvalue()


def write_tables(tables: Sequence[ReportTable]) -> bytes:
    """A workbook of just these tables, one sheet each: e.g. one supplier's improvement plan to send them.

    Nothing else goes in (no input sheets, no ranking), so what the tables leave
    out (other suppliers' names and data) is not in the file either.
    """
    writer = WorkbookWriter()
    for table in tables:
        writer.table(table)
    writer.book.close()
    return writer.buffer.getvalue()


def scored_filename(input_name: str, when: date) -> str:
    """'bids_q3.xlsx' scored on 26 Nov 2026 -> 'bids_q3 scored 2026-11-26.xlsx'."""
    stem = input_name.rsplit("/", 1)[-1].rsplit(".", 1)[0] or "suppliers"
    return f"{stem} scored {when.isoformat()}.xlsx"
