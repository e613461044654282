"""The `opportunities` settings: defaults, round trip through YAML, and errors that name the key path."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from opportunities.cases import FIELD, LINEAR_CONFIG, criterion, linear_config_data, run, supplier
from scorecard.config import (
    ConfigError,
    Section,
    config_to_yaml,
    parse_config,
    parse_config_text,
    preset_paths,
)
from scorecard.errors import Severity
from scorecard.opportunities import (
    DEFAULT_SECTION,
    default_settings,
    parse_opportunity_settings,
    settings_for,
)


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
    assert "Co-innovation opportunities are not looked for: they need the Innovation criterion" in notes
    assert "co_innovation" not in notes  # the rule's id is the settings file's word, not the buyer's
    assert "co_innovation" not in {m.rule.id for m in outcome.matches}


def test_a_rule_that_must_not_be_skipped_quietly_warns_and_names_itself_for_the_settings_file() -> None:
    rule = {
        **GOOD_RULE,
        "id": "needs_platinum",
        "type": "Co-innovation",
        "when": [{"band": "Platinum"}],  # a band these settings do not have
        "if_criteria_missing": "error",
    }
    config = parse_config(linear_config_data(opportunities={"rules": [rule]}), "the test settings")
    outcome, _, _ = run(FIELD, None, config)
    (warned,) = [f for f in outcome.findings if f.severity is Severity.WARNING]
    said = "Co-innovation opportunities are not looked for: they need the band 'Platinum'"
    assert warned.message.startswith(said)
    assert "'needs_platinum'" in (warned.action or "") and "needs_platinum" not in warned.message


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
