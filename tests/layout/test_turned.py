"""A matrix read turned round names where each value is on the buyer's sheet: the criterion's row and the
supplier's column (a cell such as D7), not the row number the turned table gives a supplier."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest

from scorecard.cli import main
from tests.layout.evaluation_workbooks import rfp_matrix_rows, tender_sheets, workbook_bytes

CELL = re.compile(r'^(?P<sheet>[^/]+) / cell (?P<cell>[A-Z]+\d+) / "(?P<label>.*)"$')
ROW = re.compile(r'^(?P<sheet>[^/]+) / row (?P<row>\d+) / "(?P<column>.*)"$')


def scored(tmp_path: Path, data: bytes) -> tuple[openpyxl.Workbook, openpyxl.Workbook, str]:
    source = tmp_path / "in.xlsx"
    source.write_bytes(data)
    out = tmp_path / "out.xlsx"
    return_code = main(["score", str(source), "--output", str(out)])
    assert return_code == 0
    return openpyxl.load_workbook(BytesIO(data)), openpyxl.load_workbook(out), str(source)


def criteria_rows(book: openpyxl.Workbook) -> list[dict[str, object]]:
    rows = list(book["Criteria"].iter_rows(values_only=True))
    at = next(i for i, r in enumerate(rows) if r and r[0] == "Supplier")
    header = rows[at]
    return [dict(zip(header, r, strict=True)) for r in rows[at + 1 :] if r[0]]


@pytest.mark.parametrize(
    "sheets", [{"Evaluation": rfp_matrix_rows()}, tender_sheets()], ids=["RFP matrix", "70/30 tender"]
)
def test_every_source_on_the_criteria_sheet_is_the_cell_holding_that_value(
    tmp_path: Path, sheets: dict[str, list[object]]
) -> None:
    original, book, _ = scored(tmp_path, workbook_bytes(sheets))
    rows = criteria_rows(book)
    assert rows
    for row in rows:
        source = str(row["Source"])
        if found := CELL.match(source):
            cell = original[found["sheet"]][found["cell"]]
            assert cell.value == row["Value"], source
            # the cell is in the supplier's column (its name heads it) and the criterion's row
            assert original[found["sheet"]].cell(cell.row, 1).value == found["label"]
            heads = [original[found["sheet"]].cell(r, cell.column).value for r in range(1, cell.row)]
            assert row["Supplier"] in heads, source
        else:
            found = ROW.match(source)
            assert found, source  # the price, from its own sheet: that sheet's row and column
            sheet = original[found["sheet"]]
            header = [
                c.value for c in next(r for r in sheet.iter_rows() if found["column"] in [c.value for c in r])
            ]
            line = [c.value for c in sheet[int(found["row"])]]
            assert line[0] == row["Supplier"] and line[header.index(found["column"])] == row["Value"]


def test_validate_names_the_criterion_row_and_the_supplier_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "rfp.xlsx"
    path.write_bytes(workbook_bytes({"Evaluation": rfp_matrix_rows()}))
    assert main(["validate", str(path)]) == 0
    said = capsys.readouterr().out
    assert (
        'Functional fit: sheet "Evaluation", row 6 ("Functional fit"), one score per supplier in columns C-F'
        in said
    )
    assert 'column "Functional fit"' not in said  # the turned table's header is not a column of the sheet
