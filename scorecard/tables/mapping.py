"""The map stage as a buyer reads it: which column each criterion was read from and how it was found,
and every row read but not scored with its reason."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from scorecard.mapping.headers import shown_headers
from scorecard.read import Exclusion, LeftOut
from scorecard.report import ReportTable

if TYPE_CHECKING:
    from scorecard.mapping.columns import ColumnMapping

EXCLUSION_COLUMNS = ["Row", "Supplier", "Reason"]


def mapping_table(mapping: ColumnMapping) -> ReportTable:
    """The "Column mapping" table: the supplier column and each criterion's, with the other candidates."""
    rows = [
        (m.label, m.column or "(not found)", m.how, shown_headers(m.suggestions))
        for m in (mapping.supplier, *mapping.criteria)
    ]
    frame = pd.DataFrame(rows, columns=["Criterion", "Column used", "Found by", "Other candidates"])
    return ReportTable("Column mapping", frame, intro=(f'Columns read from sheet "{mapping.sheet}".',))


def exclusion_reason(left_out: Exclusion) -> str:
    """Why a row was not scored: 'totals row (Total)', 'no supplier name',
    'earlier submission of Acme (row 7 is scored)'."""
    if left_out.why is LeftOut.TOTALS_ROW:
        return f"totals row ({left_out.label})"
    if left_out.why is LeftOut.SUMMARY_ROW:
        return f"summary row ({left_out.label})"
    if left_out.why is LeftOut.EARLIER_SUBMISSION:
        return f"earlier submission of {left_out.supplier} (row {left_out.scored_row} is scored)"
    return "no supplier name"


def exclusions_frame(exclusions: tuple[Exclusion, ...]) -> pd.DataFrame:
    """The rows left out, one per row with its reason (Row, Supplier, Reason): the app's list, the Data
    quality sheet and the CLI read it, so no row read is ever dropped without a word."""
    frame = pd.DataFrame(
        [(e.row, e.supplier, exclusion_reason(e)) for e in exclusions], columns=EXCLUSION_COLUMNS
    )
    frame["Supplier"] = pd.Series([e.supplier for e in exclusions], dtype=object)  # None stays None, not NaN
    return frame
