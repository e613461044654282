"""A weighted RFP matrix (criteria in rows, vendors across) uploaded in a real browser: it is ranked with the
sheet's own criteria and weights, the sidebar says the settings come from the file, and the sheet's price
weight moved to zero changes the leader as the sheet's own numbers say (worked out here with numpy)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from tests.layout.evaluation_workbooks import (
    RFP_CRITERIA,
    RFP_SCORES,
    RFP_VENDORS,
    rfp_matrix_rows,
    workbook_bytes,
)

RERUN_TIMEOUT_MS = 30_000


def leader(page: Page):
    label = page.get_by_test_id("stMetricLabel").get_by_text("Leader", exact=True)
    return page.get_by_test_id("stMetric").filter(has=label).get_by_test_id("stMetricValue")


@pytest.mark.e2e
def test_a_weighted_rfp_matrix_is_ranked_with_its_own_weights(
    page: Page,
    app_url: str,
    upload: Callable[[Page, str, Path], None],
    settled: Callable[[Page], None],
    screenshots: Path,
    tmp_path: Path,
) -> None:
    weights = np.array([w for _, w in RFP_CRITERIA], dtype=float)
    scores = np.array(RFP_SCORES, dtype=float)
    path = tmp_path / "rfp matrix.xlsx"
    path.write_bytes(workbook_bytes({"Evaluation": rfp_matrix_rows()}))
    upload(page, app_url, path)
    expect(leader(page)).to_have_text(RFP_VENDORS[int(np.argmax(weights @ scores))], timeout=RERUN_TIMEOUT_MS)
    sidebar = page.get_by_test_id("stSidebar")
    preset = sidebar.get_by_role("combobox", name="Preset")
    expect(preset).to_have_value("Settings from your file")
    expect(sidebar).to_contain_text('read from sheet "Evaluation" of rfp matrix.xlsx')
    expect(page.get_by_text("Sorry, something went wrong")).to_have_count(0)
    page.screenshot(path=screenshots / "matrix-01-ranked.png", full_page=True)

    # the sheet's Price criterion sits alone in Cost: that category's slider to 0 takes price out
    cost = sidebar.locator('input[type="range"][aria-label="Cost"]')
    cost.focus()
    page.keyboard.press("Home")
    settled(page)
    expect(cost).to_have_value("0", timeout=RERUN_TIMEOUT_MS)
    without_price = np.array([0 if label == "Price" else w for label, w in RFP_CRITERIA], dtype=float)
    expect(leader(page)).to_have_text(
        RFP_VENDORS[int(np.argmax(without_price @ scores))], timeout=RERUN_TIMEOUT_MS
    )
    expect(preset).to_have_value("Settings from your file")  # a slider is not a choice of preset
    page.screenshot(path=screenshots / "matrix-02-without-price.png", full_page=True)
