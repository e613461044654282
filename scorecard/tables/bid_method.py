"""The bids method in words: every formula behind a total, for the app's bids view.

Written from the settings and what the sheet had (its columns, the rates used), so the
text says what was done for this event, not what could be done.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scorecard.bids.settings import BidSettings
from scorecard.bids.vocabulary import FREIGHT_BASES, SHAPES, SWITCHING_BASES

if TYPE_CHECKING:
    from scorecard.bids.result import BidResult

COMPARISON_LINES = (
    "Coverage = items quoted / items requested x 100; coverage of baseline value = baseline value "
    "(baseline price x quantity) of the items quoted / baseline value of all items x 100.",
    "Saving vs baseline = sum over the items quoted of quantity x (baseline price - unit price in {cur}); "
    "saving vs incumbent = the same against the incumbent's new unit price for each item. These price "
    "savings leave out freight, duty and payment terms; the landed-cost savings include them "
    "(baseline price x quantity - landed cost; incumbent's landed cost - landed cost). A positive "
    "saving means cheaper.",
    "Average lead time = sum of quantity x lead time / sum of quantity, over the items the supplier quoted "
    "with a lead time.",
)
AWARD_LINES = (
    "Zero and negative prices are flagged and treated as not quoted. A supplier pricing an item twice "
    "keeps its lower price.",
    "Scenarios, among the suppliers that can be awarded (by default those that passed the knock-outs): "
    "award all to each supplier (its total cost of ownership; items covered = items it quoted); "
    "cherry-pick (each compared item to the lowest landed cost per unit, plus once per supplier used: "
    "its one-off tooling/NRE, switching cost and freight lump sum, with the saving against the best "
    "single award, which is the cheapest eligible supplier that quoted every item); keep every "
    "incumbent (the incumbent's new quote, else its baseline price). Suppliers that cannot be awarded "
    "are listed apart with a hypothetical figure and the reason.",
    "Price scores: the cost criteria score these totals with their configured method: relative "
    "(100 x lowest total / this total), linear between a best and a worst total, or logarithmic "
    "(100 x (1 - log(total / lowest) / log A)). The criteria list gives the method used.",
)


def bid_method_lines(bids: BidResult) -> list[str]:
    """Each formula and the partial-bid policy in words, in the order the costs are built."""
    s, cur = bids.settings, bids.base_currency
    columns = dict(bids.columns)
    lines = [
        *reading_lines(bids, columns),
        freight_line(s, cur, columns.get("freight")),
        duty_line(s, columns.get("duty_percent")),
        payment_line(s, columns.get("payment_days")),
        "Landed cost of a quote = extended price + freight + duty - payment-term credit; cost per unit = "
        "landed cost / quantity. Items are compared, and the best price flagged, on cost per unit.",
        switching_line(s, cur),
        partial_bid_policy_text(s),
        total_line(s),
        *(line.format(cur=cur) for line in COMPARISON_LINES),
        outlier_line(s),
        *AWARD_LINES,
    ]
    if s.criteria:
        lines.append(
            "Bid figures used as criteria: "
            + ", ".join(f"{figure} -> {key}" for figure, key in s.criteria)
            + "."
        )
    return [line for line in lines if line]


def reading_lines(bids: BidResult, columns: dict[str, str]) -> list[str]:
    """How the sheet was read: its shape and size, units per priced unit, currencies and the rates used."""
    cur = bids.base_currency
    return [
        f'Bid sheet "{bids.sheet}" was read as {SHAPES[bids.shape]}: {len(bids.items)} item(s) requested, '
        f"{len(bids.suppliers)} supplier(s).",
        "Extended price = quantity x unit price. Where a price is per pack or per unit of measure "
        "(e.g. 'box of 12'), the unit price is the quoted price / units per pack"
        + (f' (column "{columns["pack_size"]}")' if "pack_size" in columns else "")
        + (f' (unit of measure from column "{columns["unit"]}")' if "unit" in columns else "")
        + ".",
        f"Currencies: every amount is converted to {cur} as amount x rate, where the rate is the value of "
        f"1 unit of the currency in {cur}"
        + (
            ". Rates used: "
            + "; ".join(f"{code} {rate:g} ({source})" for code, rate, source in bids.fx_rates)
            if bids.fx_rates
            else f"; all prices were in {cur}"
        )
        + ".",
    ]


def duty_line(s: BidSettings, column: str | None) -> str:
    return (
        f"Duty = extended price x duty % ({s.duty_percent:g}%"
        + (f', or the row\'s value in column "{column}"' if column else "")
        + ")."
    )


def total_line(s: BidSettings) -> str:
    fills = s.partial_bid_policy != "common_items"
    one_off = s.one_off_costs.per_supplier or s.one_off_costs.suppliers
    return (
        "Total cost of ownership of a supplier = the landed costs of its quotes on the compared items"
        + (" + the filled value of the compared items it did not quote" if fills else "")
        + (" + a freight lump sum" if s.freight.lump_sum else "")
        + (" + switching cost" if s.switching_cost.amount else "")
        + (" + one-off tooling/NRE costs" if one_off else "")
        + ". A supplier with no usable quote has no total (it is listed, not scored as 0)."
    )


def freight_line(s: BidSettings, cur: str, column: str | None) -> str:
    parts = []
    if column:
        parts.append(
            f'Freight from column "{column}" is read {FREIGHT_BASES[s.freight.column_basis]} '
            "(in the row's currency)"
        )
    if s.freight.per_unit:
        parts.append(
            f"{'where it is blank, ' if column else ''}freight = quantity x {s.freight.per_unit:g} {cur}"
        )
    if s.freight.lump_sum:
        parts.append(f"each supplier's total includes a freight lump sum of {s.freight.lump_sum:g} {cur}")
    return ("; ".join(parts) + ".") if parts else "No freight is added."


def payment_line(s: BidSettings, column: str | None) -> str:
    terms = s.payment_terms
    if terms.annual_rate_percent == 0:
        return "Payment terms are not valued (annual rate 0%)."
    if terms.days_from == "column" and column:
        source = f'the days in column "{column}" ({terms.default_days:g} where blank)'
    else:
        source = f"{terms.default_days:g} days for every quote"
    return (
        f"Payment-term credit = extended price x {terms.annual_rate_percent:g}% x days / 365, with {source}; "
        "it is subtracted from the cost (longer credit is worth money)."
    )


def switching_line(s: BidSettings, cur: str) -> str:
    if s.switching_cost.amount == 0:
        return ""
    return (
        f"Switching cost: {s.switching_cost.amount:g} {cur}, {SWITCHING_BASES[s.switching_cost.basis]}; "
        "it is one-off and added to the total cost of ownership."
    )


def outlier_line(s: BidSettings) -> str:
    rules = s.outliers
    tests = []
    if rules.below_median_fraction > 0:
        tests.append(f"under {rules.below_median_fraction:g} x the item's median")
    if rules.iqr_factor > 0:
        tests.append(f"outside Q1 - {rules.iqr_factor:g} x IQR .. Q3 + {rules.iqr_factor:g} x IQR")
    if not tests:
        return "Outlier checks are turned off."
    return (
        f"Possible errors (outliers): a cost per unit {' or '.join(tests)}, on items with at least "
        f"{rules.min_quotes} quotes; flagged, never removed. Spread = highest - lowest cost per unit."
    )


def partial_bid_policy_text(settings: BidSettings) -> str:
    """The partial-bid policy in one or two sentences, for the Method sheet, the app and the command line."""
    fill = fill_text(settings)
    if settings.partial_bid_policy == "common_items":
        return (
            "Partial bids: suppliers are compared only on the items that every supplier with a quote "
            "priced; other items are left out of every total."
        )
    if settings.partial_bid_policy == "fill_highest":
        return f"Partial bids: {fill}."
    if settings.partial_bid_policy == "fill_baseline":
        return f"Partial bids: {fill}."
    if settings.partial_bid_policy == "penalty":
        return f"Partial bids: {fill}, times a penalty factor of {settings.penalty_factor:g}."
    return (
        f"Partial bids: a supplier that quoted fewer than {settings.coverage_threshold:g}% of the items "
        f"requested is knocked out (no total); for the others, {fill}."
    )


def fill_text(settings: BidSettings) -> str:
    basis = "fill_baseline" if settings.partial_bid_policy == "fill_baseline" else "fill_highest"
    if settings.partial_bid_policy in ("penalty", "knockout_below") and settings.fill_with == "baseline":
        basis = "fill_baseline"
    if basis == "fill_baseline":
        return (
            "an item a supplier did not quote is counted at its baseline price x quantity "
            "(at the highest quoted cost where the item has no baseline price)"
        )
    return (
        "an item a supplier did not quote is counted at the highest cost per unit that any supplier "
        "quoted for it (price with freight, duty and payment terms) x quantity"
    )
