"""The Bids, Items and Scenarios sheets, built from the bids stage's result (figures checked by hand)."""

from __future__ import annotations

import pytest

from scorecard.report import ReportTable
from scorecard.tables import bid_method_lines, bid_tables
from scorecard.tables.bids import unique_headers
from tests.bids.events import long_event, run


def test_the_bids_items_and_scenarios_sheets() -> None:
    result = run(long_event())
    tables = bid_tables(result)
    assert [t.title for t in tables] == ["Bids", "Items", "Scenarios"]
    assert all(isinstance(t, ReportTable) for t in tables)
    bids = tables[0].frame.set_index("Supplier")
    assert bids.loc["Beta", "Coverage"] == pytest.approx(2 / 3)  # the report's percent format is a fraction
    assert bids.loc["Beta", "Total cost of ownership (EUR)"] == pytest.approx(1805.0)
    assert tables[0].format_of("Total cost of ownership (EUR)") == "money"
    assert set(bids["Can be awarded"]) == {"Yes"}
    assert tables[0].intro[0].startswith('Bids from sheet "Bids", compared in EUR.')


def test_ties_are_highlighted_in_the_items_sheet() -> None:
    result = run(long_event())
    items_table = next(t for t in bid_tables(result) if t.title == "Items")
    row = items_table.frame.index[items_table.frame["Item"] == "A1"][0]
    assert items_table.highlight.loc[row, "Beta"] and items_table.highlight.loc[row, "Cora"]
    assert not items_table.highlight.loc[row, "Acme"]
    assert items_table.frame.loc[row, "Beta"] == pytest.approx(8.0)
    assert items_table.frame.loc[row, "Best price"] == "Beta, Cora"


def test_a_supplier_named_like_a_fixed_column_gets_its_own_heading() -> None:
    assert unique_headers(["Item", "Acme", "Item"], {"Item", "Unit"}) == ["Item (2)", "Acme", "Item (3)"]


def test_the_bids_method_in_words() -> None:
    method = bid_method_lines(run(long_event()))
    assert any(line.startswith("Partial bids:") for line in method)
    assert any("Extended price = quantity x unit price" in line for line in method)
    assert any("log(total / lowest)" in line for line in method)
    assert "" not in method  # a rule that does not apply (no switching cost) leaves no empty line
