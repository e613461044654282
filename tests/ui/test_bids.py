"""The Bids tab (issues 16 and 17): a screen-sized view built once per bid analysis, every figure one click away.

Driven headless with AppTest on the sample; the figures the page shows are checked
against the bid analysis the pipeline computes from the same file, not against a
copy of the page's numbers.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from scorecard import numbers
from scorecard.bids import BidResult
from scorecard.config import load_preset
from scorecard.pipeline import Evaluation, evaluate_file
from scorecard.tables.bids import bids_table
from scorecard.ui import bids as bids_tab
from scorecard.ui import bids_view

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
SAMPLE = ROOT / "sample_data" / "sample_event.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def evaluation() -> Evaluation:
    return evaluate_file(SAMPLE.read_bytes(), SAMPLE.name, load_preset("default"))


@pytest.fixture(scope="module")
def bids(evaluation: Evaluation) -> BidResult:
    assert evaluation.bids is not None
    return evaluation.bids


def bids_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.file_uploader(key="upload").upload(SAMPLE.name, SAMPLE.read_bytes(), XLSX)
    at.run()
    at.session_state["tabs"] = "Bids"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    frames = [frame.value for frame in at.dataframe if column in frame.value.columns]
    assert len(frames) == 1, f"{len(frames)} tables with a {column!r} column"
    return frames[0]


def test_the_supplier_table_holds_the_deciding_figures_and_a_detail_holds_every_other(
    bids: BidResult,
) -> None:
    at = bids_page()
    cur = bids.base_currency
    total = f"Total cost of ownership ({cur})"
    suppliers = table_with(at, total)
    assert len(suppliers.columns) <= 9
    assert list(suppliers.columns[:3]) == ["Supplier", "Can be awarded", total]
    assert f"Freight ({cur})" not in suppliers.columns  # a secondary figure: in the detail
    assert set(suppliers["Supplier"]) == set(bids.suppliers.index)  # every supplier, none dropped
    # the detail: every column of the workbook's Bids sheet for the chosen supplier, formatted as the page does
    cheapest = bids.suppliers["total_cost"].idxmin()
    assert at.selectbox(key="bids.detail.supplier").value == cheapest  # lowest total first
    detail = table_with(at, "Supplier figure").set_index("Supplier figure")["Value"]
    sheet = bids_table(bids).frame
    assert list(detail.index) == [str(c) for c in sheet.columns[1:]]
    assert detail[total] == numbers.money_text(bids.suppliers.loc[cheapest, "total_cost"])
    parts = ["goods_value", "freight", "duty", "switching_cost", "one_off_costs", "fill_value"]
    row = bids.suppliers.loc[cheapest]
    by_hand = sum(row[p] for p in parts) - row["payment_credit"]
    assert detail[total] == numbers.money_text(by_hand)
    other = bids.suppliers.index[-1]
    at.selectbox(key="bids.detail.supplier").select(other).run()
    detail = table_with(at, "Supplier figure").set_index("Supplier figure")["Value"]
    assert detail["Items quoted"] == f"{int(bids.suppliers.loc[other, 'items_quoted']):,}"


def test_each_suppliers_cost_per_item_is_on_demand_a_page_at_a_time(bids: BidResult) -> None:
    at = bids_page()
    assert any("Items sheet of the scored workbook" in c.value for c in at.main.caption)
    before = len(at.dataframe)
    at.toggle(key="bids.matrix").set_value(True).run()
    assert len(at.dataframe) == before + 1
    chosen = at.multiselect(key="bids.matrix.suppliers").value
    by_total = bids.suppliers["total_cost"].dropna().sort_values(kind="stable").index.tolist()
    assert chosen == by_total[: bids_tab.MATRIX_SUPPLIERS]
    header = dict(bids_view.bids_view(bids).matrix_columns)  # "(not eligible)" marks who cannot be awarded
    matrix = next(f.value for f in at.dataframe if header[chosen[0]] in f.value.columns)
    assert list(matrix.columns) == ["Item", *(header[name] for name in chosen)]
    assert len(matrix) == min(len(bids.items), bids_tab.PAGE_ROWS)
    quotes = bids.quotes
    first = quotes[(quotes["supplier"] == chosen[0]) & (quotes["item"] == matrix["Item"].iloc[0])]
    assert matrix[header[chosen[0]]].iloc[0] == pytest.approx(first["cost_per_unit"].iloc[0])
    caption = next(c.value for c in at.main.caption if "Items sheet of the scored workbook has" in c.value)
    assert caption.startswith(f"{len(chosen)} of {len(bids.suppliers)} suppliers, {len(bids.items)} items")


def test_a_weight_change_reuses_the_view_and_a_new_eligibility_builds_another(
    evaluation: Evaluation, bids: BidResult
) -> None:
    views = bids_view.BidsViews(size=2)
    first = views.view(bids)
    rescored = evaluation.prepared.bids.for_award(dict(bids.not_eligible))  # what a weight change hands over
    assert rescored is not bids and views.view(rescored) is first
    barred = bids.suppliers.index[0]
    other = views.view(evaluation.prepared.bids.for_award({barred: "disqualified"}))
    assert other is not first
    assert other.suppliers.frame.set_index("Supplier").loc[barred, "Can be awarded"] == "No: disqualified"
    assert len(views.entries) == 2
    views.view(evaluation.prepared.bids.for_award({bids.suppliers.index[1]: "disqualified"}))
    assert len(views.entries) == 2  # bounded: the least recently used view went
    # a view stored under the same id for another analysis (an id Python reused) is never shown
    stale = bids_view.BidsViews()
    stale.entries[(id(bids.suppliers), bids.not_eligible)] = (bids.suppliers.copy(), first)
    assert stale.view(bids) is not first


def test_a_long_supplier_list_charts_the_lowest_totals_and_says_so(bids: BidResult) -> None:
    keep = bids_view.CHART_SUPPLIERS
    try:
        bids_view.CHART_SUPPLIERS = 3
        view = bids_view.bids_view(bids)
    finally:
        bids_view.CHART_SUPPLIERS = keep
    with_total = int(bids.suppliers["total_cost"].notna().sum())
    assert view.chart_note.startswith(f"The chart shows the 3 lowest of {with_total} totals")
    chart = view.chart.to_dict()
    data = next(iter(chart["datasets"].values()))
    lowest = bids.suppliers["total_cost"].dropna().sort_values(kind="stable").index[:3].tolist()
    assert [row["Supplier"] for row in data] == lowest
    assert len(view.suppliers.frame) == len(bids.suppliers)  # the table keeps every supplier


def long_table_page() -> None:
    """A 120-row table drawn by the Bids tab's table function (AppTest runs this as a page)."""
    import pandas as pd

    from scorecard.report import ReportTable
    from scorecard.ui.bids import fitted_table

    frame = pd.DataFrame({"Item": [f"I{n:03d}" for n in range(120)], "Lowest (EUR)": range(120)})
    fitted_table(ReportTable("Items", frame, formats=(("Lowest (EUR)", "money"),)), (), key="long")


