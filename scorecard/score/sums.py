"""Row sums worked out column by column, to the last bit what `matrix.sum(axis=1)` gives.

numpy sums a short row (30 criteria, or a category's 5) one row at a time, and at
10,000 suppliers the per-row overhead costs more than the additions. Adding whole columns
in numpy's own order gives the same numbers at a fraction of the cost. The order is numpy's
pairwise summation (`pairwise_sum` in numpy/_core/src/umath/loops_utils.h.src): under 8 terms one
after the other; up to 128 in 8 running sums combined as a tree, then the rest one by one; above
that, two halves. `tests/score/test_sums.py` compares both on seeded random matrices, so a
numpy that sums differently is caught there, not in a buyer's total.
"""

from __future__ import annotations

import numpy as np

UNROLLED = 8  # numpy's running sums
BLOCK = 128  # numpy's PW_BLOCKSIZE: above it, the terms are split in two halves


def summed_rows(terms: np.ndarray) -> np.ndarray:
    """For a (terms, suppliers) array, each supplier's sum: `terms.T.sum(axis=1)`, bit for bit."""
    if len(terms) == 0:
        return np.zeros(terms.shape[1])
    total = pairwise(terms)
    total += 0.0  # numpy starts from its identity, 0.0, so a sum of -0.0 terms is 0.0
    return total


def row_sums(matrix: np.ndarray) -> np.ndarray:
    """`matrix.sum(axis=1)`, bit for bit, for a (suppliers, criteria) float matrix."""
    return summed_rows(np.ascontiguousarray(matrix.T))


def pairwise(terms: np.ndarray) -> np.ndarray:
    """numpy's pairwise sum over the first axis (at least one term), as a new array."""
    k = len(terms)
    if k < UNROLLED:
        total = terms[0].copy()
        for row in terms[1:]:
            total += row
        return total
    if k > BLOCK:
        half = k // 2
        half -= half % UNROLLED
        return pairwise(terms[:half]) + pairwise(terms[half:])
    running = terms[:UNROLLED].copy()
    whole = k - k % UNROLLED
    for start in range(UNROLLED, whole, UNROLLED):
        running += terms[start : start + UNROLLED]
    r = running
    total = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
    for row in terms[whole:]:
        total += row
    return total
