"""Whether a sheet is an evaluation matrix is worked out once per sheet, however often the layout is decided."""

from __future__ import annotations

import gc
from dataclasses import replace

import pytest

from scorecard.layout import LayoutContext, detect_layout, matrix
from scorecard.layout.derive import derive
from scorecard.layout.per_sheet import once_per_sheet
from scorecard.read import Sheet, read_workbook
from tests.layout.evaluation_workbooks import rfp_matrix_rows, workbook_bytes


def test_the_answer_is_kept_per_sheet_object_and_forgotten_with_it() -> None:
    book = read_workbook(workbook_bytes({"Evaluation": rfp_matrix_rows()}), "m.xlsx")
    asked: list[str] = []

    @once_per_sheet
    def rows_of(sheet: Sheet) -> int:
        asked.append(sheet.name)
        return len(sheet.cells)

    sheet = book.sheet("Evaluation")
    assert rows_of(sheet) == rows_of(sheet) == len(sheet.cells)
    assert asked == ["Evaluation"]
    # an equal copy is another object: asked again (it may hold other cells)
    copy = replace(sheet, cells=sheet.cells[:3])
    assert rows_of(copy) == 3 and asked == ["Evaluation", "Evaluation"]
    kept = rows_of.__closure__  # the answers live in the wrapper's closure
    assert kept is not None
    answers = next(c.cell_contents for c in kept if isinstance(c.cell_contents, dict))
    assert len(answers) == 2
    del copy
    gc.collect()
    assert len(answers) == 1


def test_deciding_the_layout_twice_reads_each_matrix_once(monkeypatch: pytest.MonkeyPatch) -> None:
    book = read_workbook(workbook_bytes({"Evaluation": rfp_matrix_rows()}), "m.xlsx")
    read: list[str] = []
    plain = matrix.grid_of

    def counted(sheet: Sheet):
        read.append(sheet.name)
        return plain(sheet)

    monkeypatch.setattr(matrix, "grid_of", counted)  # read_matrix's first step on a sheet it searches
    first = derive(book)
    assert first is not None
    second = detect_layout(book, LayoutContext(first.config))
    assert second.of("Evaluation").role.name == "MATRIX"
    assert read == ["Evaluation"]
