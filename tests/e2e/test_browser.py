"""A buyer's whole trip in a real browser: upload the sample, move a weight, see the new leader, download.

The expected leaders come from the core on the same file and weights, so the
test checks that the page and the downloaded workbook show what the engine
decided. Screenshots of each step are saved under pytest's tmp dir.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Locator, Page, expect

from scorecard.config import Config, load_preset
from scorecard.export import scored_filename
from scorecard.pipeline import evaluate_file
from scorecard.tables import opportunity_frame, ranking_frame, verdict_sentence
from scorecard.template import build_template

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_data" / "sample_event.xlsx"
RERUN_TIMEOUT_MS = 30_000
GRID_ROW_PX = 35  # st.dataframe's row (and header) height
SEGMENTS_EXPANDER = "Each supplier's segment, and what the segments mean"
RISK_MAX = 100  # the End key takes the Risk slider to its maximum, which changes the sample's leader


def metric_value(page: Page, label: str) -> Locator:
    """The value of the metric with exactly this label (text on the page, not a canvas)."""
    label_element = page.get_by_test_id("stMetricLabel").get_by_text(label, exact=True)
    return page.get_by_test_id("stMetric").filter(has=label_element).get_by_test_id("stMetricValue")


def risk_config(risk_weight: float | None = None) -> Config:
    config = load_preset("default")
    return config if risk_weight is None else config.with_weights({"risk": risk_weight})


def leader_for(risk_weight: float | None = None) -> str:
    leader = evaluate_file(SAMPLE.read_bytes(), SAMPLE.name, risk_config(risk_weight)).result.leader
    assert leader is not None
    return leader


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")


def open_tab(page: Page, title: str, settled: Callable[[Page], None]) -> Locator:
    """Click a tab, wait for its lazy rerun, and return its panel."""
    page.get_by_role("tab", name=re.compile(f"^{re.escape(title)}")).click()
    settled(page)
    return page.get_by_role("tabpanel", name=re.compile(f"^{re.escape(title)}"))


@pytest.mark.e2e
def test_upload_weigh_and_download(
    page: Page, app_url: str, settled: Callable[[Page], None], screenshots: Path, tmp_path: Path
) -> None:
    page.goto(app_url)
    settled(page)
    expect(page.get_by_role("heading", name="Scorecard")).to_be_visible()
    page.screenshot(path=screenshots / "01-first-screen.png", full_page=True)

    # upload the sample workbook through the main page's uploader
    page.get_by_test_id("stMain").get_by_test_id("stFileUploaderDropzoneInput").set_input_files(SAMPLE)
    settled(page)
    first_leader = leader_for()
    expect(metric_value(page, "Leader")).to_have_text(first_leader, timeout=RERUN_TIMEOUT_MS)
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text(f"{first_leader} leads")
    page.screenshot(path=screenshots / "02-ranking.png", full_page=True)

    # raise the risk weight with the keyboard, as a buyer could
    risk = page.get_by_test_id("stSidebar").locator('input[type="range"][aria-label="Risk"]')
    risk.focus()
    page.keyboard.press("End")
    settled(page)
    expect(risk).to_have_value(str(RISK_MAX), timeout=RERUN_TIMEOUT_MS)
    new_leader = leader_for(RISK_MAX)
    assert new_leader != first_leader, "the sample no longer changes leader with this weight"
    expect(metric_value(page, "Leader")).to_have_text(new_leader, timeout=RERUN_TIMEOUT_MS)
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text(f"{new_leader} leads")
    expect(page.get_by_test_id("stSidebar")).to_contain_text("All categories together: 100.0%")
    page.screenshot(path=screenshots / "03-after-weight-change.png", full_page=True)

    # download the scored workbook and read its Ranking sheet
    button = page.get_by_test_id("stDownloadButton").filter(has_text="Download the scored workbook")
    with page.expect_download(timeout=RERUN_TIMEOUT_MS) as download_info:
        button.get_by_role("button").click()
    download = download_info.value
    assert download.suggested_filename == scored_filename(SAMPLE.name, date.today())
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    book = load_workbook(saved, read_only=True)
    assert book.sheetnames[0] == "Ranking"
    ranking = book["Ranking"]
    header = [cell.value for cell in next(ranking.iter_rows(min_row=1, max_row=1))]
    first_row = [cell.value for cell in next(ranking.iter_rows(min_row=2, max_row=2))]
    assert first_row[header.index("Supplier")] == new_leader
    assert first_row[header.index("Rank")] == 1

    # the other tabs render without an error
    for tab in ("Compare", "Overview", "Evaluator panel", "Bids", "Data quality"):
        open_tab(page, tab, settled)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        page.screenshot(path=screenshots / f"04-{slug(tab)}.png", full_page=True)
    expect(page.get_by_text("Sorry, something went wrong")).to_have_count(0)

    # how robust is the ranking: the verdict for these weights, the stability and probability charts
    evaluation = evaluate_file(SAMPLE.read_bytes(), SAMPLE.name, risk_config(RISK_MAX))
    panel = open_tab(page, "How robust is the ranking?", settled)
    expect(panel.get_by_test_id("stAlert").first).to_contain_text(
        verdict_sentence(evaluation.sensitivity.verdict), timeout=RERUN_TIMEOUT_MS
    )
    expect(panel.get_by_test_id("stVegaLiteChart")).to_have_count(2, timeout=RERUN_TIMEOUT_MS)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    page.screenshot(path=screenshots / "05-robustness.png", full_page=True)

    # collaboration opportunities: cards, and one supplier's plan downloaded on its own
    panel = open_tab(page, "Collaboration opportunities", settled)
    first = opportunity_frame(evaluation.opportunities).iloc[0]
    expect(panel.get_by_text(first["Rationale"], exact=True).first).to_be_visible(timeout=RERUN_TIMEOUT_MS)
    page.screenshot(path=screenshots / "06-opportunities.png", full_page=True)
    plan_button = panel.get_by_test_id("stDownloadButton").filter(has_text="plan on its own")
    with page.expect_download(timeout=RERUN_TIMEOUT_MS) as download_info:
        plan_button.get_by_role("button").click()
    plan_file = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(plan_file)
    plan_book = load_workbook(plan_file, read_only=True)
    cells = {str(c) for sheet in plan_book for row in sheet.iter_rows(values_only=True) for c in row if c}
    text = " ".join(cells)
    named = [s for s in evaluation.result.suppliers if s in text]
    assert len(named) == 1, f"the plan names {named}"
    expect(page.get_by_text("Sorry, something went wrong")).to_have_count(0)


@pytest.mark.e2e
def test_a_file_that_is_not_a_spreadsheet_gets_a_message_not_a_traceback(
    page: Page, app_url: str, settled: Callable[[Page], None], screenshots: Path, tmp_path: Path
) -> None:
    fake = tmp_path / "bids.xlsx"
    fake.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n")
    page.goto(app_url)
    settled(page)
    page.get_by_test_id("stMain").get_by_test_id("stFileUploaderDropzoneInput").set_input_files(fake)
    settled(page)
    expect(page.get_by_test_id("stAlertContentError")).to_contain_text("bids.xlsx", timeout=RERUN_TIMEOUT_MS)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_text("Traceback")).to_have_count(0)
    page.screenshot(path=screenshots / "07-bad-file.png", full_page=True)


def test_a_missing_browser_skips_locally_but_fails_in_ci(
    chromium_requirement: Callable[..., None], tmp_path: Path
) -> None:
    missing = tmp_path / "no-chromium"
    with pytest.raises(pytest.skip.Exception, match="no-chromium is missing"):
        chromium_requirement(missing, ci="")
    with pytest.raises(pytest.fail.Exception, match="no-chromium is missing"):
        chromium_requirement(missing, ci="true")


def filled_template() -> bytes:
    """The default template filled in by a buyer who typed amounts as text: '€ 412,500'. The suppliers
    differ only in cost, so the cheapest must lead; read as 412.5 the dearest would."""
    book = load_workbook(io.BytesIO(build_template(load_preset("default"))))
    sheet = book["Suppliers"]
    header = [cell.value for cell in sheet[1]]
    same = {
        "Payment terms (days)": 60,
        "Price validity (months)": 6,
        "Financial risk score": 30,
        "Country risk": "Low",
        "Business continuity plan": "Yes",
        "On-time delivery (%)": 96,
        "Defect rate (ppm)": 400,
        "ISO 9001": "Yes",
        "EcoVadis score": 60,
        "Carbon intensity (tCO2e per EUR m)": 120,
        "ISO 14001": "Yes",
    }
    for name, cost in (
        ("Alpha Metals", "€ 468,900"),
        ("Beta Forge", "€ 356,200"),
        ("Gamma Parts", "€ 412,500"),
    ):
        values = {"Supplier": name, "Total cost (EUR)": cost, **same}
        sheet.append([values.get(h) for h in header])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.e2e
def test_a_filled_template_with_text_amounts_ranks_the_cheapest_first(
    page: Page, app_url: str, settled: Callable[[Page], None], screenshots: Path, tmp_path: Path
) -> None:
    data = filled_template()
    expected = evaluate_file(data, "filled.xlsx", load_preset("default")).result.leader
    assert expected == "Beta Forge"  # € 356,200 is the lowest cost: read as 356,200, not 356.2
    path = tmp_path / "filled.xlsx"
    path.write_bytes(data)
    page.goto(app_url)
    settled(page)
    page.get_by_test_id("stMain").get_by_test_id("stFileUploaderDropzoneInput").set_input_files(path)
    settled(page)
    expect(metric_value(page, "Leader")).to_have_text(expected, timeout=RERUN_TIMEOUT_MS)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    page.screenshot(path=screenshots / "08-filled-template.png", full_page=True)


@pytest.fixture
def first_screen(browser: Any, app_url: str) -> Iterator[tuple[Page, list[str], list[str]]]:
    """A fresh page at 1440 x 900 that records console warnings and errors, and every request's host."""
    context = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True)
    page = context.new_page()
    console: list[str] = []
    hosts: list[str] = []
    page.on(
        "console", lambda m: console.append(f"{m.type}: {m.text}") if m.type in ("warning", "error") else None
    )
    page.on("request", lambda r: hosts.append(urlsplit(r.url).netloc) if "://" in r.url else None)
    yield page, console, hosts
    context.close()


