"""Per supplier: total cost of ownership on the compared items, lead time, savings, the Bids table's figures.

total = landed cost of the compared items it quoted + fills for those it did not
      + switching cost + freight lump sum + one-off costs (tooling, NRE),
given only to an eligible supplier that priced at least one compared item.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from scorecard.bids.grouped import group_count, group_sum
from scorecard.bids.item_prices import ItemPrices
from scorecard.bids.landed import LandedQuotes
from scorecard.bids.policy import Comparison
from scorecard.bids.requested import Requested
from scorecard.bids.settings import BidSettings
from scorecard.bids.sheet import QuoteLines
from scorecard.errors import Finding, Severity


@dataclass(frozen=True)
class SupplierTotals:
    """The per-supplier cost columns, and which usable quotes are inside the comparison."""

    columns: dict[str, np.ndarray]
    inside: np.ndarray  # over the usable quotes
    compared_items: int


def supplier_totals(
    lines: QuoteLines,
    settings: BidSettings,
    requested: Requested,
    quotes: LandedQuotes,
    prices: ItemPrices,
    comparison: Comparison,
) -> tuple[SupplierTotals, list[Finding]]:
    """Sum each supplier's compared quotes, fills and one-off costs into its total cost of ownership."""
    n_suppliers = len(lines.suppliers)
    inside = np.zeros(len(quotes.positions), dtype=bool)
    inside[prices.costed] = comparison.in_play & comparison.compared[prices.item]
    # usually every usable quote is in the comparison: then a slice (a view) saves copying each array
    take: slice | np.ndarray = slice(None) if inside.all() else np.flatnonzero(inside)
    s_in, i_in = quotes.supplier[take], quotes.item[take]
    n_compared = int(comparison.compared.sum())
    priced_in = group_count(s_in, n_suppliers)
    if comparison.fills:
        filled_items = np.where(comparison.eligible, n_compared - priced_in, 0)
        filled = comparison.fill_value.sum() - group_sum(s_in, comparison.fill_value[i_in], n_suppliers)
    else:
        filled_items, filled = np.zeros(n_suppliers, dtype=int), np.zeros(n_suppliers)
    incumbent = requested.incumbent
    incumbent_known = bool((incumbent >= 0).any())
    incumbent_items = group_count(incumbent[(incumbent >= 0) & (incumbent < n_suppliers)], n_suppliers)
    switching = switching_costs(
        settings, incumbent, i_in, s_in, n_suppliers, incumbent_items, incumbent_known
    )
    lump = np.where(priced_in > 0, settings.freight.lump_sum, 0.0)
    one_off = np.where(priced_in > 0, one_off_costs(settings, lines.suppliers), 0.0)
    findings = unknown_one_off_findings(settings, lines)
    if settings.switching_cost.amount > 0 and not incumbent_known:
        findings.append(
            Finding(
                Severity.INFO,
                "No incumbent is named in the bid sheet, so no switching cost was added to any supplier.",
                sheet=lines.sheet,
                action="add an Incumbent column to apply the switching cost",
            )
        )
    has_total = comparison.eligible & (priced_in > 0)
    landed_sum = group_sum(s_in, quotes.landed[take], n_suppliers)

    def if_total(values: np.ndarray) -> np.ndarray:
        return np.where(has_total, values, np.nan)

    columns = {
        "total_cost": if_total(landed_sum + filled + switching + lump + one_off),
        "items_priced_in_comparison": priced_in,
        "items_filled": filled_items,
        "goods_value": if_total(group_sum(s_in, quotes.goods[take], n_suppliers)),
        "freight": if_total(group_sum(s_in, quotes.freight[take], n_suppliers) + lump),
        "duty": if_total(group_sum(s_in, quotes.duty[take], n_suppliers)),
        "payment_credit": if_total(group_sum(s_in, quotes.credit[take], n_suppliers)),
        "switching_cost": if_total(switching),
        "one_off_costs": if_total(one_off),
        "fill_value": if_total(filled),
        "incumbent_items": incumbent_items,
    }
    return SupplierTotals(columns, inside, n_compared), findings


