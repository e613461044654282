"""A column that says nothing (every value 0 or blank) is left out of a wide table on the page.

`says_nothing` answers from the first value when it already says something; checked against the
whole-column computation on seeded random columns whose first values are 0, blank, spaces or missing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from scorecard.ui.results.tables import says_nothing


def says_nothing_by_column(values: pd.Series) -> bool:
    """The whole-column computation, to compare with."""
    numeric = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
    if numeric:
        return bool((values.isna() | (values == 0)).all())
    return bool((values.isna() | (values.astype(str).str.strip() == "")).all())


def random_columns(seed: int) -> list[pd.Series]:
    rng = np.random.default_rng(seed)
    rows = int(rng.integers(1, 30))
    quiet = rng.random() < 0.5  # half the columns say nothing but perhaps their last value
    numbers = np.where(rng.random(rows) < (0.9 if quiet else 0.3), 0.0, rng.normal(0, 5, rows))
    numbers[rng.random(rows) < 0.3] = np.nan
    texts = np.array(["", " ", "  \t", "Acme", " x ", "\xa0", "0"])
    words = texts[rng.integers(0, 3 if quiet else len(texts), rows)].astype(object)
    words[rng.random(rows) < 0.3] = None
    if rng.random() < 0.5:
        words[-1] = "late"  # only the last value says something
    ints = pd.array(np.where(rng.random(rows) < 0.4, None, rng.integers(0, 2, rows)), dtype="Int64")
    return [
        pd.Series(numbers),
        pd.Series(ints),
        pd.Series(words),
        pd.Series(words, dtype="string"),
        pd.Series(rng.random(rows) < 0.5),
        pd.Series(np.where(rng.random(rows) < 0.5, numbers.astype(object), words)),
    ]


@pytest.mark.parametrize("seed", range(40))
def test_says_nothing_as_the_whole_column_does(seed: int) -> None:
    for values in random_columns(seed):
        assert says_nothing(values) == says_nothing_by_column(values), (values.dtype, list(values))


def test_a_column_of_zeros_blanks_and_spaces_says_nothing() -> None:
    assert says_nothing(pd.Series([0.0, np.nan, 0.0]))
    assert says_nothing(pd.Series([None, " ", ""], dtype=object))
    assert not says_nothing(pd.Series([0.0, 0.0, 2.5]))
    assert not says_nothing(pd.Series(["", " ", "Acme"]))
    assert not says_nothing(pd.Series([False, False]))  # a True/False column always says something
