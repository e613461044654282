"""Map stage: columns found by name and synonym, overrides, suggestions, duplicates, excluded rows."""

from __future__ import annotations

import pytest
from workbooks import DEFAULT_HEADER, default_row, xlsx_bytes

from scorecard.config import load_preset
from scorecard.errors import ScorecardError
from scorecard.mapping import build_supplier_table, choose_supplier_sheet, map_columns
from scorecard.read import read_workbook


@pytest.fixture(scope="module")
def config():
    return load_preset("default")


def read(rows, name="Suppliers"):
    return read_workbook(xlsx_bytes({name: rows}), "event.xlsx")


def test_columns_are_found_by_synonym_ignoring_case_spacing_and_units(config):
    header = [
        "VENDOR",
        "tco",
        "Payment  terms",
        "Price validity",
        "Credit risk",
        "Country risk",
        "BCP",
        "OTD [%]",
        "PPM",
        "ISO9001",
        "ESG score",
        "CO2 intensity",
        "ISO14001",
        "Responsiveness",
        "Innovation",
        "Collaboration",
    ]
    sheet = read([header, default_row("Acme")]).sheets[0]
    mapping = map_columns(sheet, config)
    assert mapping.supplier.column == "VENDOR"
    assert not mapping.not_found
    assert mapping.column_for("on_time_delivery") == "OTD [%]"
    assert {m.how for m in mapping.criteria} <= {"column name", "synonym"}


def test_missing_weighted_column_stops_with_suggestions(config):
    header = [h if h != "On-time delivery (%)" else "On time deliveries" for h in DEFAULT_HEADER]
    sheet = read([header, default_row("Acme")]).sheets[0]
    mapping = map_columns(sheet, config)
    with pytest.raises(ScorecardError) as error:
        build_supplier_table(sheet, mapping, config)
    message = str(error.value)
    assert "On-time delivery" in message and "closest: On time deliveries" in message
    assert 'sheet "Suppliers"' in message


def test_override_wins_and_a_wrong_override_names_the_column(config):
    header = [h if h != "On-time delivery (%)" else "Delivery KPI" for h in DEFAULT_HEADER]
    sheet = read([header, default_row("Acme")]).sheets[0]
    mapping = map_columns(sheet, config.with_overrides({"on_time_delivery": "Delivery KPI"}))
    assert mapping.column_for("on_time_delivery") == "Delivery KPI"
    with pytest.raises(ScorecardError, match='column "Nope"'):
        map_columns(sheet, config.with_overrides({"on_time_delivery": "Nope"}))


def test_every_row_is_scored_or_excluded_with_its_reason(config):
    rows = [DEFAULT_HEADER, default_row("Acme"), default_row(None), default_row("Beta"), ["Total", 300_000]]
    sheet = read(rows).sheets[0]
    mapped = build_supplier_table(sheet, map_columns(sheet, config), config)
    assert mapped.table.suppliers == ("Acme", "Beta")
    assert mapped.rows_read == len(mapped.table.suppliers) + len(mapped.exclusions)
    assert sorted(mapped.exclusions["Reason"]) == ["no supplier name", "totals row (Total)"]


def test_duplicate_suppliers_are_kept_apart_and_reported(config):
    rows = [DEFAULT_HEADER, default_row("Acme"), default_row(" acme  "), default_row("Beta")]
    sheet = read(rows).sheets[0]
    mapped = build_supplier_table(sheet, map_columns(sheet, config), config)
    assert mapped.table.suppliers == ("Acme (row 2)", "acme (row 3)", "Beta")
    assert sum("appears in rows 2, 3" in f.message for f in mapped.findings) == 2


def test_supplier_codes_keep_leading_zeros_and_na_is_a_name(config):
    rows = [DEFAULT_HEADER, default_row("00123"), default_row("NA")]
    sheet = read(rows).sheets[0]
    mapped = build_supplier_table(sheet, map_columns(sheet, config), config)
    assert mapped.table.suppliers == ("00123", "NA")


def test_supplier_sheet_is_chosen_by_its_columns(config):
    data = xlsx_bytes(
        {"Read me": [["Notes"], ["This workbook..."]], "Data": [DEFAULT_HEADER, default_row("Acme")]}
    )
    workbook = read_workbook(data, "e.xlsx")
    assert choose_supplier_sheet(workbook, config).name == "Data"


def test_unreadable_value_is_flagged_not_guessed(config):
    rows = [DEFAULT_HEADER, default_row("Acme", otd="about ninety"), default_row("Beta")]
    sheet = read(rows).sheets[0]
    mapped = build_supplier_table(sheet, map_columns(sheet, config), config)
    assert mapped.table.values.loc["Acme", "on_time_delivery"] == "about ninety"
