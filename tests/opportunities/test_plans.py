"""Improvement plans: gaps to best in class checked against an independent re-score of the table."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pandas as pd
import pytest

from scorecard.config import (
    load_preset,
    preset_paths,
)
from scorecard.opportunities import (
    OpportunityResult,
    default_settings,
    find_opportunities,
)
from scorecard.opportunities.best import best_in_class
from scorecard.opportunities.plans import ImprovementPlan, target_value
from scorecard.score import ScoreResult, score
from scorecard.suppliers import SupplierTable
from scorecard.tables import gap_frame, what_if_frame
from scorecard.words import format_value

EVENT = {
    "Alder Metals": dict(
        total_cost=1_150_000.0,
        payment_terms=60.0,
        price_validity=12.0,
        financial_risk=20.0,
        country_risk="Low",
        business_continuity="Yes",
        on_time_delivery=98.6,
        defect_rate=150.0,
        iso_9001="Yes",
        sustainability_rating=70.0,
        carbon_intensity=40.0,
        iso_14001="Yes",
        responsiveness=4.0,
        innovation=4.0,
        collaboration=5.0,
    ),
    "Birch Castings": dict(
        total_cost=1_020_000.0,
        payment_terms=45.0,
        price_validity=6.0,
        financial_risk=35.0,
        country_risk="Medium",
        business_continuity="No",
        on_time_delivery=95.5,
        defect_rate=420.0,
        iso_9001="Yes",
        sustainability_rating=52.0,
        carbon_intensity=95.0,
        iso_14001="No",
        responsiveness=3.0,
        innovation=3.0,
        collaboration=3.0,
    ),
    "Cedar Forge": dict(
        total_cost=1_240_000.0,
        payment_terms=90.0,
        price_validity=9.0,
        financial_risk=15.0,
        country_risk="Low",
        business_continuity="Yes",
        on_time_delivery=99.1,
        defect_rate=90.0,
        iso_9001="Yes",
        sustainability_rating=76.0,
        carbon_intensity=30.0,
        iso_14001="Yes",
        responsiveness=5.0,
        innovation=5.0,
        collaboration=4.0,
    ),
    "Daintree Tools": dict(
        total_cost=900_000.0,
        payment_terms=60.0,
        price_validity=6.0,
        financial_risk=30.0,
        country_risk="Low",
        business_continuity="Yes",
        on_time_delivery=97.0,
        defect_rate=300.0,
        iso_9001="No",
        sustainability_rating=60.0,
        carbon_intensity=20.0,
        iso_14001="No",
        responsiveness=3.0,
        innovation=2.0,
        collaboration=3.0,
    ),
    "Elm Precision": dict(
        total_cost=1_100_000.0,
        payment_terms=30.0,
        price_validity=3.0,
        financial_risk=45.0,
        country_risk="High",
        business_continuity="Yes",
        on_time_delivery=93.0,
        defect_rate=700.0,
        iso_9001="Yes",
        sustainability_rating=None,
        carbon_intensity=150.0,
        iso_14001="No",
        responsiveness=None,
        innovation=3.0,
        collaboration=2.0,
    ),
}
EVENT_IMPORTANCE = pd.DataFrame(
    {
        "annual_spend": [2_400_000.0, 1_300_000.0, 600_000.0, 400_000.0, 1_800_000.0],
        "criticality": ["High", "Medium", "Low", "Low", "High"],
        "single_source": ["No", "No", "No", "No", "Yes"],
    },
    index=list(EVENT),
)


@pytest.fixture(scope="module")
def event() -> tuple[OpportunityResult, Any, SupplierTable]:
    table = SupplierTable.from_records(EVENT)
    result = score(table, load_preset("default"))
    return find_opportunities(result, table, EVENT_IMPORTANCE), result, table


def test_plan_what_ifs_equal_an_independent_rescore(event) -> None:
    outcome, result, table = event
    config = result.config
    checked = 0
    for name, plan in outcome.plans.items():
        i = result.index_of(name)
        if result.rank_of(i) is None:
            continue
        raw_best = {}
        for _, row in gap_frame(plan).iterrows():
            criterion = next(c for c in config.criteria if c.label == row["Criterion"])
            # best in class, found independently: the best-scoring qualified supplier's value
            j = result.criterion_index(criterion.key)
            qualified = [k for k in range(len(result.suppliers)) if result.rank_of(k) is not None]
            top = max(result.scores[k, j] for k in qualified if not result.missing[k, j])
            holders = [result.raw.iloc[k, j] for k in qualified if result.scores[k, j] == top]
            value = next(v for v in holders if format_value(v, criterion) == row["Best in class"])
            raw_best[criterion.key] = value
            alone = score(table.with_value(name, criterion.key, value), config)
            assert row["Total if closed"] == pytest.approx(alone.totals[i], abs=1e-9)
            assert row["Points worth"] == pytest.approx(alone.totals[i] - result.totals[i], abs=1e-9)
            assert row["Rank if closed"] == alone.rank_of(i)
            checked += 1
        keys = list(raw_best)
        for k, step in what_if_frame(plan).iterrows():
            changed = table
            for key in keys[: k + 1]:
                changed = changed.with_value(name, key, raw_best[key])
            again = score(changed, config)
            assert step["Total"] == pytest.approx(again.totals[i], abs=1e-9)
            assert step["Rank"] == again.rank_of(i)
            assert step["Band"] == (again.bands[i].name if again.bands[i] else None)
    assert checked >= 8


def test_plan_gaps_are_ordered_by_points_worth(event) -> None:
    outcome, _, _ = event
    worth = gap_frame(outcome.plans["Birch Castings"])["Points worth"].tolist()
    assert worth == sorted(worth, reverse=True) and all(w > 0 for w in worth)


def test_a_relative_method_moves_other_suppliers_in_the_plan() -> None:
    plan, _ = carbon_plan()
    assert gap_frame(plan).iloc[0]["Criterion"] == "Carbon intensity"
    assert what_if_frame(plan).iloc[0]["Other suppliers' scores move"] == "Yes"


def carbon_plan() -> tuple[ImprovementPlan, ScoreResult]:
    """Elm Precision's plan when everyone matches on all but carbon intensity (min-max): the worst
    supplier matching the best moves the bottom of the scale, so other suppliers' scores move."""
    records = {name: dict(values) for name, values in EVENT.items() if name != "Daintree Tools"}
    for name in records:
        records[name].update(
            total_cost=1_000_000.0,
            payment_terms=60.0,
            price_validity=12.0,
            financial_risk=20.0,
            country_risk="Low",
            on_time_delivery=99.0,
            defect_rate=50.0,
            sustainability_rating=75.0,
            iso_14001="Yes",
            responsiveness=5.0,
            innovation=5.0,
            collaboration=5.0,
        )
    table = SupplierTable.from_records(records)
    result = score(table, load_preset("default"))
    return find_opportunities(result, table, None).plans["Elm Precision"], result