def test_a_long_table_is_shown_a_page_at_a_time_and_says_which_rows() -> None:
    at = AppTest.from_function(long_table_page)
    at.run()
    assert not at.exception
    assert at.dataframe[0].value["Item"].tolist() == [f"I{n:03d}" for n in range(bids_tab.PAGE_ROWS)]
    assert at.main.caption[-1].value.startswith(f"Rows 1-{bids_tab.PAGE_ROWS} of 120;")
    at.number_input(key="long.page").set_value(3).run()
    last = at.dataframe[0].value["Item"].tolist()
    assert last == [f"I{n:03d}" for n in range(2 * bids_tab.PAGE_ROWS, 120)]
    assert "Items sheet of the scored workbook has every row" in at.main.caption[-1].value


def test_an_event_where_no_supplier_has_a_total_is_still_shown_with_every_supplier() -> None:
    from scorecard.bids import BidSettings, analyse_bids
    from tests.bids.events import sheet

    frame = sheet(
        {"Supplier": ["Acme", "Beta"], "Item": ["A1", "A2"], "Quantity": [10, 5], "Unit price": [2.0, 3.0]}
    )
    bids = analyse_bids(frame, BidSettings(partial_bid_policy="common_items"), sheet="Bids")
    assert bids.suppliers["total_cost"].isna().all()
    view = bids_view.bids_view(bids)
    assert view.suppliers.frame["Supplier"].tolist() == ["Acme", "Beta"]  # listed, not dropped
    assert "Total cost of ownership (EUR)" in view.not_shown["Bids"]  # and the empty column is named
    assert view.metrics[0][1] == "none"
