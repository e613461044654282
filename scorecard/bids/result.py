"""The bids stage's value: supplier totals, the item comparison, scenarios, and the method in words."""

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
from scorecard.bids.vocabulary import FREIGHT_BASES, SHAPES, SWITCHING_BASES
from scorecard.errors import Finding
from scorecard.report import ColumnFormat, ReportTable

SUPPLIER_COLUMNS: tuple[tuple[str, str, ColumnFormat], ...] = (
    # (result column, buyer's heading, format); {cur} becomes the base currency
    ("status", "Status", "text"),
    ("items_quoted", "Items quoted", "integer"),
    ("items_requested", "Items requested", "integer"),
    ("coverage", "Coverage", "percent"),
    ("value_coverage", "Coverage of baseline value", "percent"),
    ("goods_value", "Bid value ({cur})", "money"),
    ("freight", "Freight ({cur})", "money"),
    ("duty", "Duty ({cur})", "money"),
    ("payment_credit", "Payment-term credit ({cur})", "money"),
    ("switching_cost", "Switching cost ({cur})", "money"),
    ("one_off_costs", "One-off costs: tooling/NRE ({cur})", "money"),
    ("items_filled", "Items filled (not quoted)", "integer"),
    ("fill_value", "Filled value ({cur})", "money"),
    ("total_cost", "Total cost of ownership ({cur})", "money"),
    ("average_lead_time", "Average lead time (days)", "number"),
    ("savings_vs_baseline", "Price saving vs baseline, items quoted ({cur})", "money"),
    ("savings_vs_baseline_percent", "Price saving vs baseline, items quoted", "percent"),
    ("landed_savings_vs_baseline", "Landed-cost saving vs baseline, items quoted ({cur})", "money"),
    ("savings_vs_incumbent", "Price saving vs incumbent, items quoted ({cur})", "money"),
    ("landed_savings_vs_incumbent", "Landed-cost saving vs incumbent, items quoted ({cur})", "money"),
    ("best_price_items", "Items at best price", "integer"),
    ("currencies", "Quoted in", "text"),
)
PERCENT_POINTS = ("coverage", "value_coverage", "savings_vs_baseline_percent")


