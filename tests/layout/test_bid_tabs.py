"""Bid sheets as cities and agencies publish them, scored with no settings file.

Each workbook is built in code after a published layout (tests/layout/published.py); the bidders, the
lowest total and the totals are worked out there from the line items, independently of Scorecard.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook, load_workbook

from scorecard.cli import main
from scorecard.config import load_preset
from scorecard.errors import ScorecardError, Severity
from scorecard.layout import LayoutOverrides, Role, detect_layout
from scorecard.pipeline import BID_ONLY_EXTRAS, evaluate_file, prepare_file
from scorecard.read import read_workbook
from scorecard.tables import ranking_frame
from tests.layout.published import Published, dot_unit_tab, esourcing_export, questcdn_bid_tab

PUBLISHED = {"questcdn": questcdn_bid_tab, "dot": dot_unit_tab, "esourcing": esourcing_export}


def ranking(data: bytes) -> list[str]:
    result = evaluate_file(data, "bids.xlsx", None).result
    return [str(s) for s in ranking_frame(result).sort_values("Rank")["Supplier"]]


def test_questcdn_tab_layout_names_bidders_baseline_items_and_totals() -> None:
    tab = questcdn_bid_tab()
    layout = detect_layout(read_workbook(tab.data, "tab.xlsx")).of("Bid Tab")
    assert layout.role == Role.WIDE_BIDS
    assert layout.suppliers == tab.bidders  # the Engineer Estimate is not a bidder; no 'Extension (2)' bidder
    assert layout.owner is not None and layout.owner.name == "Engineer Estimate"
    assert (layout.header_row, layout.names_row, layout.data_rows) == (7, 6, (9, 18))
    assert [row for row, _ in layout.skipped_rows] == [13, 19, 20]  # two subtotals and the Base Bid Total
    assert layout.column("item") == "Item No."  # the spec code repeats across sections, the line does not
    assert layout.describe().startswith("Sheet 'Bid Tab': wide bid tab, 3 bidders in row 6")


def expected_order(published: Published) -> list[str]:
    """Ratio-to-best points on total cost and, where the sheet gives them, lead times, weighted as the
    default preset's total cost and bid_only.yaml's lead time weigh them within the cost category."""
    if published.lead_times is None:
        return sorted(published.totals, key=published.totals.get)
    cost_weight = load_preset("default").criterion("total_cost").weight
    extras = yaml.safe_load(BID_ONLY_EXTRAS.read_text())["criteria"]
    lead_weight = next(c["weight"] for c in extras if c["key"] == "average_lead_time")
    cheapest, quickest = min(published.totals.values()), min(published.lead_times.values())
    points = {
        name: cost_weight * cheapest / total + lead_weight * quickest / published.lead_times[name]
        for name, total in published.totals.items()
    }
    return sorted(points, key=points.get, reverse=True)


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_published_bid_sheet_alone_ranks_its_bidders_on_what_the_bids_provide(name: str) -> None:
    published = PUBLISHED[name]()
    order = ranking(published.data)
    assert sorted(order) == sorted(published.bidders)  # no invented bidders, no twins
    assert order == expected_order(published)
    if published.lead_times is None:  # a price-only sheet: the lowest total first
        assert order[0] == published.lowest


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_bid_totals_match_the_line_items(name: str) -> None:
    published = PUBLISHED[name]()
    bids = prepare_file(published.data, "bids.xlsx", None).bids
    assert bids is not None
    totals = bids.suppliers["total_cost"].to_dict()
    assert totals == pytest.approx(published.totals)


def test_repeated_spec_codes_stay_separate_items() -> None:
    bids = prepare_file(questcdn_bid_tab().data, "tab.xlsx", None).bids
    assert bids is not None and len(bids.items) == 8


def test_a_wrong_base_bid_total_is_a_finding_and_the_items_are_scored() -> None:
    tab = questcdn_bid_tab(wrong_total_for="Acme Paving Inc.")
    prepared = prepare_file(tab.data, "tab.xlsx", None)
    wrong = [f for f in prepared.findings if f.severity == Severity.WARNING and "Base Bid Total" in f.message]
    assert len(wrong) == 1
    assert (wrong[0].row, wrong[0].column) == (20, "Extension (2)")
    assert "Acme Paving Inc." in wrong[0].message and "-1,000.00" in wrong[0].message
    assert prepared.bids.suppliers.at["Acme Paving Inc.", "total_cost"] == pytest.approx(
        tab.totals["Acme Paving Inc."]
    )


def test_dot_rank_column_is_cross_checked_not_trusted() -> None:
    agrees = prepare_file(dot_unit_tab().data, "dot.xlsx", None).findings
    assert any("agrees with the order by total cost" in f.message for f in agrees)
    flipped = dot_unit_tab(wrong_rank=True)
    findings = prepare_file(flipped.data, "dot.xlsx", None).findings
    disagree = [f for f in findings if f.column == "Pos" and f.severity == Severity.WARNING]
    assert len(disagree) == 2  # the first and the last swapped; the middle one agrees
    assert ranking(flipped.data)[0] == flipped.lowest


def test_dot_decoy_bidder_columns_are_not_the_bidder() -> None:
    layout = detect_layout(read_workbook(dot_unit_tab().data, "dot.xlsx")).of("Unit Tab")
    assert layout.role == Role.LONG_BIDS and layout.column("supplier") == "Bidder Name"
    assert layout.supplier_count == 3 and "Bidder2Name" in layout.note


def test_bid_only_event_says_which_criteria_were_left_out() -> None:
    prepared = prepare_file(questcdn_bid_tab().data, "tab.xlsx", None)
    said = [f for f in prepared.findings if f.action == "bidders scored as suppliers"]
    assert len(said) == 1 and "On-time delivery" in said[0].message
    assert prepared.bid_only is not None and "total_cost" in prepared.bid_only
    assert prepared.base_currency == "USD"  # the tab's own $ amounts, with no rate to EUR needed


def test_rate_amount_groups_under_merged_names_with_budget(tmp_path: Path) -> None:
    book = Workbook()
    ws = book.active
    ws.title = "Price Schedule"
    ws.append(["Tender 2026/17: road salt"])
    ws.append(["Item", "Description", "Quantity", "Acme Ltd", None, "Bolt Co", None, "Budget", None])
    ws.append([None, None, None, "Rate", "Amount", "Rate", "Amount", "Rate", "Amount"])
    for cells in ("D2:E2", "F2:G2", "H2:I2"):
        ws.merge_cells(cells)
    ws.append(
        ["S1", "Rock salt", 1000, "£52.00", "£52,000.00", "£49.50", "£49,500.00", "£50.00", "£50,000.00"]
    )
    ws.append(["S2", "Brine", 200, "£10.00", "£2,000.00", "£12.00", "£2,400.00", "£11.00", "£2,200.00"])
    ws.append(["Grand total", None, None, None, "£54,000.00", None, "£51,900.00", None, "£52,200.00"])
    buffer = io.BytesIO()
    book.save(buffer)
    layout = detect_layout(read_workbook(buffer.getvalue(), "salt.xlsx")).of("Price Schedule")
    assert layout.suppliers == ("Acme Ltd", "Bolt Co") and layout.owner.name == "Budget"
    assert ranking(buffer.getvalue()) == ["Bolt Co", "Acme Ltd"]  # 51,900 < 54,000


def test_plain_price_only_tab_alone_puts_the_lowest_total_first() -> None:
    book = Workbook()
    ws = book.active
    ws.title = "Bids"
    ws.append(["Item code", "Description", "Quantity", "Northwind", "Contoso", "Fabrikam"])
    ws.append(["A-1", "Bolts M8", 1000, 0.12, 0.10, 0.11])
    ws.append(["A-2", "Nuts M8", 1000, 0.05, 0.08, 0.06])
    ws.append(["A-3", "Washers", 500, 0.02, 0.01, 0.01])
    buffer = io.BytesIO()
    book.save(buffer)
    totals = {"Northwind": 120 + 50 + 10, "Contoso": 100 + 80 + 5, "Fabrikam": 110 + 60 + 5}  # 180, 185, 175
    assert ranking(buffer.getvalue()) == sorted(totals, key=totals.get)


def test_validate_prints_the_layout_and_the_role_option_corrects_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "tab.xlsx"
    path.write_bytes(questcdn_bid_tab().data)
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Sheet 'Bid Tab': wide bid tab, 3 bidders in row 6" in out
    # a sheet the buyer says is not used is not read: the only sheet left out leaves nothing to score
    assert main(["validate", str(path), "--sheet-role", "Bid Tab=not used"]) == 2
    assert main(["score", str(path), "--output", str(tmp_path / "out.xlsx")]) == 0
    method = load_workbook(tmp_path / "out.xlsx")["Method"]
    read_as = [row[1] for row in method.iter_rows(values_only=True) if row[0] == "Sheet read as"]
    assert len(read_as) == 1
    assert read_as[0].startswith("Sheet 'Bid Tab': wide bid tab, 3 bidders in row 6")


def test_role_override_is_typed_and_checked() -> None:
    overrides = LayoutOverrides.parse(["Unit Tab = wide bids"])
    assert overrides.role_of("Unit Tab") == Role.WIDE_BIDS
    workbook = read_workbook(dot_unit_tab().data, "dot.xlsx")
    layout = detect_layout(workbook, overrides=LayoutOverrides.parse(["Unit Tab=not used"])).of("Unit Tab")
    assert (layout.role, layout.chosen_by) == (Role.UNKNOWN, "your choice")
    for wrong in (["Unit Tab"], ["Unit Tab=bid sheet of sorts"]):
        with pytest.raises(ScorecardError, match=r"sheet|role"):
            LayoutOverrides.parse(wrong)


def test_line_numbers_line_item_and_extension_columns_are_never_bidders() -> None:
    book = Workbook()
    ws = book.active
    ws.title = "Bid tabulation"
    ws.append(["#", "Line Item", "Description", "Qty", "Northwind", "Extension", "Contoso", "Extension"])
    ws.append([1, "A-1", "Bolts M8", 1000, 0.12, 120, 0.10, 100])
    ws.append([2, "A-2", "Nuts M8", 1000, 0.05, 50, 0.08, 80])
    ws.append([3, "A-3", "Washers", 500, 0.02, 10, 0.01, 5])
    buffer = io.BytesIO()
    book.save(buffer)
    layout = detect_layout(read_workbook(buffer.getvalue(), "tab.xlsx")).of("Bid tabulation")
    assert layout.suppliers == ("Northwind", "Contoso")
    assert ranking(buffer.getvalue()) == ["Northwind", "Contoso"]  # 180 < 185


def test_a_partial_bid_adds_coverage_to_a_bid_only_event() -> None:
    book = Workbook()
    ws = book.active
    ws.title = "Bids"
    ws.append(["Item code", "Description", "Quantity", "Northwind", "Contoso"])
    ws.append(["A-1", "Bolts M8", 1000, 0.12, 0.10])
    ws.append(["A-2", "Nuts M8", 1000, 0.05, None])  # Contoso did not quote the nuts
    buffer = io.BytesIO()
    book.save(buffer)
    prepared = prepare_file(buffer.getvalue(), "tab.xlsx", None)
    assert prepared.bid_extras == ("coverage",)
    config = prepared.event_config(load_preset("default"))
    assert [c.key for c in config.criteria] == ["total_cost", "coverage"]
    coverage = prepared.table.values["coverage"].astype(float).tolist()
    assert coverage == [100.0, 50.0]


@pytest.mark.parametrize(
    ("bidder", "item", "price", "total"),
    [
        ("Tenderer", "Item No.", "Rate (£)", "Line Total"),
        ("Contractor", "Pay Item", "Unit Price (£)", "Extension"),
        ("Proposer", "Line", "Price (£)", "Total Price"),
        ("Respondent", "Item", "Cost (GBP)", "Amount"),
    ],
)
def test_long_sheets_with_agency_headers_and_the_currency_in_the_header(
    bidder: str, item: str, price: str, total: str
) -> None:
    book = Workbook()
    ws = book.active
    ws.title = "Tender returns"
    ws.append([bidder, item, "Description", "UoM", "Est. Qty", price, total])
    quotes = {"Hartley Civils": (25.0, 300.0), "Moss & Co": (22.0, 320.0), "Penn Contracting": (27.0, 250.0)}
    for name, (kerb, gully) in quotes.items():
        ws.append([name, "1", "Kerb", "m", 100, kerb, 100 * kerb])
        ws.append([name, "2", "Gully", "nr", 10, gully, 10 * gully])
    buffer = io.BytesIO()
    book.save(buffer)
    totals = {name: 100 * kerb + 10 * gully for name, (kerb, gully) in quotes.items()}  # 5500, 5400, 5200
    prepared = prepare_file(buffer.getvalue(), "tender.xlsx", None)
    assert prepared.bids is not None and prepared.bids.base_currency == "GBP"
    assert ranking(buffer.getvalue()) == sorted(totals, key=totals.get)


ALTERNATE_CASES = {  # where the alternate sits -> (builder options, item rows, alternate rows)
    "after the Base Bid Total": ({"alternate": True}, (9, 18), 3),
    "before the Base Bid Total, with its own total row": ({"alternate_first": True}, (9, 18), 2),
    "before the Base Bid Total, names 4 rows above the header": (
        {"alternate_first": True, "address_rows": 3},
        (12, 21),
        2,
    ),
}


@pytest.mark.parametrize("case", sorted(ALTERNATE_CASES))
def test_alternates_are_not_compared_wherever_they_sit(case: str) -> None:
    options, data_rows, alternate_rows = ALTERNATE_CASES[case]
    tab = questcdn_bid_tab(**options)
    layout = detect_layout(read_workbook(tab.data, "tab.xlsx")).of("Bid Tab")
    assert layout.data_rows == data_rows
    assert (
        f"{alternate_rows} row(s) of alternates (priced apart from the base bid) not compared" in layout.note
    )
    assert [label for _, label in layout.skipped_rows] == [
        "Subtotal Section A:",
        "Subtotal Section B:",
        "Base Bid Total:",
    ]
    prepared = prepare_file(tab.data, "tab.xlsx", None)
    # the sheet's own subtotals and Base Bid Total agree with the base items: no total is flagged
    assert not [f for f in prepared.findings if f.severity == Severity.WARNING and "Total" in f.message]
    assert prepared.bids.suppliers["total_cost"].to_dict() == pytest.approx(tab.totals)
    assert ranking(tab.data)[0] == tab.lowest  # the alternate would make Bluestone the dearest


@pytest.mark.parametrize("address_rows", [0, 1, 3, 5])
def test_bidder_names_are_read_over_their_address_lines(address_rows: int) -> None:
    tab = questcdn_bid_tab(address_rows=address_rows)
    layout = detect_layout(read_workbook(tab.data, "tab.xlsx")).of("Bid Tab")
    assert layout.suppliers == tab.bidders and layout.names_row == 6
    assert layout.owner is not None and layout.owner.name == "Engineer Estimate"
    assert ranking(tab.data) == sorted(tab.totals, key=tab.totals.get)


def test_a_generic_label_over_the_names_is_passed_over() -> None:
    book = Workbook()
    ws = book.active
    ws.title = "Bid Tab"
    ws.append(["Bid Results"])
    ws.append([None, None, None, "Bidder 1", None, "Bidder 2", None])
    ws.append([None, None, None, "Acme Paving Inc.", None, "Bluestone LLC", None])
    ws.append(["Item", "Description", "Qty", "Unit Price", "Extension", "Unit Price", "Extension"])
    ws.append([1, "Kerb", 100, "$20.00", "$2,000.00", "$18.00", "$1,800.00"])
    ws.append([2, "Gully", 10, "$300.00", "$3,000.00", "$310.00", "$3,100.00"])
    buffer = io.BytesIO()
    book.save(buffer)
    layout = detect_layout(read_workbook(buffer.getvalue(), "tab.xlsx")).of("Bid Tab")
    assert layout.suppliers == ("Acme Paving Inc.", "Bluestone LLC") and layout.names_row == 3


def test_a_spec_code_repeating_across_sections_is_keyed_with_its_description() -> None:
    book = Workbook()
    ws = book.active
    ws.title = "Bid Tab"
    ws.append(["Town of Riverside - Bid Results"])
    ws.append([None, None, None, None, "Acme Paving Inc.", None, "Bluestone LLC", None])
    ws.append(
        ["Spec", "Description", "Unit", "Est. Qty", "Unit Price", "Extension", "Unit Price", "Extension"]
    )
    ws.append(
        [
            "2021.501",
            "Mobilization (streets)",
            "LS",
            1,
            "$30,000.00",
            "$30,000.00",
            "$20,000.00",
            "$20,000.00",
        ]
    )
    ws.append(["2360.509", "Wearing course", "TON", 100, "$90.00", "$9,000.00", "$80.00", "$8,000.00"])
    ws.append(
        ["2021.501", "Mobilization (watermain)", "LS", 1, "$5,000.00", "$5,000.00", "$9,000.00", "$9,000.00"]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    layout = detect_layout(read_workbook(buffer.getvalue(), "tab.xlsx")).of("Bid Tab")
    assert layout.column("item") == "Spec" and layout.column("item_with_description") == "yes"
    bids = prepare_file(buffer.getvalue(), "tab.xlsx", None).bids
    assert len(bids.items) == 3  # the two mobilizations stay two items
    assert bids.suppliers["total_cost"].to_dict() == pytest.approx(
        {"Acme Paving Inc.": 44000, "Bluestone LLC": 37000}
    )


def test_the_city_bid_tab_saved_as_csv_reads_the_same() -> None:
    """CSV has no merged cells: each bidder's name sits over the first column of its group, as calamine gives it."""
    tab = questcdn_bid_tab()
    sheet = load_workbook(io.BytesIO(tab.data)).active
    text = io.StringIO()
    writer = csv.writer(text)
    for row in sheet.iter_rows(values_only=True):
        writer.writerow(["" if v is None else v for v in row])
    data = text.getvalue().encode()
    result = evaluate_file(data, "city bid tab.csv", None).result
    assert [str(s) for s in ranking_frame(result).sort_values("Rank")["Supplier"]] == sorted(
        tab.totals, key=tab.totals.get
    )


def test_a_wrong_section_subtotal_is_named_with_its_row() -> None:
    book = load_workbook(io.BytesIO(questcdn_bid_tab().data))
    book.active["K13"] = "$1.00"  # Bluestone's Section A subtotal, under its Extension column (K)
    buffer = io.BytesIO()
    book.save(buffer)
    findings = prepare_file(buffer.getvalue(), "tab.xlsx", None).findings
    wrong = [f for f in findings if f.severity == Severity.WARNING and "Subtotal" in f.message]
    assert [(f.row, f.column) for f in wrong] == [(13, "Extension (3)")]
    assert "Bluestone Construction LLC" in wrong[0].message
