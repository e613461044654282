"""Reading bid cells as whole arrays: "No bid" markers, descriptions, yes/no, text runs, days and numbers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from unittest.mock import patch

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorecard.bids import number_cells as bid_cells
from scorecard.bids.cells import factorised, text_cells
from scorecard.bids.number_cells import NumberCells, days_cells, number_cells
from scorecard.clean import ValueKind, clean_column
from scorecard.errors import Severity
from tests.bids.events import long_event, run, sheet


def test_no_bid_cells_are_not_quoted_with_one_info_finding() -> None:
    frame = long_event()
    frame.loc[3, "Unit price"] = "No bid"  # Acme A3
    frame.loc[5, "Unit price"] = "NQ"  # Beta A2
    result = run(frame)
    assert result.suppliers.loc["Acme", "items_quoted"] == 2
    assert result.suppliers.loc["Beta", "items_quoted"] == 1
    about_price = [f for f in result.findings if f.column == "Unit price"]
    assert [f.severity for f in about_price] == [Severity.INFO]
    assert "said there is no data ('No bid', 'NQ')" in about_price[0].message


def test_a_description_left_blank_on_an_items_first_row_comes_from_a_later_row() -> None:
    frame = long_event()
    frame.loc[2, "Description"] = None  # Acme's A1 row; Beta and Cora describe A1 as "Bolt"
    frame.loc[3, "Description"] = "  Nut  "
    frame.loc[6, "Description"] = "Hex nut"  # a later, different text: the first one given wins
    items = run(frame).items["description"]
    assert items.to_dict() == {"A1": "Bolt", "A2": "Nut", "A3": "Washer"}


def test_yes_no_cells_stay_apart_from_the_number_one_in_an_item_column() -> None:
    frame = sheet(
        {
            "Supplier": ["Acme", "Acme", "Beta", "Beta"],
            "Item": [1, True, 1.0, True],
            "Unit price": [5.0, 6.0, 4.0, 7.0],
        }
    )
    codes, values = factorised(frame["Item"])
    assert values == [1, True]
    assert [type(v) for v in values] == [int, bool]
    assert codes.tolist() == [0, 1, 0, 1]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["Acme", "acme", "Beta", "", None, "Cora GmbH"]), min_size=1, max_size=60))
def test_text_columns_read_in_runs_give_the_same_codes_as_hashing_every_cell(texts: list[object]) -> None:
    raw = np.array(texts, dtype=object)
    codes, values = factorised(pd.Series(raw, dtype=object))
    expected_codes, expected_values = pd.factorize(raw, use_na_sentinel=True)
    assert codes.tolist() == expected_codes.tolist()
    assert values == list(expected_values)


def test_a_long_text_column_in_blocks_is_read_per_block() -> None:
    raw = np.repeat(np.array(["Acme", None, "Beta", "Acme", ""], dtype=object), 1000)
    codes, values = factorised(pd.Series(raw, dtype=object))
    assert values == ["Acme", "Beta", ""]
    assert codes.tolist() == np.repeat([0, -1, 1, 0, 2], 1000).tolist()


def test_lead_times_as_numbers_and_blanks_take_the_number_path() -> None:
    values, present, unreadable = days_cells(pd.Series([20.0, None, 35, np.nan], dtype=object))
    np.testing.assert_array_equal(values, [20.0, np.nan, 35.0, np.nan])
    assert present.tolist() == [True, False, True, False]
    assert unreadable.empty
    values, present, _ = days_cells(pd.Series([14, pd.NA], dtype=object))  # pandas' own blank among numbers
    np.testing.assert_array_equal(values, [14.0, np.nan])
    assert present.tolist() == [True, False]
    values, present, unreadable = days_cells(
        pd.Series([20.0, "3 weeks", "soon", None], dtype=object, index=[7, 8, 9, 10])
    )
    np.testing.assert_array_equal(values, [20.0, 21.0, np.nan, np.nan])
    assert present.tolist() == [True, True, True, False]
    assert unreadable.to_dict() == {9: "soon"}


def test_number_cells_convert_numbers_as_an_array_and_clean_only_the_rest() -> None:
    cells = pd.Series(
        [9.5, "No bid", np.int64(3), "12,50", None, True, "€ 4"], dtype=object, index=range(2, 9)
    )
    read = number_cells(cells, ValueKind.MONEY, sheet="Bids", column="Unit price")
    np.testing.assert_array_equal(read.values[[0, 2, 3, 6]], [9.5, 3.0, 12.5, 4.0])
    assert np.isnan(read.values[[1, 4, 5]]).all()
    assert read.present.tolist() == [True, False, True, True, False, True, True]
    assert any("no data ('No bid')" in f.message and f.severity is Severity.INFO for f in read.findings)


def test_a_text_cell_after_the_first_thousand_numbers_is_still_cleaned() -> None:
    # the first 1,000 cells look like plain numbers; the whole column is checked before the fast path
    cells = pd.Series([2.5] * 1000 + ["No bid", "1.234,50", None], dtype=object, index=range(2, 1005))
    read = number_cells(cells, ValueKind.MONEY, sheet="Bids", column="Unit price")
    np.testing.assert_array_equal(read.values[:1000], np.full(1000, 2.5))
    assert np.isnan(read.values[1000]) and not read.present[1000]
    assert read.values[1001] == pytest.approx(1234.5)
    assert read.present.tolist()[-3:] == [False, True, False]


def test_number_cells_with_text_first_find_the_numbers_of_every_type() -> None:
    cells = pd.Series(["n/a", np.float64(3.5), 7, np.int32(2), True, None], dtype=object, index=range(2, 8))
    read = number_cells(cells, ValueKind.NUMBER, sheet="Bids", column="Quantity")
    np.testing.assert_array_equal(read.values[1:4], [3.5, 7.0, 2.0])
    assert not read.present[0] and not read.present[5]


def test_item_codes_that_are_numbers_keep_the_number_one() -> None:
    codes, values = factorised(pd.Series([1, 2, 1, 0, 2], dtype=object))
    assert values == [1, 2, 0] and [type(v) for v in values] == [int, int, int]
    assert codes.tolist() == [0, 1, 0, 2, 1]


def test_spellings_of_one_supplier_are_merged_under_the_most_common() -> None:
    frame = sheet(
        {"Supplier": ["ACME", "Acme", "Acme", "acme ", "Beta"], "Unit price": [1.0, 2.0, 3.0, 4.0, 5.0]}
    )
    read = text_cells(frame["Supplier"], ValueKind.IDENTIFIER, sheet="Bids", column="Supplier")
    assert read.labels == ("Acme", "Beta")
    assert read.codes.tolist() == [0, 0, 0, 0, 1]


@pytest.mark.parametrize(
    ("typed", "text", "expected"),
    [
        ([3.5, 4.2, 3.9], "€ 4,500", 4.5),  # among unit prices of a few euros, the comma marks decimals
        ([356_200.0, 468_900.0], "€ 412,500", 412_500.0),  # among six-figure totals, it groups thousands
    ],
)
def test_a_text_price_is_read_by_the_sizes_of_the_typed_prices_beside_it(
    typed: list[float], text: str, expected: float
) -> None:
    cells = pd.Series([*typed, text], dtype=object, index=range(2, len(typed) + 3))
    read = number_cells(cells, ValueKind.MONEY, sheet="Bids", column="Unit price")
    assert read.values[-1] == expected
    assert any("comma" in f.message for f in read.findings), "the reinterpretation is said"


BID_CELLS = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9),
    st.integers(-(10**6), 10**6),
    st.sampled_from(
        [
            None,
            pd.NA,
            np.nan,
            np.float64(2.5),
            np.int64(7),
            np.int32(-3),
            True,
            False,
            "No bid",
            "12,50",
            "€ 4",
        ]
    ),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(BID_CELLS, min_size=1, max_size=40))
def test_number_cells_match_a_cell_by_cell_reading(cells: list[object]) -> None:
    """Each number cell is its value, each blank (None, NaN, pd.NA) is absent, and the rest is the cleaner's."""
    series = pd.Series(cells, dtype=object, index=range(2, len(cells) + 2))
    read = number_cells(series, ValueKind.MONEY, sheet="Bids", column="Unit price")
    number_types = (float, int, np.float64, np.float32, np.int64, np.int32)
    blank = [v is None or v is pd.NA or (type(v) in number_types and np.isnan(float(v))) for v in cells]
    number = [type(v) in number_types and not gone for v, gone in zip(cells, blank, strict=True)]
    for i, v in enumerate(cells):
        if number[i]:
            assert read.values[i] == float(v) and read.present[i]
        elif blank[i]:
            assert np.isnan(read.values[i]) and not read.present[i]
    rest = [i for i in range(len(cells)) if not number[i] and not blank[i]]
    if rest:  # cleaned with the number cells' sizes as evidence of the decimal mark
        typed = np.array([float(v) for v, n in zip(cells, number, strict=True) if n])
        cleaned = clean_column(
            series.iloc[rest], ValueKind.MONEY, sheet="Bids", column="Unit price", column_numbers=typed
        )
        expected = pd.to_numeric(cleaned.values, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        np.testing.assert_array_equal(read.values[rest], expected)
        assert read.present[rest].tolist() == (~cleaned.missing.to_numpy(dtype=bool)).tolist()


PLAIN_CELLS = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9),
    st.integers(-(10**6), 10**6),
    st.sampled_from([None, pd.NA, np.nan, np.float64(2.5), np.int64(7), np.int32(-3), np.float32(0.5)]),
)


