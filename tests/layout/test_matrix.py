"""Evaluation matrices: criteria in rows, a score column per supplier, a weight column, the sheet's own totals."""

from __future__ import annotations

import numpy as np
import pytest

from scorecard.cli import main
from scorecard.errors import Severity
from scorecard.layout import LayoutContext, Role, detect_layout
from scorecard.layout.derive import derive
from scorecard.layout.matrix import read_matrix
from scorecard.layout.matrix_totals import cross_check
from scorecard.layout.own_settings import guess_category
from scorecard.pipeline import evaluate_file
from scorecard.read import read_workbook
from scorecard.tables import ranking_frame
from tests.layout.evaluation_workbooks import (
    RFP_CRITERIA,
    RFP_SCORES,
    RFP_VENDORS,
    Formula,
    Merge,
    rfp_matrix_rows,
    workbook_bytes,
)
from tests.workbooks import DEFAULT_HEADER, default_row


def sheet_of(rows, name: str = "Evaluation"):
    return read_workbook(workbook_bytes({name: rows}), "m.xlsx").sheet(name)


def test_rfp_matrix_parts_are_found():
    matrix = read_matrix(sheet_of(rfp_matrix_rows()))
    assert matrix is not None
    assert matrix.suppliers == RFP_VENDORS
    assert matrix.names_row == 5 and matrix.supplier_columns == (2, 3, 4, 5)
    assert [c.label for c in matrix.criteria] == [label for label, _ in RFP_CRITERIA]
    assert [c.row for c in matrix.criteria] == [6, 7, 8, 9, 10]
    assert list(matrix.weights) == [w for _, w in RFP_CRITERIA] and matrix.weight_unit == "%"
    np.testing.assert_array_equal(matrix.scores, np.array(RFP_SCORES, dtype=float))
    assert matrix.scale == (1.0, 5.0)
    assert [(s.kind, s.row) for s in matrix.summaries] == [("total", 11), ("rank", 12)]


def test_weights_typed_as_fractions_are_percent_too():
    matrix = read_matrix(sheet_of(rfp_matrix_rows(weights_as_fractions=True)))
    assert matrix.weight_unit == "%" and matrix.weights.sum() == pytest.approx(1.0)


def test_the_layout_stage_calls_it_an_evaluation_matrix():
    workbook = read_workbook(workbook_bytes({"Evaluation": rfp_matrix_rows()}), "m.xlsx")
    layout = detect_layout(workbook, LayoutContext()).of("Evaluation")
    assert layout.role == Role.MATRIX and layout.orientation == "columns"
    assert layout.suppliers == RFP_VENDORS
    assert layout.describe().startswith(
        "Sheet 'Evaluation': evaluation matrix, 4 suppliers in columns C-F (names in row 5), criteria in rows 6-10"
    )
    assert "weights in column B (%)" in layout.describe() and "1-5 scale" in layout.describe()


@pytest.mark.parametrize(
    "rows",
    [
        [DEFAULT_HEADER, default_row("Acme"), default_row("Beta")],
        [["Supplier", "Criterion", "Anna", "Ben"], ["Acme", "Quality", 3, 4], ["Acme", "Delivery", 2, 3]],
        [
            ["Supplier", "Item", "Unit price", "Quantity"],
            ["Acme", "Box", 1.2, 100],
            ["Beta", "Box", 1.1, 100],
        ],
        [
            ["Item", "Description", "Qty", "Acme", "Beta"],
            ["A1", "Boxes", 100, 1.2, 1.1],
            ["A2", "Tape", 50, 2, 2.2],
        ],
    ],
    ids=["supplier list", "wide evaluations", "long bids", "price list across"],
)
def test_other_tables_are_not_matrices(rows):
    assert read_matrix(sheet_of(rows, "Sheet1")) is None


