"""Rows that are not suppliers (issue 14): the Average, Mean, Median, Min, Max, Count, Total and Sum rows a
spreadsheet adds under a list, and rows without a name, are left out with a finding and never scored."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook
from workbooks import DEFAULT, DEFAULT_HEADER, default_row

from scorecard.pipeline import evaluate_file
from scorecard.read import is_totals_label
from scorecard.tables.mapping import exclusion_reason

SUMMARY_LABELS = ["Average", "AVERAGE:", "Mean", "Median", "Min", "Maximum", "Count", "Total", "Sum", "Avg."]


def workbook_with(summary: list[list[object]]) -> bytes:
    """Three suppliers, then the summary rows as a buyer's sheet has them (one with a live formula)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Suppliers"
    sheet.append(DEFAULT_HEADER)
    for name, cost in (("Acme", 100_000), ("Beta", 120_000), ("Cora", 90_000)):
        sheet.append(default_row(name, cost=cost))
    for row in summary:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("label", SUMMARY_LABELS)
def test_a_summary_row_is_left_out_with_a_finding(label: str) -> None:
    # the numbers a summary row holds (an average of the column) would score like a real supplier
    row = default_row(label, cost=103_333)
    evaluation = evaluate_file(workbook_with([row]), "event.xlsx", DEFAULT)
    assert set(evaluation.result.suppliers) == {"Acme", "Beta", "Cora"}
    reasons = [exclusion_reason(e) for e in evaluation.prepared.suppliers.exclusions]
    assert len(reasons) == 1 and label.strip() in reasons[0]
    finding = next(f for f in evaluation.findings if f.row == 5)
    assert "not a supplier" in finding.message and "not scored" in finding.message


def test_a_blank_named_row_of_formulas_is_left_out() -> None:
    formulas = [None, *(f"=AVERAGE({chr(66 + k)}2:{chr(66 + k)}4)" for k in range(len(DEFAULT_HEADER) - 1))]
    evaluation = evaluate_file(workbook_with([formulas]), "event.xlsx", DEFAULT)
    assert set(evaluation.result.suppliers) == {"Acme", "Beta", "Cora"}
    assert any(f.row == 5 for f in evaluation.findings)


def test_supplier_names_that_start_like_a_summary_word_are_kept() -> None:
    for name in (
        "Maximus GmbH",
        "Mean Machines Ltd",
        "Total Logistics Ltd",
        "Counting House plc",
        "Minsk Tractor",
    ):
        assert not is_totals_label(name), name
    evaluation = evaluate_file(workbook_with([default_row("Maximus GmbH")]), "event.xlsx", DEFAULT)
    assert "Maximus GmbH" in evaluation.result.suppliers
