"""One rule for "which header of this sheet is the one asked for", and the spellings each caller accepts.

The caller tests pin what the bid reader, the mapping stage and the layout detectors found before their
own loops were replaced by `names.first_header`: a header found then is found now.
"""

from __future__ import annotations

import re

import pytest

from scorecard.bids import BidSettings
from scorecard.bids.sheet.columns import find_columns
from scorecard.clean import normalise_header
from scorecard.config import load_preset
from scorecard.layout import LayoutContext, Role, detect_layout
from scorecard.layout.criteria_sheet import criteria_columns
from scorecard.layout.matrix_cells import SUPPLIER_WORDS
from scorecard.layout.price_sheet import TOTAL_COLUMN, price_column
from scorecard.layout.submissions import rule_for
from scorecard.layout.tab_rows import item_key
from scorecard.mapping import map_columns
from scorecard.mapping.headers import HeaderIndex
from scorecard.names import first_header, header_key, legal_name, paired_names, same_company
from scorecard.panel import PanelSettings
from scorecard.panel.layout import evaluator_columns
from scorecard.read import Sheet, read_workbook
from tests.workbooks import DEFAULT_HEADER, default_row, xlsx_bytes


def sheet_of(rows: list[list[object]], name: str = "Sheet1") -> Sheet:
    return read_workbook(xlsx_bytes({name: rows}), "event.xlsx").sheet(name)


# ---------------------------------------------------------------- the rule itself


def test_the_first_name_in_order_wins_and_a_taken_header_is_skipped() -> None:
    headers = ["Supplier name", "Score", "Rating", "Vendor"]
    assert first_header(headers, ["Rating", "Score"]) == "Rating"  # the names' order, not the sheet's
    assert first_header(headers, ["supplier-NAME ", "Vendor"]) == "Supplier name"
    assert first_header(headers, ["Supplier name", "Vendor"], taken={"Supplier name"}) == "Vendor"
    assert first_header(headers, ["Evaluator"]) is None


def test_a_blank_name_matches_nothing_not_even_a_blank_header() -> None:
    assert first_header(["", "Grade"], ["", "Grade"]) == "Grade"
    assert first_header(["#", "Grade"], ["(%)"]) is None  # both reduce to nothing: no match


def test_case_accents_spacing_punctuation_and_units_are_ignored() -> None:
    headers = ["ON-TIME  délivery (%)", "Unit price [EUR]"]
    assert first_header(headers, ["On time delivery"]) == "ON-TIME  délivery (%)"
    assert first_header(headers, ["unit_price"]) == "Unit price [EUR]"
    assert first_header(["Certified (ISO 9001)"], ["Certified"]) is None  # a bracketed word is kept


def test_two_headers_with_one_key_give_the_first_in_the_sheet() -> None:
    headers = ["Price (EUR)", "Price", "price"]
    assert first_header(headers, ["Price"]) == "Price (EUR)"
    assert first_header(headers, ["Price"], taken={"Price (EUR)"}) == "Price"


def test_a_pattern_finds_a_header_by_its_words_in_sheet_order_after_the_names() -> None:
    headers = ["Price points", "Tendered price (GBP)", "Cost total"]
    like, unless = re.compile(r"\bprice\b|\bcost\b"), re.compile(r"point|score")
    assert first_header(headers, ["Total cost"], like=like, unless=unless) == "Tendered price (GBP)"
    assert first_header(headers, ["Cost total"], like=like, unless=unless) == "Cost total"  # a name first
    assert first_header(headers, [], like=like, unless=unless, taken={"Tendered price (GBP)"}) == "Cost total"
    assert first_header(["Price points"], [], like=like, unless=unless) is None


def test_a_long_header_is_matched_whole() -> None:
    """A tender's question texts can be long and differ only at the end: 'lot 1' is never 'lot 2'."""
    start = "Describe your approach " * 6  # 138 characters
    assert first_header([start + "to lot 1", start + "to lot 2"], [start + "to lot 2"]) == start + "to lot 2"
    assert first_header([start + "to lot 1"], [start + "to lot 2"]) is None


