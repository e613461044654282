"""Values in a sentence (scorecard/words.py): a value with its unit, 'no data' and plain numbers, written
out here; stages' messages and the tables' sentences both use them ('A, B and C' is in test_joins.py)."""

from __future__ import annotations

import math
from dataclasses import replace

import pandas as pd
import pytest

from scorecard.config import Criterion, load_preset
from scorecard.words import format_value, no_data, plain_number


@pytest.mark.parametrize(
    ("value", "text"), [(97.0, "97"), (1234.5, "1,234.5"), (2.333, "2.33"), (2.5, "2.5"), (-1200.0, "-1,200")]
)
def test_plain_number_reads_like_the_buyer_typed_it(value: float, text: str) -> None:
    assert plain_number(value) == text


def criterion(unit: str) -> Criterion:
    return replace(load_preset("default").criteria[0], unit=unit)


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (97.0, "%", "97%"),
        (45, "days", "45 days"),
        (120000.0, "EUR", "120,000 EUR"),
        (4.0, "rating 1-5", "4"),
        (True, "", "Yes"),
        (False, "", "No"),
        ("  Low ", "", "Low"),
        (None, "%", "no data"),
        (math.nan, "%", "no data"),
        (pd.NA, "%", "no data"),
        ("   ", "", "no data"),
    ],
)
def test_format_value_with_its_unit_or_no_data(value: object, unit: str, text: str) -> None:
    assert format_value(value, criterion(unit)) == text
    assert format_value(value, unit=unit) == text


def test_no_data_is_blank_nan_or_pandas_na_never_zero() -> None:
    assert no_data(None) and no_data(math.nan) and no_data(pd.NA) and no_data(" ")
    assert not no_data(0) and not no_data(0.0) and not no_data("0") and not no_data(False)
