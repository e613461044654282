"""Column widths of number columns, worked out from the extremes, against the text of every value."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from scorecard.export import missing_value
from scorecard.export.writer import column_width


def width_from_every_value(header: str, values: pd.Series, fmt: str) -> float:
    """The computation before the fast path: every value of the first 200 written out."""
    longest = max(
        (
            len(f"{v:,.2f}")
            for v in values.head(200)
            if isinstance(v, (int, float)) and not missing_value(v) and math.isfinite(v)
        ),
        default=8,
    )
    widest_word = max((len(w) for w in header.split()), default=6)
    return float(min(max(longest, widest_word, 6) + 2, 60))


def random_column(rng: np.random.Generator) -> pd.Series:
    size = int(rng.integers(0, 300))
    if rng.random() < 0.3:
        return pd.Series(rng.integers(-(10**12), 10**12, size=size) // 10 ** int(rng.integers(0, 12)))
    values = rng.normal(0, 10.0 ** float(rng.integers(-3, 10)), size=size)
    specials = [0.0, -0.0, np.nan, np.inf, -np.inf, 0.004, -0.004, 0.005, -0.005, 9.995, -9.995, 999_999.995]
    for i in rng.integers(0, max(size, 1), size=min(size, int(rng.integers(0, 8)))):
        values[i] = specials[int(rng.integers(len(specials)))]
    return pd.Series(values)


@pytest.mark.parametrize("seed", range(8))
def test_number_widths_equal_the_widest_written_value(seed: int) -> None:
    rng = np.random.default_rng(seed)
    for _ in range(200):
        column = random_column(rng)
        for fmt in ("money", "number"):
            assert column_width("Unit price", column, fmt) == width_from_every_value(
                "Unit price", column, fmt
            ), column.head(200).tolist()


@pytest.mark.parametrize(
    "values",
    [[0.0, -0.0], [-0.0, 0.0], [-0.0], [np.nan, np.inf], [], [-0.004, 0.001], [1e15, -1e15], [5, -3, 0]],
)
def test_number_widths_at_the_edges(values: list[float]) -> None:
    column = pd.Series(values, dtype=np.int64 if all(isinstance(v, int) for v in values) and values else None)
    assert column_width("Price", column, "money") == width_from_every_value("Price", column, "money")
