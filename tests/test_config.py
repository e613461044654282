"""The settings schema: weights, method descriptions, round trips, and every broken file named by its key."""

from __future__ import annotations

import copy
from dataclasses import replace
from typing import Any

import pytest

from scorecard.config import (
    ConfigError,
    Knockout,
    config_to_yaml,
    load_config,
    load_preset,
    parse_config,
    parse_config_text,
    unit_suffix,
)


def base_data(factory) -> dict[str, Any]:
    """A small valid config: two quality criteria, one risk criterion, a knockout and three bands."""
    return factory.config_data(
        factory.criterion("otd", {"type": "linear", "worst": 90, "best": 100}, weight=60, unit="%"),
        factory.criterion("defects", "min_max", weight=40, direction="lower", unit="ppm"),
        factory.criterion(
            "iso",
            {"type": "categorical", "points": {"Yes": 100, "No": 0}},
            category="risk",
            weight=1,
            unit="Yes/No",
        ),
        category_weights={"quality": 3, "risk": 1},
        knockouts=[{"criterion": "iso", "must_be": "Yes"}],
    )


def broken(data: dict[str, Any], path: list[Any], value: Any) -> dict[str, Any]:
    """A deep copy of `data` with the value at `path` replaced (or removed when value is ...)."""
    data = copy.deepcopy(data)
    target = data
    for step in path[:-1]:
        target = target[step]
    if value is ...:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


def error_for(data: Any) -> str:
    with pytest.raises(ConfigError) as caught:
        parse_config(data, "test.yaml")
    return str(caught.value)


# --------------------------------------------------------------------------- weights


def test_effective_weight_is_category_share_times_share_within(factory) -> None:
    config = parse_config(base_data(factory))
    weights = config.effective_weights()
    assert weights == pytest.approx({"otd": 0.75 * 0.6, "defects": 0.75 * 0.4, "iso": 0.25})
    assert config.category_shares() == pytest.approx({"quality": 0.75, "risk": 0.25})
    assert sum(weights.values()) == pytest.approx(1.0)


def test_weights_are_relative(factory) -> None:
    data = base_data(factory)
    scaled = broken(data, ["categories", "quality", "weight"], 30)
    scaled = broken(scaled, ["categories", "risk", "weight"], 10)
    scaled["categories"]["quality"]["criteria"][0]["weight"] = 6
    scaled["categories"]["quality"]["criteria"][1]["weight"] = 4
    assert parse_config(scaled).effective_weights() == pytest.approx(parse_config(data).effective_weights())


def test_a_category_without_weighted_criteria_does_not_dilute_the_others(factory) -> None:
    data = broken(base_data(factory), ["categories", "risk", "weight"], 0)
    weights = parse_config(data).effective_weights()
    assert weights == pytest.approx({"otd": 0.6, "defects": 0.4, "iso": 0.0})


def test_with_weights_changes_only_what_it_names_and_revalidates(factory) -> None:
    config = parse_config(base_data(factory))
    changed = config.with_weights(categories={"risk": 3}, criteria={"otd": 40})
    assert changed.category("risk").weight == 3
    assert changed.criterion("otd").weight == 40
    assert changed.criterion("defects").weight == 40
    with pytest.raises(ConfigError, match="every weight under `categories` is 0"):
        config.with_weights(categories={"quality": 0, "risk": 0})


def test_with_overrides_merges_the_buyers_mapping(factory) -> None:
    config = parse_config(base_data(factory)).with_overrides({"otd": "OTIF %"})
    assert dict(config.with_overrides({"iso": "ISO cert"}).column_overrides) == {
        "otd": "OTIF %",
        "iso": "ISO cert",
    }


def test_with_overrides_refuses_a_key_that_is_no_criterion(factory) -> None:
    config = parse_config(base_data(factory))
    assert dict(config.with_overrides({"supplier": "Vendor"}).column_overrides) == {"supplier": "Vendor"}
    with pytest.raises(ConfigError, match="'otdd'"):
        config.with_overrides({"otd": "OTIF %", "otdd": "OTIF %"})


# --------------------------------------------------------------------------- descriptions


