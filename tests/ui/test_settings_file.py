"""Settings files: loaded, wrong, carried with the buyer's columns and moderation."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from scorecard.config import config_to_yaml, load_preset, parse_config_text
from scorecard.errors import ScorecardError
from scorecard.export import write_scored_workbook
from scorecard.pipeline import Evaluation, evaluate_file
from scorecard.ui.settings import PageSettings
from tests.ui.apptest import (
    QUALITY_WEIGHT,
    SAMPLE,
    WEIGHT,
    loaded,
    metric,
    open_tab,
    plain,
    started,
    table_with,
)


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