@pytest.mark.parametrize(
    "text",
    ["On-time delivery (%)", "Unit Price [EUR]", "Société Générale", "", "x" * 255, "Total (EUR) " * 40],
)
def test_a_header_key_is_the_same_asked_once_or_again_short_or_long(text: str) -> None:
    """Short texts are reduced once and kept; a longer text (a cell, not a header) is reduced each time."""
    assert header_key(text) == header_key(text) == normalise_header(text)


# ---------------------------------------------------------------- the bid reader's columns


def test_bid_columns_take_the_agency_spellings_and_units() -> None:
    headers = ("Bidder Name", "Pay Item No", "Item Description", "QTY", "Unit Price ($)", "Currency code")
    found = find_columns(headers, BidSettings())
    assert found["supplier"] == "Bidder Name"
    assert found["item"] == "Pay Item No"
    assert found["description"] == "Item Description"
    assert found["unit_price"] == "Unit Price ($)"
    assert found["currency"] == "Currency code"


def test_bid_columns_try_the_buyers_own_spelling_first_and_give_each_header_one_role() -> None:
    settings = BidSettings(columns=(("supplier", ("Firm",)),))
    found = find_columns(("Supplier", "Firm", "Item", "Unit price"), settings)
    assert found["supplier"] == "Firm"
    # 'Item' is a spelling of the item role; it is not offered to the description role as well
    found = find_columns(("Vendor", "Item", "Unit price"), BidSettings())
    assert found["item"] == "Item"
    assert "Item" not in [h for role, h in found.items() if role != "item"]


# ---------------------------------------------------------------- the mapping stage


def test_mapping_finds_the_first_name_in_order_and_says_how() -> None:
    config = load_preset("default")
    sheet = sheet_of([["VENDOR", "Supplier", *DEFAULT_HEADER[1:]], ["a", *default_row("Acme")]])
    mapping = map_columns(sheet, config)
    assert mapping.supplier.column == "Supplier"  # the setting's own name before a synonym
    assert mapping.supplier.how == "column name"
    sheet = sheet_of([["VENDOR", *DEFAULT_HEADER[1:]], default_row("Acme")])
    assert map_columns(sheet, config).supplier.column == "VENDOR"
    assert map_columns(sheet, config).supplier.how == "synonym"


def test_mapping_tells_two_long_questions_apart_by_their_ends() -> None:
    """Before: the mapping stage compared the first 120 characters only, so 'lot 2' read 'lot 1's column."""
    start = "Describe your approach to social value and local employment " * 2
    sheet = sheet_of([["Supplier", start + "(lot 1)", start + "(lot 2)"], ["Acme", 3, 4]])
    assert HeaderIndex(sheet).find(["Vendor", start + "(lot 2)"]) == (start + "(lot 2)", 1)


# ---------------------------------------------------------------- the layout detectors


def test_an_fx_sheet_takes_the_readers_currency_and_rate_spellings() -> None:
    config = load_preset("default")
    data = xlsx_bytes(
        {
            "Suppliers": [DEFAULT_HEADER, default_row("Acme")],
            "FX rates": [["CCY", "Rate to EUR"], ["USD", 0.9]],
        }
    )
    layout = detect_layout(read_workbook(data, "event.xlsx"), LayoutContext(config)).of("FX rates")
    assert layout.role == Role.FX
    assert dict(layout.columns) == {"currency": "CCY", "rate": "Rate to EUR"}


def test_the_price_column_is_the_price_not_its_points() -> None:
    assert price_column(("Supplier", "Price score", "Total cost", "Price")) == "Price"
    assert price_column(("Supplier", "Price points", "Tendered price (GBP)")) == "Tendered price (GBP)"
    assert price_column(("Supplier", "Price points", "Price rank")) is None


def test_a_criteria_sheet_takes_its_column_spellings() -> None:
    sheet = sheet_of(
        [["Criteria", "Weighting (%)", "Better if"], ["Price", 60, "lower"], ["Quality", 40, "higher"]]
    )
    found = criteria_columns(sheet)
    assert found is not None
    assert (found.criterion, found.weight, found.direction) == ("Criteria", "Weighting (%)", "Better if")


def test_a_resubmission_rule_takes_its_column_spellings() -> None:
    sheet = sheet_of([["Supplier", "Bid round", "Status"], ["Acme", 1, "Superseded"], ["Acme", 2, "Final"]])
    rule = rule_for(sheet)
    assert rule is not None
    assert (rule.round, rule.status) == ("Bid round", "Status")


