"""Yes/no: parse_yes_no and yes/no columns; a blank is never No."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from scorecard.clean import (
    ValueKind,
    parse_yes_no,
)
from scorecard.errors import Severity
from tests.clean.columns import column, only, values


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (True, "Yes"),
        (False, "No"),
        (np.True_, "Yes"),
        (1, "Yes"),
        (0, "No"),
        (1.0, "Yes"),
        (0.0, "No"),
        ("yes", "Yes"),
        (" YES ", "Yes"),
        ("y", "Yes"),
        ("Y", "Yes"),
        ("true", "Yes"),
        ("TRUE", "Yes"),
        ("1", "Yes"),
        ("x", "Yes"),
        ("X", "Yes"),
        ("✓", "Yes"),
        ("✔", "Yes"),
        ("ja", "Yes"),
        ("oui", "Yes"),
        ("si", "Yes"),
        ("Certified", "Yes"),
        ("Yes, since 2019", "Yes"),
        ("no", "No"),
        ("N", "No"),
        ("false", "No"),
        ("0", "No"),
        ("✗", "No"),
        ("✘", "No"),
        ("nein", "No"),
        ("non", "No"),
        ("not certified", "No"),
        ("No (expired 2023)", "No"),
        (None, None),
        ("", None),
        ("n/a", None),
        ("maybe", None),
        ("no idea", None),
        ("Yes/No", None),
        (2, None),
        (float("nan"), None),
        (date(2026, 1, 1), None),
    ],
)
def test_parse_yes_no(cell: object, expected: str | None) -> None:
    assert parse_yes_no(cell) == expected


def test_yes_no_column() -> None:
    result = column(["yes", "No", "x", "", None, True, 0, "Yes", "n/a", "maybe", 2], ValueKind.YES_NO)
    assert values(result) == ["Yes", "No", "Yes", None, None, "Yes", "No", "Yes", None, None, None]
    assert list(result.missing) == [False, False, False, True, True, False, False, False, True, False, False]
    assert list(result.invalid) == [False] * 9 + [True, True]
    assert result.values.dtype == object


def test_yes_no_forms_are_listed_once() -> None:
    result = column(["x", "X", "ja", "n", "Yes", True, 1], ValueKind.YES_NO)
    finding = only(result.findings, Severity.INFO, "other words")
    assert finding.action == "read '1', 'x', 'X', 'ja' as Yes; 'n' as No"
    assert "rows 2-5 and 8" in finding.message


def test_yes_no_with_a_comment_is_a_warning() -> None:
    result = column(["Yes, since 2019", "No - expired"], ValueKind.YES_NO)
    assert values(result) == ["Yes", "No"]
    only(result.findings, Severity.WARNING, "with comments")


def test_a_blank_in_a_yes_no_column_is_never_no() -> None:
    result = column([None, "", " "], ValueKind.YES_NO)
    assert values(result) == [None, None, None]
    assert result.missing.all()