@pytest.mark.parametrize(
    ("method", "direction", "unit", "expected"),
    [
        ("min_max", "lower", "ppm", "the lowest value among qualified suppliers scores 100, the highest 0"),
        ("ratio_to_best", "lower", "EUR", "score = 100 x lowest value / this value"),
        ("ratio_to_best", "higher", "", "score = 100 x this value / highest value"),
        ({"type": "linear", "worst": 30, "best": 90}, "higher", "days", "30 days or worse scores 0, 90 days"),
        ({"type": "target", "target": 80, "tolerance": 25}, "higher", "%", "80% scores 100"),
        (
            {"type": "steps", "steps": [{"at_most": 1, "score": 100}, {"at_most": 4, "score": 80}]},
            "lower",
            "hours",
            "<= 1 hours scores 100; <= 4 hours scores 80; otherwise 0",
        ),
        ({"type": "categorical", "points": {"Low": 100, "High": 10}}, "higher", "", "Low = 100, High = 10"),
        ({"type": "log_ratio", "a": 2}, "lower", "EUR", "a value 2 times the lowest scores 0"),
    ],
)
def test_each_method_describes_itself_in_one_checkable_sentence(
    factory, method: Any, direction: str, unit: str, expected: str
) -> None:
    config = factory.config(factory.criterion("c", method, direction=direction, unit=unit))
    criterion = config.criterion("c")
    assert expected in criterion.method.describe(criterion.direction, criterion.unit)


@pytest.mark.parametrize(
    ("unit", "suffix"),
    [("%", "%"), ("days", " days"), ("0-100", ""), ("Yes/No", ""), ("rating 1-5", ""), ("", "")],
)
def test_unit_suffix(unit: str, suffix: str) -> None:
    assert unit_suffix(unit) == suffix


def test_knockout_describes_its_rule() -> None:
    assert Knockout("iso", must_be=("Gold", "Platinum")).describe("Medal") == "Medal must be Gold or Platinum"
    assert Knockout("otd", at_least=95).describe("OTD", "%") == "OTD must be at least 95%"
    assert Knockout("risk", at_most=70).describe("Risk score") == "Risk score must be at most 70"


def test_yaml_yes_keys_are_read_as_the_word_yes() -> None:
    text = """
name: Yes/No keys
categories:
  quality:
    weight: 1
    criteria:
      - key: iso_9001
        unit: Yes/No
        weight: 1
        method: {type: categorical, points: {Yes: 100, No: 0}}
knockouts:
  - {criterion: iso_9001, must_be: yes}
bands:
  - {name: All, from: 0, to: 100, colour: "#123456"}
"""
    config = parse_config_text(text, "yes.yaml")
    assert config.criterion("iso_9001").method.points == (("Yes", 100.0), ("No", 0.0))
    assert config.criterion("iso_9001").kind == "yes_no"
    assert config.knockouts[0].must_be == ("Yes",)


def test_steps_are_sorted_best_first_whatever_order_they_are_written(factory) -> None:
    config = factory.config(
        factory.criterion(
            "otd",
            {"type": "steps", "steps": [{"at_least": 95, "score": 70}, {"at_least": 98, "score": 100}]},
        )
    )
    assert [s.limit for s in config.criterion("otd").method.steps] == [98, 95]


# --------------------------------------------------------------------------- round trips


def every_method_config(factory):
    return factory.config(
        factory.criterion("a", "min_max", weight=1),
        factory.criterion("b", "ratio_to_best", direction="lower", unit="EUR", category="cost"),
        factory.criterion("c", {"type": "linear", "worst": 1500, "best": 50}, direction="lower"),
        factory.criterion("d", {"type": "target", "target": 36, "tolerance": 24}, missing="exclude"),
        factory.criterion(
            "e",
            {"type": "steps", "steps": [{"at_most": 1, "score": 100}], "otherwise": 10},
            direction="lower",
            missing="neutral",
        ),
        factory.criterion(
            "f", {"type": "categorical", "points": {"Gold": 100, "None": 0}}, category="sustainability"
        ),
        factory.criterion("g", {"type": "log_ratio", "a": 1.5}, direction="lower", category="cost"),
        factory.criterion("h", "min_max", weight=0, missing="disqualify", synonyms=["H col"], panel=True),
        knockouts=[
            {"criterion": "f", "must_be": ["Gold", "Silver"], "if_missing": "pass"},
            {"criterion": "a", "at_least": 3},
            {"criterion": "c", "at_most": 900},
        ],
        aggregation="topsis",
        knockouts_enabled=False,
        column_overrides={"a": "Column A"},
        description="Every method.",
    )


