"""Every usable quote with each step of its cost: the evidence behind each total, tabled on demand."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from scorecard.bids.item_prices import ItemPrices
from scorecard.bids.landed import LandedQuotes
from scorecard.bids.outliers import outlier_rule_names
from scorecard.bids.settings import BidSettings
from scorecard.bids.sheet import QuoteLines

QUOTE_STATUS = ("compared", "priced, not in the comparison", "not costed (no quantity)")
QUOTE_COLUMNS = (
    "row", "supplier", "item", "price", "currency", "units_per_price", "fx_rate", "unit_price",
    "quantity", "extended_price", "freight", "duty", "payment_credit", "landed_cost", "cost_per_unit",
    "lead_time", "best", "outlier", "outlier_rule", "status",
)  # fmt: skip


@dataclass(frozen=True)
class QuoteArrays:
    """Every usable quote with each step of its cost; gathered into a table only when someone asks.

    `positions` are the quote lines used; line-level arrays (row, price, currency...) are read
    through them on demand, so a million-line analysis does not pay for a table nobody opens.
    """

    lines: QuoteLines
    positions: np.ndarray
    rate: np.ndarray  # per line
    unit_price: np.ndarray  # per line: price / units per price x rate
    outlier_rules: tuple[str, ...]
    computed: Mapping[str, np.ndarray]  # per usable quote

    def __len__(self) -> int:
        return len(self.positions)

    def column(self, name: str) -> np.ndarray:
        lines, v = self.lines, self.positions
        at_line = {
            "row": lines.row,
            "supplier": lines.supplier,
            "item": lines.item,
            "price": lines.price,
            "currency": lines.currency,
            "units_per_price": lines.factor,
            "fx_rate": self.rate,
            "unit_price": self.unit_price,
        }
        if name in at_line:
            return at_line[name][v]
        if name == "lead_time":
            return lines.lead_time[v] if lines.lead_time is not None else np.full(len(v), np.nan)
        return self.computed[name]

    def frame(self) -> pd.DataFrame:
        """One row per usable quote, so each total can be recomputed by hand."""
        data: dict[str, object] = {name: self.column(name) for name in QUOTE_COLUMNS}
        lines = self.lines
        currencies = [*lines.currencies, ""]
        currency = self.column("currency")
        data["supplier"] = pd.Categorical.from_codes(
            data["supplier"], categories=pd.Index(list(lines.suppliers))
        )
        data["item"] = pd.Categorical.from_codes(data["item"], categories=pd.Index(list(lines.items)))
        data["currency"] = pd.Categorical.from_codes(
            np.where(currency >= 0, currency, len(currencies) - 1), categories=pd.Index(currencies)
        )
        data["outlier_rule"] = pd.Categorical.from_codes(
            data["outlier_rule"], categories=list(self.outlier_rules)
        )
        data["status"] = pd.Categorical.from_codes(data["status"], categories=list(QUOTE_STATUS))
        return pd.DataFrame(data)


def quote_arrays(
    lines: QuoteLines, settings: BidSettings, quotes: LandedQuotes, prices: ItemPrices, inside: np.ndarray
) -> QuoteArrays:
    """The evidence table's arrays; status 0 compared, 1 priced but left out by the policy, 2 not costed."""
    outlier = np.zeros(len(quotes.positions), dtype=bool)
    outlier[prices.costed] = prices.outlier
    computed = {
        "quantity": quotes.quantity,
        "extended_price": quotes.goods,
        "freight": quotes.freight,
        "duty": quotes.duty,
        "payment_credit": quotes.credit,
        "landed_cost": quotes.landed,
        "cost_per_unit": quotes.unit_cost,
        "best": prices.best,
        "outlier": outlier,
        "outlier_rule": prices.outlier_reason,
        "status": np.where(inside, 0, np.where(quotes.costed, 1, 2)),
    }
    return QuoteArrays(
        lines, quotes.positions, quotes.rate, quotes.price_base, ("", *outlier_rule_names(settings)), computed
    )
