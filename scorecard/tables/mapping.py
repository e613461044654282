"""The column mapping as a buyer reads it: which column each criterion was read from, and how it was found."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from scorecard.mapping.headers import shown_headers
from scorecard.report import ReportTable

if TYPE_CHECKING:
    from scorecard.mapping.columns import ColumnMapping


def mapping_table(mapping: ColumnMapping) -> ReportTable:
    """The "Column mapping" table: the supplier column and each criterion's, with the other candidates."""
    rows = [
        (m.label, m.column or "(not found)", m.how, shown_headers(m.suggestions))
        for m in (mapping.supplier, *mapping.criteria)
    ]
    frame = pd.DataFrame(rows, columns=["Criterion", "Column used", "Found by", "Other candidates"])
    return ReportTable("Column mapping", frame, intro=(f'Columns read from sheet "{mapping.sheet}".',))
