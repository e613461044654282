"""The value a bid sheet becomes (one entry per supplier and item, as arrays), and the header words
every reader of a bid sheet shares."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from scorecard.clean import normalise_header
from scorecard.errors import Finding

# Roles that describe the item in a wide sheet (everything else with prices is a supplier).
ITEM_ROLES = (
    "item",
    "description",
    "quantity",
    "unit",
    "pack_size",
    "baseline_price",
    "incumbent",
    "currency",
    "notes",
)
# Headers of a bid tab that hold the buyer's own arithmetic, never a supplier's prices.
NOT_SUPPLIER_HEADERS = frozenset(
    normalise_header(h)
    for h in (
        "Lowest",
        "Lowest price",
        "Lowest bid",
        "Best price",
        "Best",
        "Highest",
        "Highest price",
        "Average",
        "Average price",
        "Mean",
        "Median",
        "Min",
        "Max",
        "Total",
        "Extended",
        "Extended price",
        "Difference",
        "Saving",
        "Savings",
        "Rank",
        "Spread",
        "Count",
        "No",
        "Line",
        "Line no",
        "Pos",
        "Position",
        "Spec",  # a published tab's specification reference beside the item
        "Spec section",
        "Specification",
        "Section",
        "Ref",
        "Reference",
    )
)
FINDINGS_PER_KIND = 20  # per-cell findings shown before they are summarised


@dataclass(frozen=True)
class QuoteLines:
    """Every quote cell of a bid sheet, shape-blind, as aligned arrays (one entry per line).

    Codes index `suppliers`, `items` and `currencies`; -1 means blank. Prices are as
    quoted (their own currency, per priced unit); `factor` is the units of quantity
    in one priced unit (pack size or unit of measure).
    """

    sheet: str
    shape: str
    suppliers: tuple[str, ...]
    items: tuple[str, ...]
    currencies: tuple[str, ...]
    supplier: np.ndarray
    item: np.ndarray
    row: np.ndarray
    price: np.ndarray
    price_present: np.ndarray
    currency: np.ndarray
    quantity: np.ndarray
    factor: np.ndarray
    # optional columns are None when the sheet does not have them (so the arithmetic can skip them)
    lead_time: np.ndarray | None
    freight: np.ndarray | None
    duty_percent: np.ndarray | None
    payment_days: np.ndarray | None
    baseline: np.ndarray | None
    incumbent: (
        np.ndarray | None
    )  # supplier code; -1 blank; len(suppliers) + k: incumbent_names[k] (did not bid)
    price_columns: tuple[str, ...]  # one header (long) or one per supplier (wide)
    columns: tuple[tuple[str, str], ...]  # role -> header used
    descriptions: tuple[str | None, ...] = ()
    units: tuple[str | None, ...] = ()  # per item: the unit of measure the item is asked in, if known
    incumbent_names: tuple[str, ...] = ()  # incumbents named in the sheet that did not bid
    findings: tuple[Finding, ...] = field(default=())

    def column_of(self, line: int) -> str:
        """The header of the price cell of one line, for findings."""
        if len(self.price_columns) == 1:
            return self.price_columns[0]
        return self.price_columns[self.supplier[line]]

    def column_for(self, role: str) -> str | None:
        return dict(self.columns).get(role)
