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


def packaging_comparison(*, with_iso: bool = True) -> bytes:
    """A buyer's own comparison sheet as it arrives: title rows, "Vendor", a few of the default preset's
    columns (total cost, payment terms, OTD, ppm, ISO 9001 when `with_iso`: enough to be scored on the
    preset, not on the file's own settings), a comments column, a notes sheet, and no
    financial risk column, so the default's must-have "Financial risk score must be at most 70" has
    nothing to check."""
    header = [
        "Vendor",
        "Total cost (EUR)",
        "Payment terms (days)",
        "On-time delivery (%)",
        "Defect rate (ppm)",
        "ISO 9001",
        "Comments",
    ]
    rows = [
        ["Nordpack AB", 182_400, 60, 96.5, 220, "Yes", "incumbent"],
        ["Cartonex GmbH", 171_900, 30, 91.0, 540, "Yes", ""],
        ["Boxline Ltd", 199_000, 45, 98.8, 90, "No", "certification expected Q2"],
        ["Kraftwell Oy", 176_250, 60, 94.2, 310, "Yes", "new supplier"],
    ]
    if not with_iso:
        header, rows = header[:5] + header[6:], [r[:5] + r[6:] for r in rows]
    return xlsx_bytes(
        {
            "Vendor comparison": [
                ["RFQ 2026-031 Corrugated packaging: supplier comparison"],
                ["Prepared by Procurement, prices incl. freight"],
                [],
                header,
                *rows,
            ],
            "Notes": [["Note"], ["Quotes valid until 31 Jan 2027"]],
        }
    )


def quotes_without_preset_columns() -> bytes:
    """A buyer's quote summary with none of the default preset's columns (so none of its must-haves
    either): scored on its own columns when the settings give way to the file."""
    return xlsx_bytes(
        {
            "Quotes": [
                ["Quote summary, lot 4 (pallets)"],
                [],
                ["Vendor", "Quoted price (EUR)", "Lead time (days)", "Quality score (1-5)"],
                ["Acme Pallets", 100, 10, 4],
                ["Beta Logistics", 90, 20, 3],
                ["Gamma Wood", 120, 5, 5],
            ]
        }
    )