def fully_in_view(page: Page, locator: Locator) -> bool:
    """Whether the element's box lies inside the 1440 x 900 window without scrolling."""
    box = locator.bounding_box()
    size = page.viewport_size
    assert box is not None and size is not None
    return (
        box["y"] >= 0
        and box["y"] + box["height"] <= size["height"]
        and box["x"] + box["width"] <= size["width"]
    )


def overflow(grid: Locator) -> int:
    """By how many px a dataframe's columns are wider than the table (0 or less: no sideways scroll)."""
    scroll_width, client_width = grid.locator(".dvn-scroller").evaluate("e => [e.scrollWidth, e.clientWidth]")
    return int(scroll_width - client_width)


def fits_sideways(grid: Locator) -> bool:
    """Whether a dataframe shows all its columns without a horizontal scroll (its scroller is no wider)."""
    return overflow(grid) <= 0


@pytest.mark.e2e
def test_first_ten_minutes_results_in_view_moves_shown_clean_console_and_no_outside_requests(
    first_screen: tuple[Page, list[str], list[str]],
    app_url: str,
    settled: Callable[[Page], None],
    screenshots: Path,
) -> None:
    page, console, hosts = first_screen
    page.goto(app_url)
    settled(page)
    page.get_by_test_id("stMain").get_by_test_id("stFileUploaderDropzoneInput").set_input_files(SAMPLE)
    settled(page)
    leader = leader_for()
    expect(metric_value(page, "Leader")).to_have_text(leader, timeout=RERUN_TIMEOUT_MS)
    page.screenshot(path=screenshots / "10-first-view-1440x900.png")

    # the upload area folded into one line; the leader and ten ranking rows are in view without scrolling
    expect(page.get_by_text("Upload your supplier workbook")).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("Change file"))).to_be_visible()
    assert fully_in_view(
        page, page.get_by_test_id("stAlertContentSuccess").filter(has_text=f"{leader} leads")
    )
    assert fully_in_view(page, metric_value(page, "Leader"))
    table = page.get_by_test_id("stDataFrame").first
    ranking = ranking_frame(evaluate_file(SAMPLE.read_bytes(), SAMPLE.name, risk_config()).result)
    tenth = ranking["Supplier"].iloc[9]
    # the grid draws on a canvas; the table inside it (for screen readers) holds the rows it draws
    expect(table.locator("tbody tr").filter(has_text=tenth)).to_have_count(1, timeout=RERUN_TIMEOUT_MS)
    canvas = table.get_by_test_id("data-grid-canvas").bounding_box()
    assert canvas is not None
    shown = min(canvas["y"] + canvas["height"], 900) - canvas["y"] - GRID_ROW_PX  # below the header
    assert shown >= 10 * GRID_ROW_PX, f"{shown / GRID_ROW_PX:.1f} ranking rows in view at 1440 x 900"

    # a weight change: at least one supplier shows its move, and the note names the new leader
    risk = page.get_by_test_id("stSidebar").locator('input[type="range"][aria-label="Risk"]')
    risk.focus()
    page.keyboard.press("End")
    settled(page)
    new_leader = leader_for(RISK_MAX)
    expect(metric_value(page, "Leader")).to_have_text(new_leader, timeout=RERUN_TIMEOUT_MS)
    expect(page.get_by_test_id("stAlertContentInfo")).to_contain_text(
        f"the leader is now {new_leader} (was {leader})", timeout=RERUN_TIMEOUT_MS
    )
    moves = table.locator("tbody td").filter(has_text=re.compile(r"^[▲▼] \d+$"))
    expect(moves.first).to_be_attached(timeout=RERUN_TIMEOUT_MS)  # at least one supplier moved
    page.screenshot(path=screenshots / "11-after-weight-change-1440x900.png")

    # the ranking's columns fit without sideways scrolling at 1440 px and at 1280 px
    assert fits_sideways(table)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.wait_for_timeout(1000)
    assert fits_sideways(table), "the ranking scrolls sideways at 1280 px"
    page.set_viewport_size({"width": 1440, "height": 900})

    # every tab once, so each chart is drawn: the console stays clean and nothing leaves the server
    for tab in (
        "Compare",
        "Overview",
        "How robust is the ranking?",
        "Evaluator panel",
        "Bids",
        "Data quality",
    ):
        open_tab(page, tab, settled)
    page.wait_for_timeout(1000)
    assert console == [], console
    own = urlsplit(app_url).netloc
    assert set(hosts) == {own}, sorted(set(hosts))


