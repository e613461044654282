"""The input sheets copied in bulk: the same cells, types and formats as xlsxwriter's per-cell writing.

`export.BulkSheet` hands xlsxwriter a pre-rendered `<sheetData>` in place of
its own cell loop (an internal method, pinned in requirements.txt). These tests
write the same grids both ways and compare what openpyxl and calamine read back,
cell by cell, so a change in xlsxwriter that breaks the bulk path fails here.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pandas as pd
import pytest
import python_calamine
import xlsxwriter
from workbooks import DEFAULT_HEADER, default_row, xlsx_bytes

from scorecard import export
from scorecard.config import load_preset
from scorecard.export import WorkbookWriter, missing_value, write_grid, write_scored_workbook
from scorecard.pipeline import evaluate_file

ROOT = Path(__file__).resolve().parents[2]

PAYLOADS = [
    '=HYPERLINK("http://evil.example","click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,1)",
    "\tTab",
    "\rReturn",
]

TRICKY_GRID: list[list[Any]] = [
    [],
    [None, 'Title with <xml> & "quotes"', "", "   ", " padded "],
    ["Supplier", "Price", "Flag", "When", "Day", "Clock", "Wait", "Big", "Small", "Count"],
    *[
        [p, 1.5, True, datetime(2026, 3, 4, 5, 6, 7), date(2026, 1, 2), time(8, 30), timedelta(hours=3)]
        for p in PAYLOADS
    ],
    ["_x0041_ literal", 0.1, False, pd.Timestamp("2025-12-31 23:59:59"), None, None, None, 1e20, 1e-20, 7],
    [
        "ctrl \x01 \x1f char",
        float("nan"),
        np.bool_(True),
        None,
        None,
        None,
        None,
        float("inf"),
        float("-inf"),
        -3,
    ],
    ["emoji 🚚 über", np.float64(2.25), np.int64(12), pd.NA, pd.NaT, None, None, 123456789012345678, -0.0, 0],
    ["x" * 40_000, 1 / 3, None, None, None, None, None, 2**53 + 1, 5e-324, 1.7976931348623157e308],
    [],
    [None, None, None, None, None, None, None, None, None, None, None, "far right"],
    ["line\nbreak", "tab\tinside", "=", "+", "-", "@"],
]


def write_grid_per_cell(writer: WorkbookWriter, name: str, rows: list[list[Any]]) -> None:
    """The writing before the bulk path: xlsxwriter's own per-cell calls (kept here as the reference)."""
    sheet = writer.add_sheet(name)
    widths: dict[int, int] = {}
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if not missing_value(value) and value != "":
                writer.cell(sheet, r, c, value)
                if r < 200:
                    widths[c] = max(widths.get(c, 0), len(str(value)))
    for c, width in widths.items():
        sheet.set_column(c, c, min(max(width, 6) + 2, 50))


def grids_workbook(write: Any, grids: dict[str, list[list[Any]]]) -> bytes:
    writer = WorkbookWriter()
    for name, rows in grids.items():
        write(writer, name, rows)
    return writer.close()


def openpyxl_cells(data: bytes) -> dict[str, Any]:
    """Every sheet as {coordinate: (value, type, number format, quote prefix)}, plus its used range and widths."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    found: dict[str, Any] = {}
    for sheet in book.worksheets:
        cells = {
            cell.coordinate: (
                cell.value,
                cell.data_type,
                cell.number_format,
                bool(cell.quotePrefix),
                bool(cell.font.b),
                cell.font.color.rgb if cell.font.color is not None else None,
                cell.fill.fgColor.rgb,
            )
            for row in sheet.iter_rows()
            for cell in row
            if cell.value is not None or cell.has_style
        }
        widths = {key: dim.width for key, dim in sheet.column_dimensions.items()}
        scales = sorted(str(rng.sqref) for rng in sheet.conditional_formatting)
        found[sheet.title] = (
            sheet.calculate_dimension(),
            cells,
            widths,
            sheet.freeze_panes,
            sheet.auto_filter.ref,
            scales,
        )
    return found


def calamine_grids(data: bytes) -> dict[str, list[list[Any]]]:
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    return {name: book.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in book.sheet_names}


def shared_string_counts(data: bytes) -> tuple[int, int]:
    """The shared strings table's uses and distinct strings, as its header states them."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        head = package.read("xl/sharedStrings.xml")[:300].decode()
    found = re.search(r'<sst [^>]*count="(\d+)" uniqueCount="(\d+)"', head)
    assert found, head
    return int(found[1]), int(found[2])


