"""One inflate for the guard and the extent scan: a sheet measured while the guard checks it is measured
exactly as a scan of its own would measure it, and is not inflated a second time."""

from __future__ import annotations

import io
import random
import zipfile

import pytest

from scorecard.errors import ScorecardError
from scorecard.guard import FileKind, FileLimits, check_file
from scorecard.read import xlsx_extent
from scorecard.read.cells import column_letter
from scorecard.read.sheet_measures import SheetMeasures
from scorecard.read.workbook import read_spreadsheet_grids, read_workbook
from scorecard.read.xlsx_extent import scan_xlsx
from tests.read.fixtures import number_cell, text_cell, with_sheet_data


def measured_once(data: bytes) -> tuple[dict, dict, int]:
    """(layouts through the guard's inflate, layouts from a scan of their own, sheets inflated again)."""
    measures = SheetMeasures()
    check_file(data, "bids.xlsx", FileLimits(), watch=measures.watch)
    again = 0
    pieces = xlsx_extent._pieces

    def counted(archive: zipfile.ZipFile, member: str):
        nonlocal again
        again += 1
        return pieces(archive, member)

    xlsx_extent._pieces = counted
    try:
        shared = scan_xlsx(data, measures.scan)
    finally:
        xlsx_extent._pieces = pieces
    return shared, scan_xlsx(data), again


def random_sheet_xml(seed: int, rows: int) -> bytes:
    """Rows in a shuffled order, some hidden, cells with and without references, formulas with and
    without their values, inline text long enough that a sheet spans several 1 MB pieces."""
    chance = random.Random(seed)
    order = list(range(1, rows + 1))
    chance.shuffle(order[rows // 2 :])  # the second half out of order, as a hostile file may be
    out = []
    for r in order:
        hidden = ' hidden="1"' if chance.random() < 0.01 else ""
        cells = [text_cell(f"A{r}", f"Supplier {chance.randrange(10**6)}" + "x" * chance.randrange(80))]
        for c in range(1, chance.randrange(2, 12)):
            kind = chance.random()
            ref = f"{column_letter(c)}{r}"
            if kind < 0.02:
                cells.append(f'<c r="{ref}"><f>A{r}*2</f></c>'.encode())  # a formula saved without its value
            elif kind < 0.04:
                cells.append(f'<c r="{ref}"><f>A{r}*2</f><v>4</v></c>'.encode())
            elif kind < 0.05:
                cells.append(b"<c><v>1</v></c>")  # no reference: placed by counting
            else:
                cells.append(number_cell(ref, chance.random() * 1000))
        out.append(f'<row r="{r}"{hidden}>'.encode() + b"".join(cells) + b"</row>")
    return b"".join(out)


@pytest.mark.parametrize("seed", range(3))
def test_a_sheet_measured_in_the_guards_inflate_equals_its_own_scan(seed: int) -> None:
    cols = b'<cols><col min="3" max="4" hidden="1"/></cols>' if seed else b""
    data = with_sheet_data(random_sheet_xml(seed, 12_000), before=cols)
    assert len(zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")) > 2 * 1024 * 1024
    shared, own, again = measured_once(data)
    assert shared == own
    assert again == 0, "a sheet the guard inflated was inflated again"
    layout = shared["S"]
    assert layout.formulas_without_value_count > 0 and layout.hidden_rows


def test_stored_parts_and_several_sheets() -> None:
    """Stored (not deflated) parts reach the scan as views of the file; every sheet is measured once."""
    source = with_sheet_data(random_sheet_xml(7, 3_000))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as new:
        for info in old.infolist():
            new.writestr(info.filename, old.read(info.filename))
    shared, own, again = measured_once(out.getvalue())
    assert shared == own and again == 0


def test_a_sheet_part_outside_the_worksheets_folder_is_measured_by_its_own_scan() -> None:
    source = with_sheet_data(b'<row r="1">' + text_cell("A1", "Supplier") + number_cell("B1", 3) + b"</row>")
    with zipfile.ZipFile(io.BytesIO(source)) as package:
        parts = {info.filename: package.read(info.filename) for info in package.infolist()}
    sheet = parts.pop("xl/worksheets/sheet1.xml")
    moved = {
        name: content.replace(b"worksheets/sheet1.xml", b"data/grid.xml") for name, content in parts.items()
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in {**moved, "xl/data/grid.xml": sheet}.items():
            package.writestr(name, content)
    shared, own, again = measured_once(out.getvalue())
    assert shared == own and again == 1
    assert (shared["S"].height, shared["S"].width) == (1, 2)


def test_an_extent_over_the_limit_still_gets_the_exact_pass() -> None:
    far = b'<row r="1048576"><c r="XFD1048576" s="1"/></row>'  # formatted, empty: calamine skips it
    data = with_sheet_data(b'<row r="1">' + text_cell("A1", "Supplier") + b"</row>" + far)
    shared, own, again = measured_once(data)
    assert shared == own and again == 1  # the exact pass reads the part again, as before
    assert (shared["S"].height, shared["S"].width) == (1, 1)


def test_a_sheet_the_scan_cannot_measure_is_refused_as_before() -> None:
    """A row number too long for int(): the shared scan steps aside and the sheet's own scan refuses it."""
    data = with_sheet_data(b'<row r="1"><c r="A' + b"9" * 5000 + b'"><v>1</v></c></row>')
    with pytest.raises(ScorecardError) as own:
        read_spreadsheet_grids(data, "odd.xlsx", FileKind.XLSX)
    with pytest.raises(ScorecardError) as shared:
        read_workbook(data, "odd.xlsx")
    assert (str(shared.value), shared.value.hint) == (str(own.value), own.value.hint)


def test_hidden_columns_and_formulas_reach_the_sheet_through_the_shared_scan() -> None:
    xml = b'<row r="1">' + text_cell("A1", "Supplier") + text_cell("B1", "Cost") + text_cell("C1", "Note")
    xml += b'</row><row r="2">' + text_cell("A2", "Acme") + b'<c r="B2"><f>1+1</f></c>'
    xml += text_cell("C2", "x") + b"</row>"
    data = with_sheet_data(xml, before=b'<cols><col min="3" max="3" hidden="1"/></cols>')
    layout = measured_once(data)[0]["S"]
    assert layout.hidden_columns == (2,)
    assert layout.formulas_without_value == ((2, 1),)
    sheet = read_workbook(data, "e.xlsx").sheet("S")
    assert any("formula" in f.message for f in sheet.findings)
    assert any(f.column == "Note" and "hidden" in f.message for f in sheet.findings)
