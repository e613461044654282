"""How a message lists sheet rows, pinned on the shapes each caller passes.

Three helpers listed rows, each its own way; these pins record what each said before they become one rule.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from scorecard.bids import BidSettings, analyse_bids
from scorecard.bids.line_findings import rows_text
from scorecard.clean import ValueKind, clean_column
from scorecard.errors import ScorecardError
from scorecard.read.cells import row_list
from tests.bids.events import RATES, long_event, sheet
from tests.clean.columns import column


@pytest.mark.parametrize(
    ("rows", "limit", "words"),
    [
        ([5], 20, "row 5"),
        ([3, 4], 20, "rows 3-4"),  # hidden rows read by the reader
        ([2, 3, 4, 7, 9, 10], 20, "rows 2-4, 7, 9-10"),
        (list(range(2, 52, 2)), 20, "rows " + ", ".join(str(r) for r in range(2, 42, 2)) + ", ..."),
        ([3, 4, 5, 6, 7, 8], 5, "rows 3-8"),  # a panel criterion rated on six rows
        ([9, 11, 13, 15, 17, 19, 21], 5, "rows 9, 11, 13, 15, 17, ..."),
    ],
)
def test_read_row_list(rows: list[int], limit: int, words: str) -> None:
    assert row_list(rows, limit=limit) == words


@pytest.mark.parametrize(
    ("rows", "words"),
    [
        ([7], "7"),
        ([2, 3, 4], "2, 3, 4"),
        (list(range(2, 12)), "2, 3, 4, 5, 6, 7, 8, 9 and 2 more"),
        ([5, 5, 5, 6], "5, 5, 5, 6"),  # a wide sheet: one row holds several suppliers' quotes
    ],
)
def test_bids_rows_text(rows: list[int], words: str) -> None:
    assert rows_text(np.array(rows)) == words


@pytest.mark.parametrize(
    ("cells", "first_row", "words"),
    [
        (["2", 1.0], 10, None),  # one cell: the finding names its row in the row field
        (["2", "3"], 2, "(rows 2 and 3)"),
        (["2", "3", "4"], 2, "(rows 2, 3 and 4)"),
        ([str(n) for n in range(23)], 4, "(rows 4, 5, 6, 7, 8 and 18 more)"),
        (["1", 2.0, "3", 4.0, "5"], 2, "(rows 2, 4 and 6)"),
    ],
)
def test_change_log_rows(cells: list[object], first_row: int, words: str | None) -> None:
    (finding,) = column(cells, ValueKind.NUMBER, first_row=first_row).findings
    if words is None:
        assert "(row" not in finding.message and finding.row == first_row
    else:
        assert finding.message.endswith(words)


def test_change_log_rows_of_an_index_that_is_not_sheet_rows() -> None:
    series = pd.Series(["2", "3"], index=["a", "b"], dtype=object)
    (finding,) = clean_column(series, ValueKind.NUMBER, sheet="S", column="C").findings
    assert finding.message.endswith("(rows a and b)")


def zero_priced_event(count: int) -> pd.DataFrame:
    """Acme quotes `count` items at zero on rows 2.. and Beta quotes each at 10."""
    items = [f"I{n}" for n in range(count)]
    return sheet(
        {
            "Supplier": ["Acme"] * count + ["Beta"] * count,
            "Item code": items + items,
            "Unit price": [0.0] * count + [10.0] * count,
            "Annual volume": [1] * (2 * count),
        }
    )


def test_bids_rest_of_the_zero_prices() -> None:
    result = analyse_bids(zero_priced_event(25), BidSettings(), sheet="Bids")
    (rest,) = [f for f in result.findings if "more zero or negative" in f.message]
    assert rest.message == "5 more zero or negative prices were left out (rows 22, 23, 24, 25, 26)."


def test_bids_lines_without_an_exchange_rate() -> None:
    frame = long_event()
    frame.loc[[2, 3, 4], "Currency"] = "CHF"  # Acme's three lines
    with pytest.raises(ScorecardError) as error:
        analyse_bids(frame, BidSettings(fx_rates=RATES), sheet="Bids")
    assert "(3 line(s): rows 2, 3, 4)." in error.value.message


def test_bids_rest_of_the_possible_price_errors() -> None:
    """25 items, each with one price a tenth of the others' (rows 6, 11, ... hold the low ones)."""
    items = [f"I{n}" for n in range(25)]
    frame = sheet(
        {
            "Supplier": ["S1", "S2", "S3", "S4", "S5"] * 25,
            "Item code": [item for item in items for _ in range(5)],
            "Unit price": [10.0, 10.5, 11.0, 11.5, 1.0] * 25,
            "Annual volume": [1] * 125,
        }
    )
    result = analyse_bids(frame, BidSettings(), sheet="Bids")
    (rest,) = [f for f in result.findings if "more prices look like possible errors" in f.message]
    assert "(rows 106, 111, 116, 121, 126);" in rest.message


def test_bids_rows_with_a_price_but_no_supplier() -> None:
    frame = long_event()
    frame.loc[[3, 4, 6], "Supplier"] = None
    result = analyse_bids(frame, BidSettings(fx_rates=RATES), sheet="Bids")
    (lost,) = [f for f in result.findings if "but no supplier," in f.message]
    assert lost.message.endswith("(rows 3, 4, 6).")
