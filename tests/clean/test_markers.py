"""The words that mean "no data", and where they count."""

from __future__ import annotations

import pytest

from scorecard.clean import (
    ValueKind,
    is_missing_marker,
)
from tests.clean.columns import FORMULA_ERROR_TEXTS, NO_DATA_TEXTS


@pytest.mark.parametrize("text", [*NO_DATA_TEXTS, *FORMULA_ERROR_TEXTS])
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
