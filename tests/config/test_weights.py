"""Weights as set become counted shares; copies with new weights or a buyer's column mapping are checked again."""

from __future__ import annotations

import pytest

from scorecard.config import (
    ConfigError,
    parse_config,
)
from tests.config.data import base_data, broken


def test_effective_weight_is_category_share_times_share_within(factory) -> None:
    config = parse_config(base_data(factory))
    weights = config.counted_shares()
    assert weights == pytest.approx({"otd": 0.75 * 0.6, "defects": 0.75 * 0.4, "iso": 0.25})
    assert config.category_shares() == pytest.approx({"quality": 0.75, "risk": 0.25})
    assert sum(weights.values()) == pytest.approx(1.0)


def test_weights_are_relative(factory) -> None:
    data = base_data(factory)
    scaled = broken(data, ["categories", "quality", "weight"], 30)
    scaled = broken(scaled, ["categories", "risk", "weight"], 10)
    scaled["categories"]["quality"]["criteria"][0]["weight"] = 6
    scaled["categories"]["quality"]["criteria"][1]["weight"] = 4
    assert parse_config(scaled).counted_shares() == pytest.approx(parse_config(data).counted_shares())


def test_a_category_without_weighted_criteria_does_not_dilute_the_others(factory) -> None:
    data = broken(base_data(factory), ["categories", "risk", "weight"], 0)
    weights = parse_config(data).counted_shares()
    assert weights == pytest.approx({"otd": 0.6, "defects": 0.4, "iso": 0.0})


def test_with_weights_changes_only_what_it_names_and_revalidates(factory) -> None:
    config = parse_config(base_data(factory))
    changed = config.with_weights(categories={"risk": 3}, criteria={"otd": 40})
    assert changed.category("risk").weight == 3
    assert changed.criterion("otd").weight == 40
    assert changed.criterion("defects").weight == 40
    # the sliders' words, not the settings file's keys or name (a buyer moved a slider)
    with pytest.raises(ConfigError, match=r"^Every weight is at 0, so no supplier can be scored") as caught:
        config.with_weights(categories={"quality": 0, "risk": 0})
    assert "Move at least one category" in (caught.value.hint or "")
    with pytest.raises(ConfigError, match="but every criterion in Quality is at 0") as caught:
        config.with_weights(criteria={"otd": 0, "defects": 0})
    assert "`" not in str(caught.value) and ".yaml" not in str(caught.value)


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
