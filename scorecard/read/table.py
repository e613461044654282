"""From a grid of cells under its header to a sheet's table: blank and totals rows left out, each with a finding."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from scorecard.errors import Finding, Severity
from scorecard.read.cells import column_letter, normalise_cell, normalise_text, row_list
from scorecard.read.header import (
    capped_headers,
    find_header_row,
    header_names,
    merged_header_fill,
    second_header_row,
)
from scorecard.read.values import Exclusion, LeftOut, Sheet, SheetLayout

_TOTALS_LABEL = re.compile(
    r"(?i:grand\s*|sub[\s-]*|overall\s+)?(?i:totals?|sum|averages?|avg\.?|mean|median|min(?:imum)?"
    r"|max(?:imum)?|count)"
    r"(\s*(:|\(.*\)|[-–].*|(?i:of|for|all)\s.*|[A-Z]{3}|[€$£]))?\s*:?"
)
_SUMMARY_WORD = re.compile(r"(?i)\b(averages?|avg|mean|median|min(imum)?|max(imum)?|count)\b")


def is_totals_label(text: str) -> bool:
    """'Total', 'TOTAL:', 'Grand total', 'Sub-total', 'Subtotal (EUR)', 'Sum', and the summary rows a
    spreadsheet adds under a list ('Average', 'Mean', 'Median', 'Min', 'Max', 'Count'): never a supplier.
    Not 'Total Logistics Ltd' or 'Maximus GmbH'."""
    return bool(_TOTALS_LABEL.fullmatch(text.replace("\xa0", " ").strip()))


def grid_to_sheet(
    name: str,
    grid: list[list[object]],
    hidden: bool = False,
    merged: tuple = (),
    layout: SheetLayout | None = None,
) -> Sheet:
    """The table under the header row, with every decision about the grid recorded as a finding.

    Works on whole columns (numpy) rather than cell by cell: this runs on a
    million bid rows.
    """
    findings: list[Finding] = []
    header = find_header_row(grid)
    if header is None:
        return Sheet(
            name, pd.DataFrame(), None, hidden, tuple(_layout_findings(name, layout, {}, None)), cells=grid
        )
    width = max(map(len, grid), default=0)
    header_cells, first_data = header_cells_of(name, grid, header, width, merged, findings)
    names = header_names(capped_headers(header_cells, name, first_data, findings))
    block, blank = data_block(grid[first_data:], width)
    keep = [c for c in range(width) if names[c] is not None]
    findings += unnamed_columns(name, names, blank, header + 1)
    rows_blank = blank[:, keep].all(axis=1) if keep else np.ones(len(block), dtype=bool)
    totals = totals_rows(block, blank, keep) & ~rows_blank
    row_numbers = np.arange(first_data + 1, first_data + 1 + len(block))
    excluded = totals_left_out(name, block, keep, row_numbers, totals, findings)
    findings += blank_rows_skipped(name, rows_blank)
    take = np.flatnonzero(~rows_blank & ~totals)
    if len(take) == len(block) and keep == list(range(width)):
        data = block  # the usual large case: nothing to leave out, so no copy
    else:
        data = block[np.ix_(take, keep)] if keep else np.empty((len(take), 0), dtype=object)
    table = pd.DataFrame(
        data,
        columns=[names[c] for c in keep],
        index=pd.Index(row_numbers[take], name="row"),
        dtype=object,
        copy=False,
    )
    column_names = {c: names[c] for c in keep}
    findings.extend(_layout_findings(name, layout, column_names, table.index))
    rows_read = int((~rows_blank).sum())
    return Sheet(name, table, header + 1, hidden, tuple(findings), rows_read, tuple(excluded), grid)


def header_cells_of(
    name: str, grid: list[list[object]], header: int, width: int, merged: tuple, findings: list[Finding]
) -> tuple[list[object], int]:
    """The header's cells (one row, or two read as one) and the 0-based index of the first data row."""
    header_rows = [
        [normalise_cell(v) for v in grid[r]] + [None] * (width - len(grid[r]))
        for r in range(header, min(header + 2, len(grid)))
    ]
    merged_header_fill(header_rows, merged, header, len(header_rows))
    two_rows = len(header_rows) == 2 and second_header_row(header_rows[0], header_rows[1], merged, header)
    if two_rows:
        cells = combined_header(*header_rows, width)
        findings.append(
            Finding(
                Severity.INFO,
                f"The header spans rows {header + 1} and {header + 2}; each column is named by both "
                "(e.g. 'Price Unit').",
                sheet=name,
                row=header + 2,
                action="two header rows read as one",
            )
        )
    else:
        cells = header_rows[0]
    if header > 0:
        findings.append(
            Finding(
                Severity.INFO,
                f"The header row is row {header + 1}; the {header} row(s) above it were read as titles or notes.",
                sheet=name,
                row=header + 1,
                action="rows above the header not read as data",
            )
        )
    return cells, header + (2 if two_rows else 1)


