"""The Data quality sheet: every finding from reading and cleaning, every row left out, every blank cell."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from scorecard.errors import Finding
from scorecard.report import ReportTable
from scorecard.score import ScoreResult
from scorecard.tables.mapping import exclusions_frame
from scorecard.tables.status import handling_text

if TYPE_CHECKING:
    from scorecard.pipeline import Evaluation


def data_quality_table(evaluation: Evaluation) -> ReportTable:
    """Every finding from reading and cleaning, and every row left out, with where and what was done."""
    frame = findings_frame(evaluation.findings)
    mapped = evaluation.prepared.suppliers
    # a row already explained by a finding (no supplier name, a totals row) is listed once, by that finding
    noted = {(sheet, row) for sheet, row in zip(frame["Sheet"], frame["Row"], strict=True) if row is not None}
    exclusions = exclusions_frame(mapped.exclusions)
    unexplained = (
        exclusions[[(mapped.mapping.sheet, row) not in noted for row in exclusions["Row"]]]
        if len(exclusions)
        else exclusions
    )
    excluded = pd.DataFrame(
        {
            "Severity": "warning",
            "Sheet": mapped.mapping.sheet,
            "Row": unexplained["Row"],
            "Column": None,
            "Value found": unexplained["Supplier"],
            "What we noticed": "Row excluded: " + unexplained["Reason"].astype(str),
            "What was done": "not scored",
        }
    )
    frame = pd.concat([frame, excluded], ignore_index=True) if len(excluded) else frame
    blanks = blank_cells_frame(evaluation.result)
    frame = pd.concat([frame, blanks], ignore_index=True) if len(blanks) else frame
    frame = frame.drop_duplicates(ignore_index=True)
    intro = (
        f"{mapped.rows_read} supplier rows read: {len(evaluation.result.suppliers)} scored, {len(exclusions)} excluded.",
        "Severity: error = could not be used; warning = a value was changed, guessed or left out; info = a note.",
    )
    frame["Row"] = frame["Row"].astype("Int64")
    return ReportTable("Data quality", frame, intro=intro, formats=(("Row", "integer"),))


def blank_cells_frame(result: ScoreResult) -> pd.DataFrame:
    """Every cell with no value for a criterion that has a column, with the policy applied to it:
    a blank scored 0 under 'worst' is a change to the buyer's data and is listed like one."""
    cells = np.argwhere(result.missing & ~result.invalid & result.in_file)
    columns = dict(result.columns)
    rows = result.source_rows or (None,) * len(result.suppliers)
    return pd.DataFrame(
        [
            (
                "warning" if result.base_weights[j] > 0 else "info",
                result.sheet,
                rows[i],
                columns.get(result.criteria[j].key),
                None,
                f"No value for {result.criteria[j].label} ({result.suppliers[i]})",
                handling_text(result, i, j),
            )
            for i, j in cells.tolist()
        ],
        columns=["Severity", "Sheet", "Row", "Column", "Value found", "What we noticed", "What was done"],
    )


def findings_frame(findings: tuple[Finding, ...]) -> pd.DataFrame:
    """Findings as a table: the Data quality sheet and the app's list."""
    return pd.DataFrame(
        [(f.severity.value, f.sheet, f.row, f.column, f.value, f.message, f.action) for f in findings],
        columns=["Severity", "Sheet", "Row", "Column", "Value found", "What we noticed", "What was done"],
    )
