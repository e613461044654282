"""Where a made sheet's rows came from: a finding about one of them names the buyer's own sheet and row.

A sheet the layout stage makes from others (the evaluator sheets' ratings stacked into one evaluations
table) is not in the buyer's file. Each of its rows says where it was read (`SOURCE_COLUMNS`), so a
finding about a row (a rating off the scale) can point at the cell the buyer typed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from scorecard.errors import Finding
from scorecard.read.values import Sheet

SOURCE_SHEET, SOURCE_ROW = "From sheet", "From row"
SOURCE_COLUMNS = (SOURCE_SHEET, SOURCE_ROW)


def at_source(
    findings: Iterable[Finding], sheets: Sequence[Sheet], cell_column: str | None = None
) -> list[Finding]:
    """The findings, each about a made sheet's row moved to the sheet and row it was read from.

    `cell_column`: the made sheet's column that names the buyer's column of the cell (the supplier, whose
    column holds the rating on an evaluator sheet); a finding's column is that value, else left out.
    """
    made = {s.name: s.table for s in sheets if all(c in s.table.columns for c in SOURCE_COLUMNS)}
    if not made:
        return list(findings)
    moved = []
    for finding in findings:
        table = made.get(finding.sheet or "")
        if table is None or finding.row is None or finding.row not in table.index:
            moved.append(finding)
            continue
        source = table.loc[finding.row]
        column = source.get(cell_column) if cell_column else None
        moved.append(
            replace(
                finding,
                sheet=str(source[SOURCE_SHEET]),
                row=int(source[SOURCE_ROW]),
                column=None if column is None else str(column),
            )
        )
    return moved
