"""The page reads a bid tab alone from an upload, shows how each sheet was read, and takes a correction."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Selectbox as SelectboxElement

from scorecard.pipeline import evaluate_file
from tests.layout.published import dot_unit_tab, esourcing_export, questcdn_bid_tab
from tests.ui.apptest import loaded, metric

APP = str(Path(__file__).resolve().parents[2] / "app.py")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def role_box(at: AppTest, sheet: str = "Bid Tab") -> SelectboxElement:
    return next(box for box in at.selectbox if box.label == f"Sheet '{sheet}' is")


CASES = {
    "city bid tab": (questcdn_bid_tab, "Bid Tab", "wide bids", "wide bid tab, 3 bidders in row 6"),
    "state DOT unit tab": (
        dot_unit_tab,
        "Unit Tab",
        "long bids",
        'long bid sheet, 3 bidders in column "Bidder Name"',
    ),
    "e-sourcing export": (esourcing_export, "Quote Responses", "long bids", "long bid sheet, 3 bidders"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bid_sheet_upload_ranks_the_bidders_and_says_how_it_was_read(case: str) -> None:
    build, sheet, role, read_as = CASES[case]
    published = build()
    at = loaded(published.data, f"{case}.xlsx")
    assert not at.error, [e.value for e in at.error]
    said = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert f"Sheet '{sheet}': {read_as}" in said
    ranking = next(frame.value for frame in at.dataframe if "Supplier" in frame.value.columns)
    assert sorted(map(str, ranking["Supplier"])) == sorted(published.bidders)
    assert str(ranking["Supplier"].iloc[0]) == evaluate_file(published.data, "x.xlsx", None).result.leader
    assert role_box(at, sheet).value == role


def test_a_sheet_role_corrected_in_the_page_is_what_gets_read() -> None:
    at = loaded(questcdn_bid_tab().data, "city bid tab.xlsx")
    role_box(at).set_value("not used")
    at.run()
    at.run()
    # with its only sheet set aside, nothing is left to score: the page says so instead of scoring
    assert at.error and "supplier" in at.error[0].value.lower()
    assert "corrected by you" in " ".join(e.label for e in at.expander)


def test_the_page_lays_the_workbook_out_once_and_hands_that_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """The layout the page shows is the one the pipeline reads: the preparing step does not detect it again."""
    from scorecard.layout import detect_layout
    from scorecard.pipeline import plan
    from scorecard.ui import layout as page_layout

    asked: list[str] = []

    def counted(workbook, context=None, overrides=None):
        asked.append(workbook.filename)
        return detect_layout(workbook, context, overrides)

    monkeypatch.setattr(plan, "detect_layout", counted)
    monkeypatch.setattr(page_layout, "detect_layout", counted)
    tab = questcdn_bid_tab()
    at = loaded(tab.data, "city bid tab.xlsx")
    assert asked == ["city bid tab.xlsx"], "laid out again after the page showed its layout"
    assert metric(at, "Leader") == tab.lowest  # and the bids it read rank as the tab's own totals do
