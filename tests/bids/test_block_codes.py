"""A long sheet's item codes repeat supplier after supplier: cells equal to the cell one block above take its
code and only the rest is hashed. On seeded random columns (blocks with skipped, extra and reordered items,
blanks, numbers among the texts, columns that do not repeat) the codes and distinct values equal
`pd.factorize`'s, which hashes every cell."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from scorecard.bids.cells import MIN_BLOCK, block_codes, factorised


def long_item_column(rng: np.random.Generator, items: int, suppliers: int, mess: float) -> np.ndarray:
    """Suppliers one after another, each quoting the item list in order; `mess`: the share of suppliers that
    skip, add or swap items, or leave a code blank."""
    codes = [f"P-{100_000 + 7 * i}" for i in range(items)]
    cells: list[object] = []
    for _ in range(suppliers):
        block = list(codes)
        if rng.random() < mess:
            change = rng.integers(0, 4)
            at = int(rng.integers(0, items))
            if change == 0:
                del block[at]
            elif change == 1:
                block.insert(at, f"X-{rng.integers(0, 50)}")
            elif change == 2:
                block[at], block[-1] = block[-1], block[at]
            else:
                block[at] = None if rng.random() < 0.5 else float("nan")
        cells.extend(block)
    if rng.random() < 0.3:
        cells[int(rng.integers(0, len(cells)))] = 1001.0  # an item code typed as a number
    return np.array(cells, dtype=object)


@pytest.mark.parametrize("seed", range(16))
def test_block_codes_equal_hashing_every_cell(seed: int) -> None:
    rng = np.random.default_rng(seed)
    items = int(rng.integers(MIN_BLOCK, 1200))
    raw = long_item_column(rng, items, int(rng.integers(2, 30)), mess=float(rng.choice([0.0, 0.2, 0.9])))
    expected_codes, expected_values = pd.factorize(raw, use_na_sentinel=True)
    found = block_codes(raw)
    if found is not None:
        codes, values = found
        np.testing.assert_array_equal(codes, expected_codes)
        assert values == list(expected_values)
    codes, values = factorised(pd.Series(raw, dtype=object))
    np.testing.assert_array_equal(codes, expected_codes)
    assert values == list(expected_values)


def test_a_clean_long_sheet_is_read_by_blocks() -> None:
    """The case it is for: every supplier quotes the same items in the same order."""
    raw = long_item_column(np.random.default_rng(0), 300, 12, mess=0.0)
    assert block_codes(raw) is not None


def test_a_column_that_does_not_repeat_is_left_to_hashing() -> None:
    raw = np.array([f"I{i}" for i in range(5000)], dtype=object)
    assert block_codes(raw) is None
