"""The names per item (best price, outliers, cheaper than the award) placed in bulk give exactly what a
plain loop over the quotes gives."""

from __future__ import annotations

import numpy as np

from scorecard.bids.items import names_per_item


def looped(suppliers: tuple[str, ...], items: np.ndarray, who: np.ndarray, n_items: int) -> list[str | None]:
    """The computation done the slow way: every quote appended to its item's list, in sheet order."""
    out: list[list[str]] = [[] for _ in range(n_items)]
    for i, s in sorted(zip(items.tolist(), who.tolist(), strict=True)):
        out[i].append(suppliers[s])
    return [", ".join(names) if names else None for names in out]


def test_same_names_as_a_plain_loop_on_seeded_random_quotes() -> None:
    rng = np.random.default_rng(16)
    for _ in range(300):
        n_suppliers = int(rng.integers(1, 12))
        n_items = int(rng.integers(0, 40))
        suppliers = tuple(f"Supplier {k}" for k in range(n_suppliers))
        count = int(rng.integers(0, 3 * n_items + 1)) if n_items else 0
        pairs = {(int(rng.integers(0, n_items)), int(rng.integers(0, n_suppliers))) for _ in range(count)}
        listed = list(pairs)
        rng.shuffle(listed)
        items = np.array([i for i, _ in listed], dtype=np.int64)
        who = np.array([s for _, s in listed], dtype=np.int64)
        assert names_per_item(suppliers, items, who, n_items) == looped(suppliers, items, who, n_items)


def test_one_name_items_and_items_with_several_and_none() -> None:
    suppliers = ("Acme", "Brill", "Corto")
    items = np.array([2, 0, 2, 2], dtype=np.int64)
    who = np.array([1, 2, 0, 2], dtype=np.int64)
    assert names_per_item(suppliers, items, who, 4) == ["Corto", None, "Acme, Brill, Corto", None]
    assert names_per_item(suppliers, items[:0], who[:0], 2) == [None, None]
