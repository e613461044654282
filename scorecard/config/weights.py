"""Weights: how the weights as set become each criterion's share of the total.

One vocabulary in code, page and workbook (the engine, `scorecard/score/weights.py`, uses the same):
- the weight as set: `Criterion.weight` and `Category.weight`, points or percent as the buyer wrote
  them; as a share of the whole, `Config.counted_shares()` with nothing left out (the workbook's
  "Share (as set)");
- the share that counted: `Config.counted_shares(left_out)`, after criteria nobody could be
  scored on are left out ("Share that counted"); both come from `counted_shares` here;
- the share per supplier: after that supplier's own exclusions (missing: exclude), each scored
  supplier's shares summing to 1: the engine's, not config's.

Each is worked out once: `shares_for` keeps the shares per weights and left-out set (a copy of the
settings with the same weights shares them), and a scored result carries its shares as set and
that counted (`ScoreResult.set_shares`, `base_weights`) for the tables, the page and the CLI.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from functools import lru_cache
from types import MappingProxyType

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


@lru_cache(maxsize=256)
def shares_for(categories: tuple[Category, ...], left_out: frozenset[str]) -> Mapping[str, float]:
    """`counted_shares`, worked out once per weights and left-out set (read-only: every caller shares it)."""
    return MappingProxyType(counted_shares(categories, left_out))


def category_totals(categories: tuple[Category, ...], shares: Mapping[str, float]) -> dict[str, float]:
    """Each category's share of the total: the sum of its criteria's shares."""
    return {c.key: sum(shares[k.key] for k in c.criteria) for c in categories}