def test_section_rows_are_headings_and_guide_the_category():
    rows = [
        ["Criteria", "Weighting", "Acme", "Beta"],
        ["Commercial", None, None, None],
        ["Rate card", 20, 3, 4],
        ["Technical", None, None, None],
        ["Solution design", 50, 4, 3],
        ["Support model", 30, 4, 2],
    ]
    matrix = read_matrix(sheet_of(rows))
    assert [(c.label, c.section) for c in matrix.criteria] == [
        ("Rate card", "Commercial"),
        ("Solution design", "Technical"),
        ("Support model", "Technical"),
    ]
    config = derive(read_workbook(workbook_bytes({"Evaluation": rows}), "m.xlsx")).config
    assert {c.label: c.category for c in config.criteria} == {
        "Rate card": "cost",
        "Solution design": "quality",
        "Support model": "quality",
    }


@pytest.mark.parametrize(
    ("label", "category"),
    [
        ("Price", "cost"),
        ("Total cost of ownership", "cost"),
        ("Information security", "risk"),
        ("Financial stability", "risk"),
        ("Carbon reduction plan", "sustainability"),
        ("Social value", "sustainability"),
        ("Innovation", "srm_fit"),
        ("Functional fit", "quality"),
        ("Implementation approach", "quality"),
    ],
)
def test_categories_are_guessed_from_the_criterions_words(label, category):
    assert guess_category(label) == category


def test_a_scale_stated_on_the_sheet_wins_over_the_scores():
    rows = [
        ["Score each criterion (0-10)"],
        ["Criterion", "Weight", "Acme", "Beta"],
        ["Quality", 60, 4, 5],
        ["Service", 40, 3, 4],
    ]
    matrix = read_matrix(sheet_of(rows))
    assert matrix.scale == (0.0, 10.0)
    config = derive(read_workbook(workbook_bytes({"Evaluation": rows}), "m.xlsx")).config
    assert {(c.method.kind, c.method.worst, c.method.best) for c in config.criteria} == {
        ("linear", 0.0, 10.0)
    }


def test_a_total_that_disagrees_is_named_with_both_figures_and_the_cell():
    matrix = read_matrix(sheet_of(rfp_matrix_rows(total_override={2: 400})))
    warnings = [f for f in cross_check(matrix) if f.severity == Severity.WARNING]
    total = [f for f in warnings if f.row == 11]
    assert len(total) == 1 and total[0].column == "E" and total[0].value == "400"
    assert "Gamma Tech is 400, but its scores and weights give 380" in total[0].message
    assert total[0].action == "check the formula in cell E11"
    # the rank row was worked out from the wrong total: it is flagged too, in each supplier's own cell
    ranks = {(f.column, f.value) for f in warnings if f.row == 12}
    assert ranks == {("D", "2"), ("E", "1")}


def test_a_blank_score_is_no_data_not_a_zero():
    scores = [list(r) for r in RFP_SCORES]
    scores[0][1] = None  # Beta Systems not scored on functional fit
    data = workbook_bytes({"Evaluation": rfp_matrix_rows(scores=scores)})
    result = evaluate_file(data, "m.xlsx", None).result
    assert set(ranking_frame(result)["Supplier"]) == set(RFP_VENDORS)
    beta = ranking_frame(result).set_index("Supplier").loc["Beta Systems"]
    assert beta["Missing values"] == 1


def test_the_turned_sheet_is_still_shown_as_the_matrix_it_is():
    derived = derive(read_workbook(workbook_bytes({"Evaluation": rfp_matrix_rows()}), "m.xlsx"))
    sheet = derived.workbook.sheet("Evaluation")
    assert list(sheet.table["Supplier"]) == list(RFP_VENDORS)
    again = detect_layout(derived.workbook, LayoutContext()).of("Evaluation")
    assert again.role == Role.SUPPLIERS  # read as a row per supplier now
    assert "an evaluation matrix (criteria in rows, suppliers across) read turned round" in again.describe()
    assert sheet.cells[10][0] == "TOTAL"  # the scored workbook copies the sheet as the buyer made it


