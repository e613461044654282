"""Settings data for the config tests: a small valid config, and copies of it broken at one key."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from scorecard.config import ConfigError, parse_config


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


Q0 = ["categories", "quality", "criteria", 0]
Q1 = ["categories", "quality", "criteria", 1]
