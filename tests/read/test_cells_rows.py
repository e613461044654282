"""How a message names sheet rows (`read.cells.row_list`, the one rule), on the shapes each caller passes.

Three helpers listed rows, each its own way (ranges but "..." for the rest; five rows then "and N more";
eight bare numbers); the comments say what each said before.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecard.bids import BidSettings, analyse_bids
from scorecard.clean import ValueKind, clean_column
from scorecard.errors import ScorecardError
from scorecard.read.cells import row_list
from tests.bids.events import RATES, long_event, sheet
from tests.clean.columns import column


@pytest.mark.parametrize(
    ("rows", "words"),
    [
        ([5], "row 5"),
        ([3, 4], "rows 3 and 4"),  # hidden rows read by the reader (was "rows 3-4")
        ([2, 3, 4, 7, 9, 10], "rows 2-4, 7, 9 and 10"),  # was "rows 2-4, 7, 9-10"
        (
            list(range(2, 52, 2)),
            "rows 2, 4, 6, 8, 10, 12, 14, 16 and 17 more rows",
        ),  # was 20 rows, then "..."
        ([3, 4, 5, 6, 7, 8], "rows 3-8"),  # a panel criterion rated on six rows
        ([9, 11, 13, 15, 17, 19, 21, 23, 25], "rows 9, 11, 13, 15, 17, 19, 21, 23 and 1 more row"),
        ([7], "row 7"),  # bids: was "7", and its callers wrote "rows 7"
        ([2, 3, 4], "rows 2-4"),  # bids: was "2, 3, 4"
        (list(range(2, 12)), "rows 2-11"),  # bids: was "2, 3, 4, 5, 6, 7, 8, 9 and 2 more"
        ([5, 5, 5, 6], "rows 5 and 6"),  # a wide bid sheet repeats a row per supplier: was "5, 5, 5, 6"
        ([12, 4, 8, 4], "rows 4, 8 and 12"),  # in sheet order, whatever order they came in
        ([1_048_570, 1_048_572, *range(1_048_574, 1_048_577)], "rows 1048570, 1048572 and 1048574-1048576"),
    ],
)
def test_rows_are_named_once_in_order_with_ranges(rows: list[int], words: str) -> None:
    assert row_list(rows) == words
    assert row_list(np.array(rows)) == words


def test_rows_beyond_the_cap_are_counted_with_thousands_separated() -> None:
    assert row_list(range(2, 4_000, 2)) == "rows 2, 4, 6, 8, 10, 12, 14, 16 and 1,991 more rows"
    assert row_list([2, 3, 4, 6, 8], limit=2) == "rows 2-4, 6 and 1 more row"
    assert row_list([2, 3, 5, 7], limit=1) == "rows 2 and 3 more rows"  # a pair is two names, not a range
    assert row_list([]) == "no rows"


def named_rows(words: str) -> tuple[list[int], int]:
    """The rows a message names (ranges expanded) and how many more it says there are."""
    match = re.fullmatch(r"rows? (.*?)(?: and ([\d,]+) more rows?)?", words)
    assert match is not None, words
    named: list[int] = []
    for piece in re.split(r", | and ", match[1]):
        first, _, last = piece.partition("-")
        named.extend(range(int(first), int(last or first) + 1))
    return named, int((match[2] or "0").replace(",", ""))


@given(
    st.lists(st.integers(min_value=1, max_value=1_048_576), max_size=60)
    | st.lists(st.integers(min_value=1, max_value=40), min_size=1, max_size=60),
    st.integers(min_value=1, max_value=12),
)
def test_every_row_is_named_once_or_counted(rows: list[int], limit: int) -> None:
    """Every row appears exactly once in the words unless capped; the cap says how many were left out."""
    words = row_list(rows, limit=limit)
    assert row_list(sorted(set(rows)), limit=limit) == words  # rows in sheet order skip the sort: same words
    named, more = named_rows(words) if rows else ([], 0)
    assert named == sorted(named) and len(named) == len(set(named))
    assert set(named) <= set(rows) and len(named) + more == len(set(rows))
    assert (more > 0) == (len(set(rows)) > len(named))
    if more:  # capped only when more names than the cap would be needed
        assert len(re.split(r", ", words.rsplit(" and ", 1)[0])) == limit


@pytest.mark.parametrize(
    ("cells", "first_row", "words"),
    [
        (["2", 1.0], 10, None),  # one cell: the finding names its row in the row field
        (["2", "3"], 2, "(rows 2 and 3)"),  # unchanged
        (["2", "3", "4"], 2, "(rows 2-4)"),  # was "(rows 2, 3 and 4)"
        ([str(n) for n in range(23)], 4, "(rows 4-26)"),  # was "(rows 4, 5, 6, 7, 8 and 18 more)"
        (["1", 2.0, "3", 4.0, "5"], 2, "(rows 2, 4 and 6)"),  # unchanged
        (
            [str(n) if n % 2 else 1.0 for n in range(40)],
            2,
            "(rows 3, 5, 7, 9, 11, 13, 15, 17 and 12 more rows)",
        ),
    ],
)
def test_change_log_rows(cells: list[object], first_row: int, words: str | None) -> None:
    (finding,) = column(cells, ValueKind.NUMBER, first_row=first_row).findings
    if words is None:
        assert "(row" not in finding.message and finding.row == first_row
    else:
        assert finding.message.endswith(words)


def test_change_log_names_no_rows_for_an_index_that_is_not_sheet_rows() -> None:
    """Labels of a bare Series are no rows a buyer can find (was "(rows a and b)")."""
    series = pd.Series(["2", "3"], index=["a", "b"], dtype=object)
    (finding,) = clean_column(series, ValueKind.NUMBER, sheet="S", column="C").findings
    assert finding.message == "2 cells were numbers stored as text" and finding.row is None


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
    assert (
        rest.message == "5 more zero or negative prices were left out (rows 22-26)."
    )  # was "rows 22, 23, ..."


def test_bids_lines_without_an_exchange_rate() -> None:
    frame = long_event()
    frame.loc[[2, 3, 4], "Currency"] = "CHF"  # Acme's three lines
    with pytest.raises(ScorecardError) as error:
        analyse_bids(frame, BidSettings(fx_rates=RATES), sheet="Bids")
    assert "(3 line(s): rows 2-4)." in error.value.message  # was "rows 2, 3, 4"


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
    assert "(rows 106, 111, 116, 121 and 126);" in rest.message  # was "106, 111, 116, 121, 126"


def test_bids_rows_with_a_price_but_no_supplier() -> None:
    frame = long_event()
    frame.loc[[3, 4, 6], "Supplier"] = None
    result = analyse_bids(frame, BidSettings(fx_rates=RATES), sheet="Bids")
    (lost,) = [f for f in result.findings if "but no supplier," in f.message]
    assert lost.message.endswith("(rows 3, 4 and 6).")  # was "(rows 3, 4, 6)"
