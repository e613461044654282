"""Read stage: layouts (titles, merged and two-row headers, totals, hidden rows), formats, and the
extent check that keeps calamine from aborting the process."""

from __future__ import annotations

import io
import re
import struct
import zipfile

import openpyxl
import pytest
import python_calamine
from hypothesis import given, settings
from hypothesis import strategies as st
from workbooks import xlsx_bytes

from scorecard.errors import ScorecardError, Severity
from scorecard.read import (
    MAX_SHEET_CELLS,
    Exclusion,
    LeftOut,
    column_letter,
    find_header_row,
    is_totals_label,
    read_workbook,
)
from scorecard.read.xlsx_extent import _columns_up_to, _rows_up_to, scan_sheet_xml, scan_xlsx
from scorecard.tables.mapping import exclusion_reason
from tests.children import python_child
from tests.read.fixtures import (
    converted,
    needs_soffice,
    number_cell,
    ods_cell,
    ods_document,
    ods_row,
    replace_parts,
    text_cell,
    with_sheet_data,
)


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
    assert sheet.excluded_rows == (Exclusion(5, LeftOut.TOTALS_ROW, "Total"),)
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


# --------------------------------------------------------------------------- layout


def xlsx_from(build) -> bytes:
    """An .xlsx written by a function that fills an openpyxl worksheet (merges, hidden rows...)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "S"
    build(sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_calamine_reports_merged_ranges_as_zero_based_corners():
    """What merged_header_fill relies on: ((first_row, first_col), (last_row, last_col)) from A1."""

    def build(sheet):
        sheet.append(["Title"])
        sheet.merge_cells("A1:D1")
        sheet.append(["Supplier", "Price", None, "OTD"])
        sheet.merge_cells("B2:C2")

    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(xlsx_from(build)))
    assert sorted(book.get_sheet_by_name("S").merged_cell_ranges) == [((0, 0), (0, 3)), ((1, 1), (1, 2))]


def test_merged_header_cell_names_every_column_it_spans():
    def build(sheet):
        sheet.append(["Supplier", "Price", None, "OTD"])
        sheet.merge_cells("B1:C1")
        sheet.append(["Acme", 1, 2, 0.9])

    sheet = read_workbook(xlsx_from(build), "e.xlsx").sheet("S")
    assert sheet.columns == ("Supplier", "Price", "Price (2)", "OTD")


def test_two_row_header_under_a_merged_title_cell():
    def build(sheet):
        sheet.append(["Supplier evaluation 2026"])
        sheet.merge_cells("A1:E1")
        sheet.append(["Supplier", "Price", None, "Delivery", None])
        sheet.merge_cells("B2:C2")
        sheet.merge_cells("D2:E2")
        sheet.merge_cells("A2:A3")
        sheet.append([None, "Unit", "Total", "OTD", "Lead time"])
        sheet.append(["Acme", 1.5, 150, 0.97, 14])
        sheet.append(["Beta", 1.2, 120, 0.95, 21])

    sheet = read_workbook(xlsx_from(build), "e.xlsx").sheet("S")
    assert sheet.header_row == 2
    assert sheet.columns == ("Supplier", "Price Unit", "Price Total", "Delivery OTD", "Delivery Lead time")
    assert list(sheet.table.index) == [4, 5]
    assert sheet.table.loc[5, "Price Total"] == 120
    assert any("header spans rows 2 and 3" in f.message for f in sheet.findings)


def test_two_row_header_without_merge_information_as_in_a_csv():
    text = "Supplier,Price,,OTD\n,Unit,Total,\nAcme,1.5,150,97\nBeta,1.2,120,95\n"
    sheet = read_workbook(text.encode(), "bids.csv").sheets[0]
    assert sheet.columns == ("Supplier", "Price Unit", "Price Total", "OTD")
    assert len(sheet.table) == 2


def test_a_first_data_row_of_text_is_not_taken_for_a_second_header_row():
    rows = [["Supplier", "Country risk", "ISO 9001"], ["Acme", "Low", "Yes"], ["Beta", "High", "No"]]
    sheet = read_workbook(xlsx_bytes({"S": rows}), "e.xlsx").sheet("S")
    assert sheet.columns == ("Supplier", "Country risk", "ISO 9001")
    assert list(sheet.table["Supplier"]) == ["Acme", "Beta"]


def test_numbers_as_headers_below_a_title():
    rows = [["Price per year"], ["Supplier", 2024, 2025, 2026], ["Acme", 10, 11, 12], ["Beta", 9, 10, 11]]
    sheet = read_workbook(xlsx_bytes({"S": rows}), "e.xlsx").sheet("S")
    assert sheet.header_row == 2
    assert sheet.columns == ("Supplier", "2024", "2025", "2026")


def test_a_wide_title_block_is_not_the_header():
    rows = [
        ["Event:", "Packaging 2026"],
        [],
        ["Supplier", "Total cost", "OTD", "Country risk", "ISO 9001"],
        ["Acme", 100, 0.97, "Low", "Yes"],
    ]
    assert read_workbook(xlsx_bytes({"S": rows}), "e.xlsx").sheet("S").header_row == 3


@pytest.mark.parametrize(
    "label",
    [
        "Total",
        "TOTAL:",
        "Grand total",
        "Grand Total",
        "Sub-total",
        "Subtotal",
        "Sub total",
        "Totals",
        "Total (EUR)",
        "Sum",
    ],
)
def test_totals_labels_are_left_out(label):
    rows = [["Supplier", "Cost"], ["Acme", 100], ["Beta", 120], [label, 220]]
    sheet = read_workbook(xlsx_bytes({"S": rows}), "e.xlsx").sheet("S")
    assert list(sheet.table["Supplier"]) == ["Acme", "Beta"]
    assert [(e.row, exclusion_reason(e)) for e in sheet.excluded_rows] == [(4, f"totals row ({label})")]


@pytest.mark.parametrize("name", ["Total Logistics Ltd", "TotalEnergies", "Summit Packaging", "Sumitomo"])
def test_suppliers_whose_names_start_like_total_are_kept(name):
    rows = [["Supplier", "Cost"], [name, 100], ["Beta", 120]]
    sheet = read_workbook(xlsx_bytes({"S": rows}), "e.xlsx").sheet("S")
    assert list(sheet.table["Supplier"]) == [name, "Beta"]
    assert sheet.excluded_rows == ()


def test_totals_label_in_the_second_column_under_a_blank_first_column():
    rows = [["Code", "Supplier", "Cost"], ["S1", "Acme", 100], [None, "Total", 100]]
    sheet = read_workbook(xlsx_bytes({"S": rows}), "e.xlsx").sheet("S")
    assert list(sheet.table.index) == [2]
    assert sheet.rows_read == 2


@pytest.mark.parametrize("label", ["Total", "Grand total"])
def test_is_totals_label(label):
    assert is_totals_label(label)
    assert not is_totals_label(f"{label} Logistics")


def test_hidden_rows_and_columns_are_read_and_reported():
    def build(sheet):
        sheet.append(["Supplier", "Cost", "Secret score", "OTD"])
        for name in ("Acme", "Beta", "Gamma", "Delta"):
            sheet.append([name, 100, 5, 0.9])
        sheet.row_dimensions[3].hidden = True
        sheet.row_dimensions[4].hidden = True
        sheet.column_dimensions["C"].hidden = True

    workbook = read_workbook(xlsx_from(build), "e.xlsx")
    sheet = workbook.sheet("S")
    assert list(sheet.table["Supplier"]) == ["Acme", "Beta", "Gamma", "Delta"]
    rows = [f for f in sheet.findings if "hidden in the workbook" in f.message and f.row]
    assert rows and "rows 3 and 4" in rows[0].message and rows[0].severity == Severity.WARNING
    columns = [f for f in sheet.findings if f.column == "Secret score"]
    assert columns and "Column C is hidden" in columns[0].message


def test_formula_saved_without_its_value_is_reported_not_read_silently():
    def build(sheet):
        sheet.append(["Supplier", "Unit price", "Quantity", "Total cost"])
        sheet.append(["Acme", 2, 10, "=B2*C2"])
        sheet.append(["Beta", 3, 10, 30])

    sheet = read_workbook(xlsx_from(build), "e.xlsx").sheet("S")
    assert sheet.table.loc[2, "Total cost"] is None
    [finding] = [f for f in sheet.findings if "formula" in f.message]
    assert (finding.row, finding.column, finding.severity) == (2, "Total cost", Severity.WARNING)
    assert "D2" in finding.message and "calculate" in finding.action


def test_formula_with_a_cached_value_is_read_without_a_finding():
    xml = b'<row r="1">' + text_cell("A1", "Supplier") + text_cell("B1", "Cost") + b"</row>"
    xml += b'<row r="2">' + text_cell("A2", "Acme") + b'<c r="B2"><f>1+1</f><v>2</v></c></row>'
    sheet = read_workbook(with_sheet_data(xml), "e.xlsx").sheet("S")
    assert sheet.table.loc[2, "Cost"] == 2
    assert not any("formula" in f.message for f in sheet.findings)


# --------------------------------------------------------------------------- formats


def suppliers_xlsx() -> bytes:
    def build(sheet):
        sheet.append(["Supplier evaluation"])
        sheet.append([])
        sheet.append(["Supplier", "Total cost", "OTD"])
        sheet.append(["00123", 100.5, 0.97])
        sheet.append(["Beta", "1,234.50", 95])
        sheet.row_dimensions[5].hidden = True

    return xlsx_from(build)


@needs_soffice
@pytest.mark.parametrize("extension", ["xls", "ods"])
def test_old_xls_and_ods_are_read_with_hidden_rows_reported(extension):
    workbook = read_workbook(converted(suppliers_xlsx(), extension), f"event.{extension}")
    assert workbook.kind.value == extension
    sheet = workbook.sheet("S")
    assert sheet.header_row == 3
    assert sheet.columns == ("Supplier", "Total cost", "OTD")
    assert list(sheet.table["Supplier"]) == ["00123", "Beta"]
    assert sheet.table.loc[5, "Total cost"] == "1,234.50"
    assert any("hidden in the workbook (row 5)" in f.message for f in sheet.findings)


def test_xlsm_is_read_and_its_macros_never_run():
    """A macro-enabled workbook is read for its cells only: calamine has no VBA engine."""
    data = xlsx_bytes({"S": [["Supplier", "Cost"], ["Acme", 1]]})
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        types = package.read("[Content_Types].xml")
    types = types.replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    ).replace(
        b"</Types>", b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'
    )
    data = replace_parts(
        data, {"[Content_Types].xml": types, "xl/vbaProject.bin": b"Attribute VB_Name = x\x00" * 10}
    )
    workbook = read_workbook(data, "event.xlsm")
    assert workbook.kind.value == "xlsm"
    assert list(workbook.sheet("S").table["Supplier"]) == ["Acme"]


def test_ods_hidden_rows_from_hand_written_content():
    rows = ods_row(["Supplier", "Cost"]) + ods_row(["Acme", 1]) + ods_row(["Beta", 2], hidden=True)
    workbook = read_workbook(ods_document(f'<table:table table:name="S">{rows}</table:table>'), "e.ods")
    sheet = workbook.sheet("S")
    assert list(sheet.table["Supplier"]) == ["Acme", "Beta"]
    assert any("(row 3)" in f.message for f in sheet.findings)


# --------------------------------------------------------------------------- extent before calamine


def test_sheet_with_cells_at_a1_and_xfd1048576_is_refused_without_killing_the_process():
    """calamine would allocate 17 billion cells and abort: the reader must refuse first.

    Run in a child process, so that if the check ever failed, the abort ends the child, not pytest.
    """
    result = python_child(
        """
        import io, openpyxl
        from scorecard.read import read_workbook
        from scorecard.errors import ScorecardError
        book = openpyxl.Workbook(); sheet = book.active; sheet.title = "Bids"
        sheet["A1"] = "Supplier"; sheet["XFD1048576"] = "x"
        buffer = io.BytesIO(); book.save(buffer)
        try:
            read_workbook(buffer.getvalue(), "tiny.xlsx")
        except ScorecardError as error:
            print("REFUSED", error)
        """,
        memory_mb=2048,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "REFUSED" in result.stdout
    assert 'sheet "Bids"' in result.stdout and "XFD1048576" in result.stdout and "Ctrl+End" in result.stdout


@pytest.mark.parametrize(
    ("sheet_data", "corner"),
    [
        # rows written out of order: the first row's number is not the largest
        (
            b'<row r="2000000">'
            + number_cell("Z2000000", 1)
            + b'</row><row r="1">'
            + text_cell("A1", "Supplier")
            + b"</row>",
            "Z2000000",
        ),
        # the reference is not the first attribute
        (
            b'<row r="1">' + text_cell("A1", "Supplier") + b'<c t="n" r="XFD900000"><v>1</v></c></row>',
            "XFD900000",
        ),
        # lower-case column letters
        (b'<row r="1">' + text_cell("A1", "Supplier") + b'<c r="xfd900000"><v>1</v></c></row>', "XFD900000"),
        # cells without references, placed by counting, in a row far down
        (
            b'<row r="1">'
            + text_cell("A1", "Supplier")
            + b'</row><row r="1048576">'
            + b"<c><v>1</v></c>" * 40
            + b"</row>",
            None,
        ),
    ],
)
def test_extent_scan_is_not_fooled_by_unusual_but_legal_xml(sheet_data, corner):
    layout = scan_xlsx(with_sheet_data(sheet_data))["S"]
    assert layout.area > MAX_SHEET_CELLS
    if corner:
        assert f"{column_letter(layout.width - 1)}{layout.height}" == corner
    with pytest.raises(ScorecardError, match="Ctrl\\+End"):
        read_workbook(with_sheet_data(sheet_data), "odd.xlsx")


def test_formatted_empty_cells_do_not_count_towards_the_extent():
    far = b'<row r="1048576"><c r="XFD1048576" s="1"/></row>'
    data = with_sheet_data(
        b'<row r="1">' + text_cell("A1", "Supplier") + text_cell("B1", "Cost") + b"</row>"
        b'<row r="2">' + text_cell("A2", "Acme") + number_cell("B2", 5) + b"</row>" + far
    )
    sheet = read_workbook(data, "formatted.xlsx").sheet("S")
    assert list(sheet.table["Supplier"]) == ["Acme"]


def test_extent_scan_of_an_ordinary_sheet_is_exact():
    data = xlsx_bytes({"S": [["Supplier", "Cost", "OTD"], *[[f"S{i}", i, 0.9] for i in range(500)]]})
    layout = scan_xlsx(data)["S"]
    assert (layout.height, layout.width) == (501, 3)


def test_ods_whose_repeated_cells_describe_a_huge_sheet_is_refused():
    """One cell repeated 16,384 columns across 5,000 rows: 82 million cells (5 GB in calamine) from 1 KB."""
    rows = ods_row(["Supplier"]) + (
        f'<table:table-row table:number-rows-repeated="5000">{ods_cell(1, repeat=16384)}</table:table-row>'
    )
    data = ods_document(f'<table:table table:name="Bids">{rows}</table:table>')
    assert len(data) < 2000
    with pytest.raises(ScorecardError, match='sheet "Bids"') as error:
        read_workbook(data, "bomb.ods")
    assert "16,384 columns" in str(error.value)


def test_ods_repeated_empty_cells_are_fine():
    """LibreOffice writes the empty rest of every row as one repeated empty cell."""
    rows = ods_row(["Supplier", "Cost"]) + ods_row(["Acme", 1])
    rows += '<table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
    sheet = read_workbook(ods_document(f'<table:table table:name="S">{rows}</table:table>'), "e.ods").sheet(
        "S"
    )
    assert list(sheet.table["Supplier"]) == ["Acme"]


@pytest.mark.slow  # a child process or a large file: the full suite runs it
@needs_soffice
def test_xls_with_a_cell_record_far_outside_the_sheet_is_refused_in_a_child_process():
    """A BIFF cell record at row 65,000, column 65,000: calamine would abort allocating 4 billion cells."""
    data = bytearray(converted(suppliers_xlsx(), "xls"))
    label = struct.pack("<HHHH", 0x00FD, 10, 4, 0)  # LABELSST of "Beta" at row 5 (0-based 4), column A
    at = data.find(label)
    assert at > 0
    struct.pack_into("<HH", data, at + 4, 65000, 65000)
    result = python_child(
        f"""
        from scorecard.read import read_workbook
        from scorecard.errors import ScorecardError
        try:
            read_workbook({bytes(data)!r}, "hostile.xls")
        except ScorecardError as error:
            print("REFUSED", error)
        """,
        memory_mb=2048,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "REFUSED" in result.stdout and "65,001 columns" in result.stdout


@pytest.mark.slow  # a child process or a large file: the full suite runs it
def test_a_million_formatted_blank_rows_read_with_bounded_memory():
    """1,000,000 formatted empty rows (146 MB of sheet XML) under a 1.5 GB address-space cap."""
    result = python_child(
        """
        from tests.read.fixtures import blank_formatted_rows, number_cell, text_cell, with_sheet_data
        from scorecard.read import read_workbook
        head = b'<row r="1">' + text_cell("A1", "Supplier") + text_cell("B1", "Cost") + b"</row>"
        head += b'<row r="2">' + text_cell("A2", "Acme") + number_cell("B2", 5) + b"</row>"
        data = with_sheet_data(head + blank_formatted_rows(1_000_000, first=3))
        sheet = read_workbook(data, "blank.xlsx").sheet("S")
        print("ROWS", len(sheet.table), "MB", len(data) // 2**20)
        """,
        memory_mb=1536,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert (
        "ROWS 1 " in result.stdout
    )  # speed is the benchmarks' job; here: the right rows, within the memory cap


def test_xls_whose_stream_does_not_match_its_directory_is_refused_before_calamine_sees_it():
    """The guard's minimal .xls (a Workbook stream with a BOF record only) made calamine abort while
    opening it; the reader's own check of the compound file refuses it first (in a child process)."""
    result = python_child(
        """
        from tests.read.test_guard import xls_bytes
        from scorecard.read import read_workbook
        from scorecard.errors import ScorecardError
        try:
            read_workbook(xls_bytes(), "old.xls")
        except ScorecardError as error:
            print("REFUSED", error)
        """,
        memory_mb=2048,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "REFUSED" in result.stdout and "damaged" in result.stdout


@settings(max_examples=200, deadline=None)
@given(
    bound=st.integers(min_value=1, max_value=3_000_000), row=st.integers(min_value=0, max_value=30_000_000)
)
def test_row_bound_regex_accepts_exactly_the_rows_up_to_the_bound(bound, row):
    """The extent check trusts these patterns to flag every cell beyond the bound: they must be exact."""
    pattern = re.compile(_rows_up_to(bound) + "$")
    assert bool(pattern.match(str(row))) == (1 <= row <= bound)
    assert bool(pattern.match(f"00{row}")) == (1 <= row <= bound)


@settings(max_examples=200, deadline=None)
@given(width=st.integers(min_value=1, max_value=16_384), column=st.integers(min_value=0, max_value=20_000))
def test_column_bound_regex_accepts_exactly_the_columns_up_to_the_bound(width, column):
    assert bool(re.compile(_columns_up_to(width) + "$").match(column_letter(column))) == (column < width)


@settings(max_examples=30, deadline=None)
@given(
    cells=st.lists(
        st.tuples(st.integers(min_value=1, max_value=3_000), st.integers(min_value=0, max_value=200)),
        min_size=1,
        max_size=40,
    )
)
def test_extent_scan_finds_the_farthest_cell_whatever_the_order(cells):
    """Rows in any order, one row element per cell: height and width are those of the farthest cell."""
    xml = b"".join(
        b'<row r="%d">' % r + number_cell(f"{column_letter(c)}{r}", 1) + b"</row>" for r, c in cells
    )
    layout = scan_sheet_xml(lambda: [xml])
    assert layout.height == max(r for r, _ in cells)
    assert layout.width == max(c for _, c in cells) + 1


def test_a_text_only_first_row_beside_an_unnamed_column_is_data_not_a_second_header():
    rows = [
        ["Supplier", "Country risk", "ISO 9001", None],
        ["Acme", "Low", "Yes", "note"],
        ["Beta", "High", "No", None],
    ]
    sheet = read_workbook(xlsx_bytes({"S": rows}), "e.xlsx").sheet("S")
    assert sheet.columns == ("Supplier", "Country risk", "ISO 9001")
    assert list(sheet.table["Supplier"]) == ["Acme", "Beta"]
    assert any("Column D has values but no header" in f.message for f in sheet.findings)
