"""A must-have switched off is recorded on the settings (F15): the rule in words, so that every report can
name what was not checked, and settings with it switched off are never equal to the preset's."""

from __future__ import annotations

from scorecard.config import SwitchedOff, config_to_yaml, load_preset, parse_config, parse_config_text


def test_switching_a_must_have_off_keeps_its_rule_in_words() -> None:
    preset = load_preset("default")
    config = preset.without_must_haves(["financial_risk"])
    assert [rule.criterion for rule in config.knockouts] == ["iso_9001"]
    (rule,) = (r for r in preset.knockouts if r.criterion == "financial_risk")
    assert config.switched_off == (
        SwitchedOff(
            "financial_risk", "Financial risk score", "Financial risk score must be at most 70", True, rule
        ),
    )
    again = config.without_must_haves(["iso_9001"])  # a second switch adds to the record
    assert [off.rule for off in again.switched_off] == [
        "Financial risk score must be at most 70",
        "ISO 9001 certified must be Yes",
    ]
    assert not again.knockouts


def test_settings_with_a_must_have_switched_off_are_not_the_presets() -> None:
    """The page keeps evaluations per settings: the record must tell them apart from settings that never
    had the must-have, whose reports say nothing about it."""
    preset = load_preset("default")
    switched = preset.without_must_haves(["iso_9001"])
    data = preset.to_dict()
    data["knockouts"] = [k for k in data["knockouts"] if k["criterion"] != "iso_9001"]
    never = parse_config(data)
    assert never.knockouts == switched.knockouts
    assert never != switched and hash(never) != hash(switched)
    assert (
        switched.with_weights({"cost": 50}).switched_off == switched.switched_off
    )  # kept through the sliders


def test_a_downloaded_settings_file_has_the_must_have_back_on() -> None:
    """A settings file states the policy: a must-have switched off for one file is written back on, not lost
    without a word (the next file without its column stops again and names it)."""
    config = load_preset("default").without_must_haves(["financial_risk"])
    reloaded = parse_config_text(config_to_yaml(config).encode(), "downloaded.yaml")
    assert {rule.criterion for rule in reloaded.knockouts} == {"iso_9001", "financial_risk"}
    assert not reloaded.switched_off
    assert parse_config(config.to_dict()).knockouts == config.knockouts  # the settings in use are unchanged
