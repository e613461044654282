"""Quote lines -> landed costs, per-item comparison, supplier totals under a partial-bid policy.

`analyse_lines` runs the bids stage's steps in order, each in its own module:
what was requested per item (`requested`), which quotes are usable and their
landed cost (`landed`), the per-item comparison and possible price errors
(`item_prices`, `outliers`), the partial-bid policy (`policy`), the supplier
totals and savings (`totals`), and the Items and quote evidence tables (`items`,
`quotes`). All arithmetic is on whole arrays (`grouped`): a million quote lines
cost a few array passes; Python loops run over findings to report (capped) or
over suppliers' names, never over quote lines.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from scorecard.bids.item_prices import compare_items
from scorecard.bids.items import item_frame
from scorecard.bids.landed import landed_quotes
from scorecard.bids.policy import compare_suppliers
from scorecard.bids.quotes import QuoteArrays, quote_arrays
from scorecard.bids.requested import requested_items
from scorecard.bids.settings import BidSettings
from scorecard.bids.sheet import QuoteLines
from scorecard.bids.totals import savings, supplier_currencies, supplier_frame, supplier_totals
from scorecard.errors import Finding


@dataclass(frozen=True)
class Analysis:
    """The numbers a BidResult is made of."""

    suppliers: pd.DataFrame
    items: pd.DataFrame
    quotes: QuoteArrays
    findings: tuple[Finding, ...]
    compared_items: int
    currencies_used: tuple[str, ...]


def analyse_lines(lines: QuoteLines, settings: BidSettings, rates: Mapping[str, float]) -> Analysis:
    """Cost every quote, compare per item, total per supplier under the partial-bid policy.

    Each step's findings are kept in the order the steps run. Award scenarios are built
    later (bids.awards), once eligibility is known.
    """
    requested, asked = requested_items(lines)
    quotes, usable = landed_quotes(lines, settings, rates, requested)
    prices, outliers = compare_items(lines, settings, quotes)
    comparison, gaps = compare_suppliers(lines, settings, requested, quotes, prices)
    totals, extra = supplier_totals(lines, settings, requested, quotes, prices, comparison)
    per_supplier, used = supplier_currencies(lines, quotes)
    suppliers = supplier_frame(
        lines,
        quotes,
        prices,
        comparison,
        totals,
        savings(requested, quotes, len(lines.suppliers)),
        per_supplier,
    )
    findings = (*lines.findings, *asked, *usable, *outliers, *gaps, *extra)
    return Analysis(
        suppliers,
        item_frame(lines, requested, prices, comparison),
        quote_arrays(lines, settings, quotes, prices, totals.inside),
        findings,
        totals.compared_items,
        used,
    )
