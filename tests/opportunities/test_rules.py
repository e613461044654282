"""Opportunity rules as data: every default rule on its case and its near miss, rationales in the supplier's own numbers.

The rule cases use a small config where each criterion is scored linearly 0-100,
so a value *is* its score and every case can sit exactly on, or just past, a
threshold.
"""

from __future__ import annotations

from typing import Any

import pytest

from opportunities.cases import (
    FIELD,
    blanks_behind_a_rule,
    fired,
    linear_config_data,
    run,
    shares,
    supplier,
)
from scorecard.config import (
    parse_config,
)
from scorecard.opportunities.rule_settings import BUILTIN_PLACEHOLDERS
from scorecard.tables import ranking_frame

CASES: dict[str, tuple[dict[str, Any], dict[str, Any], float | None, float | None]] = {
    # rule: (values that fire, the near miss, importance share % for the case, and for the near miss)
    "joint_cost_reduction": (
        {"cost": 60, "quality": 70, "innovation": 70},
        {"cost": 60.5, "quality": 70, "innovation": 70},
        None,
        None,
    ),
    "supplier_development": ({"quality": 60}, {"quality": 60}, 25.0, 24.9),
    "sustainability_partnership": ({"sustainability": 85}, {"sustainability": 84.9}, None, None),
    "sustainability_corrective_plan": ({"sustainability": 50}, {"sustainability": 50.5}, 30.0, 30.0),
    "risk_mitigation": (
        {"cost": 90, "risk": 50, "quality": 90, "sustainability": 60, "innovation": 90},
        {"cost": 90, "risk": 51, "quality": 90, "sustainability": 60, "innovation": 90},
        None,
        None,
    ),
    "co_innovation": (
        {"innovation": 75, "collaboration": 85},
        {"innovation": 74, "collaboration": 86},
        None,
        None,
    ),
    "consolidate_or_exit": (
        {"cost": 40, "risk": 40, "quality": 40, "sustainability": 40, "innovation": 40},
        {"cost": 40, "risk": 40, "quality": 40, "sustainability": 40, "innovation": 40},
        24.0,
        25.0,  # importance 50: no longer "not strategic"
    ),
}


@pytest.mark.parametrize("rule", list(CASES))
def test_default_rule_fires_on_its_case_and_not_on_its_near_miss(rule: str) -> None:
    hit, miss, hit_share, miss_share = CASES[rule]
    records = {**FIELD, "Case": supplier(**hit)}
    outcome, _, _ = run(
        records, shares({"Case": hit_share, "Anchor": 10.0}) if hit_share is not None else None
    )
    assert fired(outcome, "Case", rule), outcome.matches
    records = {**FIELD, "Case": supplier(**miss)}
    outcome, _, _ = run(
        records, shares({"Case": miss_share, "Anchor": 10.0}) if miss_share is not None else None
    )
    assert not fired(outcome, "Case", rule), outcome.matches


def test_supplier_development_fires_on_weak_delivery_alone() -> None:
    records = {**FIELD, "Case": supplier(quality=80, otd=70)}  # quality 75, on-time delivery scores 70
    outcome, _, _ = run(records, shares({"Case": 40.0}))
    assert fired(outcome, "Case", "supplier_development")
    records = {**FIELD, "Case": supplier(quality=80, otd=70.5)}
    outcome, _, _ = run(records, shares({"Case": 40.0}))
    assert not fired(outcome, "Case", "supplier_development")


def test_dual_sourcing_fires_for_a_runner_up_within_three_points() -> None:
    leader = supplier(cost=80, risk=80, quality=80, sustainability=80, innovation=80)  # 80.0
    close = supplier(cost=80, risk=80, quality=80, sustainability=80, innovation=65)  # 77.0: 3.0 behind
    far = supplier(cost=80, risk=80, quality=80, sustainability=80, innovation=64.5)  # 76.9: 3.1 behind
    outcome, _, _ = run({"Leader": leader, "Close": close})
    assert fired(outcome, "Close", "dual_sourcing")
    assert not fired(outcome, "Leader", "dual_sourcing")  # the leader itself is not a runner-up
    outcome, _, _ = run({"Leader": leader, "Far": far})
    assert not fired(outcome, "Far", "dual_sourcing")


