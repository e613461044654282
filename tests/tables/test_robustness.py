"""The verdict's sentence and the Sensitivity and Rank probabilities sheets, built from the robustness analysis."""

from __future__ import annotations

import pandas as pd
import pytest

from scorecard.score import score
from scorecard.sensitivity import TOPSIS_GRID, sensitivity
from scorecard.sensitivity.probabilities import PROBABILITY_COLUMNS
from scorecard.sensitivity.verdict import WeightChange
from scorecard.suppliers import SupplierTable
from scorecard.tables import (
    probabilities_method,
    robustness_tables,
    stability_method,
    status_text,
    verdict_sentence,
)
from scorecard.tables.robustness import change_text
from tests.sensitivity.problems import linear, make_config
from tests.sensitivity.test_verdict import close_race, otd_and_iso, three_suppliers


def test_report_tables_for_the_workbook() -> None:
    race = close_race()
    analysis = sensitivity(race, draws=100)
    tables = robustness_tables(analysis, race)
    assert [t.title for t in tables] == ["Sensitivity", "Rank probabilities"]
    sheet = tables[0]
    assert sheet.intro[0] == verdict_sentence(analysis.verdict)
    assert tables[1].intro[0] == sheet.intro[0]
    assert any("100 weight draws (seed 7)" in line for line in sheet.intro)
    assert {"Current share", "Stays first from", "Stays first up to"} <= set(sheet.frame.columns)
    assert sheet.format_of("Current share") == "percent"
    assert tables[1].format_of("First place") == "percent"
    # the stage holds numbers only; the sheet adds each supplier's status after its name
    assert "Status" not in analysis.probabilities.table.columns
    odds = tables[1].frame
    assert list(odds.columns) == [
        "Supplier",
        "Status",
        "Current rank",
        "First place",
        "Top 3",
        "Best rank",
        "Median rank",
        "Worst rank",
    ]
    stage = analysis.probabilities.table
    assert list(stage.columns) == list(PROBABILITY_COLUMNS)  # codes in the stage, headings in the sheet
    assert odds["First place"].equals(stage["first"])
    by_name = {name: status_text(race, i) for i, name in enumerate(race.suppliers)}
    assert list(odds["Status"]) == [by_name[name] for name in odds["Supplier"]]
    # on-time delivery is 2 points of share away from a new leader: highlighted
    highlighted = sheet.frame.loc[sheet.highlight["Change needed (pp of share)"], "Weight"].tolist()
    assert highlighted == ["On-time delivery"]
    # weight changes in percentage points, as on the page: +2.0, not +2.0% (which reads as 2% of the weight)
    otd = sheet.frame.set_index("Weight").loc["On-time delivery", "Change needed (pp of share)"]
    assert otd == pytest.approx(
        100 * analysis.stability.table.set_index("weight").loc["On-time delivery", "change"]
    )
    assert sheet.format_of("Change needed (pp of share)") == "number"
    # the stage's columns get the sheet's headings, in the stage's order, here (the key left out)
    assert list(sheet.frame.columns) == [
        "Weight",
        "Type",
        "Category",
        "Current share",
        "Stays first from",
        "Stays first up to",
        "Nearest change at",
        "Change needed (pp of share)",
        "Taken over below by",
        "Taken over above by",
        "Note",
    ]
    assert list(tables[1].frame["Supplier"]) == ["Acme", "Beta"]


def test_the_verdict_names_the_criterion_that_flips_a_close_race() -> None:
    sentence = verdict_sentence(sensitivity(close_race(), draws=500).verdict)
    assert sentence.startswith(
        "Fragile: Beta takes first place if the On-time delivery weight rises above 12% (now 10%, a change of +2.0 pp)"
    )
    assert "Acme ranks first in" in sentence
    assert "odds are high" not in sentence


def test_a_robust_verdict_names_the_two_nearest_changes() -> None:
    analysis = sensitivity(three_suppliers(), draws=500)
    sentence = verdict_sentence(analysis.verdict)
    nearest = analysis.stability.table.iloc[0]
    assert sentence.startswith("Robust: Acme stays first unless the ")
    assert f"the {nearest['weight']} weight" in sentence
    assert " or the " in sentence
    assert sentence.endswith("; Acme ranks first in 100% of 500 weight draws (each weight ±25%).")


