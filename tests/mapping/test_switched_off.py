"""Must-haves switched off are never silent (F15): the column step's findings carry one Data quality warning
per must-have switched off, saying what was not checked and how to switch it back on."""

from __future__ import annotations

from scorecard.config import load_preset, parse_config
from scorecard.errors import Severity
from scorecard.mapping import map_columns, require_columns
from scorecard.read import read_workbook
from tests.workbooks import packaging_comparison


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
