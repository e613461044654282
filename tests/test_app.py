"""The page's wiring, driven headless with Streamlit's AppTest: upload, weigh, rank, bad files, settings files.

Expected leaders and messages are computed with the core on the same inputs,
so these tests check that the page shows what the pipeline decided (and that
a weight change re-scores without re-reading), not a copy of its numbers.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from scorecard import pipeline
from scorecard.config import config_to_yaml, load_preset, parse_config_text, preset_paths
from scorecard.errors import ScorecardError
from scorecard.export import write_scored_workbook
from scorecard.pipeline import Evaluation, evaluate_file
from scorecard.read import read_workbook
from scorecard.report import ReportTable
from scorecard.tables import leader_sentence
from scorecard.ui import settings as page_settings
from scorecard.ui import steps
from scorecard.ui.results import FITS_ON_SCREEN, without_quiet_columns
from scorecard.ui.settings import PageSettings, column_settings_key, shares_in_percent

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
SAMPLE = ROOT / "sample_data" / "sample_event.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WEIGHT = "weight.category.quality"
# the weight change the tests make: quality from the preset's 25 to 70 moves the sample's leader
QUALITY_WEIGHT = 70.0


@pytest.fixture(autouse=True)
def fresh_caches() -> Iterator[None]:
    """Each test starts with empty caches, so call counts and timings do not leak between tests."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture(scope="module")
def sample() -> bytes:
    return SAMPLE.read_bytes()


@pytest.fixture(scope="module")
def leaders(sample: bytes) -> tuple[str, str]:
    """The sample's leader with the default preset, and with the tests' cost weight (they must differ)."""
    config = load_preset("default")
    before = evaluate_file(sample, SAMPLE.name, config).result.leader
    after = evaluate_file(sample, SAMPLE.name, config.with_weights({"quality": QUALITY_WEIGHT})).result.leader
    assert before and after and before != after, "the sample no longer changes leader with this weight"
    return before, after


def started() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    return at


def loaded(sample: bytes) -> AppTest:
    at = started()
    at.file_uploader(key="upload").upload(SAMPLE.name, sample, XLSX)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metric(at: AppTest, label: str) -> str:
    return next(plain(m.value) for m in at.metric if m.label == label)  # values may hold file text


def no_apology(at: AppTest) -> None:
    """An apology means an unexpected exception was caught: in a test that is a bug."""
    assert not any("Sorry, something went wrong" in e.value for e in at.error), [e.value for e in at.error]


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    """The one table on the page that has this column (st.dataframe keeps no key without selections)."""
    frames = [frame.value for frame in at.dataframe if column in frame.value.columns]
    assert len(frames) == 1, f"{len(frames)} tables with a {column!r} column"
    return frames[0]


def open_tab(at: AppTest, label: str) -> None:
    """Tabs run lazily: select one the way the browser does (its state), then rerun."""
    at.session_state["tabs"] = label
    at.run()
    assert not at.exception, [e.value for e in at.exception]


def plain(markdown: str) -> str:
    """Markdown as the buyer reads it (our escapes removed)."""
    return markdown.replace("\\", "")


# --------------------------------------------------------------------------- first screen


def test_first_screen_offers_upload_sample_and_template() -> None:
    at = started()
    assert at.title[0].value == "Scorecard"
    uploader = at.file_uploader(key="upload")
    assert set(uploader.allowed_type) >= {".xlsx", ".xlsm", ".csv"}
    assert at.button(key="sample").label == "Try it with the sample data"
    labels = [e.proto.label for e in at.get("download_button")]
    assert "Download the blank template" in labels
    assert not at.metric  # nothing is scored before there is a file
    assert not at.error


def test_sidebar_shows_the_preset_its_description_and_shares_adding_to_100() -> None:
    at = started()
    preset = load_preset("default")
    assert at.selectbox(key="preset").value == "default"
    captions = [c.value for c in at.sidebar.caption]
    assert preset.description in [plain(c) for c in captions]  # shown escaped: it comes from a file
    assert "All categories together: 100.0%" in captions
    cost_share = shares_in_percent(preset.category_shares())["cost"]
    assert f"Cost: **{cost_share:.1f}%** of the total" in captions


