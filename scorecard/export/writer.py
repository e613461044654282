"""The workbook writer: our formats, safe text, report tables (large ones in bulk, see `bulk`)."""

from __future__ import annotations

import io
import math
from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from scorecard import style
from scorecard.export import package
from scorecard.export.bulk import BULK_CELLS, BulkSheet, bulk_frame
from scorecard.export.cells import FORMULA_STARTS, MAX_CELL_TEXT, missing_value
from scorecard.numbers import EXCEL_FORMATS
from scorecard.report import ReportTable

if TYPE_CHECKING:
    pass

HEADER_COLOUR = "#1f3b57"
NUMBER_FORMATS = EXCEL_FORMATS  # the page's number style (scorecard/numbers.py)


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

    def close(self) -> bytes:
        """The finished workbook's bytes, its parts compressed at the export's level (see `package`)."""
        with package.zip_level(package.ZIP_LEVEL):
            self.book.close()
        return self.buffer.getvalue()

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
        if missing_value(value):
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
            top = bulk_frame(self, sheet, table)
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
    elif fmt in ("money", "integer", "number", "points") and sample.dtype in (np.float64, np.int64):
        longest = widest_number(sample.to_numpy())
    elif fmt in ("money", "integer", "number", "points"):
        longest = max(
            (
                len(f"{v:,.2f}")
                for v in sample
                if isinstance(v, (int, float)) and not missing_value(v) and math.isfinite(v)
            ),
            default=8,
        )
    else:
        longest = max((len(str(v)) for v in sample if not missing_value(v)), default=6)
    widest_word = max((len(w) for w in header.split()), default=6)
    return float(min(max(longest, widest_word, 6) + 2, 60))


def widest_number(numbers: np.ndarray) -> int:
    """The longest `1,234.50` text among plain numbers, from the extremes alone (one text per sign).

    Such a text only gets longer as a number moves away from zero on its side (the
    minus sign included, also on -0.0), so the widest is the largest or the most negative.
    """
    finite = numbers[np.isfinite(numbers)] if numbers.dtype.kind == "f" else numbers
    if not finite.size:
        return 8
    negative = np.signbit(finite)
    ends = [finite[~negative].max().item()] if not negative.all() else []
    ends += [finite[negative].min().item()] if negative.any() else []
    return max(len(f"{v:,.2f}") for v in ends)


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
