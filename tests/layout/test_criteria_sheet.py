"""A criteria sheet (criterion, weight, direction) sets the criteria and weights of the workbook's score table."""

from __future__ import annotations

import pytest

from scorecard.errors import Severity
from scorecard.layout import LayoutContext, Role, detect_layout
from scorecard.layout.criteria_sheet import direction_of
from scorecard.layout.derive import derive
from scorecard.pipeline import evaluate_file
from scorecard.read import read_workbook
from scorecard.tables import ranking_frame
from tests.layout.evaluation_workbooks import rfp_matrix_rows, score_table_sheets, workbook_bytes

TABLE = [
    ["Vendor", "Price", "Lead time (days)", "Quality rating"],
    ["Acme", 10.0, 20, 4],
    ["Beta", 12.0, 10, 5],
    ["Gamma", 11.0, 15, 3],
]


def derived(sheets):
    return derive(read_workbook(workbook_bytes(sheets), "vendors.xlsx"))


def test_the_criteria_sheet_is_recognised_and_the_matrix_is_not_taken_for_one():
    workbook = read_workbook(workbook_bytes({**score_table_sheets(), "Matrix": rfp_matrix_rows()}), "v.xlsx")
    layout = detect_layout(workbook, LayoutContext())
    assert layout.of("criteria").role == Role.CRITERIA
    assert layout.of("Matrix").role == Role.MATRIX  # Criterion and Weight too, but a score column per vendor


def test_criterion_and_weight_alone_count_only_on_a_sheet_named_for_them():
    sheet = [["Criterion", "Weight"], ["Price", 60], ["Quality rating", 40]]
    layout = detect_layout(read_workbook(workbook_bytes({"Vendors": TABLE, "Notes": sheet}), "v.xlsx"))
    assert layout.of("Notes").role != Role.CRITERIA
    layout = detect_layout(read_workbook(workbook_bytes({"Vendors": TABLE, "Weights": sheet}), "v.xlsx"))
    assert layout.of("Weights").role == Role.CRITERIA


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("higher", "higher"),
        ("Lower is better", "lower"),
        ("max", "higher"),
        ("Minimise", "lower"),
        ("benefit", "higher"),
        ("cost", "lower"),
        ("-", "lower"),
        ("sideways", None),
    ],
)
def test_direction_spellings(text, direction):
    assert direction_of(text) == direction


def test_weights_in_percent_text_directions_and_categories_are_used():
    criteria = [
        ["Criterion", "Weight", "Better", "Category"],
        ["Price", "50%", "min", "Commercial"],
        ["Lead time", "20%", "lower", "Delivery"],
        ["Quality rating", "30%", "max", "Quality"],
    ]
    config = derived({"Vendors": TABLE, "Criteria": criteria}).config
    by_label = {c.label: c for c in config.criteria}
    assert set(by_label) == {"Price", "Lead time", "Quality rating"}
    assert by_label["Lead time"].column == "Lead time (days)"  # matched by the one header rule
    assert {k: c.direction for k, c in by_label.items()} == {
        "Price": "lower",
        "Lead time": "lower",
        "Quality rating": "higher",
    }
    assert by_label["Price"].category == "cost" and by_label["Lead time"].category == "quality"
    weights = config.counted_shares()
    assert weights[by_label["Price"].key] == pytest.approx(0.5)
    # min-max in the stated direction: Acme has the lowest price, Beta the shortest lead time and best rating
    result = evaluate_file(workbook_bytes({"Vendors": TABLE, "Criteria": criteria}), "v.xlsx", None).result
    expected = {"Acme": 50 + 20 * 0 + 30 * 0.5, "Beta": 0 + 20 + 30, "Gamma": 25 + 10 + 0}
    for supplier, total in expected.items():
        assert ranking_frame(result).set_index("Supplier").at[supplier, "Score"] == pytest.approx(total)


def test_a_criterion_without_a_column_or_a_direction_is_named():
    criteria = [
        ["criterion", "weight", "direction"],
        ["price", 0.6, "lower"],
        ["warranty", 0.2, "higher"],
        ["quality_rating", 0.2, None],
    ]
    found = derived({"Vendors": TABLE, "criteria": criteria})
    messages = [(f.severity, f.row, f.message) for f in found.findings if f.sheet == "criteria"]
    assert any(s == Severity.WARNING and r == 3 and "'warranty' has no column" in m for s, r, m in messages)
    assert any(s == Severity.WARNING and r == 4 and "higher is assumed" in m for s, r, m in messages)
    assert [c.label for c in found.config.criteria] == ["price", "Quality rating"]


def test_no_usable_criterion_leaves_the_default_preset():
    criteria = [["criterion", "weight", "direction"], ["warranty", 1, "higher"]]
    found = derived({"Vendors": TABLE, "criteria": criteria})
    assert found.config is None
    assert any("not used" in f.message for f in found.findings)


def test_an_evaluations_sheet_named_scoring_is_not_a_criteria_sheet():
    ratings = [
        ["Evaluator", "Supplier", "Criterion", "Points"],
        ["Anna", "Acme", "Quality", 3],
        ["Ben", "Acme", "Quality", 4],
    ]
    layout = detect_layout(read_workbook(workbook_bytes({"Vendors": TABLE, "Scoring": ratings}), "v.xlsx"))
    assert layout.of("Scoring").role != Role.CRITERIA
