"""The Collaboration opportunities tab: segments, cards and filters, one supplier's plan."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from scorecard.pipeline import Evaluation
from scorecard.tables import opportunity_frame, plan_sentences, ranking_frame
from scorecard.ui.opportunities import SEGMENTS_OPEN, TABLE_OPEN
from tests.ui.apptest import (
    loaded,
    no_apology,
    open_tab,
    paragraphs,
    texts,
)


def test_opportunities_tab_shows_segments_cards_and_a_plan(sample: bytes, evaluation: Evaluation) -> None:
    at = loaded(sample)
    open_tab(at, "Collaboration opportunities")
    found = evaluation.opportunities
    assert len(at.get("vega_lite_chart")) == 1  # the segmentation chart
    shown = texts(at)
    opportunities = opportunity_frame(found)
    for rationale in opportunities["Rationale"]:
        assert rationale in paragraphs(at)
    for kind, group in opportunities.groupby("Type"):
        assert f"##### {kind} ({len(group)})" in shown
    # the plan of the runner-up by default, its what-ifs in sentences
    runner_up = ranking_frame(evaluation.result)["Supplier"].iloc[1]
    assert at.selectbox(key="opportunities.plan_supplier").value == runner_up
    for sentence in plan_sentences(found.plan(runner_up), evaluation.result):
        assert f"- {sentence}" in "\n".join(shown)
    labels = [e.proto.label for e in at.get("download_button")]
    assert f"Download {runner_up}'s plan on its own (.xlsx)" in labels
    no_apology(at)


@pytest.mark.slow  # the tab itself stays in the fast lane (segments, cards and a plan above)
def test_opportunity_filters_narrow_the_cards(sample: bytes, evaluation: Evaluation) -> None:
    at = loaded(sample)
    open_tab(at, "Collaboration opportunities")
    found = opportunity_frame(evaluation.opportunities)
    kind = found["Type"].iloc[-1]
    at.multiselect(key="opportunities.types").set_value([kind])
    at.run()
    shown = paragraphs(at)
    for _, row in found.iterrows():
        assert (row["Rationale"] in shown) == (row["Type"] == kind)
    supplier = found[found["Type"] == kind]["Supplier"].iloc[0]
    other = next(name for name in found["Supplier"] if name != supplier)
    at.multiselect(key="opportunities.suppliers").set_value([other])
    at.run()
    if not ((found["Type"] == kind) & (found["Supplier"] == other)).any():
        assert "No opportunity matches these filters." in texts(at)


@pytest.mark.slow  # the tab itself stays in the fast lane (segments, cards and a plan above)
def test_choosing_another_supplier_shows_its_plan(sample: bytes, evaluation: Evaluation) -> None:
    at = loaded(sample)
    open_tab(at, "Collaboration opportunities")
    last = ranking_frame(evaluation.result)["Supplier"].iloc[-3]
    at.selectbox(key="opportunities.plan_supplier").set_value(last)
    at.run()
    joined = "\n".join(texts(at))
    for sentence in plan_sentences(evaluation.opportunities.plan(last), evaluation.result):
        assert sentence in joined


def shown_frames(at: AppTest) -> list[list[str]]:
    """The columns of each table on the page."""
    return [list(frame.value.columns) for frame in at.dataframe]


def test_the_tables_in_closed_expanders_are_built_only_once_opened(sample: bytes) -> None:
    """Closed, the segment table and the opportunities-as-a-table cost nothing on a rerun; opened, they are
    there, and they stay open when the buyer looks at another tab and comes back."""
    at = loaded(sample)
    open_tab(at, "Collaboration opportunities")
    labels = [e.label for e in at.expander]
    assert "Each supplier's segment, and what the segments mean" in labels
    assert any(label.endswith("shown, as a table") for label in labels)
    closed = shown_frames(at)
    assert not any("Approach" in columns or "Rationale" in columns for columns in closed)
    at.session_state[SEGMENTS_OPEN] = True
    at.session_state[TABLE_OPEN] = True
    at.run()
    opened = shown_frames(at)
    assert any(columns[:2] == ["Supplier", "Performance"] and "Approach" in columns for columns in opened)
    assert any("Rationale" in columns and "Next step" in columns for columns in opened)
    open_tab(at, "Ranking")
    open_tab(at, "Collaboration opportunities")
    assert shown_frames(at) == opened
