"""Reading a cleaned column: numbers, labels, unreadable values, blanks, pandas' nullable and string types."""

from __future__ import annotations

import numpy as np
import pandas as pd

from scorecard.score import answer_texts, score
from scorecard.suppliers import SupplierTable
from scorecard.tables import criteria_frame, handling_text
from tests.score.support import (
    LINEAR_0_100,
    two_criteria,
)


def test_text_and_infinity_in_a_numeric_column_are_flagged_unreadable(factory) -> None:
    config = two_criteria(factory)
    records = {
        "S1": {"a": "about 80", "b": 50},
        "S2": {"a": float("inf"), "b": 50},
        "S3": {"a": float("-inf"), "b": 50},
        "S4": {"a": True, "b": 50},
        "S5": {"a": 40, "b": 50},
    }
    result = score(factory.table(records), config)
    assert result.invalid[:4, 0].all() and result.missing[:4, 0].all()
    assert not result.missing[4, 0]
    assert result.scores[:4, 0].tolist() == [0, 0, 0, 0]
    assert handling_text(result, 0, 0) == "unreadable value: scores 0 (the worst score) and is flagged"
    assert criteria_frame(result)["Value"].tolist()[0] == "about 80"


def test_infinity_in_a_float_column_is_flagged_unreadable_and_a_blank_is_no_data(factory) -> None:
    """A float column as the map stage hands it over (read from the table's float block)."""
    config = two_criteria(factory)
    frame = pd.DataFrame(
        {"a": [np.inf, -np.inf, np.nan, 40.0], "b": [50.0, 50.0, 50.0, 60.0]}, index=["S1", "S2", "S3", "S4"]
    )
    result = score(SupplierTable(frame), config)
    assert result.invalid[:, 0].tolist() == [True, True, False, False]
    assert result.missing[:, 0].tolist() == [True, True, True, False]
    assert handling_text(result, 0, 0) == "unreadable value: scores 0 (the worst score) and is flagged"
    assert handling_text(result, 2, 0) == "no data: scores 0 (the worst score) and is flagged"
    finite = score(SupplierTable(frame.iloc[2:]), config)  # the block's blanks worked out with it
    assert finite.missing[:, 0].tolist() == [True, False] and not finite.invalid.any()


def test_label_outside_the_points_table_is_flagged_unreadable(factory) -> None:
    config = factory.config(
        factory.criterion("risk", {"type": "categorical", "points": {"Low": 100, "High": 0}})
    )
    result = score(factory.column("risk", ["Low", "Very high", None]), config)
    assert result.invalid[:, 0].tolist() == [False, True, False]
    assert result.missing[:, 0].tolist() == [False, True, True]


def test_pandas_nullable_and_string_columns_are_read(factory) -> None:
    config = two_criteria(factory)
    frame = pd.DataFrame(
        {"a": pd.array([80, None, 20], dtype="Int64"), "b": pd.array(["50", None, "x"], dtype="str")},
        index=pd.Index(["S1", "S2", "S3"], name="supplier"),
    )
    result = score(SupplierTable(frame), config)
    assert result.scores[:, 0].tolist() == [80, 0, 20]
    assert result.scores[:, 1].tolist() == [50, 0, 0]
    assert result.missing.tolist() == [[False, False], [True, True], [False, True]]
    assert result.invalid.tolist() == [[False, False], [False, False], [False, True]]


def test_blank_text_and_pandas_na_are_no_data_not_unreadable(factory) -> None:
    config = factory.config(
        factory.criterion("a", LINEAR_0_100),
        factory.criterion("iso", {"type": "categorical", "points": {"Yes": 100, "No": 0}}),
    )
    records = {
        "S1": {"a": "   ", "iso": "  "},
        "S2": {"a": pd.NA, "iso": pd.NA},
        "S3": {"a": " 42 ", "iso": " no "},
        "S4": {"a": np.float64("nan"), "iso": np.float32("nan")},
    }
    result = score(factory.table(records), config)
    assert result.missing[[0, 1, 3]].all() and not result.invalid.any()
    assert result.scores[2].tolist() == [42, 0]
    assert criteria_frame(result)["Value"].iloc[2:4].isna().all()


def test_texts_are_read_per_distinct_value_without_merging_true_and_1() -> None:
    column = pd.Series([True, 1, " Gold ", None, "Gold", False, 1.5, "  "], dtype=object)
    assert answer_texts(column).tolist() == ["Yes", "1", "Gold", None, "Gold", "No", "1.5", None]
    labels = pd.Series(["Low", None, "High", "Low", True], dtype=object)
    assert answer_texts(labels).tolist() == ["Low", None, "High", "Low", "Yes"]
