"""An unranked supplier's plan in words: what to do first, from its reasons (issue 15: the plan holds numbers).

The expected sentences are written out here, not read back from the code that writes them.
"""

from __future__ import annotations

import pytest

from scorecard.config import load_preset
from scorecard.opportunities import OpportunityResult, find_opportunities
from scorecard.score import ScoreResult, score
from scorecard.suppliers import SupplierTable
from scorecard.tables import gap_frame, plan_sentences, what_if_frame
from scorecard.tables.plan_words import lower_first, ordinal
from tests.opportunities.test_plans import EVENT, EVENT_IMPORTANCE, carbon_plan

LINEAR = {"type": "linear", "worst": 0, "best": 100}


@pytest.fixture(scope="module")
def event() -> tuple[OpportunityResult, ScoreResult, SupplierTable]:
    table = SupplierTable.from_records(EVENT)
    result = score(table, load_preset("default"))
    return find_opportunities(result, table, EVENT_IMPORTANCE), result, table


def test_a_disqualified_supplier_is_told_to_meet_the_must_haves_first(factory) -> None:
    config = factory.config(
        factory.criterion("a", LINEAR, unit="%"),
        factory.criterion("b", LINEAR),
        knockouts=[{"criterion": "a", "at_least": 50}],
    )
    table = factory.table({"S1": {"a": 40, "b": 90}, "S2": {"a": 60, "b": 70}, "S3": {"a": 80, "b": 50}})
    result = score(table, config)
    plan = find_opportunities(result, table, None).plan("S1")
    assert (plan.rank, plan.row) == (None, 0)
    assert plan_sentences(plan, result) == (
        "S1 is disqualified: A must be at least 50% (is 40%). Meeting the must-haves comes first; "
        "the gap plan follows once it qualifies.",
    )


def test_a_supplier_without_a_score_is_told_to_provide_data_first(factory) -> None:
    config = factory.config(
        factory.criterion("a", LINEAR, missing="exclude"), factory.criterion("b", LINEAR, missing="exclude")
    )
    table = factory.table({"S1": {"a": None, "b": None}, "S2": {"a": 60, "b": 70}, "S3": {"a": 80, "b": 50}})
    result = score(table, config)
    plan = find_opportunities(result, table, None).plan("S1")
    assert plan.rank is None and result.qualified[0]
    assert plan_sentences(plan, result) == (
        "S1 could not be scored (no data on any weighted criterion); provide data on the weighted criteria first.",
    )


def test_a_ranked_plan_says_where_the_supplier_stands_and_what_closing_the_first_gap_does(event) -> None:
    outcome, result, _ = event
    plan = outcome.plans["Birch Castings"]
    first = gap_frame(plan).iloc[0]
    step = what_if_frame(plan).iloc[0]
    sentences = plan_sentences(plan, result)
    assert sentences[1].startswith(
        f"Closing the {first['Criterion'][0].lower()}{first['Criterion'][1:]} gap to {first['Best in class']}"
    )
    assert f"lifts Birch Castings to {step['Total']:.1f} points" in sentences[1]
    assert f"{result.totals[result.index_of('Birch Castings')]:.1f} points today" in sentences[0]


def test_a_plan_says_when_a_relative_method_moves_other_suppliers() -> None:
    plan, result = carbon_plan()
    sentence = plan_sentences(plan, result)[1]
    assert "scored relative to the other suppliers" in sentence
    assert "carbon intensity (min-max)" in sentence


@pytest.mark.parametrize(
    ("rank", "words"),
    [
        (1, "first"),
        (2, "second"),
        (10, "tenth"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),
        (23, "23rd"),
        (111, "111th"),
        (None, "unranked"),
    ],
)
def test_ordinal(rank: int | None, words: str) -> None:
    assert ordinal(rank) == words


def test_lower_first_keeps_an_acronyms_capitals() -> None:
    assert lower_first("On-time delivery") == "on-time delivery"
    assert lower_first("ISO 9001 certified") == "ISO 9001 certified"
    assert lower_first("") == ""