# --------------------------------------------------------------------------- upload, rank, weigh


def test_uploading_the_sample_shows_the_leader_and_its_margin(
    sample: bytes, leaders: tuple[str, str]
) -> None:
    at = loaded(sample)
    evaluation = evaluate_file(sample, SAMPLE.name, load_preset("default"))
    result = evaluation.result
    assert metric(at, "Leader") == leaders[0]
    assert (
        plain(at.success[0].value) == leader_sentence(result, evaluation.first_place) == evaluation.headline
    )
    assert metric(at, "Lead over 2nd") == result.lead.points
    assert (
        metric(at, "Suppliers ranked")
        == f"{int((result.ranks == result.ranks).sum())} of {len(result.suppliers)}"
    )
    no_apology(at)


def test_the_sample_button_scores_the_sample(leaders: tuple[str, str]) -> None:
    at = started()
    at.button(key="sample").click()
    at.run()
    assert not at.exception
    assert metric(at, "Leader") == leaders[0]
    assert any("(sample data)" in m.value for m in at.markdown)  # the folded file line


def test_changing_a_weight_changes_the_leader_without_reading_the_file_again(
    sample: bytes, leaders: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = {"read": 0, "prepare": 0}
    real_read, real_prepare = steps.read_workbook, steps.prepare

    def counting_read(*args: object, **kwargs: object) -> object:
        calls["read"] += 1
        return real_read(*args, **kwargs)

    def counting_prepare(*args: object, **kwargs: object) -> object:
        calls["prepare"] += 1
        return real_prepare(*args, **kwargs)

    monkeypatch.setattr(steps, "read_workbook", counting_read)
    monkeypatch.setattr(steps, "prepare", counting_prepare)
    at = loaded(sample)
    assert metric(at, "Leader") == leaders[0]
    at.slider(key=WEIGHT).set_value(QUALITY_WEIGHT)
    at.run()
    assert not at.exception
    assert metric(at, "Leader") == leaders[1]
    assert leaders[1] in plain(at.success[0].value)
    assert calls == {"read": 1, "prepare": 1}
    # the shares follow the sliders and still add up to 100%
    captions = [c.value for c in at.sidebar.caption]
    assert "All categories together: 100.0%" in captions


def test_reset_puts_the_presets_weights_back(sample: bytes, leaders: tuple[str, str]) -> None:
    at = loaded(sample)
    at.slider(key=WEIGHT).set_value(QUALITY_WEIGHT)
    at.run()
    assert metric(at, "Leader") == leaders[1]
    at.button(key="reset").click()
    at.run()
    assert at.slider(key=WEIGHT).value == load_preset("default").category("quality").weight
    assert metric(at, "Leader") == leaders[0]


def test_knockouts_off_ranks_every_supplier(sample: bytes) -> None:
    at = loaded(sample)
    before = metric(at, "Suppliers ranked")
    at.toggle(key="knockouts").set_value(False)
    at.run()
    config = load_preset("default")
    result = evaluate_file(sample, SAMPLE.name, config.with_weights()).result
    assert before != metric(at, "Suppliers ranked")
    assert metric(at, "Suppliers ranked") == f"{len(result.suppliers)} of {len(result.suppliers)}"


def test_all_weights_zero_says_what_to_do(sample: bytes) -> None:
    preset = load_preset("default")
    with pytest.raises(ScorecardError) as expected:
        preset.with_weights(dict.fromkeys((c.key for c in preset.categories), 0))
    at = loaded(sample)
    for category in preset.categories:
        at.slider(key=f"weight.category.{category.key}").set_value(0.0)
    at.run()
    assert not at.exception
    assert any(str(expected.value) in plain(e.value) for e in at.main.error)
    assert not at.metric


def test_choosing_another_preset_scores_with_it(sample: bytes) -> None:
    at = loaded(sample)
    at.selectbox(key="preset").set_value("indirect_spend")
    at.run()
    assert not at.exception
    preset = load_preset("indirect_spend")
    assert preset.description in [plain(c.value) for c in at.sidebar.caption]
    no_apology(at)


def test_a_column_picked_under_one_preset_does_not_follow_to_another(sample: bytes) -> None:
    """The settings stay loadable: a pick for a criterion the new preset lacks is dropped."""
    at = loaded(sample)
    at.session_state["mapping.overrides"] = {"defect_rate": "Defect rate (ppm)"}
    at.selectbox(key="preset").set_value("indirect_spend")
    at.run()
    assert not at.exception
    assert "defect_rate" not in {c.key for c in load_preset("indirect_spend").criteria}
    # the sample's Evaluations sheet rates criteria this preset lacks (panel errors, listed in Data
    # quality); what must not appear is a refusal of the dropped pick
    assert not [e.value for e in at.error if "map a column" in e.value or "defect_rate" in e.value]
    no_apology(at)


# --------------------------------------------------------------------------- tabs


def test_knocked_out_suppliers_are_listed_apart_with_their_reasons(sample: bytes) -> None:
    at = loaded(sample)
    result = evaluate_file(sample, SAMPLE.name, load_preset("default")).result
    expected = {
        result.suppliers[i]: result.status(i)
        for i in range(len(result.suppliers))
        if result.rank_of(i) is None
    }
    assert expected, "the sample should have knocked-out suppliers"
    unranked = table_with(at, "Score (for information)")
    assert dict(zip(unranked["Supplier"], unranked["Status"], strict=True)) == expected
    ranked = table_with(at, "Band")
    assert list(ranked["Supplier"]) == [s for s in result.ranking["Supplier"] if s not in expected]


def test_compare_explains_the_gap_between_the_leader_and_the_runner_up(sample: bytes) -> None:
    at = loaded(sample)
    open_tab(at, "Compare")
    result = evaluate_file(sample, SAMPLE.name, load_preset("default")).result
    first, second = list(result.ranking["Supplier"][:2])
    assert at.multiselect(key="compare.suppliers").value == [first, second]
    assert plain(at.subheader[0].value) == f"Why {first} ranks above {second}"
    gap = table_with(at, "Difference")
    total = gap[gap["Criterion"] == "Total"].iloc[0]
    expected = result.totals[result.index_of(first)] - result.totals[result.index_of(second)]
    assert total["Difference"] == pytest.approx(expected, abs=1e-9)


def test_the_buyers_comparison_survives_a_weight_change(sample: bytes) -> None:
    at = loaded(sample)
    open_tab(at, "Compare")
    names = at.multiselect(key="compare.suppliers").options
    at.multiselect(key="compare.suppliers").set_value([names[4], names[2], names[3]])
    at.run()
    at.slider(key=WEIGHT).set_value(QUALITY_WEIGHT)
    at.run()
    assert at.multiselect(key="compare.suppliers").value == [names[4], names[2], names[3]]
    open_tab(at, "Ranking")
    open_tab(at, "Compare")  # and a trip to another tab, where the widget is not drawn
    assert at.multiselect(key="compare.suppliers").value == [names[4], names[2], names[3]]
    # with three suppliers, the buyer picks which two to explain; by default the two best of them
    result = evaluate_file(
        sample, SAMPLE.name, load_preset("default").with_weights({"quality": QUALITY_WEIGHT})
    ).result
    best_two = sorted([names[4], names[2], names[3]], key=lambda n: -result.totals[result.index_of(n)])[:2]
    assert [at.selectbox(key="compare.first").value, at.selectbox(key="compare.second").value] == best_two


def test_overview_and_data_quality_tabs_render(sample: bytes) -> None:
    at = loaded(sample)
    open_tab(at, "Overview")
    assert len(at.get("vega_lite_chart")) == 2  # heat map and scatter
    assert at.selectbox(key="overview.x").value == "cost"
    assert at.selectbox(key="overview.y").value == "quality"
    open_tab(at, "Data quality")
    findings = table_with(at, "What we noticed")
    evaluation = evaluate_file(sample, SAMPLE.name, load_preset("default"))
    assert len(findings) >= len(evaluation.findings)
    severity = findings["Severity"].iloc[0]
    at.multiselect(key="quality.severity").set_value([severity])
    at.run()
    assert set(table_with(at, "What we noticed")["Severity"]) == {severity}
    no_apology(at)


# --------------------------------------------------------------------------- analysis tabs


@pytest.fixture(scope="module")
def evaluation(sample: bytes) -> Evaluation:
    """The sample scored with the default preset: what the analysis tabs must show."""
    return evaluate_file(sample, SAMPLE.name, load_preset("default"))


def texts(at: AppTest) -> list[str]:
    """Every text on the main page (markdown, captions, alerts, headings), in page order, as the buyer reads it."""
    return [
        plain(node.value).replace("**", "")
        for node in at.main
        if isinstance(getattr(node, "value", None), str)
    ]


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
    assert [tab.label for tab in at.tabs] == [
        "Ranking",
        "Compare",
        "Overview",
        "How robust is the ranking?",
        "Collaboration opportunities",
        "Evaluator panel",
        "Bids",
        "Data quality",
    ]
    assert calls["sensitivity"] == 0  # the robustness tab is closed: nothing computed for it
    open_tab(at, "How robust is the ranking?")
    assert calls["sensitivity"] == 1


def test_robustness_tab_states_the_verdict_with_its_charts_and_tables(
    sample: bytes, evaluation: Evaluation
) -> None:
    at = loaded(sample)
    open_tab(at, "How robust is the ranking?")
    verdict = evaluation.sensitivity.verdict
    level = verdict.split(":", 1)[0]
    shown = {"Robust": at.success, "Sensitive": at.info, "Fragile": at.warning}[level]
    assert verdict in [plain(e.value) for e in shown]
    assert len(at.get("vega_lite_chart")) == 2  # stability and rank probabilities
    stability = table_with(at, "Stays first from")
    assert list(stability["Weight"]) == list(evaluation.sensitivity.stability.table["Weight"])
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
    assert changed.sensitivity.verdict in texts(at)
    assert metric(at, f"{leaders[1]} ranks first in")


def test_opportunities_tab_shows_segments_cards_and_a_plan(sample: bytes, evaluation: Evaluation) -> None:
    at = loaded(sample)
    open_tab(at, "Collaboration opportunities")
    found = evaluation.opportunities
    assert len(at.get("vega_lite_chart")) == 1  # the segmentation chart
    shown = texts(at)
    for rationale in found.opportunities["Rationale"]:
        assert rationale in shown
    for kind, group in found.opportunities.groupby("Type"):
        assert f"##### {kind} ({len(group)})" in shown
    # the plan of the runner-up by default, its what-ifs in sentences
    runner_up = evaluation.result.ranking["Supplier"].iloc[1]
    assert at.selectbox(key="opportunities.plan_supplier").value == runner_up
    for sentence in found.plan(runner_up).sentences:
        assert f"- {sentence}" in "\n".join(shown)
    labels = [e.proto.label for e in at.get("download_button")]
    assert f"Download {runner_up}'s plan on its own (.xlsx)" in labels
    no_apology(at)


def test_opportunity_filters_narrow_the_cards(sample: bytes, evaluation: Evaluation) -> None:
    at = loaded(sample)
    open_tab(at, "Collaboration opportunities")
    found = evaluation.opportunities.opportunities
    kind = found["Type"].iloc[-1]
    at.multiselect(key="opportunities.types").set_value([kind])
    at.run()
    shown = texts(at)
    for _, row in found.iterrows():
        assert (row["Rationale"] in shown) == (row["Type"] == kind)
    supplier = found[found["Type"] == kind]["Supplier"].iloc[0]
    other = next(name for name in found["Supplier"] if name != supplier)
    at.multiselect(key="opportunities.suppliers").set_value([other])
    at.run()
    if not ((found["Type"] == kind) & (found["Supplier"] == other)).any():
        assert "No opportunity matches these filters." in texts(at)


def test_choosing_another_supplier_shows_its_plan(sample: bytes, evaluation: Evaluation) -> None:
    at = loaded(sample)
    open_tab(at, "Collaboration opportunities")
    last = evaluation.result.ranking["Supplier"].iloc[-3]
    at.selectbox(key="opportunities.plan_supplier").set_value(last)
    at.run()
    joined = "\n".join(texts(at))
    for sentence in evaluation.opportunities.plan(last).sentences:
        assert sentence in joined


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
    assert bids.policy_text in [plain(e.value) for e in at.info]
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
    assert table_with(at, "Scenario")["Scenario"].tolist() == bids.scenarios["scenario"].tolist()
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


def without_sheets(sample: bytes, *names: str) -> bytes:
    book = load_workbook(io.BytesIO(sample))
    for name in names:
        del book[name]
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


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


# --------------------------------------------------------------------------- bad files


def test_a_pdf_renamed_xlsx_is_refused_with_its_message_not_a_traceback() -> None:
    pdf = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
    with pytest.raises(ScorecardError) as expected:
        read_workbook(pdf, "bids.xlsx")
    at = started()
    at.file_uploader(key="upload").upload("bids.xlsx", pdf, XLSX)
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [str(expected.value)]
    assert not at.metric


def test_a_sheet_without_suppliers_says_what_to_add() -> None:
    data = b"Item,Quantity\nBolt,100\nNut,200\n"
    at = started()
    at.file_uploader(key="upload").upload("items.csv", data, "text/csv")
    at.run()
    assert not at.exception
    assert any("looks like a supplier list" in e.value for e in at.error)
    no_apology(at)


def test_an_unexpected_error_gets_an_apology_not_a_traceback(
    sample: bytes, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("a bug in the reader")

    monkeypatch.setattr(steps, "read_workbook", broken)
    at = started()
    at.file_uploader(key="upload").upload(SAMPLE.name, sample, XLSX)
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [steps.APOLOGY.format(what="reading your file")]
    assert "a bug in the reader" in caplog.text  # logged with its traceback for us, not shown to the buyer


# --------------------------------------------------------------------------- mapping step


def renamed_sample(sample: bytes, old: str, new: str) -> bytes:
    book = load_workbook(io.BytesIO(sample))
    sheet = book["Suppliers"]
    for row in sheet.iter_rows(max_row=10):
        for cell in row:
            if cell.value == old:
                cell.value = new
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_column_not_found_is_picked_by_the_buyer_then_scored(
    sample: bytes, leaders: tuple[str, str]
) -> None:
    data = renamed_sample(sample, "On-time delivery (%)", "Deliveries on time (%)")
    at = started()
    at.file_uploader(key="upload").upload("renamed.xlsx", data, XLSX)
    at.run()
    assert not at.exception
    assert not at.metric  # the page waits for the buyer's choice
    pickers = [box.key for box in at.selectbox if box.key and box.key.startswith("mapping.pick.")]
    assert pickers == ["mapping.pick.on_time_delivery"]  # only what the pipeline asked for
    picker = at.selectbox(key="mapping.pick.on_time_delivery")
    assert picker.options[0] == "Deliveries on time (%)"  # the closest match is offered first
    at.button(key="mapping.continue").click()
    at.run()
    assert not at.exception
    assert metric(at, "Leader") == leaders[0]  # same data, same ranking
    # the choice is part of the settings a buyer downloads
    settings_yaml = next(
        e for e in at.get("download_button") if e.proto.label.startswith("Download these settings")
    )
    assert settings_yaml is not None


def test_a_criterion_left_out_in_the_mapping_step_gets_weight_zero(sample: bytes) -> None:
    data = renamed_sample(sample, "Price validity (months)", "Validity of prices (months)")
    at = started()
    at.file_uploader(key="upload").upload("renamed.xlsx", data, XLSX)
    at.run()
    picker = at.selectbox(key="mapping.pick.price_validity")
    picker.set_value(picker.options[-1])  # "not in my file"
    at.button(key="mapping.continue").click()
    at.run()
    assert not at.exception
    assert at.slider(key="weight.criterion.price_validity").value == 0
    assert metric(at, "Leader")


# --------------------------------------------------------------------------- settings files


def test_a_settings_file_with_an_error_shows_its_message() -> None:
    broken = config_to_yaml(load_preset("default")).replace("weight: 35", "weight: lots", 1).encode()
    with pytest.raises(ScorecardError) as expected:
        parse_config_text(broken, "broken.yaml")
    at = started()
    at.file_uploader(key="settings_upload").upload("broken.yaml", broken, "application/x-yaml")
    at.run()
    assert not at.exception
    assert str(expected.value) in [plain(e.value) for e in at.error]
    assert at.selectbox(key="preset").value == "default"  # the page keeps working with what it had


def test_a_settings_file_with_picked_columns_scores_a_workbook_with_several_sheets(
    sample: bytes, leaders: tuple[str, str]
) -> None:
    # column overrides name supplier-sheet columns; the bid and evaluations sheets do not have them
    config = load_preset("default").with_overrides({"on_time_delivery": "On-time delivery (%)"})
    at = loaded(sample)
    at.file_uploader(key="settings_upload").upload("ours.yaml", config_to_yaml(config).encode(), "text/yaml")
    at.run()
    assert not at.exception
    assert at.selectbox(key="preset").value == "(your settings file)"
    assert not at.error, [e.value for e in at.error]
    assert metric(at, "Leader") == leaders[0]


def test_a_settings_file_becomes_the_starting_point(sample: bytes, leaders: tuple[str, str]) -> None:
    config = load_preset("default").with_weights({"quality": QUALITY_WEIGHT})
    text = config_to_yaml(config).encode()
    at = loaded(sample)
    at.file_uploader(key="settings_upload").upload("ours.yaml", text, "application/x-yaml")
    at.run()
    assert not at.exception
    assert at.slider(key=WEIGHT).value == QUALITY_WEIGHT
    assert metric(at, "Leader") == leaders[1]
    assert at.selectbox(key="preset").value == "(your settings file)"


def test_a_settings_file_problem_is_shown_at_the_top_and_hides_the_stale_results(sample: bytes) -> None:
    broken = config_to_yaml(load_preset("default")).replace("weight: 35", "weight: lots", 1).encode()
    with pytest.raises(ScorecardError) as expected:
        parse_config_text(broken, "broken.yaml")
    at = loaded(sample)
    assert metric(at, "Leader")
    at.file_uploader(key="settings_upload").upload("broken.yaml", broken, "application/x-yaml")
    at.run()
    assert not at.exception
    first = at.main.children[0]  # the first thing in the main area, above the file line and the results
    assert first.type == "error" and str(expected.value) in plain(first.value) and "hidden" in first.value
    assert not at.metric and not at.dataframe  # no ranking for settings that do not apply
    at.selectbox(key="preset").set_value("indirect_spend")  # the way out: another preset
    at.run()
    assert not at.exception
    assert not any(str(expected.value) in plain(e.value) for e in at.error)
    assert at.main.children[0].type != "error"


def test_a_weight_change_shows_who_moved_and_the_new_leader(sample: bytes, leaders: tuple[str, str]) -> None:
    at = loaded(sample)
    assert "Move" not in table_with(at, "Band").columns  # nothing to compare with yet
    at.slider(key=WEIGHT).set_value(QUALITY_WEIGHT)
    at.run()
    assert not at.exception
    config = load_preset("default")
    before = evaluate_file(sample, SAMPLE.name, config).result
    after = evaluate_file(sample, SAMPLE.name, config.with_weights({"quality": QUALITY_WEIGHT})).result
    ranked = table_with(at, "Band")
    old_rank = {s: before.rank_of(before.index_of(s)) for s in before.suppliers}
    for supplier, rank, move in zip(ranked["Supplier"], ranked["Rank"], ranked["Move"], strict=True):
        places = old_rank[supplier] - rank  # counted here from the two rankings, not from the page's module
        assert move == ("=" if places == 0 else f"▲ {places}" if places > 0 else f"▼ {-places}")
    assert any(m != "=" for m in ranked["Move"])
    notes = [plain(i.value) for i in at.main.info]
    assert any(f"the leader is now {leaders[1]} (was {leaders[0]})" in n for n in notes), notes
    # against the preset's weights, the same moves (the preset is where the slider started)
    at.toggle(key="changes.against_preset").set_value(True)
    at.run()
    assert list(table_with(at, "Band")["Move"]) == list(ranked["Move"])
    assert after.leader == leaders[1]


def test_moderation_round_trip(sample: bytes, evaluation: Evaluation) -> None:
    """Record an agreed rating: the consensus uses it, the settings file keeps it, the workbook shows it."""
    panel = evaluation.prepared.panel
    assert panel is not None
    flagged = panel.summary[panel.summary["flagged"]].iloc[0]
    supplier, key = flagged["supplier"], flagged["criterion"]
    agreed = 3.0 if flagged["consensus"] != 3 else 2.0
    at = loaded(sample)
    open_tab(at, "Evaluator panel")
    widget = f"moderation.{supplier}|{key}"
    at.text_input(key=f"{widget}.reason").input("Site visit confirmed the roadmap")
    at.number_input(key=f"{widget}.rating").set_value(agreed)
    next(b for b in at.button if b.label == "Keep this rating").click()
    at.run()
    assert not at.exception
    # the consensus shown is the agreed rating, beside the one calculated before moderation
    table = table_with(at, "Consensus before moderation")
    row = table[(table["Supplier"] == supplier) & (table["Moderated rating"].notna())].iloc[0]
    assert row["Consensus"] == agreed and row["Consensus before moderation"] == pytest.approx(
        flagged["consensus"]
    )
    assert row["To moderate"] == "Moderated"
    # the settings the page scores with (and downloads) carry it; reopening them scores the same way
    kept = at.session_state["panel.moderation"]
    settings = PageSettings.from_config(load_preset("default"))
    config = PageSettings(**{**settings.__dict__, "moderation": tuple(kept.values())}).config()
    text = config_to_yaml(config)
    assert "moderation:" in text and "Site visit confirmed the roadmap" in text
    reopened = evaluate_file(sample, SAMPLE.name, parse_config_text(text.encode(), "settings.yaml"))
    assert reopened.prepared.panel.consensus.loc[supplier, key] == agreed
    # the workbook's Evaluations and Disagreements sheets show it with the original ratings
    book = load_workbook(io.BytesIO(write_scored_workbook(reopened)), read_only=True)
    for sheet in ("Evaluations", "Disagreements to moderate"):
        cells = [c for r in book[sheet].iter_rows(values_only=True) for c in r]
        assert "Moderated rating" in cells and "Site visit confirmed the roadmap" in cells, sheet
    ratings = panel.disagreements[panel.disagreements["supplier"] == supplier]["rating"]
    cells = [c for r in book["Disagreements to moderate"].iter_rows(values_only=True) for c in r]
    assert all(r in cells for r in ratings)
    # a rating without a reason is not kept, and says why
    at.text_input(key=f"{widget}.reason").input("")
    at.number_input(key=f"{widget}.rating").set_value(1.0)
    next(b for b in at.button if b.label == "Keep this rating").click()
    at.run()
    assert any("reason" in e.value for e in at.main.error)
    assert at.session_state["panel.moderation"][f"{supplier}|{key}"].rating == agreed


# --------------------------------------------------------------------------- settings object (no Streamlit)


def test_page_settings_give_the_config_with_the_buyers_choices() -> None:
    preset = load_preset("default")
    settings = PageSettings.from_config(preset)
    assert settings.config() == preset
    changed = PageSettings(
        base=preset,
        category_weights=(("cost", 50.0),),
        criterion_weights=(("iso_9001", 0.0),),
        aggregation="topsis",
        knockouts_enabled=False,
        column_overrides=(("on_time_delivery", "OTD"),),
    )
    config = changed.config()
    assert config.category("cost").weight == 50
    assert config.criterion("iso_9001").weight == 0
    assert config.aggregation == "topsis" and not config.knockouts_enabled
    assert dict(config.column_overrides)["on_time_delivery"] == "OTD"


def test_column_key_ignores_weights_but_not_columns_or_what_counts() -> None:
    preset = load_preset("default")
    key = column_settings_key(preset)
    assert column_settings_key(preset.with_weights({"cost": 80}, {"total_cost": 5})) == key
    assert column_settings_key(preset.with_weights(criteria={"innovation": 0})) != key
    assert column_settings_key(preset.with_overrides({"on_time_delivery": "OTD"})) != key


@pytest.mark.parametrize(
    ("shares", "expected"),
    [
        ({"a": 1, "b": 1, "c": 1}, {"a": 33.4, "b": 33.3, "c": 33.3}),
        ({"a": 0.35, "b": 0.65}, {"a": 35.0, "b": 65.0}),
        ({"a": 0.0, "b": 0.0}, {"a": 0.0, "b": 0.0}),
    ],
)
def test_shown_shares_add_up_to_exactly_100(shares: dict[str, float], expected: dict[str, float]) -> None:
    assert page_settings.shares_in_percent(shares) == expected
    if any(shares.values()):
        assert round(sum(page_settings.shares_in_percent(shares).values()), 6) == 100.0


# --------------------------------------------------------------------------- presets that fit the file


@pytest.mark.parametrize("preset", [p.stem for p in preset_paths()])
def test_every_preset_ranks_the_sample_with_one_click_at_most(sample: bytes, preset: str) -> None:
    """Switching preset with the sample loaded gives a ranking: criteria without a column are left out;
    a must-have without its column is asked about once, and switching it off scores."""
    at = loaded(sample)
    at.selectbox(key="preset").set_value(preset)
    at.run()
    assert not at.exception
    no_apology(at)
    pickers = [box.key for box in at.selectbox if box.key and box.key.startswith("mapping.pick.")]
    if pickers:
        for key in pickers:
            box = at.selectbox(key=key)
            assert box.value is None or box.value in box.options  # nothing uncertain is chosen for the buyer
            box.set_value(box.options[-1])  # "not in my file: switch this must-have off / leave it out"
        at.button(key="mapping.continue").click()
        at.run()
        assert not at.exception
    assert metric(at, "Leader"), preset
    result = evaluate_file(
        sample,
        SAMPLE.name,
        load_preset(preset).without_must_haves([k.removeprefix("mapping.pick.") for k in pickers]),
    ).result
    assert metric(at, "Leader") == result.leader


def test_a_column_nobody_asked_for_can_be_added_as_a_criterion(sample: bytes) -> None:
    book = load_workbook(io.BytesIO(sample))
    sheet = book["Suppliers"]
    top = next(r for r in range(1, 20) if sheet.cell(row=r, column=1).value == "Supplier")
    width = sum(1 for cell in sheet[top] if cell.value is not None)
    sheet.cell(row=top, column=width + 1, value="Uptime (%)")
    for row in range(top + 1, sheet.max_row + 1):
        if sheet.cell(row=row, column=1).value:
            sheet.cell(row=row, column=width + 1, value=90 + row % 10)
    buffer = io.BytesIO()
    book.save(buffer)
    at = started()
    at.file_uploader(key="upload").upload("uptime.xlsx", buffer.getvalue(), XLSX)
    at.run()
    assert not at.exception
    add = at.button(key="candidate.add.uptime")
    assert add.label == "Add as a criterion"
    add.click()
    at.run()
    assert not at.exception
    no_apology(at)
    open_tab(at, "Compare")
    assert "Uptime (%)" in set(table_with(at, "Share that counted")["Criterion"])


def test_a_wide_table_leaves_out_only_columns_that_say_nothing() -> None:
    columns = {f"Figure {n}": [float(n), 2.0] for n in range(FITS_ON_SCREEN)}
    frame = pd.DataFrame(
        {"Supplier": ["A", "B"], **columns, "Freight": [0.0, 0.0], "Note": ["", None], "Duty": [0.0, 1.5]}
    )
    table = ReportTable("Wide", frame, formats=(("Freight", "money"), ("Duty", "money")))
    shown, quiet = without_quiet_columns(table)
    assert quiet == ["Freight", "Note"]
    assert list(shown.frame.columns) == ["Supplier", *columns, "Duty"]
    assert dict(shown.formats) == {"Duty": "money"}
    narrow = ReportTable("Narrow", frame[["Supplier", "Freight"]])
    assert without_quiet_columns(narrow) == (narrow, [])  # a table that fits is shown whole
