"""The scored workbook names a must-have switched off (F15): a Method sheet row and a Data quality row, each
saying what was not checked and how to switch it back on; a file that switches nothing off gets neither."""

from __future__ import annotations

import io

import openpyxl

from scorecard.config import load_preset, parse_config
from scorecard.export import write_scored_workbook
from scorecard.pipeline import evaluate_file
from scorecard.tables.method import method_lines
from tests.workbooks import packaging_comparison


def sheet_rows(book: bytes, name: str) -> list[tuple]:
    sheet = openpyxl.load_workbook(io.BytesIO(book), read_only=True)[name]
    return [tuple(v for v in row if v is not None) for row in sheet.iter_rows(values_only=True)]


def test_the_method_and_data_quality_sheets_name_the_must_have_switched_off() -> None:
    config = load_preset("default").without_must_haves(["financial_risk"])
    evaluation = evaluate_file(packaging_comparison(), "packaging rfq.xlsx", config)
    lines = dict(method_lines(evaluation))
    detail = lines["Must-have switched off"]
    assert detail.startswith('The must-have "Financial risk score must be at most 70" was switched off')
    assert "suppliers were not checked for Financial risk score" in detail
    assert "without --skip-must-have financial_risk" in detail and '"Switch it back on"' in detail
    assert ("Must-have", "ISO 9001 certified must be Yes (no data disqualifies)") in method_lines(evaluation)
    book = write_scored_workbook(evaluation)
    assert ("Must-have switched off", detail) in sheet_rows(book, "Method")
    quality = [row for row in sheet_rows(book, "Data quality") if any("switched off" in str(v) for v in row)]
    assert len(quality) == 1 and quality[0][0] == "warning"

    # settings that never had the must-have: the same scores, and nothing to name
    data = load_preset("default").to_dict()
    data["knockouts"] = [k for k in data["knockouts"] if k["criterion"] != "financial_risk"]
    never = evaluate_file(packaging_comparison(), "packaging rfq.xlsx", parse_config(data))
    assert not [item for item, _ in method_lines(never) if "switched off" in item]
    assert never.result.totals.tolist() == evaluation.result.totals.tolist()
