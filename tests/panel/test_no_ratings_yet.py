"""An evaluations sheet with its headers but no ratings yet: the panel has not rated, which is not "nobody
rated anyone" (review finding F18)."""

from __future__ import annotations

from scorecard.errors import Severity
from scorecard.pipeline import evaluate_file
from tests.workbooks import DEFAULT_HEADER, default_row, xlsx_bytes

SUPPLIERS = [DEFAULT_HEADER, default_row("Acme Ltd"), default_row("Bolt Co", cost=90_000)]


def event(evaluations: list[list[object]]) -> bytes:
    return xlsx_bytes({"Suppliers": SUPPLIERS, "Evaluations": evaluations})


def test_a_panel_sheet_with_headers_only_leaves_the_supplier_sheets_ratings_and_says_so_once() -> None:
    header_only = evaluate_file(event([["Evaluator", "Supplier", "Criterion", "Rating"]]), "event.xlsx", None)
    without_sheet = evaluate_file(xlsx_bytes({"Suppliers": SUPPLIERS}), "event.xlsx", None)
    # scored exactly as without the sheet: the supplier sheet's own ratings (4 each) count
    assert header_only.result.totals.tolist() == without_sheet.result.totals.tolist()
    assert header_only.prepared.panel is None
    (said,) = header_only.prepared.findings
    assert said.severity is Severity.INFO and said.sheet == "Evaluations"
    assert "no ratings yet" in said.message and "supplier sheet" in said.message


def test_a_panel_sheet_with_ratings_is_read_as_before() -> None:
    rated = evaluate_file(
        event([["Evaluator", "Supplier", "Criterion", "Rating"], ["Anna", "Acme Ltd", "Innovation", 2]]),
        "event.xlsx",
        None,
    )
    assert rated.prepared.panel is not None
    assert not [f for f in rated.prepared.findings if "no ratings yet" in f.message]