# Every tab with tables a buyer reads; Bids has its own browser test (tests/e2e/test_bids_browser.py).
RESULT_TABS = (
    "Ranking",
    "Compare",
    "How robust is the ranking?",
    "Collaboration opportunities",
    "Evaluator panel",
    "Data quality",
)


def overflowing_tables(panel: Locator, shots: Path) -> list[str]:
    """Each visible table of a tab that scrolls sideways, named by its first header, and by how many px.

    Each visible table is saved as a picture (`shots`-n.png) to look at.
    """
    found = []
    for n, grid in enumerate(panel.get_by_test_id("stDataFrame").all()):
        if not grid.is_visible():
            continue  # inside a closed expander: not on the screen
        grid.scroll_into_view_if_needed()
        grid.screenshot(path=shots.with_name(f"{shots.name}-{n}.png"))
        if (extra := overflow(grid)) > 0:
            first = grid.locator("thead th").first.inner_text().strip()
            found.append(f"table starting '{first}' is {extra} px too wide")
    return found


@pytest.mark.e2e
def test_every_results_table_fits_at_1440_px_without_sideways_scrolling(
    first_screen: tuple[Page, list[str], list[str]],
    app_url: str,
    settled: Callable[[Page], None],
    upload: Callable[[Page, str, Path], None],
    screenshots: Path,
) -> None:
    page, _, _ = first_screen
    upload(page, app_url, SAMPLE)
    expect(metric_value(page, "Leader")).to_have_text(leader_for(), timeout=RERUN_TIMEOUT_MS)
    too_wide: dict[str, list[str]] = {}
    for tab in RESULT_TABS:
        panel = open_tab(page, tab, settled)
        shown = panel.locator('[data-testid="stDataFrame"] >> visible=true').first
        expect(shown).to_be_visible(timeout=4 * RERUN_TIMEOUT_MS)
        page.wait_for_timeout(500)  # the grid sizes its columns after it is drawn
        if tab == "Compare":  # the widest comparison: four suppliers side by side
            chooser = panel.get_by_test_id("stMultiSelect").first
            for _ in range(2):
                chooser.locator("input").click()
                page.get_by_role("option").first.click()
                page.keyboard.press("Escape")
                settled(page)
            expect(panel.get_by_text("Explain the gap between")).to_be_visible(timeout=RERUN_TIMEOUT_MS)
        if tab == "Collaboration opportunities":  # the segment table is built when its expander is opened
            segments = panel.get_by_test_id("stExpander").filter(has_text=SEGMENTS_EXPANDER)
            segments.get_by_text(SEGMENTS_EXPANDER).click()
            settled(page)
            expect(segments.get_by_test_id("stDataFrame")).to_be_visible(timeout=RERUN_TIMEOUT_MS)
            page.wait_for_timeout(500)
        page.screenshot(path=screenshots / f"12-{slug(tab)}-1440x900.png")
        if problems := overflowing_tables(panel, screenshots / f"13-{slug(tab)}-table"):
            too_wide[tab] = problems
    assert too_wide == {}, too_wide
