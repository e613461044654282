"""Number columns: typed and text numbers, markers, units, scales and the findings that say so."""

from __future__ import annotations

import math
from datetime import datetime, time

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorecard.clean import (
    ValueKind,
    clean_column,
    is_missing_marker,
)
from scorecard.errors import Severity
from tests.clean.columns import FIRST_ROW, NO_DATA_TEXTS, column, only, values


def test_native_numbers_are_read_as_they_are_with_no_findings() -> None:
    result = column([1, 2.5, None, 0, -3, 10**12], ValueKind.NUMBER)
    assert values(result) == [1.0, 2.5, None, 0.0, -3.0, 1e12]
    assert result.values.dtype == np.float64
    assert list(result.missing) == [False, False, True, False, False, False]
    assert not result.invalid.any()
    assert result.findings == ()
    assert result.currency is None


def test_result_keeps_the_index_and_name() -> None:
    cells = pd.Series(["1", None, "x"], index=[7, 9, 12], name="Lead time", dtype=object)
    result = clean_column(cells, ValueKind.NUMBER)
    for series in (result.values, result.missing, result.invalid):
        assert list(series.index) == [7, 9, 12]
        assert series.name == "Lead time"
    assert result.missing.dtype == bool and result.invalid.dtype == bool


def test_numbers_stored_as_text_are_one_grouped_info_finding_with_rows() -> None:
    cells: list[object] = [str(n) for n in range(23)] + [5.0]
    result = column(cells, ValueKind.NUMBER, first_row=4)
    assert values(result) == [float(n) for n in range(23)] + [5.0]
    assert len(result.findings) == 1
    finding = result.findings[0]
    assert finding.severity is Severity.INFO
    assert finding.message == "23 cells were numbers stored as text (rows 4-26)"
    assert finding.row is None
    assert finding.sheet == "Suppliers" and finding.column == "Col"
    assert finding.value == "0"
    assert finding.action == "read as numbers ('0' -> 0)"


def test_a_single_coercion_names_its_row() -> None:
    result = column([1.0, "2", 3.0], ValueKind.NUMBER, first_row=10)
    (finding,) = result.findings
    assert finding.row == 11
    assert finding.message == "1 cell was a number stored as text"
    assert finding.value == "2"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (" 12 ", 12.0),
        ("12\xa0", 12.0),
        ("\u202f12", 12.0),
        ("\u200b12", 12.0),
        ("1\u2007234", 1234.0),
    ],
)
def test_spaces_of_every_kind_are_removed(cell: str, expected: float) -> None:
    result = column([cell], ValueKind.NUMBER)
    assert values(result) == [expected]


def test_stray_spaces_are_reported_but_a_thousands_space_is_not() -> None:
    stray = column([" 12 ", "1 234"], ValueKind.NUMBER)
    spaces = only(stray.findings, Severity.INFO, "extra or invisible spaces")
    assert spaces.row == FIRST_ROW and spaces.value == " 12 "
    assert spaces.action == "removed them"
    grouped = column(["1 234"], ValueKind.NUMBER)
    assert not [f for f in grouped.findings if "spaces" in f.message]


def test_every_invalid_value_gets_its_own_warning_with_its_row() -> None:
    result = column(
        ["about ten", 4, "about ten", "10-20", True, float("nan"), float("inf")], ValueKind.NUMBER
    )
    assert values(result) == [None, 4.0, None, None, None, None, None]
    assert list(result.invalid) == [True, False, True, True, True, True, True]
    assert not result.missing.any()
    warnings = [f for f in result.findings if f.severity is Severity.WARNING]
    assert [f.row for f in warnings] == [2, 4, 5, 6, 7, 8]
    assert all(f.action == "treated as no data" for f in warnings)
    assert [f.value for f in warnings] == ["about ten", "about ten", "10-20", "TRUE", "nan", "inf"]
    assert "there is no number in it" in warnings[0].message
    assert "it is a range" in warnings[2].message
    assert "TRUE/FALSE" in warnings[3].message
    assert "NaN" in warnings[4].message
    assert "infinite" in warnings[5].message


@pytest.mark.parametrize("marker", [*NO_DATA_TEXTS, "none"])
def test_missing_markers_in_a_number_column_are_no_data_not_zero(marker: str) -> None:
    result = column([marker, 5], ValueKind.NUMBER)
    assert values(result) == [None, 5.0]
    assert list(result.missing) == [True, False]
    assert not result.invalid.any()


def test_missing_markers_are_listed_in_one_info_finding() -> None:
    result = column(["n/a", "TBD", " n/a", 3], ValueKind.NUMBER)
    finding = only(result.findings, Severity.INFO, "said there is no data")
    assert finding.message == "3 cells said there is no data ('n/a', 'TBD') (rows 2-4)"
    assert finding.action == "treated as no data, not as zero"


NOT_QUOTED = [
    "No bid",
    "no quote",
    "Not quoted",
    "n/q",
    "NQ",
    "no offer",
    "Not offered",
    "DECLINED",
    " No  Bid ",
]


@pytest.mark.parametrize("marker", NOT_QUOTED)
def test_not_quoted_is_no_data_in_price_and_number_columns(marker: str) -> None:
    for kind in (ValueKind.MONEY, ValueKind.NUMBER):
        result = column([marker, 5], kind)
        assert values(result) == [None, 5.0]
        assert list(result.missing) == [True, False]
        assert not result.invalid.any()
        assert not [f for f in result.findings if f.severity is Severity.WARNING]