def used_ranges(data: bytes) -> dict[str, str | None]:
    """Each sheet's `<dimension>` as written (readers may trust it instead of the cells)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = [n for n in package.namelist() if n.startswith("xl/worksheets/sheet")]
        found = {n: re.search(r'<dimension ref="([^"]+)"', package.read(n)[:2000].decode()) for n in parts}
    return {name: match[1] if match else None for name, match in found.items()}


def assert_same_workbook(new: bytes, old: bytes) -> None:
    assert openpyxl_cells(new) == openpyxl_cells(old)
    assert calamine_grids(new) == calamine_grids(old)
    assert shared_string_counts(new) == shared_string_counts(old)  # kept texts still count every use
    assert used_ranges(new) == used_ranges(old)


def test_bulk_grid_reads_back_like_per_cell_writing() -> None:
    grids = {"Input Tricky": TRICKY_GRID, "Input Empty": [], "Input Blanks": [[None, ""], [], [float("nan")]]}
    new = grids_workbook(write_grid, grids)
    old = grids_workbook(write_grid_per_cell, grids)
    assert_same_workbook(new, old)


def test_bulk_grid_keeps_types_and_makes_no_formula() -> None:
    data = grids_workbook(write_grid, {"Input Tricky": TRICKY_GRID})
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Input Tricky"]
    assert sheet["B4"].value == 1.5 and sheet["B4"].data_type == "n"
    assert sheet["C4"].value is True and sheet["C4"].data_type == "b"
    assert sheet["D4"].value == datetime(2026, 3, 4, 5, 6, 7) and sheet["D4"].number_format == "yyyy-mm-dd"
    assert sheet["F4"].value == "08:30:00" and sheet["G4"].value == "3:00:00"  # times are copied as text
    assert sheet["H11"].value == "infinite" and sheet["I11"].value == "-infinite"
    assert sheet["A10"].value == "_x0041_ literal"  # a literal escape-looking text stays literal
    assert len(sheet["A13"].value) == export.MAX_CELL_TEXT
    assert sheet["L15"].value == "far right"
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", f"{cell.coordinate} became a formula: {cell.value!r}"
            if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@", "\t", "\n")):
                assert cell.quotePrefix, f"{cell.coordinate} {cell.value!r} has no quote prefix"
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        sheet_xml = package.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    assert '<dimension ref="A2:L16"/>' in sheet_xml


def test_infinite_numbers_are_named() -> None:
    data = grids_workbook(write_grid, {"Input": [[float("inf"), float("-inf"), np.float64("inf")]]})
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Input"]
    assert [c.value for c in sheet[1]] == ["infinite", "-infinite", "infinite"]


@pytest.fixture(scope="module")
def hostile_evaluation():
    rows = [["RFQ 2026 evaluation"], [], DEFAULT_HEADER]
    rows += [default_row(name, cost=100_000 + 5_000 * i) for i, name in enumerate(PAYLOADS)]
    rows += [default_row("Honest Ltd", cost=90_000)]
    data = xlsx_bytes({"Suppliers": rows, "Notes": [["Comment"], *[[p] for p in PAYLOADS], [1.5], [True]]})
    return evaluate_file(data, "rfq.xlsx", load_preset("default"))


def test_payload_planted_in_a_copied_input_sheet_stays_text(hostile_evaluation) -> None:
    book = openpyxl.load_workbook(io.BytesIO(write_scored_workbook(hostile_evaluation)))
    notes = book["Input Notes"]
    copied = [notes.cell(row=r, column=1) for r in range(2, 2 + len(PAYLOADS))]
    assert [c.value for c in copied] == [p.replace("\r", "\n") for p in PAYLOADS]
    # a lone carriage return arrives as a line feed (XML), which Excel never reads as a formula start
    assert all(
        c.data_type == "s" and c.quotePrefix == c.value.startswith(export.FORMULA_STARTS) for c in copied
    )
    assert sum(c.quotePrefix for c in copied) == len(PAYLOADS) - 1
    suppliers = book["Input Suppliers"]
    names = [suppliers.cell(row=r, column=1) for r in range(4, 4 + len(PAYLOADS))]
    assert [c.value for c in names] == [p.replace("\r", "\n") for p in PAYLOADS]
    assert all(
        c.data_type == "s" and c.quotePrefix == c.value.startswith(export.FORMULA_STARTS) for c in names
    )


def test_scored_workbook_is_the_same_as_with_per_cell_copies(hostile_evaluation, monkeypatch) -> None:
    monkeypatch.setattr(export.writer, "BULK_CELLS", 0)
    new = write_scored_workbook(hostile_evaluation)
    monkeypatch.setattr(export, "write_grid", write_grid_per_cell)
    monkeypatch.setattr(export.writer, "BULK_CELLS", float("inf"))
    old = write_scored_workbook(hostile_evaluation)
    assert_same_workbook(new, old)


@pytest.fixture(scope="module")
def event_s():
    from benchmarks.generate import event_config, event_workbook
    from scorecard.pipeline import evaluate, prepare
    from scorecard.read import read_workbook

    book = event_workbook("S", cache=False)
    config = event_config()
    return book, evaluate(prepare(read_workbook(book.data, book.filename), config), config)


@pytest.mark.slow  # a child process or a large file: the full suite runs it
def test_generated_event_workbook_is_cell_for_cell_the_same(event_s, monkeypatch) -> None:
    """The benchmark's S event (20 suppliers, 4,000 bid rows): every sheet as before the bulk path."""
    book, evaluation = event_s
    monkeypatch.setattr(export.writer, "BULK_CELLS", 0)  # every report table in bulk too, however small
    new = write_scored_workbook(evaluation)
    monkeypatch.setattr(export, "write_grid", write_grid_per_cell)
    monkeypatch.setattr(export.writer, "BULK_CELLS", float("inf"))
    old = write_scored_workbook(evaluation)
    assert_same_workbook(new, old)
    # and the copies equal the input itself, as calamine reads both
    source = calamine_grids(book.data)
    written = calamine_grids(new)
    for name, grid in source.items():
        assert trimmed(written[f"Input {name}"]) == trimmed(grid), name


