"""Map stage: columns found by name and synonym, overrides, suggestions, duplicates, excluded rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from workbooks import DEFAULT_HEADER, default_row, xlsx_bytes

from scorecard.cli import main
from scorecard.config import CONFIG_DIR, load_preset
from scorecard.errors import ScorecardError
from scorecard.mapping import build_supplier_table, choose_supplier_sheet, map_columns
from scorecard.pipeline import evaluate_file
from scorecard.read import read_workbook
from scorecard.tables import data_quality_table, method_lines


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


def test_the_mapping_used_is_in_the_method_sheet_and_printed_by_validate(config, tmp_path, capsys):
    """An override ('your choice') and a synonym both show where a buyer looks: Method sheet and validate."""
    header = [h if h != "On-time delivery (%)" else "Delivery KPI" for h in DEFAULT_HEADER]
    header[header.index("Defect rate (ppm)")] = "PPM"
    data = xlsx_bytes({"Suppliers": [header, default_row("Acme"), default_row("Beta", cost=90_000)]})
    overridden = config.with_overrides({"on_time_delivery": "Delivery KPI"})
    evaluation = evaluate_file(data, "event.xlsx", overridden)
    method = dict_lines(method_lines(evaluation))
    assert "On-time delivery: Delivery KPI (your choice)" in method["Column"]
    assert "Defect rate: PPM (synonym)" in method["Column"]
    assert method["Supplier sheet"] == ["Suppliers"]
    assert method["Rows read"] == ["2 supplier rows read = 2 scored + 0 excluded (see Data quality)."]

    settings = tmp_path / "settings.yaml"
    settings.write_text(
        Path(CONFIG_DIR / "default.yaml").read_text()
        + "\ncolumn_overrides:\n  on_time_delivery: Delivery KPI\n"
    )
    workbook = tmp_path / "event.xlsx"
    workbook.write_bytes(data)
    assert main(["validate", str(workbook), "--config", str(settings)]) == 0
    printed = capsys.readouterr().out
    assert "On-time delivery: Delivery KPI (your choice)" in printed
    assert "Defect rate: PPM (synonym)" in printed
    assert "Rows: 2 read = 2 suppliers + 0 excluded" in printed


def dict_lines(lines):
    grouped = {}
    for item, detail in lines:
        grouped.setdefault(item, []).append(detail)
    return grouped


def test_data_quality_sheet_lists_every_finding_and_exclusion_with_where_and_what(config):
    rows = [
        ["Supplier evaluation"],
        DEFAULT_HEADER,
        default_row("Acme", otd="95%"),
        default_row(None),
        default_row("Beta", cost="n/a"),
        ["Total", 200_000],
    ]
    evaluation = evaluate_file(xlsx_bytes({"Suppliers": rows}), "event.xlsx", config)
    frame = data_quality_table(evaluation).frame
    assert list(frame.columns) == [
        "Severity",
        "Sheet",
        "Row",
        "Column",
        "Value found",
        "What we noticed",
        "What was done",
    ]
    assert set(frame["Severity"]) <= {"error", "warning", "info"}
    excluded = frame[frame["What we noticed"].str.startswith("Row excluded")]
    assert sorted(excluded["Row"].astype(int)) == [4, 6]
    cost = frame[(frame["Column"] == "Total cost (EUR)") & frame["Row"].eq(5)]
    assert not cost.empty and (cost["Value found"] == "n/a").all()
    mapped = evaluation.prepared.suppliers
    assert mapped.rows_read == len(evaluation.result.suppliers) + len(mapped.exclusions) == 4


def test_supplier_sheet_ties_go_to_the_visible_sheet_named_like_a_supplier_list(config):
    sheet = [DEFAULT_HEADER, default_row("Acme")]
    data = xlsx_bytes({"Copy": sheet, "Old suppliers": sheet, "Suppliers": sheet}, hidden=["Old suppliers"])
    assert choose_supplier_sheet(read_workbook(data, "e.xlsx"), config).name == "Suppliers"
    data = xlsx_bytes({"Copy": sheet, "Suppliers": sheet}, hidden=["Suppliers"])
    assert choose_supplier_sheet(read_workbook(data, "e.xlsx"), config).name == "Copy"


def test_overrides_do_not_stop_the_supplier_sheet_being_found(config):
    """An override names a column of the supplier sheet; other sheets must not trip over it."""
    header = [h if h != "On-time delivery (%)" else "Delivery KPI" for h in DEFAULT_HEADER]
    data = xlsx_bytes(
        {"Notes": [["Comment", "Owner"], ["x", "y"]], "Suppliers": [header, default_row("Acme")]}
    )
    workbook = read_workbook(data, "e.xlsx")
    chosen = choose_supplier_sheet(workbook, config.with_overrides({"on_time_delivery": "Delivery KPI"}))
    assert chosen.name == "Suppliers"
