"""Buyers' evaluation workbooks built in code: matrices, evaluator sheets, tenders, e-sourcing exports.

openpyxl writes a formula without its result; Excel saves both. `Formula` cells are written as
formulas and then given their cached value in the sheet XML, so the reader sees what it sees in a
file saved by Excel.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.utils import get_column_letter


@dataclass(frozen=True)
class Formula:
    """A formula cell with the value Excel would have saved with it."""

    text: str
    value: float | str


@dataclass(frozen=True)
class Merge:
    """A merged range, e.g. Merge("C2:F2"), written after the rows."""

    cells: str


def workbook_bytes(sheets: dict[str, Sequence[Sequence[object] | Merge]]) -> bytes:
    """An .xlsx whose sheets are lists of rows (row 1 first); Formula cells carry cached values."""
    book = Workbook()
    book.remove(book.active)
    cached: dict[int, dict[str, float | str]] = {}
    for index, (name, rows) in enumerate(sheets.items(), start=1):
        sheet = book.create_sheet(name)
        values: dict[str, float | str] = {}
        row_number = 0
        for row in rows:
            if isinstance(row, Merge):
                sheet.merge_cells(row.cells)
                continue
            row_number += 1
            for column, value in enumerate(row, start=1):
                if value is None:
                    continue
                ref = f"{get_column_letter(column)}{row_number}"
                if isinstance(value, Formula):
                    sheet[ref] = value.text
                    values[ref] = value.value
                else:
                    sheet[ref] = value
                    if isinstance(value, str) and value.startswith("="):
                        sheet[ref].data_type = "s"
        cached[index] = values
    buffer = io.BytesIO()
    book.save(buffer)
    return with_cached_values(buffer.getvalue(), cached)


def with_cached_values(data: bytes, cached: dict[int, dict[str, float | str]]) -> bytes:
    """Put each formula's result into `<v>` as Excel does (text results get t="str")."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            match = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", item.filename)
            if match and cached.get(int(match.group(1))):
                text = content.decode()
                for ref, value in cached[int(match.group(1))].items():
                    kind = ' t="str"' if isinstance(value, str) else ""
                    text = re.sub(
                        rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/>',
                        lambda m, v=value, k=kind: f'<c r="{ref}"{m.group(1)}{k}><f>{m.group(2)}</f><v>{v}</v>',
                        text,
                    )
                content = text.encode()
            target.writestr(item, content)
    return out.getvalue()
