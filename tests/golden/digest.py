"""A workbook as a list of row fingerprints per sheet: values and number formats, cell for cell.

Floats are kept to 12 significant digits: a refactor may add the same numbers in another order, which moves
the last bit of a double; a buyer never sees that, and anything larger is a real change. The scoring time and
the version on the Method sheet change with every run, and so does the SHA-256 of a workbook built in
code (openpyxl stamps the time into it): those three are left out.
"""

from __future__ import annotations

import hashlib
import io
import json
from datetime import date, datetime, time

from openpyxl import load_workbook

VARIES = ("Scored at (UTC)", "Scorecard version", "Input file SHA-256")


def cell_text(value: object, number_format: str) -> str:
    if isinstance(value, bool) or value is None:
        shown = repr(value)
    elif isinstance(value, float):
        shown = f"{value:.12g}"
    elif isinstance(value, (datetime, date, time)):
        shown = value.isoformat()
    else:
        shown = repr(value)
    return shown if number_format == "General" or value is None else f"{shown}|{number_format}"


def row_texts(row: tuple) -> list[str]:
    texts = [cell_text(c.value, getattr(c, "number_format", "General")) for c in row]
    while texts and texts[-1] == "None":
        texts.pop()
    if any(t.strip("'") in VARIES for t in texts[:1]):
        texts = [*texts[:1], "<varies>"]
    return texts


def workbook_rows(data: bytes) -> dict[str, list[list[str]]]:
    """Every sheet's rows as cell texts, in sheet order."""
    book = load_workbook(io.BytesIO(data), read_only=True)
    try:
        return {sheet.title: [row_texts(r) for r in sheet.iter_rows()] for sheet in book.worksheets}
    finally:
        book.close()


def row_hash(texts: list[str]) -> str:
    return hashlib.sha256(json.dumps(texts).encode()).hexdigest()[:16]


def digest(data: bytes) -> dict[str, list[str]]:
    """Sheet name -> one short hash per row (the committed form: small, and a mismatch names its row)."""
    return {sheet: [row_hash(r) for r in rows] for sheet, rows in workbook_rows(data).items()}
