"""Build small workbooks in code, so each test shows exactly what it reads."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook

from scorecard.config import load_preset


def xlsx_bytes(sheets: dict[str, Sequence[Sequence[object]]], hidden: Sequence[str] = ()) -> bytes:
    """An .xlsx with the given sheets, each a list of rows (the first row is row 1)."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # text that looks like a formula, as a supplier could type it
        if name in hidden:
            sheet.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


DEFAULT = load_preset("default")
# the supplier column and every criterion's column, in the preset's order (default_row follows it)
DEFAULT_HEADER = [DEFAULT.supplier_column, *(c.column for c in DEFAULT.criteria)]


def default_row(
    name: str, cost: object = 100_000, otd: object = 97.0, iso: object = "Yes", risk: object = 30
) -> list[object]:
    """A supplier row for the default preset; the keyword arguments are the values tests vary."""
    row = [name, cost, 60, 12, risk, "Low", "Yes", otd, 200, iso, 60, 50, "Yes", 4, 4, 4]
    assert len(row) == len(DEFAULT_HEADER), "the default preset's criteria changed: update default_row"
    return row


def three_supplier_event(folder: Path) -> Path:
    """A small scored-as-is event for the default preset: Acme, Bolt (cheaper) and Crane (late)."""
    path = folder / "event.xlsx"
    rows = [
        DEFAULT_HEADER,
        default_row("Acme"),
        default_row("Bolt", cost=90_000),
        default_row("Crane", otd=80),
    ]
    path.write_bytes(xlsx_bytes({"Suppliers": rows}))
    return path
