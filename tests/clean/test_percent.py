"""Percent columns: fractions and percent points reconciled per column."""

from __future__ import annotations

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
from tests.clean.columns import LOCALES, column, only, values, written


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["95%", "95 %", "99.5%", "99,5 %"], [95.0, 95.0, 99.5, 99.5]),
        ([95, 88.5, 100], [95.0, 88.5, 100.0]),  # percent points
        ([0.95, 0.885, 1.0], [95.0, 88.5, 100.0]),  # fractions (Excel percent cells)
        (["0.95", "0.5"], [95.0, 50.0]),
        ([0.95, "96%"], [95.0, 96.0]),  # a fraction next to a written percentage
        ([1.0, "96%"], [100.0, 96.0]),  # every plain number <= 1, and a written % above 1
        ([0, 0.5], [0.0, 50.0]),
        ([1.0, 1.0], [1.0, 1.0]),  # all exactly 1: percent points, with a warning
        ([2, 0.5, 3], [2.0, 0.5, 3.0]),  # small percent points stay: 50% would not fit
        ([96, 0.97, 98], [96.0, 97.0, 98.0]),  # 0.97 among 96 and 98 is 97%
        (["-0.05", "0.03"], [-5.0, 3.0]),  # changes as fractions
    ],
)
def test_percent_columns_are_reconciled_per_column(cells: list[object], expected: list[float]) -> None:
    result = column(cells, ValueKind.PERCENT)
    assert values(result) == pytest.approx(expected)


def test_fractions_are_reported_as_read_as_percent() -> None:
    result = column([0.95, 0.5, None], ValueKind.PERCENT)
    finding = only(result.findings, Severity.INFO, "were fractions")
    assert finding.action is not None and finding.action.startswith("read 0.95 as 95%")
    assert "(rows 2 and 3)" in finding.message


def test_an_inconsistent_mix_of_fractions_and_points_is_a_warning_saying_what_was_decided() -> None:
    result = column([96, 0.97, 98, 0.02], ValueKind.PERCENT)
    assert values(result) == pytest.approx([96.0, 97.0, 98.0, 0.02])
    converted = only(result.findings, Severity.WARNING, "fraction among percent points")
    assert converted.row == 3
    assert converted.action is not None and converted.action.startswith("read 0.97 as 97%, not 0.97%")
    kept = only(result.findings, Severity.WARNING, "between 0 and 1 in a column of percent points")
    assert kept.row == 5


def test_a_consistent_column_of_points_has_no_findings() -> None:
    assert column([96, 97.5, 88, 100], ValueKind.PERCENT).findings == ()
    defect_rates = column([2, 3.5, 0.5, 1.2], ValueKind.PERCENT)  # 0.5% sits with them; 50% would not
    assert values(defect_rates) == [2.0, 3.5, 0.5, 1.2]
    assert defect_rates.findings == ()


def test_all_ones_warn_that_they_could_mean_100_percent() -> None:
    result = column([1, 1], ValueKind.PERCENT)
    only(result.findings, Severity.WARNING, "could mean 100% or 1%")


def test_percent_fast_path_for_a_float_column() -> None:
    cells = pd.Series([0.95, np.nan, 0.8], index=[2, 3, 4])
    result = clean_column(cells, ValueKind.PERCENT)
    assert result.values.iloc[0] == pytest.approx(95.0) and result.values.iloc[2] == pytest.approx(80.0)
    assert list(result.missing) == [False, True, False]


def test_money_in_a_percent_column_is_invalid() -> None:
    result = column(["$5", "5%"], ValueKind.PERCENT)
    assert list(result.invalid) == [True, False]


@settings(deadline=None)  # no deadline: under load the first examples run slow, not the code
@given(st.floats(min_value=-1000, max_value=1000, allow_nan=False), st.sampled_from(LOCALES), st.booleans())
def test_percentages_written_in_any_locale_read_back(
    percent: float, locale: tuple[str, str], spaced: bool
) -> None:
    text = ("-" if percent < 0 else "") + written(percent, *locale, decimals=1) + (" %" if spaced else "%")
    result = clean_column(pd.Series([text], dtype=object), ValueKind.PERCENT)
    assert result.values.iloc[0] == pytest.approx(float(f"{percent:.1f}"), abs=1e-9)
