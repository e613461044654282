"""Export stage: the scored workbook a buyer forwards to a stakeholder or an auditor.

A pure function from an Evaluation to bytes, so it is tested on its own (the
app only hands the bytes to a download button). Written with xlsxwriter: it is
the fastest writer, and every text cell is written as a string cell, never as
a formula; text that starts like a formula (= + - @, tab, carriage return) also
gets Excel's quote prefix, so editing the cell later cannot turn it into one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from scorecard import style
from scorecard.export.bulk import BULK_CELLS, BulkSheet, write_grid
from scorecard.export.cells import FORMULA_STARTS, MAX_CELL_TEXT, missing_value
from scorecard.export.writer import WorkbookWriter, safe_sheet_name, score_scale
from scorecard.report import ReportTable

if TYPE_CHECKING:
    from scorecard.pipeline import Evaluation


def write_ranking(writer: WorkbookWriter, ranking: ReportTable, band_colours: dict[str, str]) -> None:
    """The first sheet: ranking with band colours and a score colour scale."""
    sheet = writer.table(ranking, bulk=False)  # the band fills are written over it below
    frame = ranking.frame
    if "Band" in frame.columns:
        col = list(frame.columns).index("Band")
        top = len(ranking.intro) + (1 if ranking.intro else 0)
        for r, band in enumerate(frame["Band"]):
            if isinstance(band, str) and band in band_colours:
                writer.text(sheet, top + 1 + r, col, band, writer.fill(band_colours[band]))
    sheet.set_column(0, 0, 7)


def write_scored_workbook(evaluation: Evaluation, *, input_sheets: bool = True) -> bytes:
    """The scored workbook: Ranking first, then the explanation sheets, then the input sheets as received.

    `input_sheets=False` leaves the copies of the buyer's own sheets out (a
    smaller file to forward; the Criteria sheet still names each source cell).
    """
    writer = WorkbookWriter()
    tables = evaluation.report_tables
    write_ranking(writer, tables[0], style.band_colours(evaluation.config))
    for table in tables[1:]:
        writer.table(table)
    for sheet in evaluation.workbook.sheets if input_sheets else ():
        write_grid(writer, f"Input {sheet.name}", sheet.cells)
    return writer.close()


def write_tables(tables: Sequence[ReportTable]) -> bytes:
    """A workbook of just these tables, one sheet each: e.g. one supplier's improvement plan to send them.

    Nothing else goes in (no input sheets, no ranking), so what the tables leave
    out (other suppliers' names and data) is not in the file either.
    """
    writer = WorkbookWriter()
    for table in tables:
        writer.table(table)
    return writer.close()


def scored_filename(input_name: str, when: date) -> str:
    """'bids_q3.xlsx' scored on 26 Nov 2026 -> 'bids_q3 scored 2026-11-26.xlsx'."""
    stem = input_name.rsplit("/", 1)[-1].rsplit(".", 1)[0] or "suppliers"
    return f"{stem} scored {when.isoformat()}.xlsx"


__all__ = [
    "BULK_CELLS",
    "FORMULA_STARTS",
    "MAX_CELL_TEXT",
    "BulkSheet",
    "WorkbookWriter",
    "missing_value",
    "safe_sheet_name",
    "score_scale",
    "scored_filename",
    "write_grid",
    "write_ranking",
    "write_scored_workbook",
    "write_tables",
]
