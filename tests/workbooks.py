"""Build small workbooks in code, so each test shows exactly what it reads."""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook


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


DEFAULT_HEADER = [
    "Supplier",
    "Total cost (EUR)",
    "Payment terms (days)",
    "Price validity (months)",
    "Financial risk score",
    "Country risk",
    "Business continuity plan",
    "On-time delivery (%)",
    "Defect rate (ppm)",
    "ISO 9001",
    "EcoVadis score",
    "Carbon intensity (tCO2e per EUR m)",
    "ISO 14001",
    "Responsiveness (1-5)",
    "Innovation (1-5)",
    "Collaboration (1-5)",
]


def default_row(
    name: str, cost: object = 100_000, otd: object = 97.0, iso: object = "Yes", risk: object = 30
) -> list[object]:
    """A supplier row for the default preset; the keyword arguments are the values tests vary."""
    return [name, cost, 60, 12, risk, "Low", "Yes", otd, 200, iso, 60, 50, "Yes", 4, 4, 4]
