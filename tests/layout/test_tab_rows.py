"""A bid tab's total rows come from the rows the reading left out: their labels as in the file."""

from __future__ import annotations

import pandas as pd

from scorecard.layout.tab_rows import TabRows, read_totals
from scorecard.read import Exclusion, LeftOut, Sheet


def test_totals_and_summary_rows_are_filed_by_their_label_and_other_exclusions_are_not() -> None:
    sheet = Sheet(
        "Bid tab",
        pd.DataFrame({"Item": ["A1"]}, index=pd.Index([3], name="row")),
        header_row=2,
        excluded_rows=(
            Exclusion(6, LeftOut.TOTALS_ROW, "Base Bid Total:"),
            Exclusion(4, LeftOut.TOTALS_ROW, "Subtotal Section 1"),
            Exclusion(5, LeftOut.SUMMARY_ROW, "Average"),
            Exclusion(7, LeftOut.EARLIER_SUBMISSION, supplier="Acme", scored_row=8),
            Exclusion(9, LeftOut.TOTALS_ROW, "Alternate 1 total"),
        ),
    )
    rows = TabRows(items=[3], totals=[], alternates=[])
    read_totals(rows, sheet, base_total=None)
    assert rows.totals == [(4, "Subtotal Section 1"), (5, "Average"), (6, "Base Bid Total:")]
    assert rows.alternates == [9]
    # the rows after the Base Bid Total are not the base bid's totals
    after = TabRows(items=[3], totals=[], alternates=[])
    read_totals(after, sheet, base_total=6)
    assert after.totals == [(4, "Subtotal Section 1"), (5, "Average")]
