"""Finding the header row below titles and notes, and naming every column (merged, repeated, over-long)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime

from scorecard.errors import Finding, ScorecardError, Severity
from scorecard.read.cells import (
    column_letter,
    is_blank,
    is_label_number,
    looks_numeric,
    normalise_cell,
    normalise_text,
)
from scorecard.read.values import HEADER_SEARCH_ROWS, MAX_HEADER_LENGTH, MAX_HEADERS


def find_header_row(grid: list[list[object]]) -> int | None:
    """0-based index of the header row: the first row, among the top rows, that looks like column names.

    A header holds text (numbers such as years or item numbers count as names
    when the row holds text too), at least two cells, and is about as wide as
    the data below it; a title ("Supplier evaluation 2026") or a note above it
    is narrower.
    """
    top = [[normalise_cell(v) for v in row] for row in grid[: HEADER_SEARCH_ROWS + 20]]
    widths = [sum(v is not None for v in row) for row in top]
    limit = min(len(top), HEADER_SEARCH_ROWS)
    widest_below = [0] * (len(top) + 1)
    for i in range(len(top) - 1, -1, -1):
        widest_below[i] = max(widths[i], widest_below[i + 1])
    for i in range(limit):
        if names_columns(top[i], widths[i], widest_below[min(i + 1, len(top))]):
            return i
    return next((i for i in range(limit) if widths[i] >= 1), None)


def names_columns(row: list[object], width: int, widest_below: int) -> bool:
    """Text (or label numbers beside text) in at least two cells, about as wide as the data below it."""
    texts = sum(isinstance(v, str) and not looks_numeric(v) for v in row)
    labels = texts + sum(is_label_number(v) for v in row)
    return texts >= 1 and width >= 2 and labels >= 0.6 * width and width >= 0.6 * widest_below


def merged_header_fill(rows: list[list[object]], merged: Iterable, first: int, count: int = 1) -> None:
    """A header cell merged across columns names every column it spans ('Price' over 'Price' 'Price').

    calamine reports merged ranges as ((first_row, first_col), (last_row, last_col)),
    0-based from A1; `rows` are the header rows starting at grid row `first`.
    The value sits in the range's top-left cell, which may be above the header.
    """
    for rng in merged:
        try:
            (r0, c0), (r1, c1) = rng
        except (TypeError, ValueError):
            continue
        if r1 < first or r0 >= first + count or c1 <= c0:
            continue
        value = rows[r0 - first][c0] if first <= r0 < first + count and c0 < len(rows[r0 - first]) else None
        if value is None:
            continue
        for r in range(max(r0, first), min(r1, first + count - 1) + 1):
            row = rows[r - first]
            for c in range(c0, min(c1 + 1, len(row))):
                if row[c] is None:
                    row[c] = value


def second_header_row(header: list[object], below: list[object] | None, merged: Iterable, first: int) -> bool:
    """Is the row under the header a second header row ('Price' over 'Unit' and 'Total')?

    Only when the header has a cell spanning several columns (merged, or a name
    followed by blank header cells) and the row below holds text, no numbers,
    with its texts under such spans.
    """
    if below is None or not all_text(below):
        return False
    spans = spanning_columns(header, merged, first)
    # every sub-name sits under a span (or repeats the name above it, as a vertical merge does):
    # a first data row of text has a supplier name under "Supplier", which is no span
    for c, value in enumerate(below):
        if value is None or c in spans:
            continue
        above = header[c] if c < len(header) else None
        if above is None or normalise_text(str(value)) != normalise_text(str(above)):
            return False
    return any(c in spans and v is not None for c, v in enumerate(below))


def all_text(row: list[object]) -> bool:
    """Something in the row, and every filled cell is text that is not a number."""
    filled = [v for v in row if v is not None]
    return bool(filled) and all(isinstance(v, str) and not looks_numeric(v) for v in filled)


def spanning_columns(header: list[object], merged: Iterable, first: int) -> set[int]:
    """Columns under a header cell that spans several: merged across them, or a name then blank cells."""
    spans: set[int] = set()
    for rng in merged:
        try:
            (r0, c0), (r1, c1) = rng
        except (TypeError, ValueError):
            continue
        if r0 <= first <= r1 and c1 > c0:
            spans.update(range(c0, c1 + 1))
    # Without merge information, a blank header cell after a name continues that name's span.
    for c in range(1, len(header)):
        if header[c] is None and (header[c - 1] is not None or c - 1 in spans):
            spans.update((c - 1, c))
    return spans


def capped_headers(cells: list[object], sheet: str, row: int, findings: list[Finding]) -> list[object]:
    """Refuse a sheet with more named columns than any table has; cut over-long headers, saying so.

    Both bound the work of every later step (matching, messages) for any file within the upload limit.
    """
    named = sum(not is_blank(cell) for cell in cells)
    if named > MAX_HEADERS:
        raise ScorecardError(
            f"The header row has {named:,} column names; Scorecard reads up to {MAX_HEADERS:,} columns per sheet.",
            sheet=sheet,
            row=row,
            hint="Delete the columns that are not needed (or move them to another workbook) and upload again.",
        )
    capped = list(cells)
    for c, cell in enumerate(cells):
        if isinstance(cell, str) and len(cell) > MAX_HEADER_LENGTH:
            capped[c] = cell[:MAX_HEADER_LENGTH]
            findings.append(
                Finding(
                    Severity.WARNING,
                    f"The header of column {column_letter(c)} is {len(cell):,} characters long; its first "
                    f"{MAX_HEADER_LENGTH} characters were kept as the column's name.",
                    sheet=sheet,
                    row=row,
                    action="Shorten the header to a name (put notes in a cell comment) if the column is needed.",
                )
            )
    return capped


def header_names(cells: list[object]) -> list[str | None]:
    """Header texts, trimmed, with repeats numbered ('Price', 'Price (2)') so every column has a name."""
    names: list[str | None] = []
    seen: dict[str, int] = {}
    for cell in cells:
        if is_blank(cell):
            names.append(None)
            continue
        text = re.sub(r"\s+", " ", str(cell).replace("\xa0", " ")).strip()
        if isinstance(cell, float) and cell.is_integer():
            text = str(int(cell))
        if isinstance(cell, (datetime, date)):
            text = cell.isoformat()[:10]
        key = text.casefold()
        seen[key] = seen.get(key, 0) + 1
        names.append(text if seen[key] == 1 else f"{text} ({seen[key]})")
    return names
