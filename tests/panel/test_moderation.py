"""Moderation kept: the panel's agreed rating replaces the consensus, is shown beside the original
ratings, and survives the settings file (so an evaluation can be reopened as it was left); the
consensus handed to the supplier table replaces sheet values and says so."""

from __future__ import annotations

import math

import pytest

from scorecard.config import ConfigError, config_to_yaml, parse_config, parse_config_text
from scorecard.errors import Severity
from scorecard.panel import (
    apply_panel,
)
from scorecard.suppliers import SupplierTable
from scorecard.tables import panel_tables
from tests.panel.data import SHEET, SUPPLIERS, config_data, pair, run


def test_apply_panel_replaces_sheet_values_and_says_so() -> None:
    result = run([("Anna", "Acme Ltd", "Innovation", 3), ("Ben", "Acme Ltd", "Innovation", 2)])
    table = SupplierTable.from_records(
        {
            "Acme Ltd": {"price": 1.0, "innovation": 4},
            "Borealis GmbH": {"price": 2.0, "innovation": 1},
            "Cobalt SA": {"price": 3.0, "innovation": None},
        }
    )
    new, findings = apply_panel(table, result)
    assert new.values.loc["Acme Ltd", "innovation"] == 2.5
    assert math.isnan(new.values.loc["Borealis GmbH", "innovation"])
    assert "responsiveness" in new.values.columns
    assert table.values.loc["Acme Ltd", "innovation"] == 4  # the input is not changed
    assert {f.value for f in findings} == {"4", "1"}
    borealis = next(f for f in findings if f.value == "1")
    assert "nobody on the panel rated" in borealis.message and "missing-value policy" in borealis.action


ROWS = [
    ("Anna", "Acme Ltd", "Innovation", 1, "No roadmap shared"),
    ("Ben", "Acme Ltd", "Innovation", 4, "Strong R&D"),
    ("Anna", "Cobalt SA", "Innovation", 2),
    ("Ben", "Cobalt SA", "Innovation", 3),
]
AGREED = {
    "supplier": "acme ltd",
    "criterion": "Innovation",
    "rating": 3,
    "reason": "Roadmap seen in the meeting",
}


def test_moderated_rating_replaces_the_consensus_and_keeps_the_original() -> None:
    before = run(ROWS)
    after = run(ROWS, {"moderation": [AGREED]})
    # computed another way: (1 + 4) / 2 before; the agreed 3 after
    assert before.consensus.loc["Acme Ltd", "innovation"] == pytest.approx(2.5)
    assert after.consensus.loc["Acme Ltd", "innovation"] == 3
    assert after.consensus.loc["Cobalt SA", "innovation"] == pytest.approx(2.5)  # untouched
    row = pair(after, "Acme Ltd", "innovation")
    assert (row["panel_consensus"], row["moderated"], row["reason"]) == (
        2.5,
        3,
        "Roadmap seen in the meeting",
    )
    assert row["flagged"] and after.moderated_count == 1 and before.moderated_count == 0


def test_report_tables_show_moderation_beside_the_original_ratings() -> None:
    evaluations, disagreements = panel_tables(run(ROWS, {"moderation": [AGREED]}))
    acme = evaluations.frame[evaluations.frame["Supplier"] == "Acme Ltd"]
    acme = acme[acme["Criterion"] == "Innovation"].iloc[0]
    assert acme["Consensus"] == 3 and acme["Consensus before moderation"] == 2.5
    assert acme["To moderate"] == "Moderated" and acme["Moderated rating"] == 3
    assert (acme["Rating: Anna"], acme["Rating: Ben"]) == (1, 4)
    assert acme["Reason for the moderated rating"] == "Roadmap seen in the meeting"
    shown = disagreements.frame[
        ["Evaluator", "Rating", "Moderated rating", "Reason for the moderated rating"]
    ]
    assert shown.values.tolist() == [
        ["Anna", 1.0, 3.0, "Roadmap seen in the meeting"],
        ["Ben", 4.0, 3.0, "Roadmap seen in the meeting"],
    ]
    assert any("Moderated: 1" in line for line in evaluations.intro)


def test_settings_file_round_trip_keeps_moderation() -> None:
    config = parse_config(config_data({"moderation": [AGREED]}), "test settings")
    text = config_to_yaml(config)
    assert "moderation:" in text and "Roadmap seen in the meeting" in text
    again = parse_config_text(text.encode(), "settings.yaml")
    (kept,) = again.section("panel").moderation
    assert (kept.supplier, kept.criterion, kept.rating) == ("acme ltd", "innovation", 3.0)
    assert again == config


@pytest.mark.parametrize(
    ("entry", "words"),
    [
        ({**AGREED, "rating": 5}, "cannot be above 4"),
        ({**AGREED, "criterion": "Price"}, "not a panel-rated criterion"),
        ({**AGREED, "reason": " "}, "reason"),
        ({k: v for k, v in AGREED.items() if k != "reason"}, "`panel.moderation[0].reason` is missing"),
    ],
)
def test_bad_moderation_entries_name_the_setting(entry: dict, words: str) -> None:
    with pytest.raises(ConfigError) as error:
        parse_config(config_data({"moderation": [entry]}), "test settings")
    assert words in str(error.value) and "moderation" in str(error.value)


def test_a_moderated_rating_for_an_unknown_supplier_is_reported_not_applied() -> None:
    result = run(ROWS, {"moderation": [{**AGREED, "supplier": "Acme Ltda"}]})
    assert result.consensus.loc["Acme Ltd", "innovation"] == pytest.approx(2.5)
    (finding,) = [f for f in result.findings if "moderated rating" in f.message]
    assert finding.severity is Severity.WARNING and finding.sheet == SHEET
    assert "Acme Ltd" in finding.action  # the suggestion names the close match
    assert not math.isnan(result.consensus.loc["Cobalt SA", "innovation"]) and len(SUPPLIERS) == 3