def trimmed(grid: list[list[Any]]) -> list[list[Any]]:
    """A grid without trailing empty cells and rows (the copy's used range starts where the data does)."""
    rows = [list(row) for row in grid]
    while rows and all(v == "" for v in rows[-1]):
        rows.pop()
    return [row[: max((i + 1 for i, v in enumerate(row) if v != ""), default=0)] for row in rows]


def test_input_sheets_can_be_left_out(hostile_evaluation) -> None:
    with_copies = openpyxl.load_workbook(io.BytesIO(write_scored_workbook(hostile_evaluation)))
    without = openpyxl.load_workbook(
        io.BytesIO(write_scored_workbook(hostile_evaluation, input_sheets=False))
    )
    assert [n for n in with_copies.sheetnames if n.startswith("Input ")] == ["Input Suppliers", "Input Notes"]
    assert without.sheetnames == [n for n in with_copies.sheetnames if not n.startswith("Input ")]


def test_xlsxwriter_is_within_the_pinned_range() -> None:
    """The bulk path overrides an xlsxwriter internal: the version in use must be the one pinned and tested."""
    pin = next(
        line for line in (ROOT / "requirements.txt").read_text().splitlines() if line.startswith("xlsxwriter")
    )
    low, high = re.fullmatch(r"xlsxwriter>=([\d.]+),<([\d.]+)", pin).groups()
    version = tuple(int(p) for p in xlsxwriter.__version__.split(".")[:3])
    assert tuple(int(p) for p in low.split(".")) <= version < tuple(int(p) for p in high.split("."))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_reads_the_bulk_sheets_as_written(tmp_path) -> None:
    data = grids_workbook(write_grid, {"Input Tricky": TRICKY_GRID[:12]})
    source = tmp_path / "bulk.xlsx"
    source.write_bytes(data)
    out = tmp_path / "out"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "xlsx",
         "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    # openpyxl does not decode _xHHHH_ escapes (control characters) and LibreOffice writes booleans as
    # =TRUE() with the value cached, so both files are read with calamine (cached values, escapes decoded)
    ours = trimmed(calamine_grids(data)["Input Tricky"])
    theirs = trimmed(calamine_grids((out / "bulk.xlsx").read_bytes())["Input Tricky"])
    assert len(theirs) == len(ours)
    for r, (row, other_row) in enumerate(zip(ours, theirs, strict=True), start=1):
        assert len(other_row) == len(row), f"row {r}"
        for c, (value, other) in enumerate(zip(row, other_row, strict=True), start=1):
            where = f"row {r}, column {c}"
            if isinstance(value, (date, datetime)):
                assert pd.Timestamp(other) == pd.Timestamp(value), where
            elif isinstance(value, float):
                assert other == pytest.approx(value, rel=1e-14), where  # LibreOffice writes 15 digits
            else:
                assert other == value and type(other) is type(value), where


