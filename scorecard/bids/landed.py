"""Which quote lines are usable, and each usable quote's landed cost in the base currency.

landed cost = quantity x price in base currency + freight + duty - payment-term credit,
computed once per usable quote as whole-array arithmetic.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from scorecard.bids.line_findings import duplicate_findings, price_findings
from scorecard.bids.requested import Requested
from scorecard.bids.settings import BidSettings
from scorecard.bids.sheet import QuoteLines
from scorecard.errors import Finding, ScorecardError
from scorecard.read.cells import row_list


@dataclass(frozen=True)
class LandedQuotes:
    """Every usable quote (`positions` into the quote lines) with each step of its cost."""

    positions: np.ndarray
    supplier: np.ndarray
    item: np.ndarray
    quantity: np.ndarray
    rate: np.ndarray  # per line: base currency per unit of the line's currency
    price_base: np.ndarray  # per line: price / units per price x rate
    unit_price: np.ndarray
    goods: np.ndarray
    freight: np.ndarray
    duty: np.ndarray
    credit: np.ndarray
    landed: np.ndarray
    unit_cost: np.ndarray
    costed: np.ndarray  # the quote has a landed cost (its item has a quantity)


def landed_quotes(
    lines: QuoteLines, settings: BidSettings, rates: Mapping[str, float], requested: Requested
) -> tuple[LandedQuotes, list[Finding]]:
    """Keep the priced lines (positive, one per supplier and item) and cost each; findings for the rest."""
    keyed = (lines.supplier >= 0) & (lines.item >= 0)
    readable = keyed & lines.price_present & np.isfinite(lines.price)
    not_positive = readable & (lines.price <= 0)
    findings = price_findings(lines, not_positive)
    valid = readable & ~not_positive
    rate = line_rates(lines, rates, settings.base_currency, valid)
    price_base = lines.price / lines.factor * rate
    valid, duplicate = drop_duplicate_quotes(lines, valid, price_base, len(lines.items))
    findings += duplicate_findings(lines, duplicate)
    v = np.flatnonzero(valid)
    itm = lines.item[v]
    q = requested.quantity[itm]
    unit_price = price_base[v]
    goods = q * unit_price
    freight, duty, credit = adders(lines, settings, v, rate, q, goods)
    landed = goods + freight + duty - credit
    quotes = LandedQuotes(
        v, lines.supplier[v], itm, q, rate, price_base, unit_price, goods, freight, duty, credit, landed,
        landed / q, ~np.isnan(landed),
    )  # fmt: skip
    return quotes, findings


def line_rates(lines: QuoteLines, rates: Mapping[str, float], base: str, needed: np.ndarray) -> np.ndarray:
    """Rate per line (base currency per unit of the line's currency); stop if a needed rate is missing."""
    table = np.array(
        [1.0 if code == base else rates.get(code, np.nan) for code in lines.currencies] + [np.nan]
    )
    per_line = table[np.where(lines.currency >= 0, lines.currency, len(lines.currencies))]
    without = needed & np.isnan(per_line)
    if without.any():
        codes = sorted({lines.currencies[c] for c in np.unique(lines.currency[without]) if c >= 0})
        first = int(np.flatnonzero(without)[0])
        rows = lines.row[without]
        raise ScorecardError(
            f"{' and '.join(codes)} {'has' if len(codes) == 1 else 'have'} no exchange rate to {base}, so "
            f"these prices cannot be compared with the others ({len(rows)} line(s): {row_list(rows)}).",
            sheet=lines.sheet,
            row=int(lines.row[first]),
            column=lines.column_for("currency") or lines.column_of(first),
            hint=f"Add a rate for {', '.join(codes)} (the value of 1 unit in {base}) to the FX sheet or to "
            "`bids.fx_rates` in the settings.",
        )
    return per_line


def drop_duplicate_quotes(
    lines: QuoteLines, valid: np.ndarray, price_base: np.ndarray, n_items: int
) -> tuple[np.ndarray, np.ndarray]:
    """A supplier that priced an item twice keeps its lower price (order-independent); the other is flagged."""
    positions = np.flatnonzero(valid)
    pair = lines.supplier[positions].astype(np.int64) * max(n_items, 1) + lines.item[positions]
    span = len(lines.suppliers) * max(n_items, 1)
    if span <= 50_000_000:
        per_pair = np.bincount(pair, minlength=span)
        if not len(pair) or per_pair.max() <= 1:  # the usual sheet: one price per supplier and item
            return valid, np.zeros(len(valid), dtype=bool)
        repeated = per_pair[pair] > 1
    else:
        repeated = pd.Series(pair).duplicated(keep=False).to_numpy()
    duplicate = np.zeros(len(valid), dtype=bool)
    if not repeated.any():
        return valid, duplicate
    dup_pos = positions[repeated]
    order = np.lexsort((lines.row[dup_pos], price_base[dup_pos], pair[repeated]))
    ordered = dup_pos[order]
    ordered_pair = pair[repeated][order]
    later = np.concatenate(([False], ordered_pair[1:] == ordered_pair[:-1]))
    duplicate[ordered[later]] = True
    return valid & ~duplicate, duplicate


def adders(
    lines: QuoteLines,
    settings: BidSettings,
    v: np.ndarray,
    rate: np.ndarray,
    q: np.ndarray,
    goods: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Freight, duty and payment-term credit per usable quote, in the base currency.

    freight = the Freight cell (x quantity when read per unit), else the default per unit x quantity;
    duty = extended price x duty %; credit = extended price x annual rate x days / 365.
    Columns the sheet does not have cost nothing to skip.
    """
    per_unit = settings.freight.per_unit
    if lines.freight is None:
        freight = per_unit * q if per_unit else np.zeros(len(v))
    else:
        cell = lines.freight[v] * rate[v]
        if settings.freight.column_basis == "per_unit":
            freight = np.where(np.isnan(cell), per_unit, cell) * q
        else:
            freight = np.where(np.isnan(cell), per_unit * q, cell)
    if lines.duty_percent is None:
        duty = goods * (settings.duty_percent / 100) if settings.duty_percent else np.zeros(len(v))
    else:
        cell = lines.duty_percent[v]
        duty = goods * np.where(np.isnan(cell), settings.duty_percent, cell) / 100
    terms = settings.payment_terms
    if terms.annual_rate_percent == 0:
        return freight, duty, np.zeros(len(v))
    if terms.days_from == "default" or lines.payment_days is None:
        days: np.ndarray | float = terms.default_days
    else:
        cell = lines.payment_days[v]
        days = np.where(np.isnan(cell), terms.default_days, cell)
    credit = goods * (terms.annual_rate_percent / 100) * days / 365
    return freight, duty, credit
