"""`decimal_evidence(sheet, workbook)`: the one place that says where a sheet's decimal-mark evidence comes
from, for the supplier sheet and the bid sheets alike; looked up once, and only when asked."""

from __future__ import annotations

import pytest
from workbooks import xlsx_bytes

import scorecard.clean.sheet_evidence as evidence
from scorecard.clean import decimal_evidence
from scorecard.read import read_workbook

BOOK = read_workbook(
    xlsx_bytes(
        {
            "Bids": [["Supplier", "Item", "Unit price"], ["Acme", "A-1", "1.250"]],
            "Notes": [["Topic", "Figure"], ["Target rating", "4,5"]],
        }
    ),
    "event.xlsx",
)


def test_another_sheet_shows_the_mark_and_the_sheet_itself_does_not_count_twice() -> None:
    hint = decimal_evidence(BOOK.sheet("Bids"), BOOK)()
    assert hint is not None and hint.mark == "comma" and hint.sheet == "Notes"
    # the Notes sheet's own evidence is its own cells, not another sheet's
    own = decimal_evidence(BOOK.sheet("Notes"), BOOK)()
    assert own is not None and own.sheet is None and own.column == "Figure"


def test_without_the_workbook_only_the_sheets_own_cells_count() -> None:
    assert decimal_evidence(BOOK.sheet("Bids"))() is None


def test_the_evidence_is_looked_up_once_and_only_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = evidence.workbook_decimal_hint

    def counting(*args: object) -> object:
        calls.append(args)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(evidence, "workbook_decimal_hint", counting)
    found = decimal_evidence(BOOK.sheet("Bids"), BOOK)
    assert calls == []
    first, second = found(), found()
    assert first is second and len(calls) == 1
