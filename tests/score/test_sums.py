"""Row sums added column by column must be numpy's own row sums, to the last bit."""

from __future__ import annotations

import numpy as np
import pytest

from scorecard.score.sums import row_sums, summed_rows


@pytest.mark.parametrize("terms", [*range(0, 41), 64, 127, 128, 129, 200, 300])
def test_row_sums_equal_numpys_bit_for_bit(terms: int) -> None:
    rng = np.random.default_rng(terms)
    for _ in range(5):
        wide = rng.standard_normal((200, terms + 5)) * 10.0 ** rng.integers(-8, 9, (200, terms + 5))
        wide[rng.random(wide.shape) < 0.05] = -0.0
        wide[rng.random(wide.shape) < 0.02] = np.nan
        matrix = wide[:, 2 : 2 + terms]  # a slice, as a category's criteria are
        expected = matrix.sum(axis=1)
        for got in (row_sums(matrix), summed_rows(np.ascontiguousarray(matrix.T))):
            assert got.tobytes() == expected.tobytes()  # NaN, and 0.0 for -0.0 terms, included


def test_a_sum_that_depends_on_the_order_comes_out_as_numpys() -> None:
    # 1e16 + 1 + 1 ... loses the ones one at a time but not in pairs: the order shows in the result
    matrix = np.array([[1e16] + [1.0] * 20, [1.0] * 20 + [1e16]])
    assert row_sums(matrix).tolist() == matrix.sum(axis=1).tolist()
    assert row_sums(matrix).tolist() != [sum(row) for row in matrix.tolist()]
