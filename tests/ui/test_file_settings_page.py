"""The app scores a buyer's own evaluation matrix from an upload: the file's criteria and weights become the
settings (shown in the sidebar, moved by the same sliders, downloadable), unless a preset is picked."""

from __future__ import annotations

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from scorecard.pipeline import evaluate_file, read_file
from tests.layout.evaluation_workbooks import (
    RFP_CRITERIA,
    RFP_SCORES,
    RFP_VENDORS,
    rfp_matrix_rows,
    score_table_sheets,
    workbook_bytes,
)
from tests.ui.apptest import SAMPLE, XLSX, loaded, metric, no_apology

FROM_FILE = "Settings from your file"


@pytest.fixture(scope="module")
def matrix() -> bytes:
    return workbook_bytes({"Evaluation": rfp_matrix_rows()})


def uploaded(data: bytes) -> AppTest:
    at = loaded(data, "rfp matrix.xlsx")
    no_apology(at)
    return at


def test_uploading_a_matrix_ranks_it_with_its_own_weights(matrix: bytes) -> None:
    at = uploaded(matrix)
    totals = np.array([w for _, w in RFP_CRITERIA], dtype=float) @ np.array(RFP_SCORES, dtype=float)
    assert metric(at, "Leader") == RFP_VENDORS[int(np.argmax(totals))] == "Beta Systems"
    assert metric(at, "Suppliers ranked") == f"{len(RFP_VENDORS)} of {len(RFP_VENDORS)}"
    assert at.selectbox(key="preset").value == FROM_FILE
    shown = [e.value.replace("\\", "") for e in (*at.caption, *at.markdown)]
    assert any("From your file: rfp matrix.xlsx" in text for text in shown)
    # the sidebar's sliders are the sheet's own criteria and weights
    _, config = read_file(matrix, "rfp matrix.xlsx", None)
    for criterion in config.criteria:
        assert at.slider(key=f"weight.criterion.{criterion.key}").value == criterion.weight


def test_moving_the_sheets_price_weight_to_zero_changes_the_leader(matrix: bytes) -> None:
    at = uploaded(matrix)
    at.slider(key="weight.category.cost").set_value(0.0)
    at.run()
    assert not at.exception
    weights = np.array([0 if label == "Price" else w for label, w in RFP_CRITERIA], dtype=float)
    leader = RFP_VENDORS[int(np.argmax(weights @ np.array(RFP_SCORES, dtype=float)))]
    assert metric(at, "Leader") == leader == "Gamma Tech"
    assert at.selectbox(key="preset").value == FROM_FILE  # a slider is not a choice of preset


def test_the_settings_download_is_the_files_own_settings(matrix: bytes) -> None:
    at = uploaded(matrix)
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download these settings (.yaml)" in labels
    _, config = read_file(matrix, "rfp matrix.xlsx", None)
    assert at.sidebar.caption[0].value == config.description  # what the preset box says it is


def test_a_preset_picked_explicitly_wins_over_the_files_settings(matrix: bytes) -> None:
    at = uploaded(matrix)
    at.selectbox(key="preset").set_value("default")
    at.run()
    assert at.selectbox(key="preset").value == "default"
    assert not any("From your file" in c.value for c in at.caption)


def test_a_criteria_sheet_sets_the_settings_and_a_plain_file_after_it_goes_back_to_the_default() -> None:
    data = workbook_bytes(score_table_sheets())
    at = uploaded(data)
    assert at.selectbox(key="preset").value == FROM_FILE
    expected = evaluate_file(data, "rfp matrix.xlsx", None).result.leader
    assert metric(at, "Leader") == expected
    at.file_uploader(key="upload").upload(SAMPLE.name, SAMPLE.read_bytes(), XLSX)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="preset").value == "default"
    assert metric(at, "Leader") == evaluate_file(SAMPLE.read_bytes(), SAMPLE.name, None).result.leader