def lead_times(lines: QuoteLines, quotes: LandedQuotes) -> np.ndarray:
    """Quantity-weighted average lead time over the items each supplier quoted (NaN: none given)."""
    n_suppliers = len(lines.suppliers)
    if lines.lead_time is None:
        return np.full(n_suppliers, np.nan)
    q, sup = quotes.quantity, quotes.supplier
    lt = lines.lead_time[quotes.positions]
    with_lt = ~np.isnan(lt) & ~np.isnan(q)
    weight = group_sum(sup[with_lt], q[with_lt], n_suppliers)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(weight > 0, group_sum(sup[with_lt], (q * lt)[with_lt], n_suppliers) / weight, np.nan)


def savings(requested: Requested, quotes: LandedQuotes, n_suppliers: int) -> dict[str, np.ndarray]:
    """Savings over the items each supplier quoted, on price and on landed cost, vs baseline and vs incumbent.

    On price: quantity x (reference price - quoted price); on landed cost (freight, duty and
    payment terms included): what the budget sees.
    """
    sup, itm, costed = quotes.supplier, quotes.item, quotes.costed
    # the quotes with a baseline, selected once (selecting before or after the arithmetic gives the same sums)
    with_base = costed & ~np.isnan(requested.baseline[itm])
    base_sup, q = sup[with_base], quotes.quantity[with_base]
    baseline, unit_price = requested.baseline[itm[with_base]], quotes.unit_price[with_base]
    vs_base = group_sum(base_sup, (baseline - unit_price) * q, n_suppliers)
    base_value = group_sum(base_sup, baseline * q, n_suppliers)
    has_base = group_count(base_sup, n_suppliers) > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        vs_base_percent = np.where(has_base & (base_value > 0), vs_base / base_value * 100, np.nan)
    landed_vs_base = group_sum(base_sup, baseline * q - quotes.landed[with_base], n_suppliers)
    incumbent = incumbent_savings(requested, quotes, n_suppliers)
    return {  # in the Bids table's column order
        "savings_vs_baseline": np.where(has_base, vs_base, np.nan),
        "savings_vs_baseline_percent": vs_base_percent,
        "savings_vs_incumbent": incumbent["savings_vs_incumbent"],
        "landed_savings_vs_baseline": np.where(has_base, landed_vs_base, np.nan),
        "landed_savings_vs_incumbent": incumbent["landed_savings_vs_incumbent"],
    }


def incumbent_savings(requested: Requested, quotes: LandedQuotes, n_suppliers: int) -> dict[str, np.ndarray]:
    """Savings vs the incumbent's own price (and landed cost) on the items each supplier quoted; no data
    when the sheet names no incumbent (then nothing is worked out)."""
    if not (requested.incumbent >= 0).any():
        nothing = np.full(n_suppliers, np.nan)
        return {"savings_vs_incumbent": nothing, "landed_savings_vs_incumbent": nothing.copy()}
    sup, itm, q, costed = quotes.supplier, quotes.item, quotes.quantity, quotes.costed
    unit_price, landed = quotes.unit_price, quotes.landed
    own = costed & (requested.incumbent[itm] == sup)
    incumbent_price = np.full(len(requested.quantity), np.nan)
    incumbent_price[itm[own]] = unit_price[own]
    with_inc = costed & ~np.isnan(incumbent_price[itm])
    vs_inc = group_sum(sup[with_inc], ((incumbent_price[itm] - unit_price) * q)[with_inc], n_suppliers)
    has_inc = group_count(sup[with_inc], n_suppliers) > 0
    incumbent_landed = np.full(len(requested.quantity), np.nan)
    incumbent_landed[itm[own]] = landed[own]
    landed_vs_inc = group_sum(sup[with_inc], (incumbent_landed[itm] - landed)[with_inc], n_suppliers)
    return {
        "savings_vs_incumbent": np.where(has_inc, vs_inc, np.nan),
        "landed_savings_vs_incumbent": np.where(has_inc, landed_vs_inc, np.nan),
    }


