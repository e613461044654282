"""The Bids, Items and Scenarios sheets, built from the bids stage's result (figures checked by hand)."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecard.bids import BidSettings, analyse_bids
from scorecard.bids.items import ItemStatus
from scorecard.bids.policy import SupplierStatus
from scorecard.bids.result import BidResult
from scorecard.bids.settings import OneOffCostSettings
from scorecard.report import ReportTable
from scorecard.tables import bid_method_lines, bid_tables
from scorecard.tables.bids import (
    ITEM_STATUS_WORDS,
    SUPPLIER_STATUS_WORDS,
    supplier_status_texts,
    unique_headers,
)
from tests.bids.events import long_event, run, sheet
from tests.bids.test_awards import SPLIT


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


def scenario_sheet(result: BidResult) -> pd.DataFrame:
    """The Scenarios sheet by scenario name."""
    return bid_tables(result)[2].frame.set_index("Scenario")


def test_the_scenarios_are_named_and_noted_in_words() -> None:
    sheet = scenario_sheet(run(long_event()))
    assert list(sheet.index) == [
        "Award all to Acme",
        "Award all to Beta",
        "Award all to Cora",
        "Cherry-pick the lowest cost per item",
        "Keep every incumbent",
    ]
    assert sheet.loc["Award all to Acme", "Note"] == ""  # a full bid and the reference: nothing to say
    assert sheet.loc["Award all to Beta", "Note"] == (
        "quoted 2 of 3 items; its total counts the 1 it did not quote at the fill cost (partial-bid policy), "
        "and someone else would have to supply them"
    )
    assert sheet.loc["Cherry-pick the lowest cost per item", "Note"] == (
        "each item to the eligible supplier with the lowest landed cost per unit; ties to the one lowest on "
        "more items"
    )
    assert sheet.loc["Keep every incumbent", "Note"] == "3 of 3 compared items have an incumbent with a price"
    assert list(ITEM_STATUS_WORDS) == list(ItemStatus)  # every code has its words


def test_a_dearer_cherry_pick_and_a_hypothetical_award_say_why() -> None:
    dear = analyse_bids(
        sheet(SPLIT), BidSettings(one_off_costs=OneOffCostSettings(per_supplier=11.0)), sheet="Bids"
    )
    notes = scenario_sheet(dear.for_award({"Beta": "Disqualified: no ISO"}))["Note"]
    # without Beta: A from Acme 10, B from Cora 25, two one-offs 22 = 57 against Acme's 40 + 11 = 51
    assert notes["Cherry-pick the lowest cost per item"] == (
        "each item to the eligible supplier with the lowest landed cost per unit; ties to the one lowest on "
        "more items; fixed costs included: one-off tooling/NRE 22.00; DEARER than awarding all to Acme by "
        "6.00: the item savings do not cover the fixed costs of using more suppliers"
    )
    assert notes["Hypothetical: award all to Beta"] == (
        "Hypothetical, cannot be awarded: Disqualified: no ISO.  Shown only to compare."
    )


def test_keeping_incumbents_names_the_baseline_items_and_those_that_cannot_be_awarded() -> None:
    frame = long_event()
    frame["Incumbent"] = ["Acme", "Zeta", "Acme", "Acme", "Zeta", "Acme", "Acme"]
    notes = scenario_sheet(run(frame).for_award({"Acme": "Disqualified: no ISO"}))["Note"]
    assert notes["Keep every incumbent"] == (
        "3 of 3 compared items have an incumbent with a price; 1 at the baseline price because the "
        "incumbent did not quote them; includes Acme, which cannot be awarded (see the hypothetical rows)"
    )
    # Acme, the only full bidder, cannot be awarded: the reference is the cheapest eligible partial bidder
    assert notes["Award all to Beta"].endswith(
        "; no eligible supplier quoted all 3 items, so the single-award reference is Beta, which quoted 2 "
        "(the rest counted at the fill cost)"
    )


def test_the_items_sheet_says_why_an_item_is_not_compared() -> None:
    items = bid_tables(run(long_event(), partial_bid_policy="common_items"))[1].frame.set_index("Item")
    assert items.loc["A1", "In comparison"] == "compared"
    assert items.loc["A2", "In comparison"] == "left out (policy)"


def test_the_bids_sheet_says_in_words_why_a_supplier_is_not_compared() -> None:
    def status(frame: pd.DataFrame, **changes: object) -> dict[str, str]:
        bids = bid_tables(run(frame, **changes))[0].frame
        return dict(zip(bids["Supplier"], bids["Status"], strict=True))

    # Cora quoted 1 of 3 items: 33.3% coverage, below a 50% threshold
    assert status(long_event(), partial_bid_policy="knockout_below", coverage_threshold=50) == {
        "Acme": "Compared",
        "Beta": "Compared",
        "Cora": "Knocked out: coverage 33.3% is below the 50% threshold",
    }
    unpriced = sheet(
        {"Supplier": ["Acme", "Beta"], "Item": ["A1", "A1"], "Quantity": [1, 1], "Unit price": [5, ""]}
    )
    assert status(unpriced)["Beta"] == "No quote"
    disjoint = sheet(
        {"Supplier": ["Acme", "Beta"], "Item": ["A1", "A2"], "Quantity": [1, 1], "Unit price": [5, 6]}
    )
    assert set(status(disjoint, partial_bid_policy="common_items").values()) == {
        "Not compared: no item was quoted by every supplier"
    }
    assert set(SUPPLIER_STATUS_WORDS) == set(SupplierStatus)


def knocked_out_words(threshold: float) -> str:
    """Beta quoted 2 of the 3 items (coverage 66.666...%) in the small event, under a knock-out threshold."""
    bids = bid_tables(run(long_event(), partial_bid_policy="knockout_below", coverage_threshold=threshold))[0]
    return bids.frame.set_index("Supplier").loc["Beta", "Status"]


@pytest.mark.parametrize(
    ("threshold", "words"),
    [
        (67, "coverage 66.7% is below the 67% threshold"),
        (66.7, "coverage 66.67% is below the 66.7% threshold"),  # not "66.7% is below the 66.7%"
        (66.67, "coverage 66.667% is below the 66.67% threshold"),
        (66.6667, "coverage 66.66667% is below the 66.6667% threshold"),
        # typed with more digits than :g shows: every digit, or the threshold would read 66.6667
        (66.666667, "coverage 66.6666667% is below the 66.666667% threshold"),
    ],
)
def test_a_knock_out_at_the_threshold_shows_the_decimals_that_tell_them_apart(
    threshold: float, words: str
) -> None:
    assert knocked_out_words(threshold) == f"Knocked out: {words}"


@given(
    items=st.integers(1, 100_000),
    share=st.floats(0, 1),
    threshold=st.floats(0, 100, allow_subnormal=False),
)
def test_a_knocked_out_coverage_never_reads_as_its_threshold(
    items: int, share: float, threshold: float
) -> None:
    """Coverage is items quoted / items requested; whatever threshold a buyer types, the two printed
    figures read apart, and the coverage reads as the smaller."""
    coverage = round(share * items) / items * 100
    if coverage >= threshold:
        return
    result = SimpleNamespace(
        settings=BidSettings(partial_bid_policy="knockout_below", coverage_threshold=threshold),
        suppliers=pd.DataFrame({"status": [SupplierStatus.KNOCKED_OUT.value], "coverage": [coverage]}),
    )
    sentence = supplier_status_texts(result)[0]  # type: ignore[arg-type]  # the two columns it reads
    found = re.fullmatch(r"Knocked out: coverage (\S+)% is below the (\S+)% threshold", sentence)
    assert found is not None, sentence
    assert float(found[1]) < float(found[2])
