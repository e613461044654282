"""Read stage: header row below titles, blank and totals rows, CSV dialects, hidden sheets."""

from __future__ import annotations

import pytest
from workbooks import xlsx_bytes

from scorecard.errors import ScorecardError, Severity
from scorecard.read import column_letter, find_header_row, read_workbook


def test_header_row_is_found_below_title_and_notes():
    data = xlsx_bytes(
        {
            "Suppliers": [
                ["Supplier evaluation 2026"],
                ["Prepared by category management"],
                [],
                ["Supplier", "Total cost", "OTD"],
                ["Acme", 100, 0.97],
                ["Beta", 120, 0.95],
            ]
        }
    )
    sheet = read_workbook(data, "event.xlsx").sheet("Suppliers")
    assert sheet.header_row == 4
    assert sheet.columns == ("Supplier", "Total cost", "OTD")
    assert list(sheet.table.index) == [5, 6]
    assert any("header row is row 4" in f.message for f in sheet.findings)


def test_blank_rows_are_skipped_and_totals_rows_left_out_with_a_finding():
    rows = [["Supplier", "Cost"], ["Acme", 100], [None, None], ["Beta", 120], ["Total", 220]]
    sheet = read_workbook(xlsx_bytes({"S": rows}), "e.xlsx").sheet("S")
    assert list(sheet.table["Supplier"]) == ["Acme", "Beta"]
    assert sheet.rows_read == 3
    assert sheet.excluded_rows == ((5, "totals row (Total)"),)
    totals = [f for f in sheet.findings if "totals row" in f.message]
    assert totals and totals[0].row == 5 and totals[0].severity == Severity.WARNING


def test_repeated_headers_are_numbered_and_unnamed_columns_reported():
    rows = [["Supplier", "Price", "Price", None], ["Acme", 1, 2, "stray"]]
    sheet = read_workbook(xlsx_bytes({"S": rows}), "e.xlsx").sheet("S")
    assert sheet.columns == ("Supplier", "Price", "Price (2)")
    assert any("Column D has values but no header" in f.message for f in sheet.findings)


def test_hidden_sheet_is_read_and_reported():
    data = xlsx_bytes(
        {"Visible": [["Supplier", "Cost"], ["A", 1]], "Secret": [["Supplier", "Cost"], ["B", 2]]},
        hidden=["Secret"],
    )
    workbook = read_workbook(data, "e.xlsx")
    assert workbook.sheet("Secret").hidden
    assert any(f.sheet == "Secret" and "hidden" in f.message for f in workbook.all_findings)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Supplier;Cost\nAcme;1,5\nBeta;2\n", "utf-8"),
        ("\ufeffSupplier,Cost\nAcme,1.5\nBeta,2\n", "utf-8"),
        ("Supplier\tCost\nAcme\t1.5\nBeta\t2\n", "utf-8"),
        ("Supplier;Cost\nAcmé;1,5\nBeta;2\n", "cp1252"),
    ],
)
def test_csv_dialects_and_encodings(text, encoding):
    sheet = read_workbook(text.encode(encoding), "suppliers.csv").sheets[0]
    assert sheet.columns == ("Supplier", "Cost")
    assert len(sheet.table) == 2
    assert sheet.table["Supplier"].iloc[0] in ("Acme", "Acmé")


def test_workbook_without_any_table_is_refused():
    with pytest.raises(ScorecardError, match="no sheet with a table"):
        read_workbook(xlsx_bytes({"Empty": []}), "empty.xlsx")


def test_unknown_sheet_name_lists_the_sheets():
    workbook = read_workbook(xlsx_bytes({"Suppliers": [["Supplier", "Cost"], ["A", 1]]}), "e.xlsx")
    with pytest.raises(ScorecardError, match="Sheets: Suppliers"):
        workbook.sheet("Bids")


def test_header_detection_on_a_grid():
    assert find_header_row([["Title"], [None], ["a", "b", "c"], [1, 2, 3]]) == 2
    assert find_header_row([]) is None


def test_column_letters():
    assert [column_letter(i) for i in (0, 25, 26, 701)] == ["A", "Z", "AA", "ZZ"]