def test_round_trip_through_data_and_yaml_for_every_method(factory) -> None:
    config = every_method_config(factory)
    assert parse_config(config.to_dict()) == config
    assert parse_config_text(config_to_yaml(config), "saved.yaml") == config


@pytest.mark.parametrize("name", ["default", "manufacturing_retail", "indirect_spend"])
def test_round_trip_for_presets(name: str) -> None:
    config = load_preset(name)
    assert parse_config(config.to_dict()) == config
    assert parse_config_text(config_to_yaml(config), f"{name}.yaml") == config


@pytest.mark.parametrize("name", ["default", "manufacturing_retail", "indirect_spend"])
def test_equality_sees_the_optional_sections(name: str) -> None:
    """A round trip that lost the bids, panel or opportunities section must not compare equal."""
    config = load_preset(name)
    assert config.sections, "the preset should carry at least one optional section"
    for dropped in range(len(config.sections)):
        kept = tuple(s for k, s in enumerate(config.sections) if k != dropped)
        assert replace(config, sections=kept) != config
    data = config.to_dict()
    first = config.sections[0][0]
    del data[first]
    assert parse_config(data) != config


# --------------------------------------------------------------------------- broken settings

Q0 = ["categories", "quality", "criteria", 0]
Q1 = ["categories", "quality", "criteria", 1]

