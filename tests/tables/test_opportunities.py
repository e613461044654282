"""The Segments, Opportunities and Improvement plans sheets, and one supplier's plan to share with it."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pandas as pd
import pytest

from scorecard.config import load_preset
from scorecard.opportunities import OpportunityResult, find_opportunities
from scorecard.score import score
from scorecard.suppliers import SupplierTable
from scorecard.tables import (
    gap_frame,
    opportunity_frame,
    opportunity_tables,
    plan_sentences,
    plan_tables,
    segment_frame,
    segments_table,
    status_text,
    what_if_frame,
)
from scorecard.tables.opportunities import PLAN_INTRO, segment_rule_text
from tests.opportunities import cases
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
    segments = tables[0].frame
    assert list(segments.columns) == [
        "Supplier",
        "Performance",
        "Importance",
        "Segment",
        "Band",
        "Status",
        "Approach",
    ]
    # each supplier's row, found here by name rather than by position, from the stage's codes and numbers
    assert list(segments["Supplier"]) == [result.suppliers[i] for i in result.ranked_order]
    for row in segments.itertuples(index=False):
        i = result.suppliers.index(row.Supplier)
        assert row.Status == status_text(result, i)
        assert row.Performance == result.performance[i]
        assert row.Segment == outcome.settings.segments.name(outcome.segment_keys[i])
        band = result.bands[i]
        assert row.Band == band.name if band else pd.isna(row.Band)  # no band: an empty cell
    assert list(segments["Importance"]) == pytest.approx(
        list(outcome.importance[result.ranked_order]), nan_ok=True
    )
    opportunities = tables[1].frame
    assert opportunities.equals(opportunity_frame(outcome))
    assert list(opportunities.columns) == ["Supplier", "Type", "Priority", "Rationale", "Next step", "Rule"]
    assert list(opportunities["Rule"]) == [m.rule.id for m in outcome.matches]
    assert set(tables[2].frame["Supplier"]) == set(result.suppliers)
    priorities = opportunities["Priority"].map({"High": 0, "Medium": 1, "Low": 2}).tolist()
    assert priorities == sorted(priorities)


def test_each_segment_reads_its_approach_and_the_rules_are_in_the_intro(event) -> None:
    outcome, _, _ = event
    grid = outcome.settings.segments
    table = segments_table(outcome)
    keys = {name: key for key, name in grid.names}
    assert list(table.frame["Approach"]) == [
        grid.approach(keys[s]) for s in segment_frame(outcome)["Segment"]
    ]
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


def test_a_rationale_partly_made_by_the_missing_value_policy_says_so_beside_it() -> None:
    """The criteria without data behind the categories a rule tested are named after its rationale."""
    outcome = cases.blanks_behind_a_rule()
    frame = opportunity_frame(outcome).set_index("Supplier")
    assert frame.loc["Case", "Rationale"] == (
        "Case scores 40 on quality and 40 on SRM fit. (No data on On time delivery and Collaboration: "
        "scored by the missing-value policy, so check before acting.)"
    )
    assert frame.loc["Full", "Rationale"] == "Full scores 40 on quality and 40 on SRM fit."
    assert list(frame.loc["Case", ["Type", "Priority", "Next step", "Rule"]]) == [
        "Performance review",
        "Medium",
        "Review with Case.",
        "review",
    ]


def test_no_rule_holding_is_an_empty_opportunities_sheet_with_its_headings(event) -> None:
    outcome, _, _ = event
    frame = opportunity_frame(replace(outcome, matches=()))
    assert frame.empty
    assert list(frame.columns) == ["Supplier", "Type", "Priority", "Rationale", "Next step", "Rule"]
