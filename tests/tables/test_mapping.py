"""The Column mapping table: every criterion with the column read for it, or "(not found)"."""

from __future__ import annotations

import pytest

from scorecard.config import load_preset
from scorecard.errors import ScorecardError
from scorecard.mapping import map_columns
from scorecard.pipeline import evaluate_file
from scorecard.read import Exclusion, LeftOut, read_workbook
from scorecard.tables import mapping_table
from scorecard.tables.mapping import exclusion_reason, exclusions_frame
from tests.workbooks import DEFAULT_HEADER, default_row, xlsx_bytes


def test_the_column_mapping_table_lists_every_criterion_with_its_column_or_not_found() -> None:
    config = load_preset("default")
    sheet = read_workbook(
        xlsx_bytes({"Suppliers": [DEFAULT_HEADER, default_row("Acme")]}), "event.xlsx"
    ).sheets[0]
    table = mapping_table(map_columns(sheet, config))
    assert table.title == "Column mapping"
    assert table.intro == ('Columns read from sheet "Suppliers".',)
    assert table.frame["Criterion"].tolist() == ["Supplier name", *(c.label for c in config.criteria)]
    used = dict(zip(table.frame["Criterion"], table.frame["Column used"], strict=True))
    assert used["Supplier name"] == "Supplier"
    assert all(used[c.label] in (*DEFAULT_HEADER, "(not found)") for c in config.criteria)


def test_a_column_not_found_reads_not_found_with_the_other_candidates() -> None:
    config = load_preset("default")
    dropped = next(c for c in config.criteria if c.column in DEFAULT_HEADER)
    at = DEFAULT_HEADER.index(dropped.column)
    header = [h for n, h in enumerate(DEFAULT_HEADER) if n != at]
    row = [v for n, v in enumerate(default_row("Acme")) if n != at]
    sheet = read_workbook(xlsx_bytes({"Suppliers": [header, row]}), "event.xlsx").sheets[0]
    frame = mapping_table(map_columns(sheet, config)).frame.set_index("Criterion")
    assert frame.loc[dropped.label, "Column used"] == "(not found)"
    assert frame.loc[dropped.label, "Found by"] == "not found"


@pytest.mark.parametrize(
    ("left_out", "reason"),
    [
        (Exclusion(5, LeftOut.TOTALS_ROW, "Grand total"), "totals row (Grand total)"),
        (Exclusion(6, LeftOut.SUMMARY_ROW, "Average"), "summary row (Average)"),
        (Exclusion(7, LeftOut.NO_SUPPLIER_NAME), "no supplier name"),
        (
            Exclusion(8, LeftOut.EARLIER_SUBMISSION, supplier="Acme", scored_row=9),
            "earlier submission of Acme (row 9 is scored)",
        ),
    ],
)
def test_each_reason_a_row_is_left_out_reads_in_the_buyers_words(left_out: Exclusion, reason: str) -> None:
    assert exclusion_reason(left_out) == reason


def test_every_row_left_out_is_listed_with_its_row_supplier_and_reason() -> None:
    exclusions = (
        Exclusion(4, LeftOut.NO_SUPPLIER_NAME),
        Exclusion(7, LeftOut.EARLIER_SUBMISSION, supplier="Acme", scored_row=9),
        Exclusion(12, LeftOut.TOTALS_ROW, "Total"),
    )
    frame = exclusions_frame(exclusions)
    assert frame.columns.tolist() == ["Row", "Supplier", "Reason"]
    assert frame["Row"].tolist() == [4, 7, 12]
    assert frame["Supplier"].tolist() == [None, "Acme", None]
    assert frame["Reason"].tolist() == [
        "no supplier name",
        "earlier submission of Acme (row 9 is scored)",
        "totals row (Total)",
    ]
    assert exclusions_frame(()).empty


def test_a_sheet_of_nameless_rows_stops_with_each_reason_counted() -> None:
    config = load_preset("default")
    rows = [DEFAULT_HEADER, default_row(None), default_row(None), ["Total", 300_000]]
    stop = r"all 3 row\(s\) were excluded \(2 no supplier name; 1 totals row \(Total\)\)"
    with pytest.raises(ScorecardError, match=stop):
        evaluate_file(xlsx_bytes({"Suppliers": rows}), "event.xlsx", config)