BROKEN: list[tuple[str, list[Any], Any, str, str]] = [
    # (id, path in base_data, new value, key path in the message, what is wrong)
    ("negative weight", [*Q1, "weight"], -5, "categories.quality.criteria[1].weight", "cannot be below 0"),
    (
        "weight as text",
        [*Q0, "weight"],
        "high",
        "categories.quality.criteria[0].weight",
        "should be a number",
    ),
    ("unknown method", [*Q0, "method"], "best_of", "categories.quality.criteria[0].method.type", "one of"),
    (
        "linear best equals worst",
        [*Q0, "method"],
        {"type": "linear", "worst": 90, "best": 90},
        "categories.quality.criteria[0].method.best",
        "must differ from `worst`",
    ),
    (
        "linear against direction",
        [*Q0, "method"],
        {"type": "linear", "worst": 100, "best": 90},
        "categories.quality.criteria[0].method.best",
        "says higher is better",
    ),
    (
        "unknown criterion key",
        [*Q0, "wieght"],
        3,
        "categories.quality.criteria[0].wieght",
        "is not a setting",
    ),
    (
        "unknown category",
        ["categories", "logistics"],
        {"weight": 1},
        "categories.logistics",
        "is not a setting",
    ),
    ("unknown top-level key", ["colour_scheme"], "dark", "colour_scheme", "is not a setting"),
    ("bad colour", ["bands", 0, "colour"], "green", "bands[0].colour", "#RRGGBB"),
    ("band gap", ["bands", 1, "from"], 45, "`bands`", "leave a gap between 40 (Red) and 45 (Amber)"),
    ("band overlap", ["bands", 1, "from"], 30, "`bands`", "overlap: Red ends at 40 but Amber starts at 30"),
    ("bands not from 0", ["bands", 2, "from"], 10, "`bands`", "must start at 0"),
    ("bands not to 100", ["bands", 0, "to"], 90, "`bands`", "must end at 100"),
    ("band upside down", ["bands", 0, "to"], 60, "bands[0].to", "not above `from`"),
    (
        "knockout unknown criterion",
        ["knockouts", 0, "criterion"],
        "iso9001",
        "knockouts[0].criterion",
        "not a criterion key",
    ),
    (
        "must_be on a numeric criterion",
        ["knockouts", 0],
        {"criterion": "otd", "must_be": "Yes"},
        "knockouts[0].must_be",
        "holds numbers; use at_least or at_most",
    ),
    (
        "at_least on a text criterion",
        ["knockouts", 0],
        {"criterion": "iso", "at_least": 1},
        "knockouts[0].at_least",
        "holds text; use must_be",
    ),
    (
        "knockout with two rules",
        ["knockouts", 0],
        {"criterion": "otd", "at_least": 90, "at_most": 100},
        "knockouts[0]",
        "exactly one rule",
    ),
    (
        "empty must_be",
        ["knockouts", 0],
        {"criterion": "iso", "must_be": []},
        "knockouts[0].must_be",
        "a list of answers",
    ),
    (
        "knockout if_missing unknown",
        ["knockouts", 0, "if_missing"],
        "ignore",
        "knockouts[0].if_missing",
        "disqualify, pass",
    ),
    (
        "unknown missing policy",
        [*Q0, "missing"],
        "zero",
        "categories.quality.criteria[0].missing",
        "one of: worst",
    ),
    (
        "criterion key with spaces",
        [*Q0, "key"],
        "on time",
        "categories.quality.criteria[0].key",
        "underscores",
    ),
    (
        "target tolerance zero",
        [*Q0, "method"],
        {"type": "target", "target": 95, "tolerance": 0},
        "categories.quality.criteria[0].method.tolerance",
        "cannot be below",
    ),
    (
        "log_ratio for higher is better",
        [*Q0, "method"],
        {"type": "log_ratio", "a": 2},
        "categories.quality.criteria[0].method.type",
        "needs `direction: lower`",
    ),
    (
        "log_ratio base of 1",
        [*Q1, "method"],
        {"type": "log_ratio", "a": 1},
        "categories.quality.criteria[1].method.a",
        "cannot be below",
    ),
    (
        "steps not a staircase",
        [*Q0, "method"],
        {"type": "steps", "steps": [{"at_least": 98, "score": 60}, {"at_least": 95, "score": 80}]},
        "categories.quality.criteria[0].method.steps",
        "a better value would score less",
    ),
    (
        "otherwise above the last step",
        [*Q0, "method"],
        {"type": "steps", "steps": [{"at_least": 98, "score": 60}], "otherwise": 70},
        "categories.quality.criteria[0].method.steps",
        "70 at otherwise",
    ),
    (
        "step written with the wrong word",
        [*Q0, "method"],
        {"type": "steps", "steps": [{"at_most": 98, "score": 60}]},
        "categories.quality.criteria[0].method.steps[0].at_most",
        "is not a setting",
    ),
    (
        "same step limit twice",
        [*Q0, "method"],
        {"type": "steps", "steps": [{"at_least": 98, "score": 100}, {"at_least": 98, "score": 50}]},
        "categories.quality.criteria[0].method.steps",
        "same `at_least` value twice",
    ),
    (
        "step score above 100",
        [*Q0, "method"],
        {"type": "steps", "steps": [{"at_least": 98, "score": 120}]},
        "categories.quality.criteria[0].method.steps[0].score",
        "cannot be above 100",
    ),
    (
        "categorical points repeated",
        ["categories", "risk", "criteria", 0, "method"],
        {"type": "categorical", "points": {"Yes": 100, "yes": 0}},
        "categories.risk.criteria[0].method.points",
        "same category twice",
    ),
    (
        "categorical points above 100",
        ["categories", "risk", "criteria", 0, "method"],
        {"type": "categorical", "points": {"Yes": 150, "No": 0}},
        "categories.risk.criteria[0].method.points.Yes",
        "cannot be above 100",
    ),
    (
        "categorical on a number kind",
        ["categories", "risk", "criteria", 0, "kind"],
        "number",
        "categories.risk.criteria[0].kind",
        "use kind: text or yes_no",
    ),
    ("method missing", [*Q0, "method"], ..., "categories.quality.criteria[0].method", "is missing"),
    ("name missing", ["name"], ..., "`name`", "is missing"),
    (
        "criteria not a list",
        ["categories", "quality", "criteria"],
        "otd",
        "categories.quality.criteria",
        "should be a list",
    ),
    (
        "overrides unknown criterion",
        ["column_overrides"],
        {"otdd": "OTD"},
        "column_overrides.otdd",
        "not a criterion key",
    ),
    ("aggregation unknown", ["aggregation"], "ahp", "`aggregation`", "weighted_sum, topsis"),
    (
        "knockouts_enabled not a flag",
        ["knockouts_enabled"],
        "sometimes",
        "knockouts_enabled",
        "true or false",
    ),
]


