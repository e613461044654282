"""The analysis tabs (robustness, evaluator panel, bids): lazy, each in its own tab, failures kept in their tab."""

from __future__ import annotations

import pytest

from scorecard import pipeline
from scorecard.config import load_preset
from scorecard.pipeline import Evaluation, evaluate_file
from scorecard.tables import bid_tables, partial_bid_policy_text, verdict_sentence
from scorecard.ui import steps
from tests.ui.apptest import (
    QUALITY_WEIGHT,
    SAMPLE,
    WEIGHT,
    XLSX,
    loaded,
    metric,
    no_apology,
    open_tab,
    plain,
    started,
    table_with,
    texts,
    without_sheets,
)

# the page's tabs for a file with an evaluations and a bid sheet (the sample), in order: the spec of the
# page. The escaping walk (test_escaping) opens the tabs the page shows and checks these were among them.
PAGE_TABS = (
    "Ranking",
    "Compare",
    "Overview",
    "How robust is the ranking?",
    "Collaboration opportunities",
    "Evaluator panel",
    "Bids",
    "Data quality",
)


def test_every_analysis_has_its_tab_and_only_the_open_one_runs(
    sample: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = {"sensitivity": 0}
    real = pipeline.sensitivity

    def counting(*args: object, **kwargs: object) -> object:
        calls["sensitivity"] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "sensitivity", counting)
    at = loaded(sample)
    assert [tab.label for tab in at.tabs] == list(PAGE_TABS)
    assert calls["sensitivity"] == 0  # the robustness tab is closed: nothing computed for it
    open_tab(at, "How robust is the ranking?")
    assert calls["sensitivity"] == 1


def test_robustness_tab_states_the_verdict_with_its_charts_and_tables(
    sample: bytes, evaluation: Evaluation
) -> None:
    at = loaded(sample)
    open_tab(at, "How robust is the ranking?")
    verdict = verdict_sentence(evaluation.sensitivity.verdict)
    level = evaluation.sensitivity.level  # a typed field: the verdict's words are not parsed
    shown = {"Robust": at.success, "Sensitive": at.info, "Fragile": at.warning, "Tied": at.warning}[level]
    assert verdict in [plain(e.value) for e in shown]
    assert len(at.get("vega_lite_chart")) == 2  # stability and rank probabilities
    stability = table_with(at, "Stays first from")
    assert list(stability["Weight"]) == list(evaluation.sensitivity.stability.table["weight"])
    probabilities = table_with(at, "First place")
    leader = evaluation.result.leader
    assert probabilities.set_index("Supplier").loc[leader, "First place"] == pytest.approx(
        evaluation.sensitivity.probabilities.first_place(leader)
    )
    assert metric(at, f"{leader} ranks first in").startswith(
        f"{evaluation.sensitivity.probabilities.first_place(leader):.1%}"
    )
    no_apology(at)


def test_robustness_follows_the_weights(sample: bytes, leaders: tuple[str, str]) -> None:
    at = loaded(sample)
    open_tab(at, "How robust is the ranking?")
    at.slider(key=WEIGHT).set_value(QUALITY_WEIGHT)
    at.run()
    changed = evaluate_file(
        sample, SAMPLE.name, load_preset("default").with_weights({"quality": QUALITY_WEIGHT})
    )
    assert verdict_sentence(changed.sensitivity.verdict) in texts(at)
    assert metric(at, f"{leaders[1]} ranks first in")


def test_panel_tab_lists_the_disagreement_first_with_who_said_what(
    sample: bytes, evaluation: Evaluation
) -> None:
    at = loaded(sample)
    open_tab(at, "Evaluator panel")
    panel = evaluation.prepared.panel
    assert panel is not None and panel.flagged_count == 1
    shown = texts(at)
    card = shown.index("Shenzhen Brightway Manufacturing Co. · Innovation")
    consensus_table = shown.index("Evaluations")
    assert card < consensus_table  # the disagreement to moderate comes before the consensus table
    ratings = "\n".join(shown)
    for _, row in panel.disagreements.iterrows():
        assert f"{row['evaluator']} rated {row['rating']:g}" in ratings
        if isinstance(row["comment"], str):
            assert row["comment"] in ratings
    consensus = table_with(at, "Consensus")
    assert len(consensus) == len(panel.summary)
    no_apology(at)


def test_bids_tab_states_the_partial_bid_policy_and_the_tables(sample: bytes, evaluation: Evaluation) -> None:
    at = loaded(sample)
    open_tab(at, "Bids")
    bids = evaluation.bids  # with award eligibility from the scoring (issue 14)
    assert bids is not None
    assert partial_bid_policy_text(bids.settings) in [plain(e.value) for e in at.info]
    assert len(at.get("vega_lite_chart")) == 1
    items = table_with(at, "Best price")
    assert list(items["Item"]) == list(bids.items.index.astype(str))
    # who has the best price is next to the item, not after a column per supplier
    assert list(items.columns[:4]) == ["Item", "Description", "Best price", "Cheaper but not eligible"]
    # no outliers in the sample: the empty "Possible errors" column is named under the table instead
    assert "Possible errors" not in items.columns
    assert any("Possible errors" in c.value and "Not shown" in c.value for c in at.main.caption)
    # the best price among the suppliers that can be awarded; a disqualified one never wins a line
    assert list(items["Best price"]) == bids.best_eligible()[0]
    assert not items["Best price"].fillna("").str.contains("Hanoi").any()
    totals = table_with(at, f"Total cost of ownership ({bids.base_currency})")
    assert totals.set_index("Supplier")[f"Total cost of ownership ({bids.base_currency})"].to_dict() == (
        pytest.approx(bids.suppliers["total_cost"].to_dict())
    )
    assert table_with(at, "Scenario")["Scenario"].tolist() == bid_tables(bids)[2].frame["Scenario"].tolist()
    no_apology(at)


def test_a_failing_analysis_apologises_in_its_tab_and_the_page_keeps_working(
    sample: bytes, leaders: tuple[str, str], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("a bug in the sensitivity analysis")

    monkeypatch.setattr(pipeline, "sensitivity", broken)
    at = loaded(sample)
    open_tab(at, "How robust is the ranking?")
    assert not at.exception
    assert [e.value for e in at.error] == [steps.APOLOGY.format(what="working out how robust the ranking is")]
    assert metric(at, "Leader") == leaders[0]  # the rest of the page is there
    assert "a bug in the sensitivity analysis" in caplog.text


def test_without_bid_and_evaluation_sheets_their_criteria_are_left_out_and_their_tabs_go(
    sample: bytes,
) -> None:
    data = without_sheets(sample, "Bids", "FX rates", "Evaluations")
    config = load_preset("default")
    at = started()
    at.file_uploader(key="upload").upload("no-bids.xlsx", data, XLSX)
    at.run()
    assert not at.exception
    # with no sheet to calculate them from and no column that might hold them, the panel-rated
    # criteria are left out (said in the banner), not asked for
    assert not [box.key for box in at.selectbox if box.key and box.key.startswith("mapping.pick.")]
    assert metric(at, "Leader")
    banner = " ".join(plain(i.value) for i in at.info)
    for criterion in (c for c in config.criteria if c.panel):
        assert criterion.label in banner
    labels = [tab.label for tab in at.tabs]
    assert "Bids" not in labels and "Evaluator panel" not in labels
    assert "How robust is the ranking?" in labels
