"""One rule decides a bid sheet's shape: the layout stage and a bid sheet read on its own (`bids.shape: auto`,
as `analyse_bids` is called from the Python API and the benchmarks) agree on every sheet here.

The sheets are the published layouts of tests/layout/published.py and the bid events of tests/bids/events.py
(written into a workbook in code for the layout stage, read from their DataFrame by the bid reader).
"""

from __future__ import annotations

import io

import pandas as pd
import pytest
from openpyxl import Workbook

from scorecard.bids import default_bid_settings
from scorecard.bids.sheet import bid_shape, find_columns, read_bid_sheet
from scorecard.errors import ScorecardError
from scorecard.layout import Role, detect_layout
from scorecard.read import read_workbook
from tests.bids.events import long_event, sheet, wide_event
from tests.layout.published import dot_unit_tab, esourcing_export, questcdn_bid_tab

SHAPE_OF_ROLE = {Role.LONG_BIDS: "long", Role.WIDE_BIDS: "wide"}


def workbook_of(frame: pd.DataFrame, name: str) -> bytes:
    """The DataFrame as a one-sheet workbook: its headers in row 1, its cells below."""
    book = Workbook()
    ws = book.active
    ws.title = name
    ws.append([str(c) for c in frame.columns])
    for row in frame.itertuples(index=False):
        ws.append([None if pd.isna(v) else v for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def layout_shape(data: bytes, name: str) -> str | None:
    """The shape the layout stage gives the sheet; None when it does not take it for a bid sheet."""
    return SHAPE_OF_ROLE.get(detect_layout(read_workbook(data, "bids.xlsx")).of(name).role)


def standalone_shape(table: pd.DataFrame, name: str) -> str | None:
    """The shape the bid reader reads the sheet in on its own; None when it cannot tell. A published tab
    is wide to it too, but it refuses to read one whose bidders are named only above the header."""
    try:
        return read_bid_sheet(table, default_bid_settings({}), name).shape
    except ScorecardError as error:
        if "repeats its price columns once per bidder" in str(error):
            return "wide"
        assert "cannot tell how this bid sheet is laid out" in str(error)
        return None


PUBLISHED = {
    "questcdn": (questcdn_bid_tab, "wide"),
    "dot": (dot_unit_tab, "long"),
    "esourcing": (esourcing_export, "long"),
}


@pytest.mark.parametrize("case", PUBLISHED)
def test_published_layouts_are_the_same_shape_to_the_layout_stage_and_the_bid_reader(case: str) -> None:
    build, expected = PUBLISHED[case]
    data = build().data
    book = read_workbook(data, "bids.xlsx")
    (name,) = book.sheet_names
    assert layout_shape(data, name) == expected
    assert standalone_shape(book.sheet(name).table, name) == expected


def supplier_list_with_prices() -> pd.DataFrame:
    """A row per supplier with a price but no items: not a bid sheet to either reader."""
    return sheet({"Supplier": ["Acme", "Beta"], "Notes": ["Framework", "New"], "Country": ["DE", "FR"]})


EVENTS = {
    "long event": (long_event, "long"),
    "wide event": (wide_event, "wide"),
    "no price column": (supplier_list_with_prices, None),
}


@pytest.mark.parametrize("case", EVENTS)
def test_bid_events_are_the_same_shape_to_the_layout_stage_and_the_bid_reader(case: str) -> None:
    build, expected = EVENTS[case]
    frame = build()
    assert standalone_shape(frame, "Bids") == expected
    assert layout_shape(workbook_of(frame, "Bids"), "Bids") == expected


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (("Bidder Name", "Pay Item", "Unit Price"), "long"),
        (("Vendor", "Rate"), "long"),  # no item column: the reader asks for one, the shape is still long
        (("Supplier", "Item", "Comments"), None),  # a bidder but no price: neither shape
        (("Item", "Description", "Qty", "Acme", "Beta"), "wide"),
        (("Description", "Acme"), "wide"),
        (("Qty", "Acme", "Beta"), None),  # nothing names the items
    ],
)
def test_the_shape_rule_reads_the_roles_the_headers_were_found_for(
    headers: tuple[str, ...], expected: str | None
) -> None:
    assert bid_shape(find_columns(headers, default_bid_settings({}))) == expected


def test_a_published_tab_read_without_its_layout_names_no_bidder_and_says_where_the_names_are() -> None:
    """The bid reader on its own (the Python API) has the table, not the names above its header: it must
    refuse in words rather than take 'Spec', 'Extension' or 'Unit Price (2)' for bidders."""
    from scorecard.bids import default_bid_settings
    from scorecard.bids.sheet import read_bid_sheet
    from scorecard.errors import ScorecardError
    from scorecard.read import read_workbook

    sheet = read_workbook(questcdn_bid_tab().data, "tab.xlsx").sheet("Bid Tab")
    with pytest.raises(ScorecardError) as refused:
        read_bid_sheet(sheet.table, default_bid_settings({}), "Bid Tab")
    assert "names above the header" in str(refused.value)
    assert "Score the whole workbook" in (refused.value.hint or "")
