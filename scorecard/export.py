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
            r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
            dark = 0.299 * r + 0.587 * g + 0.114 * b < 140
            self.fills[colour] = self.book.add_format(
                {"bg_color": colour, "font_color": "#ffffff" if dark else "#000000", "bold": True}
            )
        return self.fills[colour]

    def add_sheet(self, name: str) -> Any:
        name = safe_sheet_name(name, self.sheet_names)
        self.sheet_names.add(name.casefold())
        return self.book.add_worksheet(name)

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
                sheet.write_string(row, col, "infinite" if number > 0 else "-infinite", fmt)
        elif isinstance(value, (datetime, date, pd.Timestamp)):
            sheet.write_datetime(row, col, pd.Timestamp(value).to_pydatetime(), fmt or self.numbers["date"])
        else:
            self.text(sheet, row, col, str(value), fmt)

    def text(self, sheet: Any, row: int, col: int, text: str, fmt: Any = None) -> None:
        text = text[:MAX_CELL_TEXT]
        if text.startswith(FORMULA_STARTS):
            fmt = self.quoted  # keeps it text even when someone edits the cell in Excel later
        sheet.write_string(row, col, text, fmt)

    def table(self, table: ReportTable, *, freeze: bool = True) -> Any:
        """Write a ReportTable as a sheet: intro lines, bold frozen header, filters, formats, widths."""
        sheet = self.add_sheet(table.title)
        top = 0
        for line in table.intro:
            self.text(sheet, top, 0, line, self.note)
            top += 1
        if table.intro:
            top += 1
        self.frame(sheet, table, top)
        if freeze:
            sheet.freeze_panes(top + 1, 0)
        return sheet

    def frame(self, sheet: Any, table: ReportTable, top: int) -> None:
        frame = table.frame
        columns = [str(c) for c in frame.columns]
        for c, name in enumerate(columns):
            self.text(sheet, top, c, name, self.header)
        formats = [table.format_of(c) for c in frame.columns]
        cell_formats = [self.numbers.get(f) for f in formats]
        scale = [name in table.colour_scale for name in columns]
        highlight = None if table.highlight is None else table.highlight.to_numpy(dtype=bool)
        for c, column in enumerate(frame.columns):
            values = frame[column].to_numpy(dtype=object)
            fmt = cell_formats[c]
            marked = self.highlighted_numbers.get(formats[c], self.highlight)
            for r, value in enumerate(values):
                self.cell(
                    sheet, top + 1 + r, c, value, marked if highlight is not None and highlight[r, c] else fmt
                )
        last_row = top + len(frame)
        if columns:
            sheet.autofilter(top, 0, max(last_row, top), len(columns) - 1)
        for c, on in enumerate(scale):
            if on and len(frame):
                sheet.conditional_format(top + 1, c, last_row, c, score_scale())
        for c, column in enumerate(frame.columns):
            sheet.set_column(c, c, column_width(str(column), frame[column], formats[c]))


def score_scale() -> dict[str, Any]:
    """Red (0) - amber (50) - green (100), on the score itself, not on the column's own range."""
    return {
        "type": "3_color_scale",
        "min_type": "num",
        "min_value": 0,
        "min_color": "#f8696b",
        "mid_type": "num",
        "mid_value": 50,
        "mid_color": "#ffeb84",
        "max_type": "num",
        "max_value": 100,
        "max_color": "#63be7b",
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


def write_grid(writer: WorkbookWriter, name: str, rows: Sequence[Sequence[Any]]) -> None:
    """An input sheet as received, cell for cell, all values inert."""
    sheet = writer.add_sheet(name)
    widths: dict[int, int] = {}
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if not is_blank(value) and value != "":
                writer.cell(sheet, r, c, value)
                if r < 200:
                    widths[c] = max(widths.get(c, 0), len(str(value)))
    for c, width in widths.items():
        sheet.set_column(c, c, min(max(width, 6) + 2, 50))


def write_ranking(writer: WorkbookWriter, ranking: ReportTable, band_colours: dict[str, str]) -> None:
    """The first sheet: ranking with band colours and a score colour scale."""
    sheet = writer.table(ranking)
    frame = ranking.frame
    if "Band" in frame.columns:
        col = list(frame.columns).index("Band")
        top = len(ranking.intro) + (1 if ranking.intro else 0)
        for r, band in enumerate(frame["Band"]):
            if isinstance(band, str) and band in band_colours:
                writer.text(sheet, top + 1 + r, col, band, writer.fill(band_colours[band]))
    sheet.set_column(0, 0, 7)


def write_scored_workbook(evaluation: Evaluation) -> bytes:
    """The scored workbook: Ranking first, then the explanation sheets, then the input sheets as received."""
    writer = WorkbookWriter()
    tables = evaluation.report_tables
    write_ranking(writer, tables[0], {band.name: band.colour for band in evaluation.config.bands})
    for table in tables[1:]:
        writer.table(table)
    for sheet in evaluation.workbook.sheets:
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
