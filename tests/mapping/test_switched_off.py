"""Must-haves switched off are never silent (F15): the column step's findings carry one Data quality warning
per must-have switched off, saying what was not checked and how to switch it back on."""

from __future__ import annotations

from scorecard.config import load_preset, parse_config
from scorecard.errors import Severity
from scorecard.mapping import map_columns, require_columns
from scorecard.read import read_workbook
from tests.workbooks import packaging_comparison, xlsx_bytes


def comparison_sheet():
    return read_workbook(packaging_comparison(), "packaging rfq.xlsx").sheet("Vendor comparison")


def test_a_switched_off_must_have_is_a_data_quality_warning() -> None:
    config = load_preset("default").without_must_haves(["financial_risk"])
    sheet = comparison_sheet()
    findings = require_columns(map_columns(sheet, config), config)
    warnings = [f for f in findings if f.severity == Severity.WARNING]
    assert len(warnings) == 1
    warning = warnings[0]
    assert warning.sheet == "Vendor comparison"
    assert 'Must-have "Financial risk score must be at most 70" switched off' in warning.message
    assert "suppliers were not checked for Financial risk score" in warning.message
    assert "without --skip-must-have financial_risk" in warning.action
    assert '"Switch it back on"' in warning.action


def test_nothing_is_said_when_nothing_was_switched_off() -> None:
    config = load_preset("default")
    sheet = comparison_sheet()
    data = config.to_dict()
    data["knockouts"] = [k for k in data["knockouts"] if k["criterion"] != "financial_risk"]
    never = parse_config(data)
    findings = require_columns(map_columns(sheet, never), never)
    assert not any("switched off" in f.message for f in findings)
    switched = config.without_must_haves(["financial_risk"])
    assert any("switched off" in f.message for f in require_columns(map_columns(sheet, switched), switched))


def test_settings_fitted_to_the_file_name_each_must_have_they_leave_out() -> None:
    """Never dropped silently: settings built from the file's own columns, and the default preset on a
    buyer's few columns, record the must-haves the file gives no column for as not applied."""
    from scorecard.pipeline import evaluate_file
    from scorecard.tables.method import method_lines
    from tests.workbooks import quotes_without_preset_columns

    built = evaluate_file(quotes_without_preset_columns(), "lot 4 quotes.xlsx", load_preset("default"))
    assert built.config.name.startswith("Built from your columns")
    assert [(off.criterion, off.chosen) for off in built.config.switched_off] == [
        ("iso_9001", False),
        ("financial_risk", False),
    ]
    lines = [detail for item, detail in method_lines(built) if item == "Must-have not applied"]
    assert lines[0] == (
        'The must-have "ISO 9001 certified must be Yes" was not applied: suppliers were not checked for ISO 9001 '
        "certified (the file has no column for it), so a supplier that would fail it can still rank; to check "
        "it, add its column to the file and score again."
    )
    export = [  # an e-sourcing export with three of the default's columns: scored on the default's columns
        ["Vendor", "Total cost (EUR)", "On-time delivery (%)", "Defect rate (ppm)"],
        ["Nordpack AB", 182_400, 96.5, 220],
        ["Cartonex GmbH", 171_900, 91.0, 540],
        ["Boxline Ltd", 199_000, 98.8, 90],
    ]
    few = evaluate_file(xlsx_bytes({"Export": export}), "packaging rfq.xlsx", None)
    assert few.config.name.endswith("on the columns of packaging rfq.xlsx")
    assert {off.criterion for off in few.config.switched_off} == {"iso_9001", "financial_risk"}
    notes = [f for f in few.findings if "not applied" in f.message]
    assert len(notes) == 2 and all(f.severity == Severity.WARNING for f in notes)


def test_settings_built_from_the_files_columns_keep_a_must_have_whose_column_the_file_has() -> None:
    """The helper's open item of session 8: a weight-0, must-have-only criterion (ISO 9001 in
    manufacturing_retail) beside none of the weighted columns was 'not applied: the file has no column
    for it' although the file had it. It is kept and checked, at weight 0; the other is said as before."""
    from scorecard.pipeline import evaluate_file

    sheet = [
        ["Supplier", "Unit price (EUR)", "Service rating", "ISO 9001"],
        ["Acme", 10.0, 4, "Yes"],
        ["Bolt", 8.0, 5, "No"],
        ["Crane", 12.0, 3, "Yes"],
    ]
    built = evaluate_file(
        xlsx_bytes({"Suppliers": sheet}), "quotes.xlsx", load_preset("manufacturing_retail")
    )
    config, result = built.config, built.result
    assert config.name.startswith("Built from your columns")
    assert [k.criterion for k in config.knockouts] == ["iso_9001"]
    assert {c.key: c.weight for c in config.criteria}["iso_9001"] == 0.0  # checked, never scored
    assert [off.criterion for off in config.switched_off] == ["on_time_delivery"]  # no column: said
    qualified = dict(zip(result.suppliers, result.qualified.tolist(), strict=True))
    assert qualified == {"Acme": True, "Bolt": False, "Crane": True}  # Bolt is not ISO 9001 certified
    assert not [f for f in built.findings if "ISO 9001" in f.message and "not applied" in f.message]
    # with no scored column in its category, the must-have's category counts 0: nothing in it is scored
    price_only = [row[:2] + row[3:] for row in sheet]
    alone = evaluate_file(
        xlsx_bytes({"Suppliers": price_only}), "quotes.xlsx", load_preset("manufacturing_retail")
    )
    assert {c.key: c.weight for c in alone.config.categories} == {"cost": 1.0, "quality": 0.0}
    assert alone.result.qualified.tolist() == [True, False, True]
    # price scored against the best qualified price (Bolt's 8.0 is out): Acme 10/10, Crane 10/12
    assert alone.result.totals[0] == 100.0 and abs(alone.result.totals[2] - 100 * 10 / 12) < 1e-9
