"""The bids stage's value: supplier totals, the item comparison, and scenarios (the method in words:
`scorecard.tables.bid_method`).

Its Bids, Items and Scenarios tables are built in `scorecard.tables.bids`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np
import pandas as pd

from scorecard.bids.awards import award_scenarios
from scorecard.bids.grouped import group_min
from scorecard.bids.item_prices import TIE_TOLERANCE
from scorecard.bids.items import names_per_item
from scorecard.bids.quotes import QuoteArrays
from scorecard.bids.settings import BidSettings
from scorecard.errors import Finding


@dataclass(frozen=True, eq=False)
class BidResult:
    """What the bids stage hands on: per-supplier cost figures for the cost criteria, and the evidence.

    `suppliers` is indexed by supplier name (every supplier in the sheet, also those that quoted
    nothing); money is in `base_currency`; `coverage` is in percent points 0-100; "no data" is NaN;
    `status` is a `bids.policy.SupplierStatus` code (tables/bids.py words it).
    """

    suppliers: pd.DataFrame
    items: pd.DataFrame
    findings: tuple[Finding, ...]
    base_currency: str
    quote_arrays: QuoteArrays | None = field(default=None, repr=False, compare=False)
    settings: BidSettings = field(default_factory=BidSettings)
    sheet: str = ""
    shape: str = "long"
    fx_rates: tuple[tuple[str, float, str], ...] = ()  # (currency, rate, where it came from) actually used
    columns: tuple[tuple[str, str], ...] = ()  # role -> header read
    compared_items: int = 0
    # supplier -> why it cannot be awarded (disqualified, not evaluated); passed in by the pipeline
    not_eligible: tuple[tuple[str, str], ...] = ()

    def for_award(self, not_eligible: Mapping[str, str]) -> BidResult:
        """The same bids with award scenarios restricted to eligible suppliers (no re-costing, no re-scoring)."""
        keep = {str(name) for name in self.suppliers.index}
        return replace(self, not_eligible=tuple((k, v) for k, v in not_eligible.items() if k in keep))

    @cached_property
    def scenarios(self) -> pd.DataFrame:
        """Award scenarios among the eligible suppliers, ineligible ones apart (see bids.awards)."""
        return award_scenarios(
            self.quote_arrays, self.suppliers, self.items, self.settings, dict(self.not_eligible)
        )

    def eligible(self, supplier: str) -> bool:
        return supplier not in dict(self.not_eligible)

    @cached_property
    def quotes(self) -> pd.DataFrame:
        """Every usable quote with each step of its cost (row, supplier, item, price, currency, fx_rate,
        unit_price, quantity, extended_price, freight, duty, payment_credit, landed_cost, cost_per_unit,
        best, outlier...), so a buyer can recompute any total by hand."""
        return self.quote_arrays.frame() if self.quote_arrays is not None else pd.DataFrame()

    def criterion_values(self) -> pd.DataFrame:
        """The figures the config's cost criteria read, by criterion key (index: supplier)."""
        mapping = dict(self.settings.criteria)
        frame = pd.DataFrame(index=self.suppliers.index)
        for figure, key in mapping.items():
            frame[key] = self.suppliers[figure].astype(float)
        return frame

    # ------------------------------------------------------------------ figures the tables read (scorecard.tables.bids)

    def cost_matrix(self) -> tuple[np.ndarray, np.ndarray]:
        """Cost per unit per item (rows) and supplier (columns), NaN where not quoted; and the best cells."""
        shape = (len(self.items), len(self.suppliers))
        cost, best = np.full(shape, np.nan), np.zeros(shape, dtype=bool)
        q = self.quote_arrays
        if q is not None and len(q):
            at = (q.column("item"), q.column("supplier"))
            cost[at] = q.column("cost_per_unit")
            best[at] = self.best_eligible_quotes()
        return cost, best

    def best_eligible_quotes(self) -> np.ndarray:
        """Per usable quote: the lowest cost per unit for its item among eligible suppliers (ties: all)."""
        q = self.quote_arrays
        if q is None or not len(q):
            return np.zeros(0, dtype=bool)
        names = list(self.suppliers.index.astype(str))
        allowed = np.array([self.eligible(name) for name in names], dtype=bool)
        item, supplier, cost = q.column("item"), q.column("supplier"), q.column("cost_per_unit")
        usable = allowed[supplier] & (q.column("status") < 2) & ~np.isnan(cost)
        lowest = group_min(item[usable], cost[usable], len(self.items))
        return usable & (cost - lowest[item] <= TIE_TOLERANCE * np.abs(lowest[item]))

    def best_eligible(self) -> tuple[list[str | None], list[str | None]]:
        """Per item: who has the best price among eligible suppliers, and which ineligible ones are cheaper."""
        n_items = len(self.items)
        q = self.quote_arrays
        if q is None or not len(q):
            return [None] * n_items, [None] * n_items
        names = tuple(self.suppliers.index.astype(str))
        best = self.best_eligible_quotes()
        item, supplier, cost = q.column("item"), q.column("supplier"), q.column("cost_per_unit")
        allowed = np.array([self.eligible(name) for name in names], dtype=bool)
        eligible_low = np.full(n_items, np.inf)
        eligible_low[item[best]] = cost[best]
        cheaper = ~allowed[supplier] & (q.column("status") < 2) & (cost < eligible_low[item])
        return (
            names_per_item(names, item[best], supplier[best], n_items),
            names_per_item(names, item[cheaper], supplier[cheaper], n_items),
        )
