"""Reading ratings: blanks are not rated, bad cells and unknown names are reported with their row, nobody rated follows the policy."""

from __future__ import annotations

import math

import pytest

from scorecard.errors import Severity
from scorecard.panel import (
    apply_panel,
    panel_consensus,
)
from scorecard.score import score
from scorecard.suppliers import SupplierTable
from tests.panel.data import SHEET, SUPPLIERS, load, long_sheet, pair, run


def test_blank_is_not_rated_never_zero() -> None:
    rows = [
        ("Anna", "Acme Ltd", "Innovation", 4),
        ("Ben", "Acme Ltd", "Innovation", None),
        ("Cleo", "Acme Ltd", "Innovation", "  "),
        ("Dev", "Acme Ltd", "Innovation", "N/A"),
        ("Eve", "Acme Ltd", "Innovation", 2),
    ]
    result = run(rows)
    # (4 + 2) / 2 = 3; had the blanks counted as 0 it would be 6 / 5 = 1.2
    assert result.consensus.loc["Acme Ltd", "innovation"] == 3
    assert pair(result, "Acme Ltd", "innovation")["count"] == 2
    assert not [f for f in result.findings if f.row in (3, 4, 5)]
    # a real 0 is a rating
    result = run([("Anna", "Acme Ltd", "Innovation", 0), ("Eve", "Acme Ltd", "Innovation", 2)])
    assert result.consensus.loc["Acme Ltd", "innovation"] == 1


def test_ratings_outside_the_scale_and_unreadable_are_warned_and_not_used() -> None:
    rows = [
        ("Anna", "Acme Ltd", "Innovation", 5),
        ("Ben", "Acme Ltd", "Innovation", -1),
        ("Cleo", "Acme Ltd", "Innovation", "great"),
        ("Dev", "Acme Ltd", "Innovation", 2),
    ]
    result = run(rows)
    assert result.consensus.loc["Acme Ltd", "innovation"] == 2
    warned = {f.row for f in result.findings if f.severity == Severity.WARNING}
    assert {2, 3, 4} <= warned
    outside = next(f for f in result.findings if f.row == 2)
    assert "outside the scale" in outside.message and outside.column == "Rating" and outside.sheet == SHEET


def test_descriptor_words_are_read_as_their_points() -> None:
    rows = [
        ("Anna", "Acme Ltd", "Innovation", "Good"),
        ("Ben", "Acme Ltd", "Innovation", "1 - Poor"),
        ("Cleo", "Acme Ltd", "Innovation", "2,5"),
    ]
    result = run(rows)
    # Good = 3, Poor = 1, 2,5 = 2.5 -> (3 + 1 + 2.5) / 3
    assert result.consensus.loc["Acme Ltd", "innovation"] == pytest.approx(6.5 / 3)


def test_duplicate_rating_by_the_same_evaluator_is_warned_and_the_later_one_used() -> None:
    rows = [
        ("Anna", "Acme Ltd", "Innovation", 1),
        ("Ben", "Acme Ltd", "Innovation", 3),
        ("ANNA ", "acme ltd", "innovation", 2),
    ]
    result = run(rows)
    # Anna's later 2 replaces her 1: (3 + 2) / 2
    assert result.consensus.loc["Acme Ltd", "innovation"] == 2.5
    duplicate = next(f for f in result.findings if "twice" in f.message)
    assert duplicate.severity == Severity.WARNING and duplicate.row == 4 and "row 2" in duplicate.message


def test_unknown_supplier_and_criterion_are_reported_with_their_row() -> None:
    rows = [
        ("Anna", "Acme Ltd", "Innovation", 3),
        ("Anna", "Acme Ltda", "Innovation", 1),
        ("Anna", "Borealis GmbH", "Inovation", 1),
        ("Anna", "Cobalt SA", "Price", 4),
    ]
    result = run(rows)
    by_row = {f.row: f for f in result.findings if f.severity == Severity.ERROR}
    assert set(by_row) == {3, 4, 5}
    assert by_row[3].value == "Acme Ltda" and by_row[3].column == "Supplier" and by_row[3].sheet == SHEET
    assert 'Did you mean "Acme Ltd"' in by_row[3].message
    assert by_row[4].value == "Inovation" and 'Did you mean "Innovation"' in by_row[4].message
    assert "not panel-rated" in by_row[5].message and "panel: true" in by_row[5].action
    # and none of them was counted anywhere
    assert len(result.ratings) == 1


