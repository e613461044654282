"""Round trips: a config written to data or YAML and parsed again is equal, optional sections included."""

from __future__ import annotations

from dataclasses import replace

import pytest

from scorecard.config import (
    config_to_yaml,
    load_preset,
    parse_config,
    parse_config_text,
)


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
