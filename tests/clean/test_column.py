"""clean_column as a whole: input shapes, speed by design, and any text cleaned without raising."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scorecard.clean.quantity as quantity_module
from scorecard.clean import (
    ValueKind,
    clean_column,
    is_missing_marker,
    normalise_header,
    parse_money,
    parse_number,
    parse_yes_no,
)
from scorecard.clean.cells import Reading
from tests.clean.columns import values


def test_a_typed_float_column_treats_nan_as_blank() -> None:
    # pandas stores blanks of a float column as NaN, so there NaN cannot be told from a blank
    result = clean_column(pd.Series([1.5, np.nan, np.inf], index=[2, 3, 4]), ValueKind.NUMBER)
    assert list(result.missing) == [False, True, False]
    assert list(result.invalid) == [False, False, True]


def test_a_pandas_string_column_treats_its_missing_values_as_blank() -> None:
    cells = pd.Series(["1,5", None, "x"], index=[2, 3, 4])  # pandas 3: str dtype
    result = clean_column(cells, ValueKind.NUMBER)
    assert values(result) == [1.5, None, None]
    assert list(result.missing) == [False, True, False]
    assert list(result.invalid) == [False, False, True]


def test_an_empty_column() -> None:
    result = clean_column(pd.Series([], dtype=object), ValueKind.MONEY)
    assert len(result.values) == 0 and result.findings == () and result.currency is None


def test_value_kind_is_a_string() -> None:
    assert ValueKind("yes_no") is ValueKind.YES_NO
    assert ValueKind.PERCENT == "percent"
    result = clean_column(pd.Series(["5"], dtype=object), "number")  # type: ignore[arg-type]
    assert values(result) == [5.0]


def test_each_distinct_string_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = quantity_module.read_quantity_text

    def counting(raw: str, kind: ValueKind) -> Reading:
        calls.append(raw)
        return real(raw, kind)

    monkeypatch.setattr(quantity_module, "read_quantity_text", counting)
    distinct = [f"${n:,}.50" for n in range(1000, 1050)]
    cells = pd.Series(distinct * 200, dtype=object)
    result = clean_column(cells, ValueKind.MONEY)
    assert sorted(calls) == sorted(distinct)
    assert result.values.iloc[0] == 1000.5 and result.values.iloc[-1] == 1049.5


def test_a_column_of_numbers_never_parses_text(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(raw: str, kind: ValueKind) -> Reading:
        raise AssertionError("no text to parse")

    monkeypatch.setattr(quantity_module, "read_quantity_text", refuse)
    numbers = np.arange(10_000, dtype=float)
    clean_column(pd.Series(numbers), ValueKind.NUMBER)
    objects = numbers.astype(object)
    objects[::3] = None
    result = clean_column(pd.Series(objects, dtype=object), ValueKind.PERCENT)
    assert int(result.missing.sum()) == len(range(0, 10_000, 3))


tricky_text = st.sampled_from(
    [
        "",
        " ",
        "-",
        "(",
        ")",
        "()",
        "%",
        "$",
        "€-",
        "1,",
        ",",
        ".",
        "1e",
        "e5",
        "--5",
        "1..2",
        "(1",
        "1)",
        "9" * 400,
        "1" + "0" * 400,
        "1e400",
        "#N/A",
        "x",
        "✓",
        "31/02/2026",
        "99/99/99",
        "T",
        "12:00",
        "$$5",
        "5 € €",
        "Mio",
    ]
)


@pytest.mark.slow  # 300 examples: about 15 s here
@settings(max_examples=300, deadline=None)  # no deadline: a loaded shared machine, not slow code
@given(
    st.lists(st.one_of(st.text(), tricky_text, st.none()), max_size=8),
    st.sampled_from(list(ValueKind)),
)
def test_any_text_is_cleaned_without_raising(cells: list[str | None], kind: ValueKind) -> None:
    result = clean_column(pd.Series(cells, dtype=object), kind)
    assert len(result.values) == len(cells)
    assert not (result.missing & result.invalid).any()
    assert list(result.values.isna()) == list(result.missing | result.invalid)
    for text in cells:
        if text is not None:
            parse_number(text)
            parse_money(text)
            parse_yes_no(text)
            is_missing_marker(text, kind)
            normalise_header(text)