@pytest.mark.parametrize("marker", NOT_QUOTED)
def test_not_quoted_is_a_value_in_text_and_identifier_columns(marker: str) -> None:
    for kind in (None, ValueKind.TEXT, ValueKind.IDENTIFIER):
        assert not is_missing_marker(marker, kind)
    result = column([marker, "Accepted"], ValueKind.TEXT)
    assert not result.missing.any()


def test_not_quoted_cells_are_one_info_finding_per_column() -> None:
    result = column(["No bid", 12.5, "NQ", "No bid", "declined", 3], ValueKind.MONEY)
    assert list(result.missing) == [True, False, True, True, True, False]
    assert [f.severity for f in result.findings] == [Severity.INFO]
    finding = only(result.findings, Severity.INFO, "said there is no data")
    assert finding.message == "4 cells said there is no data ('No bid', 'NQ', 'declined') (rows 2 and 4-6)"
    assert finding.action == "treated as no data, not as zero"


def test_blank_cells_are_missing_without_a_finding() -> None:
    result = column([None, "", "   ", 1.0], ValueKind.NUMBER)
    assert list(result.missing) == [True, True, True, False]
    assert result.findings == ()


@pytest.mark.parametrize("error", ["#N/A", "#DIV/0!", "#VALUE!", "#REF!"])
def test_formula_errors_are_missing_with_a_warning_that_says_so(error: str) -> None:
    result = column([error, 1.0, error], ValueKind.NUMBER)
    assert list(result.missing) == [True, False, True]
    assert not result.invalid.any()
    finding = only(result.findings, Severity.WARNING, error)
    assert finding.message == f"2 cells show the spreadsheet error {error} (a formula failed) (rows 2 and 4)"
    assert finding.value == error
    assert finding.action == "treated as no data; fix the formula in the workbook to use these cells"


def test_bools_and_dates_in_a_number_column_are_invalid() -> None:
    result = column([False, datetime(2026, 1, 1), time(8, 30)], ValueKind.NUMBER)
    assert result.invalid.all()
    assert [f.row for f in result.findings] == [2, 3, 4]
    assert all(f.severity is Severity.WARNING for f in result.findings)


@pytest.mark.parametrize(
    ("cells", "expected", "severity", "words", "said"),
    [
        (
            ["(12)", "5-", "-3"],
            [-12.0, -5.0, -3.0],
            Severity.INFO,
            "negative number in brackets",
            "(rows 2 and 3)",
        ),
        (
            ["<1", ">= 98", "ca. 5", "approx 7", "~3"],
            [1.0, 98.0, 5.0, 7.0, 3.0],
            Severity.WARNING,
            "bounds or estimates",
            "'<1' -> 1",
        ),
        (
            ["Net 30", "NET60", "net 90 days", 45],
            [30.0, 60.0, 90.0, 45.0],
            Severity.INFO,
            "payment terms",
            "read the number of days ('Net 30' -> 30)",
        ),
        # 'm' is metres or months in a plain-number column: kept as a unit, not multiplied
        (
            ["15k", "2 Mio", "1.5m"],
            [15000.0, 2000000.0, 1.5],
            Severity.WARNING,
            "abbreviation",
            "('15k' -> 15000)",
        ),
        (["$5", "7"], [5.0, 7.0], Severity.WARNING, "named a currency", "ignored the currency"),
    ],
)
def test_liberties_with_number_text_are_read_and_reported_once(
    cells: list[object], expected: list[float], severity: Severity, words: str, said: str
) -> None:
    result = column(cells, ValueKind.NUMBER)
    assert values(result) == expected
    finding = only(result.findings, severity, words)
    assert said in f"{finding.message} {finding.action}"
    assert result.currency is None


def test_units_are_dropped_and_a_mix_of_units_is_a_warning() -> None:
    same = column(["30 days", "45 Days", 60], ValueKind.NUMBER)
    assert values(same) == [30.0, 45.0, 60.0]
    assert not [f for f in same.findings if f.severity is not Severity.INFO]
    spellings = column(["30 d", "45 Tage", "60 days net"], ValueKind.NUMBER)
    assert values(spellings) == [30.0, 45.0, 60.0]
    assert only(spellings.findings, Severity.INFO, "unit").message == (
        "3 cells gave the unit 'days' after the number (rows 2-4)"
    )
    mixed = column(["30 days", "4 weeks"], ValueKind.NUMBER)
    finding = only(mixed.findings, Severity.WARNING, "different units")
    assert "'days' (1 cell)" in finding.message and "'weeks' (1 cell)" in finding.message


clean_numbers = st.one_of(
    st.none(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False),
)


@settings(deadline=None)  # no deadline: under load the first examples run slow, not the code
@given(st.lists(clean_numbers, max_size=30), st.sampled_from([ValueKind.NUMBER, ValueKind.MONEY]))
def test_an_all_clean_numeric_column_has_no_findings(
    cells: list[float | int | None], kind: ValueKind
) -> None:
    result = clean_column(pd.Series(cells, dtype=object), kind)
    assert result.findings == ()
    assert list(result.missing) == [c is None for c in cells]
    expected = [math.nan if c is None else float(c) for c in cells]
    np.testing.assert_array_equal(result.values.to_numpy(), np.array(expected, dtype=float))