def test_command_line_can_leave_the_input_sheets_out(tmp_path) -> None:
    from scorecard.cli import main

    rows = [DEFAULT_HEADER, default_row("Acme Ltd", cost=100_000), default_row("Beta GmbH", cost=90_000)]
    source = tmp_path / "rfq.xlsx"
    source.write_bytes(xlsx_bytes({"Suppliers": rows}))
    assert main(["score", str(source), "--output", str(tmp_path / "full.xlsx")]) == 0
    assert main(["score", str(source), "--output", str(tmp_path / "lean.xlsx"), "--no-input-sheets"]) == 0
    full = openpyxl.load_workbook(tmp_path / "full.xlsx").sheetnames
    lean = openpyxl.load_workbook(tmp_path / "lean.xlsx").sheetnames
    assert "Input Suppliers" in full
    assert lean == [name for name in full if name != "Input Suppliers"]


def random_grid(seed: int, rows: int = 400, width: int = 9) -> list[list[Any]]:
    """Cells as an input sheet holds them: a few texts and numbers repeated, some blank, some hostile."""
    rng = np.random.default_rng(seed)
    texts = ["Acme Ltd", "EUR", "USD", "No bid", "", " ", *PAYLOADS, "a & b <c>", "über 🚚", "x" * 40_000]
    numbers = [
        0.0,
        -0.0,
        1.5,
        -2.25,
        1e20,
        1e-20,
        1 / 3,
        2.0**53 + 2,
        float("inf"),
        float("-inf"),
        float("nan"),
    ]
    others: list[Any] = [None, True, False, np.bool_(True), 7, -3, np.int64(12), np.float64(0.1), pd.NA]
    others += [datetime(2026, 3, 4, 5, 6, 7), date(2026, 1, 2), pd.Timestamp("2025-12-31 23:59:59")]
    grid: list[list[Any]] = []
    for _ in range(rows):
        row: list[Any] = []
        for _ in range(int(rng.integers(0, width + 1))):
            pick = rng.random()
            if pick < 0.4:
                row.append(texts[int(rng.integers(len(texts)))])
            elif pick < 0.6:
                row.append(numbers[int(rng.integers(len(numbers)))])
            elif pick < 0.8:
                row.append(round(float(rng.normal(1_000, 300)), int(rng.integers(0, 4))))
            else:
                row.append(others[int(rng.integers(len(others)))])
        grid.append(row)
    return grid


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_grids_read_back_like_per_cell_writing(seed: int) -> None:
    """Kept tails (a repeated text or number rendered once) against xlsxwriter's own per-cell writing."""
    grids = {"Input A": random_grid(seed), "Input B": random_grid(seed + 100, rows=50, width=30)}
    assert_same_workbook(grids_workbook(write_grid, grids), grids_workbook(write_grid_per_cell, grids))


def test_payloads_in_a_bulk_report_table_stay_quoted_text(hostile_evaluation, monkeypatch) -> None:
    monkeypatch.setattr(export.writer, "BULK_CELLS", 0)  # every report table through the bulk path
    book = openpyxl.load_workbook(io.BytesIO(write_scored_workbook(hostile_evaluation)))
    quoted = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} became a formula"
                if isinstance(cell.value, str) and cell.value.startswith(export.FORMULA_STARTS):
                    assert cell.quotePrefix, (
                        f"{sheet.title}!{cell.coordinate} {cell.value!r} has no quote prefix"
                    )
                    quoted += sheet.title != "Ranking" and not sheet.title.startswith("Input ")
    assert quoted >= len(PAYLOADS) - 1  # the names reach the bulk report tables (a read "\r" is a "\n")
