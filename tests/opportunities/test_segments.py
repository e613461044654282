"""Segments: performance x importance, unknown importance kept unknown, knocked-out suppliers not segmented."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from opportunities.cases import FIELD, LINEAR_CONFIG, fired, placed, run, shares, supplier
from scorecard.opportunities import (
    Scale,
    importance_columns,
    settings_for,
)
from scorecard.tables import gap_frame, plan_sentences


@pytest.mark.parametrize(
    ("performance", "share", "segment"),
    [
        (65.0, 25.0, "strategic_partner"),  # exactly on both thresholds
        (64.9, 25.0, "develop"),
        (65.0, 24.9, "leverage"),
        (50.0, 24.9, "maintain"),
        (49.9, 24.9, "exit"),
        (30.0, 40.0, "develop"),  # an important supplier is developed, never exited by the grid
        (80.0, None, "unknown"),
    ],
)
def test_segment_assignment_at_the_thresholds(performance: float, share: float | None, segment: str) -> None:
    records = {"Case": supplier(performance, performance, performance, None, performance, performance)}
    outcome, result, _ = run(records, shares({"Case": share}))
    key, importance = placed(outcome, "Case")
    assert result.performance[0] == pytest.approx(performance)
    assert key == segment
    if share is None:
        assert math.isnan(importance)
    else:
        assert importance == pytest.approx(2 * share)


def test_unknown_importance_stays_unknown_and_importance_rules_do_not_fire() -> None:
    weak = supplier(quality=30, sustainability=20)
    outcome, _, _ = run({"Known": weak, "Unknown": weak}, shares({"Known": 40.0}))
    key, importance = placed(outcome, "Unknown")
    assert math.isnan(importance) and key == "unknown"
    assert placed(outcome, "Known")[1] == pytest.approx(80)
    assert fired(outcome, "Known", "sustainability_corrective_plan")
    assert not fired(outcome, "Unknown", "sustainability_corrective_plan")
    assert not fired(outcome, "Unknown", "consolidate_or_exit")
    assert any("Unknown" in note and "unknown" in note for note in outcome.notes)
    outcome, _, _ = run({"Known": weak}, None)
    assert outcome.segment_keys.tolist() == ["unknown"]


def test_importance_weights_only_columns_with_data_and_matches_synonyms() -> None:
    importance = pd.DataFrame(
        {
            "Annual spend (EUR)": [1_000_000.0, 250_000.0, None],
            "Business criticality": ["High", "Low", "Critical!"],
            "Sole source": [True, "No", None],
        },
        index=["A", "B", "C"],
    )
    records = {name: supplier() for name in "ABC"}
    outcome, _, _ = run(records, importance)
    points = outcome.importance_points
    assert points["spend_share"].isna().all()  # the sheet has no share-of-spend column
    assert points.loc["A"].dropna().tolist() == [100.0, 100.0, 100.0]
    assert points.loc["B", "annual_spend"] == 25.0 and points.loc["B", "single_source"] == 0.0
    assert placed(outcome, "A")[1] == pytest.approx(100)
    assert placed(outcome, "B")[1] == pytest.approx((25 * 25 + 30 * 0 + 20 * 0) / 75)  # share-of-spend absent
    assert math.isnan(placed(outcome, "C")[1])  # no usable value at all: unknown, not 0
    warning = next(f for f in outcome.findings if f.value == "Critical!")
    assert warning.column == "Business criticality" and "treated as no data" in warning.action
    assert warning.message == (
        "Criticality for C cannot be placed on the importance scale (High = 100, Medium = 50, Low = 0)."
    )


def test_importance_numbers_are_read_as_the_clean_stage_reads_a_criterion() -> None:
    """Review finding F5: "€3,100,000" (the largest spender) was 'cannot be placed', so every other supplier
    was measured against the second largest. Now spend text is read like any amount on the sheet."""
    importance = pd.DataFrame(
        {"Annual spend (EUR)": ["€3,100,000", 1_550_000.0, "775,000", "-5", "n/a"]}, index=list("ABCDE")
    )
    records = {name: supplier() for name in "ABCDE"}
    outcome, _, _ = run(records, importance)
    spend = outcome.importance_points["annual_spend"]
    assert spend[["A", "B", "C"]].tolist() == [100.0, 50.0, 25.0]  # 3.1M, 1.55M and 0.775M of 3.1M
    assert spend[["D", "E"]].isna().all()  # a negative spend is off the relative scale; "n/a" is no data
    (off_scale,) = [f for f in outcome.findings if "cannot be placed" in f.message]
    assert off_scale.value == "-5" and "treated as no data" in off_scale.action
    assert any("written as text" in f.message for f in outcome.findings)  # how the text was read is said


@pytest.mark.parametrize(
    ("scale", "words"),
    [
        (Scale("linear", worst=0, best=50), "0 or worse scores 0, 50 or better scores 100, linear between"),
        (Scale("relative"), "the largest value among the suppliers scores 100, others in proportion"),
        (Scale("categorical", points=(("Yes", 100), ("No", 0))), "Yes = 100, No = 0"),
    ],
)
def test_a_scale_in_words_for_the_warning_on_a_value_it_cannot_place(scale: Scale, words: str) -> None:
    assert scale.describe() == words


def test_importance_columns_tell_the_lead_what_to_read() -> None:
    specs = importance_columns(settings_for(LINEAR_CONFIG))
    assert [(s.key, s.kind) for s in specs] == [
        ("annual_spend", "money"),
        ("spend_share", "percent"),
        ("criticality", "text"),
        ("single_source", "yes_no"),
    ]
    assert "Single-source" in specs[3].synonyms


def test_knocked_out_supplier_is_listed_but_not_segmented_or_offered_opportunities() -> None:
    records = {**FIELD, "Out": supplier(quality=5, sustainability=95)}  # fails quality_score >= 10
    outcome, _, _ = run(records, shares({"Out": 40.0, "Anchor": 40.0}))
    assert placed(outcome, "Out")[0] == "not_segmented"  # a code: its name and status are the tables'
    assert not outcome.result.qualified[outcome.result.suppliers.index("Out")]
    assert "Out" not in {m.supplier for m in outcome.matches}
    plan = outcome.plans["Out"]
    assert gap_frame(plan).empty and "disqualified" in plan_sentences(plan, outcome.result)[0]