def combined_header(top: list[object], sub: list[object], width: int) -> list[object]:
    """Two header rows as one name per column ('Price' over 'Unit' -> 'Price Unit')."""
    for c in range(1, width):
        # without merge information ('Price' then a blank over 'Unit', 'Total'), a blank top
        # cell over a sub-name belongs to the name on its left
        if top[c] is None and sub[c] is not None:
            top[c] = top[c - 1]
    combined: list[object] = []
    for c in range(width):
        parts = [str(v) for v in (top[c], sub[c]) if v is not None]
        if len(parts) == 2 and normalise_text(parts[0]) == normalise_text(parts[1]):
            parts = parts[:1]
        combined.append(" ".join(parts) if parts else None)
    return combined


def unnamed_columns(name: str, names: list[str | None], blank: np.ndarray, header_row: int) -> list[Finding]:
    """A column with values but no header is not read: say so, column by column."""
    has_values = ~blank.all(axis=0) if blank.size else np.zeros(len(names), dtype=bool)
    return [
        Finding(
            Severity.WARNING,
            f"Column {column_letter(c)} has values but no header, so it was not read.",
            sheet=name,
            row=header_row,
            action="Give the column a header if it is needed.",
        )
        for c in range(len(names))
        if names[c] is None and has_values[c]
    ]


def totals_left_out(
    name: str,
    block: np.ndarray,
    keep: list[int],
    row_numbers: np.ndarray,
    totals: np.ndarray,
    findings: list[Finding],
) -> list[Exclusion]:
    """Totals and summary rows: each a finding, and a record for the sheet's excluded rows."""
    excluded: list[Exclusion] = []
    for position in np.flatnonzero(totals):
        label = next(v for v in block[position, keep[:2]] if isinstance(v, str))
        row = int(row_numbers[position])
        summary = bool(_SUMMARY_WORD.match(label.strip()))
        kind = "summary row" if summary else "totals row"
        findings.append(
            Finding(
                Severity.WARNING,
                f"This looks like a {kind} ({label.strip()}), not a supplier, so it was left out and not scored.",
                sheet=name,
                row=row,
                value=label,
                action="left out of the table",
            )
        )
        excluded.append(Exclusion(row, LeftOut.SUMMARY_ROW if summary else LeftOut.TOTALS_ROW, label.strip()))
    return excluded


def blank_rows_skipped(name: str, rows_blank: np.ndarray) -> list[Finding]:
    """Blank rows between the header and the last data row (trailing blanks are no news)."""
    if not rows_blank.any() or rows_blank.all():
        return []
    inner = int(rows_blank[: int(np.flatnonzero(~rows_blank)[-1])].sum())
    if not inner:
        return []
    return [
        Finding(
            Severity.INFO,
            f"{inner} blank row(s) between the header and the last row were skipped.",
            sheet=name,
            action="skipped",
        )
    ]


