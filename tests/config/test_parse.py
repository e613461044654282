"""Every broken settings file is refused with the key where the problem is and what to do."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from scorecard.config import (
    ConfigError,
    parse_config_text,
)
from tests.config.data import Q0, Q1, base_data, broken, error_for

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
