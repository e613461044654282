"""An unranked supplier's plan in words: what to do first, from its reasons (issue 15: the plan holds numbers).

The expected sentences are written out here, not read back from the code that writes them.
"""

from __future__ import annotations

from scorecard.opportunities import find_opportunities
from scorecard.score import score
from scorecard.tables import plan_sentences

LINEAR = {"type": "linear", "worst": 0, "best": 100}


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
