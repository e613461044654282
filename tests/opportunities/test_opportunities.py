"""Collaboration opportunities: rules as data, segments, and exact improvement plans.

The rule cases use a small config where each criterion is scored linearly 0-100,
so a value *is* its score and every case can sit exactly on, or just past, a
threshold. Plans are checked against an independent re-score of the table.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

import pandas as pd
import pytest
import yaml

from scorecard.config import (
    ConfigError,
    Section,
    config_to_yaml,
    load_preset,
    parse_config,
    parse_config_text,
    preset_paths,
)
from scorecard.opportunities import (
    DEFAULT_SECTION,
    OpportunityResult,
    default_settings,
    find_opportunities,
    importance_columns,
    parse_opportunity_settings,
    settings_for,
)
from scorecard.opportunities.plans import target_value
from scorecard.opportunities.rules import best_in_class
from scorecard.opportunities.text import format_value
from scorecard.score import score
from scorecard.suppliers import SupplierTable

LINEAR = {"type": "linear", "worst": 0, "best": 100}
BANDS = [
    {"name": "Strategic partner", "from": 80, "to": 100, "colour": "#1a7f37"},
    {"name": "Preferred", "from": 65, "to": 80, "colour": "#74c476"},
    {"name": "Approved", "from": 50, "to": 65, "colour": "#f2c94c"},
    {"name": "Develop", "from": 35, "to": 50, "colour": "#f2994a"},
    {"name": "Exit", "from": 0, "to": 35, "colour": "#d64545"},
]


def criterion(key: str, unit: str = "0-100") -> dict[str, Any]:
    return {
        "key": key,
        "unit": unit,
        "direction": "higher",
        "weight": 1,
        "method": LINEAR,
        "missing": "worst",
    }


def linear_config_data(**extra: Any) -> dict[str, Any]:
    """Five equally weighted categories; quality = mean(quality_score, on_time_delivery), SRM fit likewise."""
    return {
        "name": "Linear test settings",
        "categories": {
            "cost": {"weight": 1, "criteria": [criterion("cost_score")]},
            "risk": {"weight": 1, "criteria": [criterion("risk_score")]},
            "quality": {
                "weight": 1,
                "criteria": [criterion("quality_score"), criterion("on_time_delivery", "%")],
            },
            "sustainability": {"weight": 1, "criteria": [criterion("sustainability_score")]},
            "srm_fit": {"weight": 1, "criteria": [criterion("innovation"), criterion("collaboration")]},
        },
        "knockouts": [{"criterion": "quality_score", "at_least": 10}],
        "bands": BANDS,
        **extra,
    }


LINEAR_CONFIG = parse_config(linear_config_data(), "the test settings")


def supplier(
    cost: float = 70,
    risk: float = 70,
    quality: float = 70,
    otd: float | None = None,
    sustainability: float = 70,
    innovation: float = 70,
    collaboration: float | None = None,
) -> dict[str, float]:
    """Criterion values (= scores) giving these category scores."""
    return {
        "cost_score": cost,
        "risk_score": risk,
        "quality_score": quality,
        "on_time_delivery": quality if otd is None else otd,
        "sustainability_score": sustainability,
        "innovation": innovation,
        "collaboration": innovation if collaboration is None else collaboration,
    }


def shares(values: dict[str, float | None]) -> pd.DataFrame:
    """Importance from the share of category spend only: 0% -> 0, 50% or more -> 100, so importance = 2 x share."""
    return pd.DataFrame({"spend_share": pd.Series(values, dtype=float)})


def run(records: dict[str, dict[str, Any]], importance: pd.DataFrame | None = None, config=LINEAR_CONFIG):
    table = SupplierTable.from_records(records)
    result = score(table, config)
    return find_opportunities(result, table, importance), result, table


def fired(outcome: OpportunityResult, name: str, rule: str) -> bool:
    found = outcome.opportunities
    return bool(((found["Supplier"] == name) & (found["Rule"] == rule)).any())


# ---------------------------------------------------------------------- every default rule, and its near miss

FIELD = {"Anchor": supplier(cost=60, risk=60, quality=60, sustainability=60, innovation=60)}  # total 60
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
    assert fired(outcome, "Case", rule), outcome.opportunities
    records = {**FIELD, "Case": supplier(**miss)}
    outcome, _, _ = run(
        records, shares({"Case": miss_share, "Anchor": 10.0}) if miss_share is not None else None
    )
    assert not fired(outcome, "Case", rule), outcome.opportunities


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
    row = outcome.opportunities.set_index("Rule").loc["joint_cost_reduction"]
    ranking = result.ranking.set_index("Supplier").loc["Case"]
    expected = (
        f"Case scores {ranking['Quality']:.0f} on quality and {ranking['SRM fit']:.0f} on SRM fit "
        f"but only {ranking['Cost']:.0f} on cost:"
    )
    assert row["Rationale"].startswith(expected)
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
    assert list(outcome.opportunities["Rationale"]) == [
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
    assert outcome.opportunities.empty


# ---------------------------------------------------------------------- settings: defaults, round trip, errors


def test_config_without_section_uses_the_default_rules() -> None:
    settings = settings_for(LINEAR_CONFIG)
    assert LINEAR_CONFIG.section("opportunities") is None
    assert [r.id for r in settings.rules] == [r["id"] for r in yaml.safe_load(DEFAULT_SECTION)["rules"]]
    assert settings.segments.performance_threshold == 65 and settings.segments.importance_threshold == 50


def test_section_round_trips_through_config_yaml() -> None:
    data = linear_config_data(opportunities=yaml.safe_load(DEFAULT_SECTION))
    config = parse_config(data, "the test settings")
    text = config_to_yaml(config)
    again = parse_config_text(text, "the downloaded settings")
    assert again.section("opportunities") == config.section("opportunities")
    assert config.section("opportunities") == default_settings({c.key: c for c in LINEAR_CONFIG.criteria})


@pytest.mark.parametrize("preset", [p.stem for p in preset_paths()])
def test_default_section_pastes_into_every_preset(preset: str) -> None:
    path = next(p for p in preset_paths() if p.stem == preset)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["opportunities"] = yaml.safe_load(DEFAULT_SECTION)
    config = parse_config(data, path.name)
    assert config.section("opportunities") == default_settings({c.key: c for c in config.criteria})


def test_default_rules_that_do_not_fit_a_config_are_skipped_with_a_note() -> None:
    data = linear_config_data()
    data["categories"]["srm_fit"]["criteria"] = [criterion("collaboration")]  # no innovation criterion
    config = parse_config(data, "the test settings")
    outcome, _, _ = run(
        {**FIELD, "Case": {k: v for k, v in supplier().items() if k != "innovation"}}, None, config
    )
    notes = " ".join(outcome.notes)
    assert "'co_innovation'" in notes and "skipped" in notes
    assert "co_innovation" not in set(outcome.opportunities["Rule"])


def rule_error(rule: dict[str, Any]) -> str:
    data = linear_config_data(opportunities={"rules": [rule]})
    with pytest.raises(ConfigError) as caught:
        parse_config(data, "the test settings")
    return str(caught.value)


GOOD_RULE = {
    "id": "ok",
    "type": "Test",
    "when": [{"category": "quality", "at_least": 70}],
    "rationale": "{supplier} scores {quality:.0f}.",
    "next_step": "Talk.",
}


def test_unknown_placeholder_is_an_error_naming_the_rule() -> None:
    message = rule_error({**GOOD_RULE, "rationale": "{supplier} scores {qualty:.0f}."})
    assert "`opportunities.rules[0].rationale`" in message and "{qualty}" in message


def test_unknown_clause_key_is_an_error_naming_the_key_path() -> None:
    message = rule_error(
        {**GOOD_RULE, "when": [{"category": "quality", "at_least": 1}, {"categroy": "cost"}]}
    )
    assert "`opportunities.rules[0].when[1].categroy`" in message


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"rationale": "{supplier:.0f} is text"}, "rules[0].rationale"),
        ({"rationale": "{supplier.__class__}"}, "rules[0].rationale"),
        ({"rationale": "unclosed {brace"}, "rules[0].rationale"),
        ({"when": [{"criterion": "innovaton", "at_least": 5}]}, "rules[0].when[0].criterion"),
        ({"when": [{"segment": ["best friends"]}]}, "rules[0].when[0].segment"),
        ({"when": [{"rank": "first"}]}, "rules[0].when[0].rank"),
        ({"when": [{"rank": {"at_most": 2, "below": 1}}]}, "rules[0].when[0].rank.below"),
        ({"when": [{"category": "quality"}]}, "rules[0].when[0]"),
        ({"when": [{"category": "quality", "at_least": 80, "at_most": 20}]}, "rules[0].when[0].at_most"),
        ({"when": [{"value": "on_time_delivery", "is": ["Yes"]}]}, "rules[0].when[0].is"),
        ({"when": [{"any_of": [{"category": "cost", "at_most": 5}]}]}, "rules[0].when[0].any_of"),
        ({"priority": "Urgent"}, "rules[0].priority"),
        ({"id": "has space"}, "rules[0].id"),
        ({"when": []}, "rules[0].when"),
    ],
)
def test_rule_errors_name_the_key_path(change: dict[str, Any], where: str) -> None:
    assert f"`opportunities.{where}`" in rule_error({**GOOD_RULE, **change})


def test_duplicate_rule_ids_are_an_error() -> None:
    data = linear_config_data(opportunities={"rules": [GOOD_RULE, GOOD_RULE]})
    with pytest.raises(ConfigError, match=r"rules\[1\]\.id"):
        parse_config(data, "the test settings")


def test_importance_and_segment_settings_are_validated() -> None:
    criteria = {c.key: c for c in LINEAR_CONFIG.criteria}
    bad = [
        ({"segments": {"exit_below": 70}}, "opportunities.segments.exit_below"),
        ({"segments": {"names": {"develop": "Exit"}}}, "opportunities.segments.names"),
        (
            {
                "importance": {
                    "columns": [
                        {
                            "key": "crit",
                            "kind": "number",
                            "weight": 1,
                            "scale": {"type": "categorical", "points": {"High": 100}},
                        }
                    ]
                }
            },
            "opportunities.importance.columns[0].kind",
        ),
        (
            {"importance": {"columns": [{"key": "spend", "weight": 1, "scale": "squared"}]}},
            "opportunities.importance.columns[0].scale.type",
        ),
        ({"plans": {"max_gaps": 2.5}}, "opportunities.plans.max_gaps"),
    ]
    for data, where in bad:
        with pytest.raises(ConfigError) as caught:
            parse_opportunity_settings(Section(data, "opportunities"), criteria)
        assert f"`{where}`" in str(caught.value), (data, str(caught.value))


# ---------------------------------------------------------------------- segments


@pytest.mark.parametrize(
    ("performance", "share", "segment"),
    [
        (65.0, 25.0, "Strategic partner"),  # exactly on both thresholds
        (64.9, 25.0, "Develop"),
        (65.0, 24.9, "Leverage and compete"),
        (50.0, 24.9, "Maintain"),
        (49.9, 24.9, "Exit"),
        (30.0, 40.0, "Develop"),  # an important supplier is developed, never exited by the grid
        (80.0, None, "Importance unknown"),
    ],
)
def test_segment_assignment_at_the_thresholds(performance: float, share: float | None, segment: str) -> None:
    records = {"Case": supplier(performance, performance, performance, None, performance, performance)}
    outcome, _result, _ = run(records, shares({"Case": share}))
    row = outcome.segments.set_index("Supplier").loc["Case"]
    assert row["Performance"] == pytest.approx(performance)
    assert row["Segment"] == segment
    if share is None:
        assert math.isnan(row["Importance"])
    else:
        assert row["Importance"] == pytest.approx(2 * share)


def test_unknown_importance_stays_unknown_and_importance_rules_do_not_fire() -> None:
    weak = supplier(quality=30, sustainability=20)
    outcome, _, _ = run({"Known": weak, "Unknown": weak}, shares({"Known": 40.0}))
    rows = outcome.segments.set_index("Supplier")
    assert (
        math.isnan(rows.loc["Unknown", "Importance"])
        and rows.loc["Unknown", "Segment"] == "Importance unknown"
    )
    assert rows.loc["Known", "Importance"] == pytest.approx(80)
    assert fired(outcome, "Known", "sustainability_corrective_plan")
    assert not fired(outcome, "Unknown", "sustainability_corrective_plan")
    assert not fired(outcome, "Unknown", "consolidate_or_exit")
    assert any("Unknown" in note and "unknown" in note for note in outcome.notes)
    outcome, _, _ = run({"Known": weak}, None)
    assert outcome.segments["Segment"].tolist() == ["Importance unknown"]


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
    importance_of = outcome.segments.set_index("Supplier")["Importance"]
    assert importance_of["A"] == pytest.approx(100)
    assert importance_of["B"] == pytest.approx(
        (25 * 25 + 30 * 0 + 20 * 0) / 75
    )  # share-of-spend column absent
    assert math.isnan(importance_of["C"])  # no usable value at all: unknown, not 0
    warning = next(f for f in outcome.findings if f.value == "Critical!")
    assert warning.column == "Business criticality" and "treated as no data" in warning.action


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
    row = outcome.segments.set_index("Supplier").loc["Out"]
    assert row["Segment"] == "Not segmented" and row["Status"].startswith("Disqualified")
    assert "Out" not in set(outcome.opportunities["Supplier"])
    plan = outcome.plans["Out"]
    assert plan.rows.empty and "disqualified" in plan.sentences[0]


# ---------------------------------------------------------------------- improvement plans

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
        for _, row in plan.rows.iterrows():
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
        for k, step in plan.what_if.iterrows():
            changed = table
            for key in keys[: k + 1]:
                changed = changed.with_value(name, key, raw_best[key])
            again = score(changed, config)
            assert step["Total"] == pytest.approx(again.totals[i], abs=1e-9)
            assert step["Rank"] == again.rank_of(i)
            assert step["Band"] == (again.bands[i].name if again.bands[i] else None)
    assert checked >= 8


def test_plan_gaps_are_ordered_by_points_and_sentences_carry_the_numbers(event) -> None:
    outcome, result, _ = event
    plan = outcome.plans["Birch Castings"]
    worth = plan.rows["Points worth"].tolist()
    assert worth == sorted(worth, reverse=True) and all(w > 0 for w in worth)
    first = plan.rows.iloc[0]
    step = plan.what_if.iloc[0]
    sentence = plan.sentences[1]
    assert sentence.startswith(
        f"Closing the {first['Criterion'][0].lower()}{first['Criterion'][1:]} gap to {first['Best in class']}"
    )
    assert f"lifts Birch Castings to {step['Total']:.1f} points" in sentence
    assert f"{result.totals[result.index_of('Birch Castings')]:.1f} points today" in plan.sentences[0]


def test_plan_says_when_a_relative_method_moves_other_suppliers() -> None:
    # carbon intensity is min-max: the worst supplier matching the best moves the bottom of the scale
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
    outcome = find_opportunities(result, table, None)
    plan = outcome.plans["Elm Precision"]
    assert plan.rows.iloc[0]["Criterion"] == "Carbon intensity"
    assert plan.what_if.iloc[0]["Other suppliers' scores move"] == "Yes"
    assert "scored relative to the other suppliers" in plan.sentences[1]
    assert "carbon intensity (min-max)" in plan.sentences[1]


def all_text(tables) -> str:
    parts = []
    for table in tables:
        parts += [table.title, *table.intro, *map(str, table.frame.columns)]
        parts += [str(v) for v in table.frame.to_numpy(dtype=object).ravel()]
    return "\n".join(parts)


def test_single_supplier_plan_leaks_no_other_supplier(event) -> None:
    outcome, result, _ = event
    for name in result.suppliers:
        text = all_text(outcome.plan_tables(name))
        assert name in text
        for other in result.suppliers:
            if other != name:
                assert other not in text, (name, other)
                assert other.split()[0] not in text, (name, other)


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
    assert len(later.rows) <= 3 and len(later.what_if) <= 2
    assert any("first 1 of 5 suppliers" in note for note in outcome.notes)


def test_very_large_events_get_fewer_plans_up_front(monkeypatch) -> None:
    import scorecard.opportunities as opportunities

    monkeypatch.setattr(opportunities, "PLAN_ROW_BUDGET", 10)  # 10 supplier-rows: 2 plans for 5 suppliers
    table = SupplierTable.from_records(EVENT)
    result = score(table, load_preset("default"))
    outcome = find_opportunities(result, table, None)
    assert len(outcome.plans) == 2
    assert outcome.plan("Elm Precision").supplier == "Elm Precision"


def test_report_tables(event) -> None:
    outcome, result, _ = event
    tables = outcome.report_tables()
    assert [t.title for t in tables] == ["Segments", "Opportunities", "Improvement plans"]
    assert list(outcome.segments.columns) == [
        "Supplier",
        "Performance",
        "Importance",
        "Segment",
        "Band",
        "Status",
    ]
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
            assert plan.rows["Points worth"].tolist() == pytest.approx(expected, abs=1e-9), (path.stem, name)
