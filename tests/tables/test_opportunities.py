"""The Segments, Opportunities and Improvement plans sheets, and one supplier's plan to share with it."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from scorecard.config import load_preset
from scorecard.opportunities import OpportunityResult, find_opportunities
from scorecard.score import score
from scorecard.suppliers import SupplierTable
from scorecard.tables import (
    gap_frame,
    opportunity_tables,
    plan_sentences,
    plan_tables,
    segments_table,
    status_text,
    what_if_frame,
)
from scorecard.tables.opportunities import PLAN_INTRO, segment_rule_text
from tests.opportunities.test_plans import EVENT, EVENT_IMPORTANCE


@pytest.fixture(scope="module")
def event() -> tuple[OpportunityResult, Any, SupplierTable]:
    table = SupplierTable.from_records(EVENT)
    result = score(table, load_preset("default"))
    return find_opportunities(result, table, EVENT_IMPORTANCE), result, table


def test_the_segments_opportunities_and_improvement_plans_sheets(event) -> None:
    outcome, result, _ = event
    tables = opportunity_tables(outcome)
    assert [t.title for t in tables] == ["Segments", "Opportunities", "Improvement plans"]
    assert list(outcome.segments.columns) == [
        "Supplier",
        "Performance",
        "Importance",
        "Segment",
        "Band",
    ]
    # the sheet adds each supplier's status in words, found here by name rather than by position
    segments = tables[0].frame
    assert list(segments.columns[-2:]) == ["Status", "Approach"]
    by_name = {name: status_text(result, i) for i, name in enumerate(result.suppliers)}
    assert list(segments["Status"]) == [by_name[name] for name in segments["Supplier"]]
    assert list(outcome.opportunities.columns) == [
        "Supplier",
        "Type",
        "Priority",
        "Rationale",
        "Next step",
        "Rule",
    ]
    assert set(tables[2].frame["Supplier"]) == set(result.suppliers)
    priorities = outcome.opportunities["Priority"].map({"High": 0, "Medium": 1, "Low": 2}).tolist()
    assert priorities == sorted(priorities)


def test_each_segment_reads_its_approach_and_the_rules_are_in_the_intro(event) -> None:
    outcome, _, _ = event
    grid = outcome.settings.segments
    table = segments_table(outcome)
    keys = {name: key for key, name in grid.names}
    assert list(table.frame["Approach"]) == [grid.approach(keys[s]) for s in outcome.segments["Segment"]]
    # the default grid (performance 65, importance 50, exit below 50), its rules written out
    assert table.intro[1:] == (
        "Strategic partner: performance 65 or more and importance 50 or more.",
        "Develop: performance below 65 and importance 50 or more.",
        "Leverage and compete: performance 65 or more and importance below 50.",
        "Maintain: performance from 50 to below 65 and importance below 50.",
        "Exit: performance below 50 and importance below 50.",
        "Importance unknown: qualified, but without enough importance data to place.",
    )


def test_a_buyers_thresholds_reach_the_segment_rules(event) -> None:
    outcome, _, _ = event
    grid = replace(
        outcome.settings.segments, performance_threshold=72.5, importance_threshold=40, exit_below=30
    )
    assert segment_rule_text(grid, "develop") == "performance below 72.5 and importance 40 or more"
    assert segment_rule_text(grid, "maintain") == "performance from 30 to below 72.5 and importance below 40"
    assert segment_rule_text(grid, "not_segmented") == "disqualified or not scored"
    found = replace(outcome, settings=replace(outcome.settings, segments=grid))
    assert "Develop: performance below 72.5 and importance 40 or more." in segments_table(found).intro


def test_the_improvement_plans_sheet_stacks_each_plan_under_its_sentences(event) -> None:
    outcome, _, _ = event
    stacked = opportunity_tables(outcome)[2]
    assert stacked.intro == PLAN_INTRO
    assert len(stacked.frame) == sum(max(len(gap_frame(plan)), 1) for plan in outcome.plans.values())
    for supplier, plan in outcome.plans.items():
        rows = stacked.frame[stacked.frame["Supplier"] == supplier]
        assert list(rows["Plan"]) == [" ".join(plan_sentences(plan, outcome.result))] + [""] * (len(rows) - 1)


def all_text(tables) -> str:
    parts = []
    for table in tables:
        parts += [table.title, *table.intro, *map(str, table.frame.columns)]
        parts += [str(v) for v in table.frame.to_numpy(dtype=object).ravel()]
    return "\n".join(parts)


def test_single_supplier_plan_leaks_no_other_supplier(event) -> None:
    outcome, result, _ = event
    for name in result.suppliers:
        text = all_text(plan_tables(outcome, name))
        assert name in text
        for other in result.suppliers:
            if other != name:
                assert other not in text, (name, other)
                assert other.split()[0] not in text, (name, other)


def test_a_suppliers_own_plan_opens_with_its_name_and_its_what_ifs(event) -> None:
    outcome, result, _ = event
    name = result.suppliers[0]
    plan, what_if = plan_tables(outcome, name)
    assert plan.intro[0] == f"Improvement plan for {name}"
    assert plan.frame.equals(gap_frame(outcome.plan(name)))
    assert what_if.title == "What closing the gaps does" and what_if.frame.equals(
        what_if_frame(outcome.plan(name))
    )
