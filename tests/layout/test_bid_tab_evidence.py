"""A plain bid tab (a price column per bidder) whose prices are text like "1.250" is recognised as a bid tab with
the workbook's evidence for the decimal mark, as the bid reader then reads it: another sheet writing a decimal
comma settles the column the tab alone cannot."""

from __future__ import annotations

import io

import openpyxl

from scorecard.config import load_preset
from scorecard.layout import LayoutContext, Role, detect_layout
from scorecard.pipeline import evaluate_file
from scorecard.read import read_workbook

# every price has one point and three digits after it: 1.25 or 1250? The tab alone cannot tell
TAB = [
    ["Item", "Description", "Quantity", "Acme Bau GmbH", "Borealis AG"],
    ["A-1", "Steel beam", 10, "1.250", "1.300"],
    ["B-2", "Anchor bolt", 200, "2.100", "1.990"],
    ["C-3", "Base plate", 40, "3.400", "3.650"],
]
# worked out by hand: quantity x unit price, the point grouping thousands
BY_HAND = {
    "Acme Bau GmbH": 10 * 1250 + 200 * 2100 + 40 * 3400,
    "Borealis AG": 10 * 1300 + 200 * 1990 + 40 * 3650,
}


def tab_workbook(notes: list[list[object]] | None) -> bytes:
    book = openpyxl.Workbook()
    bids = book.active
    bids.title = "Bid Tab"
    for row in TAB:
        bids.append(row)
    if notes:
        sheet = book.create_sheet("Notes")
        for row in notes:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def role_of_tab(data: bytes) -> Role:
    book = read_workbook(data, "tab.xlsx")
    return detect_layout(book, LayoutContext(load_preset("default"))).of("Bid Tab").role


def test_a_decimal_comma_on_another_sheet_makes_the_text_prices_prices() -> None:
    data = tab_workbook([["Topic", "Figure"], ["Target rating", "4,5"]])
    assert role_of_tab(data) is Role.WIDE_BIDS
    evaluation = evaluate_file(data, "tab.xlsx", load_preset("default"))
    totals = evaluation.prepared.bids.suppliers["total_cost"].to_dict()
    assert totals == BY_HAND
    assert str(evaluation.result.leader) == min(BY_HAND, key=BY_HAND.__getitem__)


def test_the_layout_reads_price_columns_with_the_workbooks_evidence(monkeypatch) -> None:
    """The tab's price check asks for the same evidence the bid reader uses: the sheet and its workbook."""
    from scorecard.layout import bid_tabs

    asked: list[tuple[str, object]] = []
    plain = bid_tabs.decimal_evidence

    def recorded(sheet, workbook=None):
        asked.append((sheet.name, workbook))
        return plain(sheet, workbook)

    monkeypatch.setattr(bid_tabs, "decimal_evidence", recorded)
    book = read_workbook(tab_workbook([["Topic", "Figure"], ["Target rating", "4,5"]]), "tab.xlsx")
    detect_layout(book, LayoutContext(load_preset("default")))
    assert asked and all(name == "Bid Tab" and workbook is book for name, workbook in asked)
