"""The words that mean "no data", and where they count."""

from __future__ import annotations

import pytest

from scorecard.clean import (
    ValueKind,
    is_missing_marker,
)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "\xa0",
        "n/a",
        "N/A",
        " na ",
        "n.a.",
        "n.a",
        "-",
        "--",
        "—",
        "tbd",
        "TBC",
        "?",
        "null",
        "NaN",
        "no data",
        "No Data",
        "unknown",
        "#N/A",
        "#DIV/0!",
        "#VALUE!",
        "#REF!",
        "#name?",
    ],
)
def test_missing_markers_are_recognised_in_any_case_and_spacing(text: str) -> None:
    assert is_missing_marker(text)
    assert is_missing_marker(text, ValueKind.NUMBER)
    assert is_missing_marker(text, ValueKind.TEXT)


@pytest.mark.parametrize("text", ["0", "x", "no", "Low", "nano", "N/A Ltd", "none of it"])
def test_values_are_not_missing_markers(text: str) -> None:
    assert not is_missing_marker(text, ValueKind.NUMBER)


def test_none_is_no_data_only_for_numbers() -> None:
    for kind in (ValueKind.NUMBER, ValueKind.MONEY, ValueKind.PERCENT):
        assert is_missing_marker("None", kind)
    for kind in (None, ValueKind.TEXT, ValueKind.YES_NO, ValueKind.DATE, ValueKind.IDENTIFIER):
        assert not is_missing_marker("None", kind)


def test_identifier_markers_are_only_blanks() -> None:
    assert is_missing_marker("  ", ValueKind.IDENTIFIER)
    for text in ("NA", "N/A", "-", "TBD", "#N/A", "unknown"):
        assert not is_missing_marker(text, ValueKind.IDENTIFIER)
