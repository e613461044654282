"""Date columns: native dates, serials and text, with the day/month order decided per column."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import numpy as np
import pandas as pd
import pytest

from scorecard.clean import (
    ValueKind,
    clean_column,
)
from scorecard.errors import Severity
from tests.clean.columns import FIRST_ROW, column, only, values


def test_date_objects_and_iso_text() -> None:
    result = column(
        [
            date(2026, 1, 2),
            datetime(2026, 5, 6, 7, 8),
            pd.Timestamp("2026-02-03"),
            "2026-12-31",
            "2026-12-31T10:30",
        ],
        ValueKind.DATE,
    )
    assert list(result.values) == [
        pd.Timestamp("2026-01-02"),
        pd.Timestamp("2026-05-06 07:08"),
        pd.Timestamp("2026-02-03"),
        pd.Timestamp("2026-12-31"),
        pd.Timestamp("2026-12-31 10:30"),
    ]
    assert result.values.dtype == "datetime64[us]"
    assert only(result.findings, Severity.INFO, "dates written as text").message.startswith("2 cells")


@pytest.mark.parametrize(
    ("cells", "expected", "severity", "words"),
    [
        # one date that can only be day-first settles the column
        (["31/12/2026", "01/02/2026"], ["2026-12-31", "2026-02-01"], Severity.INFO, "day/month/year"),
        (["12/31/2026", "01/02/2026"], ["2026-12-31", "2026-01-02"], Severity.INFO, "month/day/year"),
        # nothing settles it: day-first, the more common order outside the US, with a warning
        (
            ["01/02/2026", "03/04/2026", "05/05/2026"],
            ["2026-02-01", "2026-04-03", "2026-05-05"],
            Severity.WARNING,
            "could be day/month/year or month/day/year (rows 2 and 3)",  # 05/05 reads the same either way
        ),
        (
            ["31/12/2026", "12/31/2026", "13/01/2026"],
            ["2026-12-31", "2026-12-31", "2026-01-13"],
            Severity.WARNING,
            "mixes day/month/year",
        ),
    ],
)
def test_the_day_month_order_is_decided_by_the_column(
    cells: list[str], expected: list[str], severity: Severity, words: str
) -> None:
    result = column(cells, ValueKind.DATE)
    assert list(result.values) == [pd.Timestamp(day) for day in expected]
    only(result.findings, severity, words)


def test_the_day_first_decision_names_the_date_that_settled_it() -> None:
    finding = only(column(["31/12/2026", "01/02/2026"], ValueKind.DATE).findings, Severity.INFO, "day/month")
    assert finding.action == "read as day/month/year: '31/12/2026' (row 2) can only be read that way"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (44927, "2023-01-01"),
        (46022.5, "2025-12-31 12:00"),
        ("44927", "2023-01-01"),
        ("31.12.2026", "2026-12-31"),
        ("31.12.26", "2026-12-31"),
        ("2026/12/31", "2026-12-31"),
        ("31 Dec 2026", "2026-12-31"),
        ("December 31st, 2026", "2026-12-31"),
        ("31-Dec-2026", "2026-12-31"),
        ("20261231", "2026-12-31"),
        (2958465, "9999-12-31"),
    ],
)
def test_date_forms(cell: object, expected: str) -> None:
    result = column([cell], ValueKind.DATE)
    assert result.values.iloc[0] == pd.Timestamp(expected)


def test_excel_serials_are_reported() -> None:
    result = column([44927, 44928], ValueKind.DATE)
    finding = only(result.findings, Severity.INFO, "spreadsheet date numbers")
    assert finding.action is not None and finding.action.startswith("read as dates (44927 -> 2023-01-01)")


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        (2026, "looks like a year"),
        ("2026", "looks like a year"),
        (12, "outside the range"),
        ("31/02/2026", "no such date"),
        ("13/13/2026", "neither number can be the month"),
        ("next spring", "write it as 2026-12-31"),
        (True, "TRUE/FALSE"),
    ],
)
def test_unreadable_dates_are_invalid_with_a_reason(cell: object, reason: str) -> None:
    result = column([cell], ValueKind.DATE)
    assert list(result.invalid) == [True]
    assert pd.isna(result.values.iloc[0])
    (finding,) = result.findings
    assert finding.severity is Severity.WARNING and reason in finding.message and finding.row == FIRST_ROW


def test_a_datetime_series_is_read_directly() -> None:
    cells = pd.Series(pd.to_datetime(["2026-01-01", None]), index=[2, 3])
    result = clean_column(cells, ValueKind.DATE)
    assert list(result.missing) == [False, True]
    assert result.values.iloc[0] == pd.Timestamp("2026-01-01")


def test_times_of_day_and_time_zones_are_read_in_a_date_column() -> None:
    aware = datetime(2026, 1, 2, 9, 0, tzinfo=timezone(timedelta(hours=1)))
    cells = [
        "02/01/2026 8:30 pm",
        "02/01/2026 13:00 pm",  # no 13 pm
        np.datetime64("2026-01-02T08:30"),
        pd.Timestamp("2026-01-02 09:00", tz="Europe/Berlin"),
        aware,
    ]
    result = column(cells, ValueKind.DATE)
    assert values(result) == [
        pd.Timestamp("2026-01-02 20:30"),
        None,
        pd.Timestamp("2026-01-02 08:30"),
        pd.Timestamp("2026-01-02 08:00"),  # read in UTC
        pd.Timestamp("2026-01-02 08:00"),
    ]
    assert "there is no such date" in only(result.findings, Severity.WARNING, "could not read").message
