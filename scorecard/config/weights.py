"""Weights: how the weights as set become each criterion's counted share of the total.

The vocabulary, the same in code, page and workbook: the *weight* is what the buyer set (points
or percent, per category and per criterion); the *counted share* is a criterion's share of the
total (0-1) once criteria without data are left out; the *supplier share* is the engine's, per
supplier after that supplier's own exclusions (missing: exclude).
"""

from __future__ import annotations

from collections.abc import Collection

from scorecard.config.schema import Category


def counted_shares(categories: tuple[Category, ...], left_out: Collection[str] = ()) -> dict[str, float]:
    """Each criterion's counted share of the total (0-1): category share x share within the category.

    Criteria in `left_out` (no column in the file, or no supplier has data on them) count 0: their
    weight is shared by the rest of their category, and a category with nothing left is left out
    and the other categories' weights re-normalised. Without `left_out` these are the shares as set.
    """
    left = set(left_out)

    def counts(weight: float, key: str) -> float:
        return 0.0 if key in left else weight

    category_total = sum(c.weight for c in categories if any(counts(k.weight, k.key) > 0 for k in c.criteria))
    shares: dict[str, float] = {}
    for category in categories:
        within = sum(counts(c.weight, c.key) for c in category.criteria)
        for c in category.criteria:
            if category_total == 0 or within == 0:
                shares[c.key] = 0.0
            else:
                shares[c.key] = category.weight / category_total * counts(c.weight, c.key) / within
    return shares
