"""An evaluation matrix as the layout stage shows it, and turned round for the rest of the pipeline.

The layout stage says what the sheet is (`detect_matrix`: a matrix, one evaluator's copy, or a matrix
`derive` has already turned round); `supplier_sheet` makes the suppliers-in-rows table every later stage
reads, and `turned_sources` says where each of its values sits on the buyer's sheet (the cell, not the
row number the turned table gives a supplier), for the Criteria sheet and `validate`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from scorecard.errors import Finding, Severity
from scorecard.layout import ColumnGroup, LayoutContext, Role, SheetLayout, WorkbookLayout
from scorecard.layout.matrix import MAX_ROWS, SEARCH_ROWS, Matrix, read_matrix
from scorecard.layout.matrix_cells import grid_of, is_label, number
from scorecard.layout.registry import register
from scorecard.read import Sheet, Workbook, column_letter


def detect_matrix(sheet: Sheet, context: LayoutContext) -> SheetLayout | None:
    """The layout detector: an evaluation matrix (or one evaluator's copy of it) on this sheet."""
    matrix = read_matrix(sheet)
    if matrix is None:
        return None
    if is_turned(sheet, matrix):
        # derive() already turned it round (its table has a row per supplier): the pipeline reads it as a
        # supplier list, and the buyer reads what it is
        return matrix_layout(matrix, Role.SUPPLIERS)
    return matrix_layout(matrix, Role.EVALUATOR_SHEET if matrix.evaluator else Role.MATRIX)


def is_turned(sheet: Sheet, matrix: Matrix) -> bool:
    """Has `supplier_sheet` made this sheet's table (a row per supplier, from its own grid)?"""
    columns = sheet.columns
    return (
        bool(columns)
        and columns[0] == "Supplier"
        and tuple(map(str, sheet.table["Supplier"]))[: len(matrix.suppliers)] == matrix.suppliers
    )


def matrix_layout(matrix: Matrix, role: Role) -> SheetLayout:
    rows = [c.row for c in matrix.criteria]
    weights = "no weight column (equal weights)"
    if matrix.weight_column is not None:
        unit = "multipliers" if matrix.most_points != matrix.weights.sum() else matrix.weight_unit
        weights = f"weights in column {column_letter(matrix.weight_column)} ({unit})"
    note = f"{weights}, scores on a {matrix.scale[0]:g}-{matrix.scale[1]:g} scale"
    if role == Role.SUPPLIERS:
        note = f"an evaluation matrix (criteria in rows, suppliers across) read turned round; {note}"
    if matrix.evaluator:
        note += f", scored by {matrix.evaluator}"
    return SheetLayout(
        sheet=matrix.sheet,
        role=role,
        orientation="columns",
        header_row=matrix.names_row,
        suppliers_in=f"{matrix.columns_text()} (names in row {matrix.names_row})",
        names_row=matrix.names_row,
        groups=tuple(
            ColumnGroup(name, (column_letter(c),))
            for name, c in zip(matrix.suppliers, matrix.supplier_columns, strict=True)
        ),
        columns=(("criterion", column_letter(matrix.label_column)),)
        + ((("weight", column_letter(matrix.weight_column)),) if matrix.weight_column is not None else ()),
        data_rows=(min(rows), max(rows)),
        skipped_rows=tuple((s.row, f"{s.kind} row ({s.label})") for s in matrix.summaries),
        supplier_count=len(matrix.suppliers),
        note=note,
        detail=matrix,  # the matrix as read, so later stages name its cells without reading it again
    )


def evaluator_sheet(sheet: Sheet) -> SheetLayout | None:
    """A matrix that names who scored it is one evaluator's sheet (asked before the plain matrix)."""
    matrix = read_matrix(sheet)
    if matrix is None or not matrix.evaluator:
        return None
    return matrix_layout(matrix, Role.EVALUATOR_SHEET)


def supplier_sheet(matrix: Matrix, labels: tuple[str, ...], grid: list[list[object]]) -> Sheet:
    """The matrix as the rest of the pipeline reads suppliers: a row per supplier, a column per criterion.

    `labels` are the criterion column names (unique, from the derived settings). The row numbers are
    the supplier's spreadsheet column numbers (A=1), since a supplier's scores run down one column.
    `grid` is the sheet's own grid, kept so the layout and the scored workbook show the sheet as it is.
    """
    frame = pd.DataFrame(
        [[name, *(c.scores[i] for c in matrix.criteria)] for i, name in enumerate(matrix.suppliers)],
        columns=["Supplier", *labels],
        index=pd.Index([c + 1 for c in matrix.supplier_columns], name="row"),
        dtype=object,
    )
    return Sheet(matrix.sheet, frame, matrix.names_row, rows_read=len(frame), cells=grid)


def turned_finding(matrix: Matrix) -> Finding:
    """Say plainly that the sheet was read turned round, and where each supplier's scores are."""
    where = ", ".join(
        f"{name} in column {column_letter(c)}"
        for name, c in zip(matrix.suppliers, matrix.supplier_columns, strict=True)
    )
    rows = [c.row for c in matrix.criteria]
    return matrix.finding(
        Severity.INFO,
        f"This sheet has the criteria in rows {min(rows)}-{max(rows)} and the suppliers across the columns "
        f"({where}); it was read turned round, one supplier per column. Row numbers given for its suppliers "
        "elsewhere are their column numbers (A=1).",
        "read as an evaluation matrix",
        matrix.names_row,
    )


@dataclass(frozen=True)
class TurnedSource:
    """Where one column of a turned matrix's table comes from on the buyer's sheets.

    `where` is the criterion's place in words; `cells` gives each supplier's own cell, by the row number
    the turned table gives that supplier (its column number, A=1), as "Sheet / cell D7 / label"."""

    where: str
    cells: tuple[tuple[int, str], ...]


def turned_sources(workbook: Workbook, layout: WorkbookLayout, sheet: str) -> dict[str, TurnedSource]:
    """For a supplier sheet `derive` made by turning a matrix round: each criterion column's row on the
    matrix and each supplier's cell in it, and a price brought from a price sheet with its rows there.
    Empty for any other sheet."""
    here = next((s for s in layout.sheets if s.sheet == sheet), None)
    matrix = here.detail if here is not None else None
    if not isinstance(matrix, Matrix) or here.orientation != "columns":
        return {}
    table = workbook.sheet(sheet).table
    found = {}
    for header, criterion in zip(table.columns[1:], matrix.criteria, strict=False):
        cells = tuple(
            (c + 1, f'{sheet} / cell {column_letter(c)}{criterion.row} / "{criterion.label}"')
            for c in matrix.supplier_columns
        )
        found[str(header)] = TurnedSource(
            f'sheet "{sheet}", row {criterion.row} ("{criterion.label}"), one score per supplier in '
            f"{matrix.columns_text()}",
            cells,
        )
    found.update(price_sources(workbook, layout, sheet, table, set(found)))
    return found


def price_sources(
    workbook: Workbook, layout: WorkbookLayout, sheet: str, table: pd.DataFrame, criteria: set[str]
) -> dict[str, TurnedSource]:
    """The price column `with_price` added beside the matrix: its price sheet, column and each supplier's row."""
    from scorecard.layout.price_sheet import price_sheet
    from scorecard.names import supplier_key

    added = [str(h) for h in table.columns[1:] if str(h) not in criteria]
    others = WorkbookLayout(tuple(s for s in layout.sheets if s.sheet != sheet))
    price = (
        price_sheet(workbook, others, {supplier_key(str(n)) for n in table["Supplier"]}) if added else None
    )
    if price is None:
        return {}
    rows = {}
    for name, row in zip(price.sheet.table[price.supplier], price.sheet.table.index, strict=True):
        if name is not None:
            rows.setdefault(supplier_key(str(name)), int(row))
    cells = tuple(
        (int(turned_row), f'{price.name} / row {rows[key]} / "{price.price}"')
        for turned_row, name in zip(table.index, table["Supplier"], strict=True)
        if (key := supplier_key(str(name))) in rows
    )
    return {added[0]: TurnedSource(f'sheet "{price.name}", column "{price.price}"', cells)}


def transposed_shape(sheet: Sheet) -> str | None:
    """When a sheet looks turned round (labels down one column, names across, numbers under them) but no
    matrix could be read from it, say where the suppliers seem to be, so the message names the shape."""
    if len(sheet.cells) > MAX_ROWS:
        return None
    grid = grid_of(sheet)
    for r in range(min(len(grid), SEARCH_ROWS)):
        header = grid[r]
        names = [c for c in range(1, len(header)) if is_label(header[c])]
        if len(names) < 2:
            continue
        below = grid[r + 1 : r + 30]
        numeric = [c for c in names if sum(number(row[c]) is not None for row in below) >= 2]
        labels = sum(is_label(row[0]) for row in below) if below else 0
        if len(numeric) >= 2 and labels >= 2:
            first, last = numeric[0], numeric[-1]
            return (
                f'Sheet "{sheet.name}" seems to have the suppliers across the top, in columns '
                f"{column_letter(first)}-{column_letter(last)} (names in row {r + 1}), and what they are "
                "scored on down column A"
            )
    return None


register(Role.EVALUATOR_SHEET, lambda sheet, context: evaluator_sheet(sheet), priority=66)
register(Role.MATRIX, detect_matrix, priority=65)