def test_single_supplier_plan_can_be_worked_out_beyond_the_up_front_limit() -> None:
    table = SupplierTable.from_records(EVENT)
    config = load_preset("default")
    settings = default_settings({c.key: c for c in config.criteria})
    settings = type(settings)(
        settings.importance,
        settings.min_importance_coverage,
        settings.segments,
        settings.rules,
        type(settings.plans)(max_gaps=3, what_if_steps=2, max_suppliers=1),
    )
    result = score(table, config)
    outcome = find_opportunities(result, table, EVENT_IMPORTANCE, settings)
    assert list(outcome.plans) == [result.leader]
    later = outcome.plan("Elm Precision")
    assert len(gap_frame(later)) <= 3 and len(what_if_frame(later)) <= 2
    assert any("first 1 of 5 suppliers" in note for note in outcome.notes)


def test_very_large_events_get_fewer_plans_up_front(monkeypatch) -> None:
    import scorecard.opportunities as opportunities

    monkeypatch.setattr(opportunities, "PLAN_ROW_BUDGET", 10)  # 10 supplier-rows: 2 plans for 5 suppliers
    table = SupplierTable.from_records(EVENT)
    result = score(table, load_preset("default"))
    outcome = find_opportunities(result, table, None)
    assert len(outcome.plans) == 2
    assert outcome.plan("Elm Precision").supplier == "Elm Precision"


def test_table_from_another_event_is_refused(event) -> None:
    _, result, table = event
    other = table.with_value("Alder Metals", "total_cost", 1.0)
    with pytest.raises(ValueError, match="not the one the result was scored from"):
        find_opportunities(result, other, None)


@pytest.mark.slow  # brute force over every preset: 2-6 s each
@pytest.mark.parametrize("aggregation", ["weighted_sum", "topsis"])
def test_plans_pick_the_largest_gaps_on_generated_events_for_every_preset(factory, aggregation: str) -> None:
    """Brute force: re-score every gap of every supplier; the plan must list exactly the largest ones."""
    for path in preset_paths():
        config = replace(load_preset(path.stem), aggregation=aggregation)
        table = factory.generated_table(config, suppliers=6, seed=len(path.stem), missing_rate=0.1)
        result = score(table, config)
        outcome = find_opportunities(result, table, None)
        best = best_in_class(result)
        for name, plan in outcome.plans.items():
            i = result.index_of(name)
            if result.rank_of(i) is None:
                continue
            worths = []
            for j, criterion in enumerate(result.criteria):
                if criterion.key not in best or result.base_weights[j] <= 0:
                    continue
                target = target_value(best[criterion.key], result.raw.iloc[i, j], bool(result.missing[i, j]))
                again = score(table.with_value(name, criterion.key, target), config)
                if again.totals[i] - result.totals[i] > 1e-9:
                    worths.append(again.totals[i] - result.totals[i])
            expected = sorted(worths, reverse=True)[: outcome.settings.plans.max_gaps]
            assert gap_frame(plan)["Points worth"].tolist() == pytest.approx(expected, abs=1e-9), (
                path.stem,
                name,
            )
