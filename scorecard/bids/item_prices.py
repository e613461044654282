"""Per item, over the costed quotes: how many, lowest, highest, who is best (all ties), possible errors."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scorecard.bids.grouped import group_count, group_max, group_min
from scorecard.bids.landed import LandedQuotes
from scorecard.bids.outliers import flag_outliers, outlier_findings
from scorecard.bids.settings import BidSettings
from scorecard.bids.sheet import QuoteLines
from scorecard.errors import Finding

TIE_TOLERANCE = 1e-9  # relative: costs this close count as a tie, so float noise never breaks one


@dataclass(frozen=True)
class ItemPrices:
    """`costed` indexes the usable quotes that have a cost; `item`, `supplier`, `cost` and `outlier` run over them."""

    costed: np.ndarray | slice  # a slice (every quote) when all are costed: views instead of copies
    item: np.ndarray
    supplier: np.ndarray
    cost: np.ndarray
    quotes_per_item: np.ndarray
    lowest: np.ndarray
    highest: np.ndarray
    median: np.ndarray
    best: np.ndarray  # over every usable quote
    outlier: np.ndarray
    outlier_reason: np.ndarray  # over every usable quote: 0 none, else the rule (1-based)


def compare_items(
    lines: QuoteLines, settings: BidSettings, quotes: LandedQuotes
) -> tuple[ItemPrices, list[Finding]]:
    """Compare the costed quotes per item; a finding per possible price error (kept in the comparison)."""
    n_items = len(lines.items)
    c: np.ndarray | slice = slice(None) if quotes.costed.all() else np.flatnonzero(quotes.costed)
    citm, csup, ccost = quotes.item[c], quotes.supplier[c], quotes.unit_cost[c]
    quotes_per_item = group_count(citm, n_items)
    lowest = group_min(citm, ccost, n_items)
    highest = group_max(citm, ccost, n_items)
    best = np.zeros(len(quotes.positions), dtype=bool)
    item_lowest = lowest[citm]
    best[c] = ccost - item_lowest <= TIE_TOLERANCE * np.abs(item_lowest)
    outlier, reason, median = flag_outliers(citm, ccost, quotes_per_item, lowest, highest, settings)
    reason_full = np.zeros(len(quotes.positions), dtype=np.int8)
    reason_full[c] = reason
    findings = outlier_findings(
        lines, quotes.positions[c][outlier], reason[outlier], median[citm[outlier]], settings
    )
    prices = ItemPrices(
        c, citm, csup, ccost, quotes_per_item, lowest, highest, median, best, outlier, reason_full
    )
    return prices, findings
