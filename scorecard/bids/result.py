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
from scorecard.bids.method import method_lines, outlier_line
from scorecard.bids.quotes import QuoteArrays
from scorecard.bids.settings import BidSettings
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
        best_names, cheaper_barred = self.best_eligible()
        fixed: list[tuple[str, object, ColumnFormat]] = [
            ("Item", items.index.astype(str), "text"),
            ("Description", items["description"].to_numpy(), "text"),
            ("Unit", items["unit"].to_numpy(), "text"),
            ("Quantity", items["quantity"].to_numpy(), "number"),
            (f"Baseline price ({cur})", items["baseline_price"].to_numpy(), "money"),
            ("Incumbent", items["incumbent"].to_numpy(), "text"),
        ]
        tail: list[tuple[str, object, ColumnFormat]] = [
            (f"Lowest ({cur})", items["lowest"].to_numpy(), "money"),
            (f"Highest ({cur})", items["highest"].to_numpy(), "money"),
            (f"Spread ({cur})", items["spread"].to_numpy(), "money"),
            ("Spread (% of lowest)", items["spread_percent"].to_numpy() / 100, "percent"),
            ("Best price", pd.array(best_names, dtype="str"), "text"),
            ("Cheaper but not eligible", pd.array(cheaper_barred, dtype="str"), "text"),
            ("Possible errors", items["outliers"].to_numpy(), "text"),
            ("In comparison", items["status"].to_numpy(), "text"),
        ]
        suppliers = list(self.suppliers.index.astype(str))
        shown = [name if self.eligible(name) else f"{name} (not eligible)" for name in suppliers]
        headers = unique_headers(shown, {name for name, _, _ in fixed})
        cost, best = self.cost_matrix()
        frame = pd.concat(
            [
                pd.DataFrame({name: values for name, values, _ in fixed}),
                pd.DataFrame(cost, columns=headers),
                pd.DataFrame({name: values for name, values, _ in tail}),
            ],
            axis=1,
        )
        formats = (
            [(n, f) for n, _, f in fixed] + [(h, "money") for h in headers] + [(n, f) for n, _, f in tail]
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
        return method_lines(self)


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
