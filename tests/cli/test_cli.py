"""Command line: score and validate, exit codes, and messages without tracebacks."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from scorecard.cli import main, problems_text
from scorecard.errors import Finding, Severity
from tests.workbooks import DEFAULT_HEADER, default_row, xlsx_bytes

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_data" / "sample_event.xlsx"


def test_score_prints_ranking_and_writes_workbook(tmp_path, capsys):
    output = tmp_path / "scored.xlsx"
    assert main(["score", str(SAMPLE), "--output", str(output)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:5] == ["Rank", "Supplier", "Score", "Band", "Status"]
    assert "leads with" in out and str(output) in out
    book = openpyxl.load_workbook(output, read_only=True)
    assert book.sheetnames[0] == "Ranking"


def test_validate_reports_columns_and_rows_without_scoring(tmp_path, capsys):
    assert main(["validate", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert 'Supplier sheet: "Suppliers"' in out
    assert 'On-time delivery: sheet "Suppliers", column "On-time delivery (%)" (column name)' in out
    assert "Data quality:" in out
    assert not list(tmp_path.iterdir())


def test_broken_config_exits_2_with_the_key(tmp_path, capsys):
    config = tmp_path / "broken.yaml"
    config.write_text("name: Broken\ncategories:\n  cost:\n    weight: -5\n    criteria: []\nbands: []\n")
    assert main(["score", str(SAMPLE), "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert "categories.cost.weight" in err and "Traceback" not in err


def test_workbook_without_a_weighted_column_scores_without_it_and_says_so(tmp_path, capsys):
    path = tmp_path / "thin.xlsx"
    header = [h for h in DEFAULT_HEADER if h != "On-time delivery (%)"]
    row = [v for h, v in zip(DEFAULT_HEADER, default_row("Acme"), strict=True) if h != "On-time delivery (%)"]
    path.write_bytes(xlsx_bytes({"Suppliers": [header, row]}))
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Left out" in out and "On-time delivery" in out
    assert main(["score", str(path), "--output", str(tmp_path / "out.xlsx")]) == 0


def test_a_sheet_with_no_criterion_of_the_preset_says_so_and_points_to_the_template(tmp_path, capsys):
    path = tmp_path / "thin.xlsx"
    path.write_bytes(xlsx_bytes({"Suppliers": [["Supplier", "Colour"], ["Acme", "red"]]}))
    assert main(["score", str(path)]) == 2
    err = capsys.readouterr().err
    assert 'Sheet "Suppliers" has none of the columns the settings Default' in err
    assert "template" in err and len(err) < 1500


def test_a_must_have_without_its_column_exits_2_naming_the_option(tmp_path, capsys):
    path = tmp_path / "thin.xlsx"
    header = [h for h in DEFAULT_HEADER if h != "ISO 9001"]
    row = [v for h, v in zip(DEFAULT_HEADER, default_row("Acme"), strict=True) if h != "ISO 9001"]
    path.write_bytes(xlsx_bytes({"Suppliers": [header, row]}))
    assert main(["score", str(path), "--output", str(tmp_path / "out.xlsx")]) == 2
    assert "--skip-must-have iso_9001" in capsys.readouterr().err
    assert (
        main(["score", str(path), "--skip-must-have", "iso_9001", "--output", str(tmp_path / "o.xlsx")]) == 0
    )


def test_not_a_spreadsheet_exits_2(tmp_path, capsys):
    path = tmp_path / "invoice.xlsx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    assert main(["score", str(path)]) == 2
    assert "PDF" in capsys.readouterr().err


def test_missing_file_and_unknown_preset_exit_2(tmp_path, capsys):
    assert main(["score", str(tmp_path / "nope.xlsx")]) == 2
    assert main(["score", str(SAMPLE), "--config", "aerospace"]) == 2
    err = capsys.readouterr().err
    assert "does not exist" in err and "no preset called 'aerospace'" in err


def test_module_entry_point_and_help():
    run = subprocess.run(
        [sys.executable, "-m", "scorecard", "--help"], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert run.returncode == 0
    assert "score" in run.stdout and "validate" in run.stdout
    run = subprocess.run(
        [sys.executable, "-m", "scorecard", "score", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert "--config" in run.stdout and "--output" in run.stdout


def test_messy_rows_are_reported_by_validate(tmp_path, capsys):
    path = tmp_path / "messy.xlsx"
    rows = [["Title"], DEFAULT_HEADER, default_row("Acme"), default_row(None), default_row("Beta", otd="n/a")]
    path.write_bytes(xlsx_bytes({"Suppliers": rows}))
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Rows: 3 read = 2 suppliers + 1 excluded" in out
    assert "no supplier name" in out


def test_validate_lists_rows_without_names_instead_of_failing(tmp_path, capsys):
    path = tmp_path / "nameless.xlsx"
    path.write_bytes(xlsx_bytes({"Suppliers": [DEFAULT_HEADER, default_row(None), default_row(None)]}))
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Rows: 2 read = 0 suppliers + 2 excluded" in out
    assert "Excluded: row 2: no supplier name" in out and "Excluded: row 3: no supplier name" in out
    assert main(["score", str(path), "--output", str(tmp_path / "out.xlsx")]) == 2
    err = capsys.readouterr().err
    assert "all 2 row(s) were excluded (2 no supplier name)" in err


def test_validate_names_where_each_criterion_comes_from(capsys):
    assert main(["validate", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert 'Total cost of ownership: calculated from bid sheet "Bids"' in out
    assert 'Responsiveness: panel consensus on sheet "Evaluations"' in out


def test_summary_counts_errors_and_warnings_separately():
    def finding(severity: Severity) -> Finding:
        return Finding(severity, "x")

    assert problems_text((finding(Severity.INFO),)) is None
    assert problems_text((finding(Severity.ERROR), finding(Severity.WARNING), finding(Severity.WARNING))) == (
        "1 data-quality error(s) and 2 data-quality warning(s); see the 'Data quality' sheet or run 'validate'."
    )
    assert problems_text((finding(Severity.WARNING),)).startswith("1 data-quality warning(s);")


def test_help_lists_every_format_the_reader_accepts(capsys):
    with contextlib.suppress(SystemExit):
        main(["score", "--help"])
    out = capsys.readouterr().out
    assert all(ext in out for ext in (".xlsx", ".xlsm", ".xls,", ".ods", ".csv"))


@pytest.mark.slow  # a child process: about 6 s here
def test_a_reader_that_stops_early_is_not_an_error(tmp_path):
    """`score FILE | head -1`: the pipe closes before the ranking is printed; the workbook is still written, exit 0."""
    output = tmp_path / "scored.xlsx"
    read_end, write_end = os.pipe()
    os.close(read_end)  # closed before the run starts, so the first print meets a broken pipe every time
    try:
        run = subprocess.run(
            [sys.executable, "-m", "scorecard", "score", str(SAMPLE), "--output", str(output)],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            timeout=120,
        )
    finally:
        os.close(write_end)
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    assert openpyxl.load_workbook(output, read_only=True).sheetnames[0] == "Ranking"