@pytest.mark.parametrize(
    ("iso_weight", "expected"),
    [
        (
            1,
            "Robust: Acme stays first unless the On-time delivery weight falls to 0% (now 50%, a change of "
            "-50.0 pp) or the ISO 9001 weight rises to 100% (now 50%, a change of +50.0 pp)",
        ),
        (
            49,
            # with two criteria, ISO 9001 rising to 100% is on-time delivery falling to 0%
            "Fragile: Acme only shares first place with Beta and Corvid if the On-time delivery weight falls "
            "to 0% (now 2%, a change of -2.0 pp)",
        ),
    ],
)
def test_the_verdict_when_the_lead_is_only_lost_to_a_tie_at_the_end_of_the_range(
    iso_weight: int, expected: str
) -> None:
    assert verdict_sentence(sensitivity(otd_and_iso(iso_weight), draws=200).verdict).startswith(expected)


def test_a_fragile_level_with_high_odds_says_why_they_differ() -> None:
    """The issue's case: "Fragile" beside "first in 99.9% of draws" must not read as a contradiction."""
    analysis = sensitivity(otd_and_iso(49), draws=200)
    sentence = verdict_sentence(analysis.verdict)
    # a draw moves the 2% weight by at most 25% of its value (0.5 pp), never the 2.0 pp the change needs
    assert "The odds are high although the level is Fragile" in sentence
    assert "at most about 0.5 pp, far less than the 2.0 pp" in sentence
    assert sentence.startswith(analysis.level + ":")


def test_the_verdict_with_one_none_or_two_suppliers_first() -> None:
    one = make_config(
        {"quality": {"weight": 1, "criteria": [linear("otd", 1), linear("iso", 1, "disqualify")]}}
    )
    only = SupplierTable.from_records({"Acme": {"otd": 90, "iso": 100}, "Beta": {"otd": 99, "iso": None}})
    assert (
        verdict_sentence(sensitivity(score(only, one), draws=50).verdict)
        == "Only Acme is qualified and scored, so it is first whatever the weights."
    )
    nobody = SupplierTable.from_records({"Acme": {"otd": 90, "iso": None}, "Beta": {"otd": 99, "iso": None}})
    assert verdict_sentence(sensitivity(score(nobody, one), draws=10).verdict).startswith("No verdict")
    two = make_config({"quality": {"weight": 1, "criteria": [linear("otd", 1), linear("defects", 1)]}})
    tied = SupplierTable.from_records(
        {
            "Acme": {"otd": 90, "defects": 50},
            "Beta": {"otd": 50, "defects": 90},
            "Corvid": {"otd": 10, "defects": 10},
        }
    )
    assert verdict_sentence(sensitivity(score(tied, two), draws=100).verdict).startswith(
        "Tied: Acme and Beta share first place"
    )


def test_the_method_sentences_are_written_from_the_typed_results() -> None:
    """Exact (weighted sum) or a grid search (TOPSIS) from `exact`; the draws' sentence from their numbers."""
    exact = sensitivity(close_race(), draws=40, seed=3)
    assert exact.stability.exact and stability_method(exact.stability).startswith("Weighted sum: ")
    topsis_config = make_config(
        {"quality": {"weight": 1, "criteria": [linear("a", 1), linear("b", 2)]}}, aggregation="topsis"
    )
    frame = pd.DataFrame({"a": [90.0, 10.0, 60.0], "b": [20.0, 80.0, 50.0]}, index=["A", "B", "C"])
    searched = sensitivity(score(SupplierTable(frame), topsis_config), draws=40)
    assert not searched.stability.exact
    assert stability_method(searched.stability).startswith("TOPSIS: ")
    assert f"grid of {TOPSIS_GRID:,} shares" in stability_method(searched.stability)
    odds = exact.probabilities
    sentence = probabilities_method(odds)
    assert sentence.startswith("40 weight draws (seed 3): ")
    assert "between 0.75 and 1.25" in sentence  # the default spread of 25%
    assert f"typically moves by {round(100 * odds.typical_change)}% of its value" in sentence
    assert "Rank probabilities: " + sentence in robustness_tables(exact, close_race())[0].intro


@pytest.mark.parametrize(
    ("now", "at", "expected"),
    [
        (0.10, 0.12, "rises above 12% (now 10%, a change of +2.0 pp)"),
        # 35.04% against 35%: both with the decimals that keep them apart, and the change not "+0.0"
        (0.35, 0.3504, "rises above 35.04% (now 35.00%, a change of +0.04 pp)"),
        # 'now 35%' beside 'falls below 35.02%' would read as a rise
        (0.3504, 0.3502, "falls below 35.02% (now 35.04%, a change of -0.02 pp)"),
        (0.35, 0.3500004, "rises above 35.00004% (now 35.00000%, a change of +0.00004 pp)"),
    ],
)
def test_a_weight_change_never_reads_as_no_change(now: float, at: float, expected: str) -> None:
    change = WeightChange("Quality", False, now, at, at - now, ("Beta",), False)
    assert change_text(change) == f"the Quality weight {expected}"
