"""The `panel` section: defaults, a YAML round trip, and every error naming its key."""

from __future__ import annotations

from typing import Any

import pytest

from scorecard.config import ConfigError, config_to_yaml, parse_config, parse_config_text
from scorecard.panel import (
    PanelSettings,
)
from tests.panel.data import config_data, load


def test_default_settings_and_round_trip_through_yaml() -> None:
    config, panel_settings = load()
    assert panel_settings == PanelSettings()
    assert panel_settings.disagreement_range == 2 and panel_settings.descriptor(3) == "Good"
    custom = {
        "scale": {"min": 1, "max": 5, "descriptors": {1: "Poor", 5: "Excellent"}},
        "consensus": "trimmed_mean",
        "trim_share": 0.25,
        "evaluator_weights": {"Quality engineer": 2},
        "shape": "wide",
        "columns": {"evaluator": ["Panellist"]},
    }
    data = config_data(custom)
    for c in data["categories"]["srm_fit"]["criteria"]:
        c["unit"], c["method"] = "rating 1-5", {"type": "linear", "worst": 1, "best": 5}
    config = parse_config(data, "custom")
    again = parse_config_text(config_to_yaml(config), "downloaded")
    assert again.section("panel") == config.section("panel")
    assert config.section("panel").disagreement_range == 2  # half the scale's width, 4 / 2
    assert "Panellist" in config.section("panel").names_for("evaluator")


@pytest.mark.parametrize(
    ("panel", "where"),
    [
        ({"scale": {"min": 4, "max": 0}}, "`panel.scale.max`"),
        ({"scale": {"descriptors": {7: "Superb"}}}, "`panel.scale.descriptors.7`"),
        ({"consensus": "mode"}, "`panel.consensus`"),
        ({"consensus": "trimmed_mean", "trim_share": 0.5}, "`panel.trim_share`"),
        ({"trim_share": 0.2}, "`panel.trim_share`"),
        ({"evaluator_weights": {"Anna": "high"}}, "`panel.evaluator_weights.Anna`"),
        ({"evaluator_weights": {"Anna": 0}}, "`panel.evaluator_weights.Anna`"),
        ({"disagreement_range": 5}, "`panel.disagreement_range`"),
        ({"shape": "tall"}, "`panel.shape`"),
        ({"columns": {"rater": ["Who"]}}, "`panel.columns.rater`"),
        ({"scale": {"min": 1, "max": 5}}, "`panel.scale`"),  # criteria are scored 0-4
        ({"colour": "red"}, "`panel.colour`"),
    ],
)
def test_settings_errors_name_the_key(panel: dict[str, Any], where: str) -> None:
    with pytest.raises(ConfigError) as error:
        load(panel)
    assert where in str(error.value)


def test_a_panel_section_without_panel_criteria_is_an_error() -> None:
    data = config_data()
    for c in data["categories"]["srm_fit"]["criteria"]:
        c["panel"] = False
    with pytest.raises(ConfigError, match=r"`panel`.*panel: true"):
        parse_config(data, "test")