def data_block(rows: list[list[object]], width: int) -> tuple[np.ndarray, np.ndarray]:
    """The rows below the header as a 2-D object array (None for blanks) and its blank mask.

    calamine's grids are rectangular; CSV rows may be ragged and are padded.
    """
    if not rows or width == 0:
        return np.empty((0, width), dtype=object), np.ones((0, width), dtype=bool)
    if len(set(map(len, rows))) > 1:
        rows = [row[:width] + [None] * (width - len(row)) if len(row) != width else row for row in rows]
    block = np.empty((len(rows), width), dtype=object)
    block[:] = rows
    # Blank is '' (calamine) or None (CSV): both are falsy, so test truth in C first and compare
    # only the few falsy cells (zeros, False, blanks) in Python.
    blank = ~block.astype(bool)
    if blank.any():
        falsy = block[blank]
        blank[blank] = np.equal(falsy, "") | np.equal(falsy, None)
        block[blank] = None
    # other values calamine hands over that are not data: time of day and durations as text
    return block, blank


def totals_rows(block: np.ndarray, blank: np.ndarray, keep: list[int]) -> np.ndarray:
    """Rows whose first text, in one of the first two columns, is a totals label."""
    result = np.zeros(len(block), dtype=bool)
    if not keep or not len(block):
        return result
    decided = np.zeros(len(block), dtype=bool)
    for c in keep[:2]:
        codes, uniques = pd.factorize(block[:, c], use_na_sentinel=True)
        is_text = np.array([isinstance(u, str) for u in uniques], dtype=bool)
        is_total = np.array([isinstance(u, str) and is_totals_label(u) for u in uniques], dtype=bool)
        valid = codes >= 0
        text_here = np.zeros(len(block), dtype=bool)
        total_here = np.zeros(len(block), dtype=bool)
        text_here[valid] = is_text[codes[valid]]
        total_here[valid] = is_total[codes[valid]]
        result |= ~decided & total_here
        decided |= text_here
    return result


def _layout_findings(
    sheet: str,
    layout: SheetLayout | None,
    column_names: dict[int, str | None],
    table_rows: pd.Index | None,
) -> list[Finding]:
    """Hidden rows and columns that hold data, and formulas saved without a value, as findings."""
    if layout is None:
        return []
    findings: list[Finding] = []
    hidden_rows: list[int] = []
    if layout.hidden_rows and table_rows is not None:  # a set of 200,000 row numbers only when needed
        data_rows = set(table_rows)
        hidden_rows = [r for r in layout.hidden_rows if r in data_rows]
    if hidden_rows:
        findings.append(
            Finding(
                Severity.WARNING,
                f"{len(hidden_rows)} row(s) with data are hidden in the workbook ({row_list(hidden_rows)}); "
                "they were read and used all the same.",
                sheet=sheet,
                row=hidden_rows[0],
                action="read; delete the rows if they should not count",
            )
        )
    for c in layout.hidden_columns:
        if column_names.get(c):
            findings.append(
                Finding(
                    Severity.WARNING,
                    f"Column {column_letter(c)} is hidden in the workbook; it was read and used all the same.",
                    sheet=sheet,
                    column=column_names[c],
                    action="read; delete the column if it should not count",
                )
            )
    for row, c in layout.formulas_without_value:
        findings.append(
            Finding(
                Severity.WARNING,
                f"Cell {column_letter(c)}{row} holds a formula that was saved without its result, "
                "so it was read as blank.",
                sheet=sheet,
                row=row,
                column=column_names.get(c) or column_letter(c),
                action="read as blank; open the file in Excel, let it calculate, save and upload again",
            )
        )
    more = layout.formulas_without_value_count - len(layout.formulas_without_value)
    if more > 0:
        findings.append(
            Finding(
                Severity.WARNING,
                f"{more} more formula cell(s) were saved without their results and were read as blank.",
                sheet=sheet,
                action="read as blank; open the file in Excel, let it calculate, save and upload again",
            )
        )
    return findings