@pytest.mark.parametrize("rank", ["Pos", "Bidder rank", "ranking"])
def test_a_long_bid_tab_names_its_published_rank_column(rank: str) -> None:
    config = load_preset("default")
    data = xlsx_bytes(
        {
            "Suppliers": [DEFAULT_HEADER, default_row("Acme"), default_row("Bolt")],
            "Bids": [
                ["Supplier", "Item code", "Quantity", "Unit price", rank],
                ["Acme", "X1", 10, 5.0, 1],
                ["Bolt", "X1", 10, 6.0, 2],
            ],
        }
    )
    layout = detect_layout(read_workbook(data, "event.xlsx"), LayoutContext(config)).of("Bids")
    assert layout.role == Role.LONG_BIDS
    assert layout.column("rank") == rank


def test_a_bid_tab_without_an_item_column_is_keyed_by_its_spec_code() -> None:
    sheet = sheet_of(
        [
            ["Line", "Code", "Spec", "Description", "Acme"],
            [1, "A-1", "S1", "Asphalt", 10],
            [1, "A-2", "S2", "Gravel", 12],
        ]
    )
    rows = [int(r) for r in sheet.table.index]
    # 'Spec' comes before the plainer 'Code' among the spellings (before: whichever came first in the
    # sheet, here 'Code'); the line numbers repeat, so they key nothing
    assert item_key(sheet, {"description": "Description"}, rows) == (("item", "Spec"),)


def test_an_evaluators_own_comment_column_is_found_by_its_name() -> None:
    comment_names = PanelSettings().names_for("comment")
    found = evaluator_columns(["Anna", "Ben Ng", "Anna comment", "Notes - BEN  NG"], comment_names)
    assert found == (("Anna", "Anna", "Anna comment"), ("Ben Ng", "Ben Ng", "Notes - BEN  NG"))


def test_a_summary_sheets_total_column_is_found_by_its_first_word() -> None:
    headers = ["Supplier", "Quality", "Total score (out of 100)", "Total"]
    assert first_header(headers, (), like=TOTAL_COLUMN) == "Total score (out of 100)"
    assert first_header(["Supplier", "Subtotal"], (), like=TOTAL_COLUMN) is None
    assert first_header(["#", "Bidder Name", "Vendor"], (), like=SUPPLIER_WORDS) == "Bidder Name"


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Acme Ltd", ("acme", "ltd")),
        ("ACME Limited", ("acme", "ltd")),
        ("Acme Ltd.", ("acme", "ltd")),
        ("Société Générale S.A.", ("societegenerale", "sa")),
        ("Acme Pty Ltd", ("acme", "pty ltd")),
        ("Acme", ("acme", "")),
        ("Ltd", ("ltd", "")),  # only a legal form: kept as the name
        ("Acme Ltd (UK)", ("acmeltduk", "")),
    ],
)
def test_a_company_name_splits_into_its_name_and_legal_form(name: str, parts: tuple[str, str]) -> None:
    assert legal_name(name) == parts


def test_the_same_company_in_another_spelling_of_its_form_or_without_one() -> None:
    assert same_company("Acme Ltd", "ACME Limited") and same_company("Acme", "Acme Inc")
    assert same_company("Bolt Corp.", "Bolt Corporation")
    assert not same_company("Acme GmbH", "Acme Inc")  # two forms: perhaps two companies of one group
    assert not same_company("Acme Ltd", "Acme Ltd (UK)")
    assert not same_company("Ltd", "Limited")  # nothing but a form is not a company name


def test_names_pair_one_to_one_and_never_guess_between_two() -> None:
    known = ["Acme Ltd", "Acme Inc", "Bolt GmbH", "Crane"]
    given = ["acme ltd", "Acme", "Bolt GmbH", "Crane Corp", "Bolt"]
    # "Acme" could be either Acme (Acme Inc is still open); "Bolt" and "Bolt GmbH": the same name first
    assert paired_names(known, given) == {0: (0, False), 2: (2, False), 3: (3, True)}
    # two bid-sheet names for one company: neither is guessed
    assert paired_names(["Acme Ltd"], ["Acme Limited", "ACME LIMITED."]) == {}
