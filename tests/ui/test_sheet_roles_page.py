"""A sheet role corrected in the page is applied where the command line applies `--sheet-role`: before the
file's evaluation matrices are turned round, so a correction makes or unmakes a matrix (and its settings)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from scorecard.layout import LayoutOverrides
from scorecard.pipeline import evaluate_file
from tests.layout.evaluation_workbooks import RFP_VENDORS, rfp_matrix_rows, workbook_bytes
from tests.ui.apptest import loaded
from tests.ui.test_layout_page import role_box
from tests.workbooks import DEFAULT_HEADER, default_row

VENDORS = ("Northwind Metals", "Contoso Castings", "Fabrikam Forge")


@pytest.fixture(scope="module")
def list_and_matrix() -> bytes:
    """A supplier list in the default template and an RFP evaluation matrix of other vendors beside it."""
    rows = [DEFAULT_HEADER, *(default_row(name, cost=100_000 + 5_000 * i) for i, name in enumerate(VENDORS))]
    return workbook_bytes({"Vendors": rows, "Evaluation": rfp_matrix_rows()})


def ranked(at: AppTest) -> list[str]:
    ranking = next(frame.value for frame in at.dataframe if "Supplier" in frame.value.columns)
    return sorted(map(str, ranking["Supplier"]))


def test_setting_the_matrix_aside_in_the_page_scores_what_the_command_line_scores(
    list_and_matrix: bytes,
) -> None:
    at = loaded(list_and_matrix, "list and matrix.xlsx")
    assert ranked(at) == sorted(RFP_VENDORS)  # as found: the matrix, with its own criteria, is scored

    role_box(at, "Evaluation").set_value("not used")
    for _ in range(3):  # the correction, then the settings it implies, each rerun the page once
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    cli = evaluate_file(list_and_matrix, "x.xlsx", None, roles=LayoutOverrides.parse(["Evaluation=not used"]))
    assert sorted(cli.result.suppliers) == sorted(VENDORS)
    assert ranked(at) == sorted(VENDORS)  # the matrix is no longer turned, and its settings no longer apply
    assert "corrected by you" in " ".join(e.label for e in at.expander)
    assert role_box(at, "Evaluation").value == "not used"


def test_taking_the_correction_back_scores_the_matrix_again(list_and_matrix: bytes) -> None:
    at = loaded(list_and_matrix, "list and matrix.xlsx")
    found = role_box(at, "Evaluation").value
    role_box(at, "Evaluation").set_value("not used")
    for _ in range(3):
        at.run()
    role_box(at, "Evaluation").set_value(found)
    for _ in range(3):
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert ranked(at) == sorted(RFP_VENDORS)
    assert "corrected by you" not in " ".join(e.label for e in at.expander)
