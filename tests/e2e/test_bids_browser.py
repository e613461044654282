"""The Bids tab in Chromium at 1440 x 900 (issue 17): its tables show every column without scrolling sideways.

The grid draws on a canvas inside a scroller; a table fits when the scroller's
content is no wider than the scroller itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from scorecard.config import load_preset
from scorecard.pipeline import evaluate_file

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_data" / "sample_event.xlsx"
RERUN_TIMEOUT_MS = 30_000


@pytest.fixture
def screen_1440(browser: Any) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    yield context.new_page()
    context.close()


def scroll_widths(grid: Locator) -> tuple[int, int]:
    scroller = grid.locator(".dvn-scroller")
    expect(scroller).to_be_attached(timeout=RERUN_TIMEOUT_MS)
    widths = scroller.evaluate("e => [e.scrollWidth, e.clientWidth]")
    return int(widths[0]), int(widths[1])


@pytest.mark.e2e
def test_the_bids_tables_fit_at_1440_px(
    screen_1440: Page, app_url: str, settled: Callable[[Page], None], screenshots: Path
) -> None:
    page = screen_1440
    bids = evaluate_file(SAMPLE.read_bytes(), SAMPLE.name, load_preset("default")).bids
    assert bids is not None
    page.goto(app_url)
    settled(page)
    page.get_by_test_id("stMain").get_by_test_id("stFileUploaderDropzoneInput").set_input_files(SAMPLE)
    settled(page)
    page.get_by_role("tab", name=re.compile("^Bids")).click()
    settled(page)
    panel = page.get_by_role("tabpanel", name=re.compile("^Bids"))
    grids = panel.get_by_test_id("stDataFrame")
    expect(grids.first).to_be_visible(timeout=RERUN_TIMEOUT_MS)
    cheapest = bids.suppliers["total_cost"].idxmin()
    expect(grids.first.locator("tbody tr").first).to_contain_text(cheapest, timeout=RERUN_TIMEOUT_MS)
    grids.first.scroll_into_view_if_needed()
    page.screenshot(path=screenshots / "bids-1440x900.png")
    page.get_by_text("Show each supplier's cost per item").click()
    settled(page)
    count = grids.count()
    assert count >= 4  # suppliers, items, each supplier's cost per item, scenarios (details are folded)
    for n in range(count):
        grid = grids.nth(n)
        if not grid.is_visible():
            continue  # inside a folded detail
        grid.scroll_into_view_if_needed()
        scroll_width, client_width = scroll_widths(grid)
        assert scroll_width <= client_width, f"table {n + 1} of the Bids tab scrolls sideways at 1440 px"
    page.screenshot(path=screenshots / "bids-cost-per-item-1440x900.png", full_page=True)
