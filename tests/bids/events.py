"""Small bid events built in code, the way the reading stage hands a sheet over.

Every DataFrame has header texts as columns, 1-based spreadsheet row numbers as the index
and raw cells in object columns."""

from __future__ import annotations

import pandas as pd

from scorecard.bids import BidResult, BidSettings, analyse_bids


def sheet(columns: dict[str, list[object]], first_row: int = 2) -> pd.DataFrame:
    """A bid sheet as the reading stage hands it over (object cells, spreadsheet rows as the index)."""
    n = len(next(iter(columns.values())))
    return pd.DataFrame(columns, index=pd.RangeIndex(first_row, first_row + n, name="row"), dtype=object)


# The small event used throughout. Base EUR; Beta quotes in USD at 0.8 EUR per USD.
#   item  qty  baseline  incumbent | Acme (EUR)  Beta (USD)     Cora (EUR)
#   A1    100  10        Acme      | 9.00        10.00 (=8 EUR) 8.00
#   A2     40  25        Beta      | 26.00       30.00 (=24)    -
#   A3     10   5        Acme      | 4.50        -              -
# Landed costs (no adders): A1 900 / 800 / 800 (Beta and Cora tie at 8 per unit),
# A2 1040 / 960, A3 45.
RATES = (("USD", 0.8),)


def long_event() -> pd.DataFrame:
    return sheet(
        {
            "Supplier": ["Acme", "Acme", "Acme", "Beta", "Beta", "Cora", "Cora"],
            "Item code": ["A1", "A2", "A3", "A1", "A2", "A1", "A3"],
            "Description": ["Bolt", "Nut", "Washer", "Bolt", "Nut", "Bolt", "Washer"],
            "Annual volume": [100, 40, 10, 100, 40, 100, 10],
            "Unit price": [9.0, 26.0, 4.5, 10.0, 30.0, 8.0, None],  # Cora left A3 blank: not quoted
            "Currency": ["EUR", "EUR", "EUR", "USD", "USD", "EUR", "EUR"],
            "Baseline price": [10, 25, 5, 10, 25, 10, 5],
            "Incumbent": ["Acme", "Beta", "Acme", "Acme", "Beta", "Acme", "Acme"],
        }
    )


def wide_event() -> pd.DataFrame:
    return sheet(
        {
            "Item": ["A1", "A2", "A3"],
            "Description": ["Bolt", "Nut", "Washer"],
            "Qty": [100, 40, 10],
            "Baseline": [10, 25, 5],
            "Incumbent": ["Acme", "Beta", "Acme"],
            "Acme": [9.0, 26.0, 4.5],
            "Beta (USD)": [10.0, 30.0, None],
            "Cora": [8.0, None, "n/a"],
        },
        first_row=5,
    )


def run(frame: pd.DataFrame, **changes: object) -> BidResult:
    return analyse_bids(frame, BidSettings(fx_rates=RATES, **changes), sheet="Bids")