@dataclass(frozen=True, eq=False)
class BidResult:
    """What the bids stage hands on: per-supplier cost figures for the cost criteria, and the evidence.

    `suppliers` is indexed by supplier name (every supplier in the sheet, also those that quoted
    nothing); money is in `base_currency`; `coverage` is in percent points 0-100; "no data" is NaN.
    """

    suppliers: pd.DataFrame
    items: pd.DataFrame
    findings: tuple[Finding, ...]
    policy_text: str
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

    # ------------------------------------------------------------------ tables for the workbook and the app

    def report_tables(self) -> list[ReportTable]:
        """'Bids' (per-supplier totals), 'Items' (best price highlighted) and 'Scenarios'."""
        return [self.bids_table(), self.items_table(), self.scenarios_table()]

    def bids_table(self) -> ReportTable:
        cur = self.base_currency
        barred = dict(self.not_eligible)
        names = self.suppliers.index.astype(str)
        frame = pd.DataFrame(
            {
                "Supplier": names,
                "Can be awarded": [f"No: {barred[n]}" if n in barred else "Yes" for n in names],
            }
        )
        formats: list[tuple[str, ColumnFormat]] = [("Supplier", "text"), ("Can be awarded", "text")]
        for key, heading, fmt in SUPPLIER_COLUMNS:
            title = heading.format(cur=cur)
            values = self.suppliers[key].to_numpy()
            frame[title] = values / 100 if key in PERCENT_POINTS else values
            formats.append((title, fmt))
        intro = (
            f'Bids from sheet "{self.sheet}", compared in {cur}. {self.policy_text}',
            "Total cost of ownership = bid value + freight + duty - payment-term credit + switching cost "
            "+ filled value; the Method sheet gives each formula.",
        )
        return ReportTable("Bids", frame, intro=intro, formats=tuple(formats))

    def items_table(self) -> ReportTable:
        """Cost per unit per supplier and item (base currency), the best cell(s) of each item highlighted."""
        cur = self.base_currency
        items = self.items
        frame = pd.DataFrame(
            {
                "Item": items.index.astype(str),
                "Description": items["description"].to_numpy(),
                "Unit": items["unit"].to_numpy(),
                "Quantity": items["quantity"].to_numpy(),
                f"Baseline price ({cur})": items["baseline_price"].to_numpy(),
                "Incumbent": items["incumbent"].to_numpy(),
            }
        )
        fixed: list[tuple[str, ColumnFormat]] = [
            ("Item", "text"),
            ("Description", "text"),
            ("Unit", "text"),
            ("Quantity", "number"),
            (f"Baseline price ({cur})", "money"),
            ("Incumbent", "text"),
        ]
        suppliers = list(self.suppliers.index.astype(str))
        shown = [name if self.eligible(name) else f"{name} (not eligible)" for name in suppliers]
        headers = unique_headers(shown, {name for name, _ in fixed})
        cost = np.full((len(items), len(suppliers)), np.nan)
        best = np.zeros((len(items), len(suppliers)), dtype=bool)
        best_names, cheaper_barred = self.best_eligible()
        if self.quote_arrays is not None and len(self.quote_arrays):
            q = self.quote_arrays
            at = (q.column("item"), q.column("supplier"))
            cost[at] = q.column("cost_per_unit")
            best[at] = self.best_eligible_quotes()
        per_supplier = pd.DataFrame(cost, columns=headers)
        tail = pd.DataFrame(
            {
                f"Lowest ({cur})": items["lowest"].to_numpy(),
                f"Highest ({cur})": items["highest"].to_numpy(),
                f"Spread ({cur})": items["spread"].to_numpy(),
                "Spread (% of lowest)": items["spread_percent"].to_numpy() / 100,
                "Best price": pd.array(best_names, dtype="str"),
                "Cheaper but not eligible": pd.array(cheaper_barred, dtype="str"),
                "Possible errors": items["outliers"].to_numpy(),
                "In comparison": items["status"].to_numpy(),
            }
        )
        frame = pd.concat([frame, per_supplier, tail], axis=1)
        formats = (
            fixed
            + [(h, "money") for h in headers]
            + [
                (f"Lowest ({cur})", "money"),
                (f"Highest ({cur})", "money"),
                (f"Spread ({cur})", "money"),
                ("Spread (% of lowest)", "percent"),
                ("Best price", "text"),
                ("Cheaper but not eligible", "text"),
                ("Possible errors", "text"),
                ("In comparison", "text"),
            ]
        )
        highlight = pd.DataFrame(False, index=frame.index, columns=frame.columns)
        highlight[headers] = best
        intro = (
            f"Cost per unit in {cur} for each supplier and item: price / units per priced unit x exchange "
            "rate, plus freight, duty and payment-term effect per unit. The best cost of each item is "
            "highlighted (every supplier in a tie). Best price is among the suppliers that can be awarded; "
            'a supplier that cannot (disqualified, or not evaluated) is marked "(not eligible)" and listed '
            'under "Cheaper but not eligible" where its price is lower.',
            outlier_line(self.settings),
        )
        return ReportTable("Items", frame, intro=intro, formats=tuple(formats), highlight=highlight)

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

    def scenarios_table(self) -> ReportTable:
        cur = self.base_currency
        s = self.scenarios
        columns: list[tuple[str, str, ColumnFormat]] = [
            ("scenario", "Scenario", "text"),
            ("suppliers", "Suppliers", "text"),
            ("suppliers_needed", "Suppliers needed", "integer"),
            ("items_covered", "Items covered (quoted)", "integer"),
            ("items_compared", "Items compared", "integer"),
            ("total_cost", f"Total cost of the award, landed ({cur})", "money"),
            ("one_off_costs", f"of which one-off tooling/NRE ({cur})", "money"),
            ("saving_vs_best_single_award", f"Saving vs best single award, landed ({cur})", "money"),
            ("landed_saving_vs_baseline", f"Landed-cost saving vs baseline ({cur})", "money"),
            ("price_saving_vs_baseline", f"Price saving vs baseline ({cur})", "money"),
            ("landed_saving_vs_incumbent", f"Landed-cost saving vs incumbent ({cur})", "money"),
            ("price_saving_vs_incumbent", f"Price saving vs incumbent ({cur})", "money"),
            ("note", "Note", "text"),
        ]
        frame = pd.DataFrame({title: s[key].to_numpy() for key, title, _ in columns})
        formats: tuple[tuple[str, ColumnFormat], ...] = tuple((title, fmt) for _, title, fmt in columns)
        barred = dict(self.not_eligible)
        intro = (
            f"Award scenarios on the {self.compared_items} items in the comparison, in {cur}. Only suppliers "
            "that can be awarded take part"
            + (f" ({len(barred)} cannot: see the rows marked Hypothetical at the end)" if barred else "")
            + ". The best single award is the cheapest eligible supplier that quoted every item; a positive "
            "saving means the scenario costs less than it. Savings against the baseline and the incumbents "
            "cover the items each scenario awards: on price (quantity x price difference) and on landed cost "
            "(with freight, duty and payment terms).",
        )
        return ReportTable("Scenarios", frame, intro=intro, formats=formats)

    # ------------------------------------------------------------------ the method in words

    def method_lines(self) -> list[str]:
        """Each formula and the partial-bid policy in words, for the workbook's Method sheet."""
        s = self.settings
        cur = self.base_currency
        columns = dict(self.columns)
        lines = [
            f'Bid sheet "{self.sheet}" was read as {SHAPES[self.shape]}: {len(self.items)} item(s) requested, '
            f"{len(self.suppliers)} supplier(s).",
            "Extended price = quantity x unit price. Where a price is per pack or per unit of measure "
            "(e.g. 'box of 12'), the unit price is the quoted price / units per pack"
            + (f' (column "{columns["pack_size"]}")' if "pack_size" in columns else "")
            + (f' (unit of measure from column "{columns["unit"]}")' if "unit" in columns else "")
            + ".",
            f"Currencies: every amount is converted to {cur} as amount x rate, where the rate is the value of "
            f"1 unit of the currency in {cur}"
            + (
                ". Rates used: "
                + "; ".join(f"{code} {rate:g} ({source})" for code, rate, source in self.fx_rates)
                if self.fx_rates
                else f"; all prices were in {cur}"
            )
            + ".",
            freight_line(s, cur, columns.get("freight")),
            f"Duty = extended price x duty % ({s.duty_percent:g}%"
            + (
                f', or the row\'s value in column "{columns["duty_percent"]}"'
                if "duty_percent" in columns
                else ""
            )
            + ").",
            payment_line(s, columns.get("payment_days")),
            "Landed cost of a quote = extended price + freight + duty - payment-term credit; cost per unit = "
            "landed cost / quantity. Items are compared, and the best price flagged, on cost per unit.",
            switching_line(s, cur),
            self.policy_text,
            "Total cost of ownership of a supplier = the landed costs of its quotes on the compared items"
            + (
                " + the filled value of the compared items it did not quote"
                if s.partial_bid_policy != "common_items"
                else ""
            )
            + (" + a freight lump sum" if s.freight.lump_sum else "")
            + (" + switching cost" if s.switching_cost.amount else "")
            + (
                " + one-off tooling/NRE costs"
                if s.one_off_costs.per_supplier or s.one_off_costs.suppliers
                else ""
            )
            + ". A supplier with no usable quote has no total (it is listed, not scored as 0).",
            "Coverage = items quoted / items requested x 100; coverage of baseline value = baseline value "
            "(baseline price x quantity) of the items quoted / baseline value of all items x 100.",
            f"Saving vs baseline = sum over the items quoted of quantity x (baseline price - unit price in {cur}); "
            "saving vs incumbent = the same against the incumbent's new unit price for each item. These price "
            "savings leave out freight, duty and payment terms; the landed-cost savings include them "
            "(baseline price x quantity - landed cost; incumbent's landed cost - landed cost). A positive "
            "saving means cheaper.",
            "Average lead time = sum of quantity x lead time / sum of quantity, over the items the supplier quoted "
            "with a lead time.",
            outlier_line(s),
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
        ]
        if s.criteria:
            lines.append(
                "Bid figures used as criteria: "
                + ", ".join(f"{figure} -> {key}" for figure, key in s.criteria)
                + "."
            )
        return [line for line in lines if line]


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


def unique_headers(names: list[str], taken: set[str]) -> list[str]:
    """Supplier columns of the Items table: the supplier's name, made unique against the fixed headings."""
    out, seen = [], set(taken)
    for name in names:
        header, n = name, 2
        while header in seen:
            header, n = f"{name} ({n})", n + 1
        seen.add(header)
        out.append(header)
    return out
