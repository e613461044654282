"""The layout stage: every sheet looked at once, one role each, shown in the buyer's words, correctable."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorecard.config import load_preset
from scorecard.errors import ScorecardError
from scorecard.layout import (
    LayoutContext,
    LayoutOverrides,
    Role,
    SheetLayout,
    detect_layout,
    parse_role,
    registry,
)
from scorecard.pipeline import plan_sheets, prepare_file
from scorecard.read import Sheet, read_workbook
from tests.workbooks import DEFAULT_HEADER, default_row, xlsx_bytes

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "sample_event.xlsx"


def test_the_sample_workbook_has_one_role_per_sheet() -> None:
    workbook = read_workbook(SAMPLE.read_bytes(), SAMPLE.name)
    layout = detect_layout(workbook, LayoutContext(load_preset("default")))
    roles = {s.sheet: s.role for s in layout.sheets}
    assert roles == {
        "Suppliers": Role.SUPPLIERS,
        "Bids": Role.LONG_BIDS,
        "FX rates": Role.FX,
        "Evaluations": Role.EVALUATIONS,
        "Read me": Role.NOTES,
    }
    assert layout.of("Suppliers").describe() == (
        "Sheet 'Suppliers': supplier list, 18 suppliers in column \"Supplier\", data in rows 5-22"
    )


def test_the_pipeline_uses_the_layout_decision() -> None:
    workbook = read_workbook(SAMPLE.read_bytes(), SAMPLE.name)
    plan = plan_sheets(workbook, load_preset("default"))
    assert (plan.suppliers.name, plan.bids.name, plan.fx.name, plan.evaluations.name) == (
        "Suppliers",
        "Bids",
        "FX rates",
        "Evaluations",
    )
    assert not plan.bid_only
    # the buyer says the bid sheet is not used: its cost figures are then not calculated from it
    plan = plan_sheets(workbook, load_preset("default"), overrides=LayoutOverrides.parse(["Bids=not used"]))
    assert plan.bids is None and plan.fx is None and "total_cost" not in plan.calculated


def test_a_supplier_list_with_a_price_column_is_not_a_bid_sheet() -> None:
    data = xlsx_bytes(
        {"Vendors": [["Supplier", "Unit price", "On-time delivery (%)"], ["Acme", 10, 98], ["Bolt", 12, 95]]}
    )
    layout = detect_layout(read_workbook(data, "v.xlsx")).of("Vendors")
    assert layout.role == Role.SUPPLIERS and layout.supplier_count == 2


def test_a_bid_sheet_the_buyer_names_is_read_with_that_role() -> None:
    data = xlsx_bytes(
        {
            "Suppliers": [DEFAULT_HEADER, default_row("Acme Ltd"), default_row("Bolt Co")],
            "Sheet2": [
                ["Supplier", "Item code", "Quantity", "Unit price"],
                ["Acme Ltd", "X1", 100, 10.0],
                ["Bolt Co", "X1", 100, 12.0],
            ],
        }
    )
    detected = prepare_file(data, "event.xlsx", load_preset("default"))
    assert detected.bids is not None and detected.bids.sheet == "Sheet2"
    ignored = prepare_file(
        data, "event.xlsx", load_preset("default"), roles=LayoutOverrides.parse(["Sheet2=not used"])
    )
    assert ignored.bids is None
    assert ignored.layout.of("Sheet2").describe().endswith("your choice")


def test_a_new_layout_is_one_registered_detector() -> None:
    def detect_price_list(sheet: Sheet, context: LayoutContext) -> SheetLayout | None:
        return (
            SheetLayout(sheet.name, Role.NOTES, note="a price list") if sheet.name == "Price list" else None
        )

    data = xlsx_bytes(
        {"Price list": [["Supplier", "Item", "Unit price"], ["Acme", "X", 1.0], ["Acme", "Y", 2.0]]}
    )
    before = detect_layout(read_workbook(data, "p.xlsx")).of("Price list")
    assert before.role == Role.LONG_BIDS
    registry.register(Role.NOTES, detect_price_list, priority=99)
    try:
        after = detect_layout(read_workbook(data, "p.xlsx")).of("Price list")
    finally:
        registry.DETECTORS[:] = [r for r in registry.DETECTORS if r.detect is not detect_price_list]
    assert after.role == Role.NOTES and after.note == "a price list"


@pytest.mark.parametrize(
    ("typed", "role"),
    [
        ("wide bids", Role.WIDE_BIDS),
        ("Bid tab", Role.WIDE_BIDS),
        ("FX", Role.FX),
        ("supplier_list", Role.SUPPLIERS),
    ],
)
def test_roles_are_read_as_buyers_type_them(typed: str, role: Role) -> None:
    assert parse_role(typed) == role


def test_a_role_for_a_sheet_that_does_not_exist_names_the_sheets() -> None:
    workbook = read_workbook(SAMPLE.read_bytes(), SAMPLE.name)
    with pytest.raises(Exception, match="Suppliers, Bids"):
        detect_layout(workbook, overrides=LayoutOverrides.parse(["Bidz=wide bids"]))


def test_nothing_to_score_says_how_each_sheet_was_read_and_how_to_correct_it() -> None:
    data = xlsx_bytes({"Notes": [["Meeting notes", "Owner"], ["Kick-off", "Buyer"]]})
    with pytest.raises(ScorecardError) as raised:
        prepare_file(data, "notes.xlsx", load_preset("default"))
    message = str(raised.value)
    assert "Sheet 'Notes': notes or instructions" in message
    assert '--sheet-role "SHEET=supplier list"' in message


def test_a_table_layout_takes_the_sheets_header_row_and_data_rows() -> None:
    workbook = read_workbook(
        xlsx_bytes({"Bids": [["Note"], ["Vendor", "Price"], ["Acme", 1], ["Bolt", 2], ["Crux", 3]]}),
        "event.xlsx",
    )
    sheet = workbook.sheet("Bids")
    assert sheet.header_row == 2
    whole = SheetLayout.of_table(sheet, Role.UNKNOWN)
    assert (whole.sheet, whole.header_row, whole.data_rows) == ("Bids", 2, (3, 5))
    assert SheetLayout.of_table(sheet, Role.UNKNOWN, [4, 3]).data_rows == (3, 4)  # the items only
    assert SheetLayout.of_table(sheet, Role.UNKNOWN, []).data_rows is None
    listed = SheetLayout.in_rows(sheet, Role.SUPPLIERS, "Vendor", supplier_count=3)
    assert (
        listed.describe() == "Sheet 'Bids': supplier list, 3 suppliers in column \"Vendor\", data in rows 3-5"
    )
    assert SheetLayout.in_rows(sheet, Role.FX, None).suppliers_in == ""