def switching_costs(
    settings: BidSettings,
    incumbent: np.ndarray,
    items_won: np.ndarray,
    winners: np.ndarray,
    n_suppliers: int,
    incumbent_items: np.ndarray,
    incumbent_known: bool,
) -> np.ndarray:
    """One-off cost of moving business: per non-incumbent supplier, or per item taken over from an incumbent."""
    amount = settings.switching_cost.amount
    if amount <= 0 or not incumbent_known:
        return np.zeros(n_suppliers)
    if settings.switching_cost.basis == "per_supplier":
        takes_any = group_count(winners, n_suppliers) > 0
        return np.where(takes_any & (incumbent_items == 0), amount, 0.0)
    taken_over = (incumbent[items_won] >= 0) & (incumbent[items_won] != winners)
    return group_count(winners[taken_over], n_suppliers) * amount


def one_off_costs(settings: BidSettings, suppliers: tuple[str, ...]) -> np.ndarray:
    """Each supplier's one-off cost if awarded (tooling, NRE): the per-supplier amount plus its own."""
    return np.array([settings.one_off_costs.for_supplier(name) for name in suppliers], dtype=float)


def unknown_one_off_findings(settings: BidSettings, lines: QuoteLines) -> list[Finding]:
    """A one-off cost named for a supplier that is not on the bid sheet would silently cost nothing."""
    known = {name.strip().casefold() for name in lines.suppliers}
    return [
        Finding(
            Severity.WARNING,
            f"The settings give {name} a one-off cost of {amount:,.2f} {settings.base_currency}, but no "
            "supplier of that name is on the bid sheet, so it is not added to anyone.",
            sheet=lines.sheet,
            value=name,
            action="spell the name as on the bid sheet in bids.one_off_costs.suppliers",
        )
        for name, amount in settings.one_off_costs.suppliers
        if name.casefold() not in known
    ]


def supplier_currencies(lines: QuoteLines, quotes: LandedQuotes) -> tuple[list[str], tuple[str, ...]]:
    """The currencies each supplier quoted in ('EUR, USD'), and all currencies quoted."""
    n_suppliers = len(lines.suppliers)
    width = len(lines.currencies) + 1
    codes = quotes.supplier * width + np.maximum(lines.currency[quotes.positions], 0)
    used = group_count(codes, n_suppliers * width).reshape(n_suppliers, width) > 0
    per_supplier = [
        ", ".join(sorted(lines.currencies[k] for k in np.flatnonzero(row) if k < len(lines.currencies)))
        for row in used
    ]
    overall = tuple(
        sorted(lines.currencies[k] for k in np.flatnonzero(used.any(axis=0)) if k < len(lines.currencies))
    )
    return per_supplier, overall


def supplier_frame(
    lines: QuoteLines,
    quotes: LandedQuotes,
    prices: ItemPrices,
    comparison: Comparison,
    totals: SupplierTotals,
    saved: dict[str, np.ndarray],
    currencies: list[str],
) -> pd.DataFrame:
    """One row per supplier on the bid sheet, in the Bids table's column order."""
    n_suppliers, n_items = len(lines.suppliers), len(lines.items)
    cost = totals.columns
    data = {
        "status": pd.array(comparison.status.tolist(), dtype="str"),
        "total_cost": cost["total_cost"],
        "coverage": comparison.coverage,
        "value_coverage": comparison.value_coverage,
        "average_lead_time": lead_times(lines, quotes),
        "items_quoted": comparison.quoted,
        "items_requested": np.full(n_suppliers, n_items),
        **{name: cost[name] for name in COST_COLUMNS},
        **saved,
        "incumbent_items": cost["incumbent_items"],
        "best_price_items": group_count(quotes.supplier[prices.best], n_suppliers),
        "currencies": pd.array(currencies, dtype="str"),
    }
    return pd.DataFrame(data, index=pd.Index(list(lines.suppliers), name="supplier", dtype="str"))


COST_COLUMNS = (
    "items_priced_in_comparison",
    "items_filled",
    "goods_value",
    "freight",
    "duty",
    "payment_credit",
    "switching_cost",
    "one_off_costs",
    "fill_value",
)