@pytest.mark.parametrize(
    ("path", "value", "where", "problem"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN]
)
def test_broken_settings_name_the_key_and_the_problem(
    factory, path: list[Any], value: Any, where: str, problem: str
) -> None:
    message = error_for(broken(base_data(factory), path, value))
    assert f"`{where.strip('`')}`" in message
    assert problem in message
    assert "test.yaml" in message


def test_duplicate_criterion_key_names_both_places(factory) -> None:
    data = base_data(factory)
    data["categories"]["risk"]["criteria"].append(copy.deepcopy(data["categories"]["quality"]["criteria"][0]))
    message = error_for(data)
    # categories are read in their fixed order (cost, risk, quality, ...), so quality's comes second
    assert "`categories.quality.criteria[0].key`" in message
    assert "'otd' is used twice (also in categories.risk.criteria[1])" in message


def test_all_weights_zero_is_refused(factory) -> None:
    data = broken(base_data(factory), ["categories", "quality", "weight"], 0)
    data = broken(data, ["categories", "risk", "weight"], 0)
    message = error_for(data)
    assert "`categories`" in message and "is 0, so no supplier could be scored" in message


def test_category_weight_with_only_zero_weight_criteria_is_refused(factory) -> None:
    data = base_data(factory)
    for criterion in data["categories"]["quality"]["criteria"]:
        criterion["weight"] = 0
    message = error_for(data)
    assert "`categories.quality.weight` is 3" in message
    assert "every criterion under `categories.quality.criteria` has weight 0" in message


def test_no_criteria_at_all_is_refused(factory) -> None:
    data = base_data(factory)
    data["categories"] = {"quality": {"weight": 1, "criteria": []}}
    data.pop("knockouts")
    assert "define no criteria" in error_for(data)


def test_settings_that_are_not_a_mapping_are_refused() -> None:
    assert "should be a YAML file of settings" in error_for(["name", "weights"])
    with pytest.raises(ConfigError, match="should be a YAML file of settings"):
        parse_config_text("just a sentence", "notes.yaml")


def test_yaml_syntax_error_gives_the_line_number() -> None:
    text = "name: Broken\ncategories:\n  quality: {weight: 1\nbands: []\n"
    with pytest.raises(ConfigError) as caught:
        parse_config_text(text, "broken.yaml")
    message = str(caught.value)
    assert "broken.yaml could not be read at line 4" in message
    assert "Check the indentation" in message


def test_binary_and_oversized_files_are_refused() -> None:
    with pytest.raises(ConfigError, match="not a text settings file"):
        parse_config_text(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "scores.xlsx")
    with pytest.raises(ConfigError, match="larger than any settings file"):
        parse_config_text("#" * 1_000_001, "huge.yaml")


def test_missing_file_lists_the_presets(tmp_path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "nowhere.yaml")
    assert "does not exist" in str(caught.value)
    assert "default" in str(caught.value) and "indirect_spend" in str(caught.value)


def test_a_broken_file_on_disk_is_reported_with_its_file_name(tmp_path, factory) -> None:
    path = tmp_path / "mine.yaml"
    data = broken(base_data(factory), [*Q1, "weight"], -1)
    path.write_text(config_to_yaml(parse_config(base_data(factory))).replace("weight: 40.0", "weight: -1"))
    with pytest.raises(ConfigError, match=r"In mine.yaml, `categories.quality.criteria\[1\].weight` is -1"):
        load_config(path)
    assert error_for(data)
