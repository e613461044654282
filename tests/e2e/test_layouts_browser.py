"""Workbooks in the buyer's own layout, uploaded in a real browser: scored with no settings file.

The expected bidders and leader come from the workbook builders (worked out from the line items), so the
test checks that the page shows what the sheet itself implies. Add a case per layout here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.layout.published import questcdn_bid_tab

RERUN_TIMEOUT_MS = 30_000


@pytest.mark.e2e
def test_a_city_bid_tab_alone_is_scored_lowest_total_first(
    page: Page,
    app_url: str,
    upload: Callable[[Page, str, Path], None],
    settled: Callable[[Page], None],
    screenshots: Path,
    tmp_path: Path,
) -> None:
    tab = questcdn_bid_tab()
    path = tmp_path / "city bid tab.xlsx"
    path.write_bytes(tab.data)
    upload(page, app_url, path)
    leader = page.get_by_test_id("stMetricLabel").get_by_text("Leader", exact=True)
    value = page.get_by_test_id("stMetric").filter(has=leader).get_by_test_id("stMetricValue")
    expect(value).to_have_text(tab.lowest, timeout=RERUN_TIMEOUT_MS)
    expect(page.get_by_text("Sorry, something went wrong")).to_have_count(0)
    # how the workbook was read, in the buyer's words, with the role of the sheet shown
    page.get_by_text(re.compile("^How we read your workbook")).click()
    settled(page)
    expect(page.get_by_text("Sheet 'Bid Tab': wide bid tab, 3 bidders in row 6", exact=False)).to_be_visible()
    expect(page.get_by_text("Engineer Estimate", exact=False).first).to_be_visible()
    page.screenshot(path=screenshots / "layout-01-bid-tab.png", full_page=True)
