"""The values describe themselves in sentences a buyer can check by hand; YAML's yes/no keys read as words."""

from __future__ import annotations

from typing import Any

import pytest

from scorecard.config import (
    Knockout,
    parse_config_text,
    unit_suffix,
)


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
