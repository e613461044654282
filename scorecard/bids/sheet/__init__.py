"""From a bid sheet (long or wide) to quote lines: one entry per supplier and item, as arrays.

Long sheets have a row per supplier and item; wide sheets ("bid tabs") have a
row per item and a price column per supplier. Both become the same `QuoteLines`,
so everything after this point is shape-blind: the same bids typed either way
give the same totals. Columns are found by header synonyms (the buyer's own,
from the settings, first); the roles found are reported, so nothing is guessed
silently.
"""

from __future__ import annotations

import pandas as pd

from scorecard.bids.settings import BidSettings
from scorecard.bids.sheet.columns import (
    bid_shape,
    detect_shape,
    find_columns,
    known_currencies,
    names_items,
    require,
    wide_candidates,
)
from scorecard.bids.sheet.long import read_long
from scorecard.bids.sheet.quote_lines import FINDINGS_PER_KIND, ITEM_ROLES, NOT_SUPPLIER_HEADERS, QuoteLines
from scorecard.bids.sheet.wide import read_wide, supplier_from_header
from scorecard.clean import HintSource, asks_decimal_mark
from scorecard.errors import ScorecardError

__all__ = [  # what the bid stage, the layout stage and the benchmarks import from here
    "FINDINGS_PER_KIND",
    "ITEM_ROLES",
    "NOT_SUPPLIER_HEADERS",
    "QuoteLines",
    "bid_shape",
    "detect_shape",
    "find_columns",
    "known_currencies",
    "names_items",
    "read_bid_sheet",
    "require",
    "supplier_from_header",
    "wide_candidates",
]


def read_bid_sheet(
    bids: pd.DataFrame, settings: BidSettings, sheet: str, *, decimal_hint: HintSource = None
) -> QuoteLines:
    """Find the columns, decide the shape and read every quote cell into QuoteLines.

    `decimal_hint`: what the rest of the workbook shows about the decimal mark (`clean.decimal_evidence`),
    for number text ("1.250") whose own column cannot tell; without it only the column's cells decide.
    A column that no evidence settles stops with the question, as on the supplier sheet.
    """
    headers = tuple(str(c) for c in bids.columns)
    if len(set(headers)) != len(headers):
        raise ScorecardError(
            "Two columns of the bid sheet have the same header.",
            sheet=sheet,
            hint="Give each column its own header.",
        )
    bids = bids.set_axis(headers, axis=1)
    columns = find_columns(headers, settings)
    shape = detect_shape(columns, headers, settings, sheet)
    lines = (
        read_long(bids, columns, settings, sheet, decimal_hint)
        if shape == "long"
        else read_wide(bids, columns, settings, sheet, decimal_hint)
    )
    questions = [f for f in lines.findings if asks_decimal_mark(f)]
    if questions:
        from scorecard.mapping.table import column_errors  # the supplier sheet's message, only when it stops

        column = questions[0].column
        raise column_errors([q for q in questions if q.column == column], sheet, column or "")
    if not lines.suppliers or not lines.items:
        what = "no supplier" if not lines.suppliers else "no item"
        raise ScorecardError(
            f"The bid sheet has {what} to compare.",
            sheet=sheet,
            hint="Check that the right sheet was chosen and that its rows are below the header row.",
        )
    return lines