def test_a_turned_shape_that_cannot_be_read_says_where_the_suppliers_seem_to_be(tmp_path, capsys):
    path = tmp_path / "odd.xlsx"
    rows = [
        [None, "Acme", "Beta", "Gamma"],
        ["Quality", 4, 3, 5],
        ["Delivery", 3, 4, 4],
        ["Service", 5, 2, 3],
    ]
    path.write_bytes(workbook_bytes({"Scores": rows}))
    assert main(["score", str(path)]) == 2
    err = capsys.readouterr().err
    assert "suppliers across the top, in columns B-D (names in row 1)" in err
    assert "Supplier column" not in err and "Traceback" not in err


def test_formula_cells_are_read_from_their_saved_values():
    rows = [["Criterion", "Weight", "Acme", "Beta"], ["Quality", 50, 4, 3], ["Service", 50, 2, 5]]
    rows.append(
        ["Total", Formula("=SUM(B2:B3)", 100), Formula("=SUMPRODUCT(B2:B3,C2:C3)", 300), Formula("=X", 400)]
    )
    matrix = read_matrix(sheet_of(rows))
    assert matrix.summaries[0].values == (300.0, 400.0)
    assert all(f.severity == Severity.INFO for f in cross_check(matrix))


def test_score_and_weighted_columns_under_each_vendors_merged_name():
    rows = [
        ["Supplier evaluation"],
        [None, None, "Acme", None, "Beta", None],
        ["Criterion", "Weight", "Score", "Weighted", "Score", "Weighted"],
        ["Quality", 0.5, 4, Formula("=B4*C4", 2.0), 3, Formula("=B4*E4", 1.5)],
        ["Price", 0.3, 3, Formula("=B5*C5", 0.9), 5, Formula("=B5*E5", 1.5)],
        ["Service", 0.2, 5, Formula("=B6*C6", 1.0), 2, Formula("=B6*E6", 0.4)],
        ["Total", 1, None, Formula("=SUM(D4:D6)", 3.9), None, Formula("=SUM(F4:F6)", 3.4)],
        Merge("C2:D2"),
        Merge("E2:F2"),
    ]
    matrix = read_matrix(sheet_of(rows))
    assert matrix.suppliers == ("Acme", "Beta") and matrix.supplier_columns == (2, 4)
    assert matrix.names_row == 2 and list(matrix.weights) == [0.5, 0.3, 0.2]
    np.testing.assert_array_equal(matrix.scores, [[4, 3], [3, 5], [5, 2]])
    result = evaluate_file(workbook_bytes({"Evaluation": rows}), "m.xlsx", None).result
    assert ranking_frame(result).iloc[0]["Supplier"] == "Acme"  # 3.9 against 3.4 on the sheet's own weights


def test_criteria_with_the_same_name_or_the_name_column_stay_apart():
    rows = [
        ["Criterion", "Weight", "Acme", "Beta"],
        ["Quality", 40, 4, 3],
        ["quality", 30, 2, 5],
        ["Supplier", 30, 5, 1],
    ]
    config = derive(read_workbook(workbook_bytes({"Evaluation": rows}), "m.xlsx")).config
    assert [c.column for c in config.criteria] == ["Quality", "quality 2", "Supplier 2"]
    result = evaluate_file(workbook_bytes({"Evaluation": rows}), "m.xlsx", None).result
    acme, beta = 40 * 3 / 4 + 30 * 1 / 4 + 30 * 4 / 4, 40 * 2 / 4 + 30 * 4 / 4 + 0  # linear 1-5
    scores = ranking_frame(result).set_index("Supplier")["Score"]
    assert (scores["Acme"], scores["Beta"]) == (pytest.approx(acme), pytest.approx(beta))


def test_an_empty_weight_column_counts_every_criterion_the_same_and_says_so():
    rows = [
        ["Criterion", "Weight", "Acme", "Beta"],
        ["Quality", None, 4, 3],
        ["Service", 0, 2, 5],
        ["Total", None, 6, 8],
    ]
    derived = derive(read_workbook(workbook_bytes({"Evaluation": rows}), "m.xlsx"))
    assert set(derived.config.counted_shares().values()) == {0.5}
    assert any("no weight above 0" in f.message for f in derived.findings)
    assert evaluate_file(workbook_bytes({"Evaluation": rows}), "m.xlsx", None).result.leader == "Beta"
