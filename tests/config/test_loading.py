"""Loading a settings file: syntax errors with their line, binary and oversized files, missing files."""

from __future__ import annotations

import pytest

from scorecard.config import (
    ConfigError,
    config_to_yaml,
    load_config,
    parse_config,
    parse_config_text,
)
from tests.config.data import Q1, base_data, broken, error_for


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
