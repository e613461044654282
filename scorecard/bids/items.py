"""The Items table: one row per item requested, its quantity and baseline, and how the quotes for it compare."""

from __future__ import annotations

from enum import StrEnum

import numpy as np
import pandas as pd

from scorecard.bids.item_prices import ItemPrices
from scorecard.bids.policy import Comparison
from scorecard.bids.requested import Requested
from scorecard.bids.sheet import QuoteLines


class ItemStatus(StrEnum):
    """Whether an item is in the comparison, and if not why (the Items table's `status` column holds these
    codes; tables/bids.py words them)."""

    COMPARED = "compared"
    NO_QUANTITY = "no_quantity"  # no quantity requested: its quotes cannot be costed
    NOT_QUOTED = "not_quoted"  # no supplier quoted it
    LEFT_OUT = "left_out"  # the partial-bid policy leaves it out


def item_frame(
    lines: QuoteLines, requested: Requested, prices: ItemPrices, comparison: Comparison
) -> pd.DataFrame:
    """One row per item requested: its quantity and baseline, how the quotes for it compare, and its
    `status` (an `ItemStatus` code)."""
    n_items = len(lines.items)
    best = prices.best[prices.costed]
    best_names = names_per_item(lines.suppliers, prices.item[best], prices.supplier[best], n_items)
    outlier = prices.outlier
    outlier_names = names_per_item(lines.suppliers, prices.item[outlier], prices.supplier[outlier], n_items)
    lowest, highest, compared = prices.lowest, prices.highest, comparison.compared
    with np.errstate(invalid="ignore", divide="ignore"):
        spread = highest - lowest
        spread_percent = np.where(lowest > 0, spread / lowest * 100, np.nan)
    status = np.where(
        requested.no_quantity,
        ItemStatus.NO_QUANTITY.value,
        np.where(
            prices.quotes_per_item == 0,
            ItemStatus.NOT_QUOTED.value,
            np.where(compared, ItemStatus.COMPARED.value, ItemStatus.LEFT_OUT.value),
        ),
    )
    incumbent_names = lines.suppliers + lines.incumbent_names
    return pd.DataFrame(
        {
            "description": pd.array(list(lines.descriptions or (None,) * n_items), dtype="str"),
            "unit": pd.array(list(lines.units or (None,) * n_items), dtype="str"),
            "quantity": requested.quantity,
            "baseline_price": requested.baseline,
            "incumbent": pd.array(
                [incumbent_names[k] if k >= 0 else None for k in requested.incumbent], dtype="str"
            ),
            "quotes": prices.quotes_per_item,
            "lowest": lowest,
            "highest": highest,
            "median": prices.median,
            "spread": spread,
            "spread_percent": spread_percent,
            "best_suppliers": pd.array(best_names, dtype="str"),
            "outliers": pd.array(outlier_names, dtype="str"),
            "fill_cost_per_unit": np.where(compared, comparison.fill_unit, np.nan),
            "status": pd.array(status.tolist(), dtype="str"),
        },
        index=pd.Index(list(lines.items), name="item", dtype="str"),
    )


def names_per_item(
    suppliers: tuple[str, ...], items: np.ndarray, who: np.ndarray, n_items: int
) -> list[str | None]:
    """Supplier names per item joined with ', ' (in sheet order), None where there are none.

    Most items have one name (the best price, an outlier): those are placed in one step, and only
    the items with several names are joined one by one."""
    out = np.full(n_items, None, dtype=object)
    if len(items) == 0:
        return out.tolist()
    order = np.lexsort((who, items))
    item_sorted = items[order]
    names = np.asarray(suppliers, dtype=object)[who[order]]
    starts = np.flatnonzero(np.r_[True, item_sorted[1:] != item_sorted[:-1]])
    ends = np.r_[starts[1:], len(item_sorted)]
    single = ends - starts == 1
    out[item_sorted[starts[single]]] = names[starts[single]]
    for start, end in zip(starts[~single].tolist(), ends[~single].tolist(), strict=True):
        out[item_sorted[start]] = ", ".join(names[start:end])
    return out.tolist()