def test_rationale_numbers_are_the_suppliers_own_numbers() -> None:
    records = {**FIELD, "Case": supplier(cost=42.4, quality=77.6, innovation=81.2, collaboration=70.4)}
    outcome, result, _ = run(records)
    match = next(m for m in outcome.matches if m.rule.id == "joint_cost_reduction")
    ranking = ranking_frame(result).set_index("Supplier").loc["Case"]
    expected = (
        f"Case scores {ranking['Quality']:.0f} on quality and {ranking['SRM fit']:.0f} on SRM fit "
        f"but only {ranking['Cost']:.0f} on cost:"
    )
    assert match.supplier == "Case" and match.rationale.startswith(expected)
    assert expected == "Case scores 78 on quality and 76 on SRM fit but only 42 on cost:"


def test_rationale_shows_raw_values_with_units_and_no_data_as_such() -> None:
    settings_data = {
        "rules": [
            {
                "id": "late",
                "type": "Delivery review",
                "when": [{"value": "on_time_delivery", "at_most": 90}],
                "rationale": "{supplier} delivers {on_time_delivery_value} on time (best {on_time_delivery_best}); "
                "importance {importance:.0f}.",
                "next_step": "Review delivery with {supplier}.",
            }
        ]
    }
    config = parse_config(linear_config_data(opportunities=settings_data), "the test settings")
    outcome, _, _ = run({"Late": supplier(otd=88.5), "Punctual": supplier(otd=99)}, None, config)
    assert [m.rationale for m in outcome.matches] == [
        "Late delivers 88.5% on time (best 99%); importance unknown."
    ]


def test_no_data_never_makes_a_rule_fire() -> None:
    records = {
        **FIELD,
        "Case": {**supplier(innovation=90), "innovation": None},
    }  # innovation scored 0 as 'worst'
    settings_data = {
        "rules": [
            {
                "id": "weak_innovation",
                "type": "Innovation review",
                "when": [{"criterion": "innovation", "at_most": 20}],
                "rationale": "{supplier} scores {innovation} on innovation.",
                "next_step": "Ask.",
            }
        ]
    }
    config = parse_config(linear_config_data(opportunities=settings_data), "the test settings")
    outcome, result, _ = run(records, None, config)
    assert result.scores[result.index_of("Case"), result.criterion_index("innovation")] == 0
    assert outcome.matches == ()


def test_a_match_names_the_criteria_without_data_behind_the_categories_it_tested() -> None:
    by_supplier = {m.supplier: m for m in blanks_behind_a_rule().matches}
    assert set(by_supplier) == {"Case", "Full"}
    case = by_supplier["Case"]
    assert case.rationale == "Case scores 40 on quality and 40 on SRM fit."  # the template alone
    assert [c.key for c in case.no_data_on] == ["on_time_delivery", "collaboration"]
    assert by_supplier["Full"].no_data_on == ()


def test_every_built_in_placeholder_fills_with_the_suppliers_own_figure() -> None:
    """The names a rationale may use (checked when the settings load) are the names filled in: none reads
    'not measured'. Case ranks 2nd of 2, 10 points behind Leader (80 vs 70), importance 60 (share 30%)."""
    names = list(BUILTIN_PLACEHOLDERS)
    rule = {
        "id": "all",
        "type": "Every figure",
        "when": [{"rank": 2}],
        "rationale": " | ".join(f"{{{name}}}" for name in names),
        "next_step": "Ask {supplier}.",
    }
    config = parse_config(linear_config_data(opportunities={"rules": [rule]}), "the test settings")
    leader = supplier(cost=80, risk=80, quality=80, sustainability=80, innovation=80)
    outcome, _, _ = run({"Leader": leader, "Case": supplier()}, shares({"Case": 30.0}), config)
    (match,) = outcome.matches
    filled = dict(zip(names, match.rationale.split(" | "), strict=True))
    assert filled == {
        "supplier": "Case",
        "total": "70.0",
        "performance": "70.0",
        "rank": "2",
        "band": "Preferred",
        "segment": "Strategic partner",  # performance 70 >= 65, importance 60 >= 50
        "importance": "60.0",
        "gap_to_leader": "10.0",
        "leader_total": "80.0",
    }