def read_in_chunks(chunk: int, read: Callable[[], Any]) -> Any:
    with patch.object(bid_cells, "CHUNK", chunk):
        return read()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(PLAIN_CELLS, BID_CELLS), min_size=1, max_size=40), st.integers(1, 9))
def test_a_column_read_in_chunks_reads_as_in_one_piece(cells: list[object], chunk: int) -> None:
    """Typing and converting a chunk of cells at a time (for the cache) changes no value, blank or finding;
    one piece is how the column was read before."""
    series = pd.Series(cells, dtype=object, index=range(2, len(cells) + 2))

    def read() -> NumberCells:
        return number_cells(series, ValueKind.MONEY, sheet="Bids", column="Unit price")

    whole, chunked = read_in_chunks(10**9, read), read_in_chunks(chunk, read)
    np.testing.assert_array_equal(chunked.values, whole.values)
    assert chunked.present.tolist() == whole.present.tolist()
    assert chunked.findings == whole.findings and chunked.currency == whole.currency
    raw = series.to_numpy(dtype=object)
    plain_whole = read_in_chunks(10**9, lambda: bid_cells.plain_numbers(raw))
    plain_chunked = read_in_chunks(chunk, lambda: bid_cells.plain_numbers(raw))
    assert (plain_whole is None) == (plain_chunked is None)
    if plain_whole is not None:
        np.testing.assert_array_equal(plain_chunked, plain_whole)
    days_whole, days_chunked = (read_in_chunks(c, lambda: days_cells(series)) for c in (10**9, chunk))
    np.testing.assert_array_equal(days_chunked[0], days_whole[0])
    assert days_chunked[1].tolist() == days_whole[1].tolist()


@settings(max_examples=100, deadline=None)
@given(st.lists(PLAIN_CELLS, min_size=1, max_size=40), st.integers(1, 9))
def test_a_column_of_numbers_and_blanks_is_read_in_chunks_as_floats(cells: list[object], chunk: int) -> None:
    raw = np.array(cells, dtype=object)
    values = read_in_chunks(chunk, lambda: bid_cells.plain_numbers(raw))
    assert values is not None
    expected = [np.nan if v is None or v is pd.NA else float(v) for v in cells]
    np.testing.assert_array_equal(values, np.array(expected, dtype=float))
