"""The scored workbook: sheets, traceability, formatting, and no formula from untrusted text."""

from __future__ import annotations

import io
import shutil
import subprocess

import openpyxl
import pytest
from workbooks import DEFAULT_HEADER, default_row, xlsx_bytes

from scorecard.config import load_preset
from scorecard.export import safe_sheet_name, scored_filename, write_scored_workbook
from scorecard.pipeline import evaluate_file

HOSTILE = [
    '=HYPERLINK("http://evil.example","click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,1)",
    "\tTab",
    "\rReturn",
]


@pytest.fixture(scope="module")
def evaluation():
    rows = [["RFQ 2026 evaluation"], [], DEFAULT_HEADER]
    rows += [default_row(name, cost=100_000 + 5_000 * i) for i, name in enumerate(HOSTILE)]
    rows += [default_row("Honest Ltd", cost=90_000), default_row("No Cert Ltd", iso="No")]
    data = xlsx_bytes({"Suppliers": rows, "Notes": [["Comment"], ["=1+1"], ["@risk"]]})
    return evaluate_file(data, "rfq.xlsx", load_preset("default"))


@pytest.fixture(scope="module")
def book(evaluation):
    return openpyxl.load_workbook(io.BytesIO(write_scored_workbook(evaluation)))


def rows_of(sheet):
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def test_sheets_in_order(book):
    assert book.sheetnames[:5] == ["Ranking", "Criteria", "Method", "Weights", "Data quality"]
    assert "Input Suppliers" in book.sheetnames and "Input Notes" in book.sheetnames


def test_ranking_sheet_matches_the_result(book, evaluation):
    sheet = book["Ranking"]
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["Rank", "Supplier", "Score", "Band", "Status"]
    assert {"Cost", "Risk", "Quality", "Sustainability", "SRM fit"} <= set(header)
    body = rows_of(sheet)[1:]
    assert body[0][1] == evaluation.result.leader == "Honest Ltd"
    assert body[0][0] == 1
    disqualified = next(r for r in body if r[1] == "No Cert Ltd")
    assert disqualified[0] is None and disqualified[4].startswith(
        "Disqualified: ISO 9001 certified must be Yes"
    )
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    score_col = header.index("Score") + 1
    assert sheet.cell(row=2, column=score_col).number_format == "0.0"
    assert sheet.conditional_formatting  # colour scale on scores


def test_no_cell_anywhere_is_a_formula(book):
    texts = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (
                    f"{sheet.title}!{cell.coordinate} became a formula: {cell.value!r}"
                )
                if isinstance(cell.value, str):
                    texts.add(cell.value)
    for hostile in HOSTILE:
        assert hostile.replace("\r", "\n") in texts  # XML stores a lone carriage return as a line feed
    assert "=1+1" in texts


def test_formula_like_text_keeps_a_quote_prefix(book):
    names = {c.value: c for c in book["Ranking"]["B"][1:]}
    assert names["-2+3"].quotePrefix and names["@SUM(1,1)"].quotePrefix
    assert not names["Honest Ltd"].quotePrefix


def test_criteria_sheet_traces_every_total(book, evaluation):
    rows = rows_of(book["Criteria"])
    header_at = next(i for i, r in enumerate(rows) if r[0] == "Supplier")
    header = rows[header_at]
    body = [dict(zip(header, r, strict=True)) for r in rows[header_at + 1 :]]
    assert len(body) == len(evaluation.result.suppliers) * len(evaluation.result.criteria)
    ranking = {r[1]: r[2] for r in rows_of(book["Ranking"])[1:]}
    for supplier, total in ranking.items():
        contributions = sum(r["Contribution"] for r in body if r["Supplier"] == supplier)
        assert contributions == pytest.approx(total, abs=1e-9)
    first = body[0]
    assert first["Source"].startswith('Suppliers / row 4 / "')
    assert first["Method"]


def test_method_sheet_records_settings_file_and_version(book, evaluation):
    items = {
        r[0]: r[1] for r in rows_of(book["Method"])[1:] if r[0] not in ("Note", "Column", "Band", "Must-have")
    }
    assert items["Input file"] == "rfq.xlsx"
    assert (
        items["Input file SHA-256"] == evaluation.workbook.sha256 and len(items["Input file SHA-256"]) == 64
    )
    assert items["Settings"] == "Default (balanced direct materials)"
    assert items["Scorecard version"] == evaluation.version
    details = [r[1] for r in rows_of(book["Method"])]
    assert any("ISO 9001 certified must be Yes" in str(d) for d in details)


def test_band_cells_are_filled_with_the_band_colour(book):
    sheet = book["Ranking"]
    band = sheet.cell(row=2, column=4)
    assert band.value and band.fill.fgColor.rgb.endswith(("1A7F37", "74C476", "F2C94C", "F2994A", "D64545"))


def test_file_name_and_sheet_name_rules():
    from datetime import date

    assert scored_filename("bids Q3.xlsx", date(2026, 11, 26)) == "bids Q3 scored 2026-11-26.xlsx"
    assert (
        safe_sheet_name("Input Very long sheet name that goes on and on", set())
        == "Input Very long sheet name that"
    )
    assert safe_sheet_name("a/b:c", {"a_b_c"}) == "a_b_c (2)"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_reads_the_ranking_and_no_formula(tmp_path, evaluation):
    """A second, independent reader: LibreOffice converts the first sheet to CSV."""
    path = tmp_path / "scored.xlsx"
    path.write_bytes(write_scored_workbook(evaluation))
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "csv",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    text = (tmp_path / "scored.csv").read_text(encoding="utf-8", errors="replace")
    lines = text.splitlines()
    assert lines[0].startswith("Rank,Supplier,Score,Band,Status")
    assert lines[1].split(",")[1] == "Honest Ltd"
    assert "=HYPERLINK" in text and "evil.example" in text  # shown as text, not evaluated
