"""The command line scores a bid workbook whose quantities and prices are text like "1.000" and "1.250": the
workbook's evidence (a column beside them writes '0,75') settles them, the reading is listed in the Data
quality sheet and the totals in the Bids sheet equal quantity x price worked out by hand; the same workbook
without that evidence stops with the question and exit 2."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from scorecard.cli import main
from tests.bids.test_decimal_evidence import BY_HAND, workbook


def rows_of(path: Path, sheet: str) -> list[tuple[object, ...]]:
    return list(openpyxl.load_workbook(path, read_only=True)[sheet].iter_rows(values_only=True))


def test_score_reads_the_text_with_the_sheets_evidence_and_lists_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    event, output = tmp_path / "bids.xlsx", tmp_path / "scored.xlsx"
    event.write_bytes(workbook(extra=("Weight (kg)", "0,75")))
    assert main(["score", str(event), "--output", str(output)]) == 0
    assert "Bolt leads" in capsys.readouterr().out
    readings = [
        row for row in rows_of(output, "Data quality") if any("three digits" in str(c) for c in row if c)
    ]
    assert {row[3] for row in readings} == {"Quantity", "Unit price"}
    for row in readings:
        assert row[0] == "warning"
        assert "thousands separator" in str(row[-1]) and "'0,75' in column 'Weight (kg)'" in str(row[-1])
    bids = rows_of(output, "Bids")
    header = next(
        i for i, row in enumerate(bids) if "Supplier" in row and "Total cost of ownership (EUR)" in row
    )
    supplier, total = bids[header].index("Supplier"), bids[header].index("Total cost of ownership (EUR)")
    written = {row[supplier]: row[total] for row in bids[header + 1 :] if row[supplier] in BY_HAND}
    assert written == BY_HAND


def test_score_stops_with_the_question_when_nothing_settles_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    event = tmp_path / "bids.xlsx"
    event.write_bytes(workbook())
    assert main(["score", str(event), "--output", str(tmp_path / "scored.xlsx")]) == 2
    said = capsys.readouterr()
    text = said.out + said.err
    assert 'column "Quantity"' in text and "thousands separator or a decimal mark" in text
    assert "Traceback" not in text
    assert not (tmp_path / "scored.xlsx").exists()
