"""The bids stage's value: supplier totals, the item comparison, scenarios, and the method in words."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from scorecard.bids.analysis import QuoteArrays
from scorecard.bids.settings import FREIGHT_BASES, SHAPES, SWITCHING_BASES, BidSettings
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
    ("items_filled", "Items filled (not quoted)", "integer"),
    ("fill_value", "Filled value ({cur})", "money"),
    ("total_cost", "Total cost of ownership ({cur})", "money"),
    ("average_lead_time", "Average lead time (days)", "number"),
    ("savings_vs_baseline", "Saving vs baseline ({cur})", "money"),
    ("savings_vs_baseline_percent", "Saving vs baseline", "percent"),
    ("savings_vs_incumbent", "Saving vs incumbent ({cur})", "money"),
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
    scenarios: pd.DataFrame
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
        frame = pd.DataFrame({"Supplier": self.suppliers.index.astype(str)})
        formats: list[tuple[str, ColumnFormat]] = [("Supplier", "text")]
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
        headers = unique_headers(suppliers, {name for name, _ in fixed})
        cost = np.full((len(items), len(suppliers)), np.nan)
        best = np.zeros((len(items), len(suppliers)), dtype=bool)
        if self.quote_arrays is not None and len(self.quote_arrays):
            q = self.quote_arrays
            at = (q.column("item"), q.column("supplier"))
            cost[at] = q.column("cost_per_unit")
            best[at] = q.column("best")
        per_supplier = pd.DataFrame(cost, columns=headers)
        tail = pd.DataFrame(
            {
                f"Lowest ({cur})": items["lowest"].to_numpy(),
                f"Highest ({cur})": items["highest"].to_numpy(),
                f"Spread ({cur})": items["spread"].to_numpy(),
                "Spread (% of lowest)": items["spread_percent"].to_numpy() / 100,
                "Best price": items["best_suppliers"].to_numpy(),
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
                ("Possible errors", "text"),
                ("In comparison", "text"),
            ]
        )
        highlight = pd.DataFrame(False, index=frame.index, columns=frame.columns)
        highlight[headers] = best
        intro = (
            f"Cost per unit in {cur} for each supplier and item: price / units per priced unit x exchange "
            "rate, plus freight, duty and payment-term effect per unit. The best cost of each item is "
            "highlighted (every supplier in a tie).",
            outlier_line(self.settings),
        )
        return ReportTable("Items", frame, intro=intro, formats=tuple(formats), highlight=highlight)

    def scenarios_table(self) -> ReportTable:
        cur = self.base_currency
        s = self.scenarios
        frame = pd.DataFrame(
            {
                "Scenario": s["scenario"].to_numpy(),
                "Suppliers": s["suppliers"].to_numpy(),
                "Suppliers needed": s["suppliers_needed"].to_numpy(),
                "Items covered": s["items_covered"].to_numpy(),
                f"Total cost ({cur})": s["total_cost"].to_numpy(),
                f"Saving vs best single award ({cur})": s["saving_vs_best_single_award"].to_numpy(),
                "Note": s["note"].to_numpy(),
            }
        )
        formats: tuple[tuple[str, ColumnFormat], ...] = (
            ("Scenario", "text"),
            ("Suppliers", "text"),
            ("Suppliers needed", "integer"),
            ("Items covered", "integer"),
            (f"Total cost ({cur})", "money"),
            (f"Saving vs best single award ({cur})", "money"),
            ("Note", "text"),
        )
        intro = (
            f"Award scenarios on the {self.compared_items} items in the comparison, in {cur}. "
            "A positive saving means the scenario costs less than awarding everything to the cheapest "
            "single supplier.",
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
            + ". A supplier with no usable quote has no total (it is listed, not scored as 0).",
            "Coverage = items quoted / items requested x 100; coverage of baseline value = baseline value "
            "(baseline price x quantity) of the items quoted / baseline value of all items x 100.",
            f"Saving vs baseline = sum over the items quoted of quantity x (baseline price - unit price in {cur}); "
            "saving vs incumbent = the same against the incumbent's new unit price for each item. Savings are on "
            "price only (no freight, duty or payment terms); a positive saving means cheaper.",
            "Average lead time = sum of quantity x lead time / sum of quantity, over the items the supplier quoted "
            "with a lead time.",
            outlier_line(s),
            "Zero and negative prices are flagged and treated as not quoted. A supplier pricing an item twice "
            "keeps its lower price.",
            "Scenarios: award all to each supplier (its total cost of ownership); cherry-pick (each compared "
            "item to the lowest cost per unit, with the number of suppliers that needs and the saving against "
            "the best single award); keep every incumbent (the incumbent's new quote, else its baseline price).",
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
