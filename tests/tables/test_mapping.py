"""The Column mapping table: every criterion with the column read for it, or "(not found)"."""

from __future__ import annotations

from scorecard.config import load_preset
from scorecard.mapping import map_columns
from scorecard.read import read_workbook
from scorecard.tables import mapping_table
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