def test_a_supplier_named_with_its_legal_form_spelled_out_is_found_and_said() -> None:
    rows = [("Anna", "Acme Ltd", "Innovation", 3), ("Ben", "ACME Limited", "Innovation", 1)]
    result = run(rows)
    assert len(result.ratings) == 2 and not [f for f in result.findings if f.severity == Severity.ERROR]
    (said,) = [f for f in result.findings if f.value == "ACME Limited"]
    assert said.severity == Severity.INFO and "read as Acme Ltd" in said.message and said.sheet == SHEET


def test_ratings_for_a_criterion_the_settings_do_not_score_are_one_warning_with_their_rows() -> None:
    # a panel sheet kept for another preset: 'Sustainability' is rated on 6 rows the settings do not score
    rows = [("Anna", "Acme Ltd", "Innovation", 3)]
    rows += [(who, name, "Sustainability", 2) for who in ("Anna", "Ben") for name in SUPPLIERS]
    rows += [("Ben", "Acme Ltd", "Inovation", 1), ("Cleo", "Acme Ltd", "Inovation", 2)]
    result = run(rows)
    unscored = [f for f in result.findings if f.value == "Sustainability"]
    assert len(unscored) == 1
    finding = unscored[0]
    assert finding.severity == Severity.WARNING and finding.row is None and finding.column == "Criterion"
    assert "6 rows" in finding.message and "rows 3-8" in finding.message
    assert "Panel-rated criteria" in finding.message and "panel: true" in finding.action
    # a typo of a panel criterion stays an error, once, with its rows
    typo = [f for f in result.findings if f.value == "Inovation"]
    assert len(typo) == 1 and typo[0].severity == Severity.ERROR
    assert 'Did you mean "Innovation"' in typo[0].message and "rows 9 and 10" in typo[0].message
    assert len(result.ratings) == 1


def test_names_match_ignoring_case_spacing_and_punctuation() -> None:
    rows = [
        ("Anna", "  ACME   ltd ", "responsiveness (0-4)", 3),
        ("Ben", "acmeltd", "SERVICE-responsiveness", 1),
        ("Cleo", "Acme Ltd", "responsiveness", 2),
    ]
    result = run(rows)
    assert pair(result, "Acme Ltd", "responsiveness")["count"] == 3
    assert not [f for f in result.findings if f.severity == Severity.ERROR]


def test_a_supplier_nobody_rated_follows_the_criterion_missing_policy() -> None:
    config, panel_settings = load()
    rows = [
        ("Anna", "Acme Ltd", "Responsiveness", 4),
        ("Ben", "Acme Ltd", "Responsiveness", 2),
        ("Anna", "Borealis GmbH", "Responsiveness", 1),
        ("Anna", "Acme Ltd", "Innovation", 2),
        ("Anna", "Borealis GmbH", "Innovation", 4),
    ]
    result = panel_consensus(long_sheet(rows), panel_settings, config.criteria, SUPPLIERS, sheet=SHEET)
    assert math.isnan(result.consensus.loc["Cobalt SA", "responsiveness"])
    assert math.isnan(result.consensus.loc["Cobalt SA", "innovation"])
    assert any("Cobalt SA" in f.message and "Responsiveness" in f.message for f in result.findings)

    table = SupplierTable.from_records({s: {"price": 100.0} for s in SUPPLIERS})
    table, _ = apply_panel(table, result)
    scored = score(table, config)
    i, cobalt = scored.index_of("Acme Ltd"), scored.index_of("Cobalt SA")
    resp, innov = scored.criterion_index("responsiveness"), scored.criterion_index("innovation")
    # Acme: consensus (4 + 2) / 2 = 3 -> linear 0..4 -> 75; Borealis 1 -> 25
    assert scored.scores[i, resp] == pytest.approx(75)
    # responsiveness is `neutral`: Cobalt gets the average of those with data, (75 + 25) / 2 = 50
    assert scored.scores[cobalt, resp] == pytest.approx(50)
    # innovation is `worst`: Cobalt scores 0, and both are flagged missing
    assert scored.scores[cobalt, innov] == 0
    assert scored.missing[cobalt, resp] and scored.missing[cobalt, innov]
    assert not scored.missing[i, resp]
