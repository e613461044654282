"""Text and identifier columns."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorecard.clean import (
    ValueKind,
    clean_column,
)
from scorecard.errors import Severity
from tests.clean.columns import column, only, values


def test_text_is_tidied_but_keeps_its_case() -> None:
    result = column(["  Low ", "HIGH", "medium\xa0  risk", "Gold\u200b"], ValueKind.TEXT)
    assert values(result) == ["Low", "HIGH", "medium risk", "Gold"]
    finding = only(result.findings, Severity.INFO, "spaces")
    assert finding.action == "tidied them ('  Low ' -> 'Low')"


def test_text_keeps_none_as_an_answer_but_markers_are_missing() -> None:
    result = column(["None", "n/a", "-", "TBD"], ValueKind.TEXT)
    assert values(result) == ["None", None, None, None]
    assert list(result.missing) == [False, True, True, True]


def test_numbers_bools_and_dates_in_a_text_column_become_text() -> None:
    result = column([3, 2.5, 4.0, True, date(2026, 3, 1)], ValueKind.TEXT)
    assert values(result) == ["3", "2.5", "4", "TRUE", "2026-03-01"]
    finding = only(result.findings, Severity.INFO, "not text")
    assert finding.message.startswith("5 cells")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("00123", "00123"),
        ("NA", "NA"),
        ("N/A", "N/A"),
        ("n.a.", "n.a."),
        ("-", "-"),
        ("  Acme  Ltd ", "Acme  Ltd"),
        (1234.0, "1234"),
        (1234, "1234"),
        (12.5, "12.5"),
        ("#N/A", "#N/A"),
    ],
)
def test_identifiers_are_always_text(cell: object, expected: str) -> None:
    result = column([cell], ValueKind.IDENTIFIER)
    assert values(result) == [expected]
    assert not result.missing.any() and not result.invalid.any()


def test_identifier_blanks_are_missing() -> None:
    result = column([None, "", "  ", "Acme"], ValueKind.IDENTIFIER)
    assert list(result.missing) == [True, True, True, False]


def test_identifier_findings() -> None:
    result = column(
        ["NA", 1234.0, date(2026, 1, 2), "#N/A", True, 1.234567890123456e16], ValueKind.IDENTIFIER
    )
    assert values(result)[:4] == ["NA", "1234", "2026-01-02", "#N/A"]
    assert list(result.invalid) == [False, False, False, False, True, False]
    marker = only(result.findings, Severity.INFO, "'no data' marker")
    assert marker.row == 2 and marker.action is not None and "kept 'NA'" in marker.action
    only(result.findings, Severity.WARNING, "was a date")
    only(result.findings, Severity.WARNING, "formula error")
    only(result.findings, Severity.WARNING, "too long for a spreadsheet")
    assert only(result.findings, Severity.INFO, "were numbers").message.startswith("2 cells")


@settings(deadline=None)  # no deadline: under load the first examples run slow, not the code
@given(st.text().filter(lambda text: text.strip() != ""))
def test_identifiers_round_trip_bar_trimming(text: str) -> None:
    result = clean_column(pd.Series([text], dtype=object), ValueKind.IDENTIFIER)
    assert result.values.iloc[0] == text.strip()
    assert not result.missing.iloc[0] and not result.invalid.iloc[0]


def test_dates_times_and_durations_in_a_text_column_read_as_a_spreadsheet_shows_them() -> None:
    cells = [
        time(8, 30),
        timedelta(hours=2),
        np.datetime64("2026-01-02T08:30"),
        datetime(2026, 1, 2, 8, 30),
        date(2026, 1, 2),
        float("inf"),
    ]
    result = column(cells, ValueKind.TEXT)
    assert values(result)[:5] == [
        "08:30:00",
        "2:00:00",
        "2026-01-02 08:30:00",
        "2026-01-02 08:30:00",
        "2026-01-02",
    ]
    assert result.invalid.tolist() == [False] * 5 + [True]
    only(result.findings, Severity.WARNING, "infinite")
