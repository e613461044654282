"""What the Bids tab shows, built once per bid analysis and eligibility: metrics, chart, summary tables.

Pure data from the bid analysis' report tables (the workbook's Bids, Items and Scenarios
sheets): the page (`scorecard.ui.bids`) only draws it, so a rerun after a weight change
draws a kept view instead of building one.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, replace

import altair as alt
import pandas as pd

from scorecard import charts, numbers
from scorecard.bids import BidResult
from scorecard.report import ReportTable
from scorecard.tables import SUPPLIER_COLUMNS, bid_method_lines, bid_tables, partial_bid_policy_text
from scorecard.ui.plain import escape
from scorecard.ui.results import plural, without_quiet_columns

# Per supplier, the figures a buyer compares first (result column keys, in this order); the rest of the
# Bids table is in each supplier's detail below it.
SUPPLIER_SUMMARY = (
    "total_cost",
    "coverage",
    "landed_savings_vs_baseline",
    "savings_vs_baseline",
    "best_price_items",
    "average_lead_time",
    "status",
)
ITEM_SUMMARY = (
    "Item",
    "Description",
    "Best price",
    "Cheaper but not eligible",
    "Quantity",
    "Lowest ({cur})",
    "Spread (% of lowest)",
    "Possible errors",
    "In comparison",
)
SCENARIO_SUMMARY = (
    "Scenario",
    "Suppliers needed",
    "Items covered (quoted)",
    "Total cost of the award, landed ({cur})",
    "Saving vs best single award, landed ({cur})",
    "Landed-cost saving vs baseline ({cur})",
    "Note",
)
CHART_SUPPLIERS = 30  # bars beyond this make the chart a scroll of its own; the table lists every supplier
ITEM_COLUMNS = 6  # the Items sheet's columns before the first supplier's (Item ... Incumbent)


@dataclass(frozen=True)
class BidsView:
    """What the Bids tab draws, ready to draw: built once per bid analysis and eligibility."""

    policy: str
    metrics: tuple[tuple[str, str, str, str], ...]  # (label, value, help, caption)
    chart: alt.Chart
    chart_note: str
    suppliers: ReportTable
    supplier_table: ReportTable  # every column of the workbook's Bids sheet, for a supplier's detail
    items: ReportTable
    item_matrix: ReportTable  # the workbook's Items sheet: a column per supplier
    matrix_columns: tuple[tuple[str, str], ...]  # (supplier, its column in item_matrix), lowest total first
    scenarios: ReportTable
    scenario_table: ReportTable
    method: tuple[str, ...]
    not_shown: dict[str, tuple[str, ...]]  # table title -> columns left out because nothing fills them


def bids_view(bids: BidResult) -> BidsView:
    """Everything the tab shows, from the bid analysis' report tables (the workbook's sheets)."""
    cur = bids.base_currency
    supplier_table, item_matrix, scenario_table = bid_tables(bids)
    heading = {key: title.format(cur=cur) for key, title, _ in SUPPLIER_COLUMNS}
    supplier_columns = ["Supplier", "Can be awarded", *(heading[key] for key in SUPPLIER_SUMMARY)]
    suppliers, quiet_suppliers = summary_of(supplier_table, supplier_columns)
    suppliers = lowest_total_first(suppliers, heading["total_cost"])
    items, quiet_items = summary_of(item_matrix, [c.format(cur=cur) for c in ITEM_SUMMARY])
    scenarios, quiet_scenarios = summary_of(scenario_table, [c.format(cur=cur) for c in SCENARIO_SUMMARY])
    totals = charts.bid_totals(bids)
    shown = totals.head(CHART_SUPPLIERS)
    chart_note = (
        f"The chart shows the {len(shown)} lowest of {len(totals)} totals; the table below lists every supplier."
        if len(shown) < len(totals)
        else ""
    )
    return BidsView(
        policy=partial_bid_policy_text(bids.settings),
        metrics=headline_metrics(bids, totals),
        chart=charts.bid_totals_chart(chart_bids(bids, tuple(shown["Supplier"]))),
        chart_note=chart_note,
        suppliers=suppliers,
        supplier_table=supplier_table,
        items=items,
        item_matrix=item_matrix,
        matrix_columns=matrix_columns(bids, item_matrix, tuple(str(s) for s in totals["Supplier"])),
        scenarios=scenarios,
        scenario_table=scenario_table,
        method=tuple(bid_method_lines(bids)),
        not_shown={
            suppliers.title: quiet_suppliers,
            items.title: quiet_items,
            scenarios.title: quiet_scenarios,
        },
    )


def summary_of(table: ReportTable, columns: Sequence[str]) -> tuple[ReportTable, tuple[str, ...]]:
    """These columns of a report table, without those nothing in this event fills (named, not dropped)."""
    present = [c for c in columns if c in table.frame.columns]
    picked = pick_columns(table, present)
    # the quiet-column rule only trims tables wider than a screen: ask it about the whole table
    _, quiet = without_quiet_columns(table)
    left_out = tuple(c for c in present[1:] if c in quiet)
    return pick_columns(picked, [c for c in present if c not in left_out]), left_out


def lowest_total_first(table: ReportTable, total: str) -> ReportTable:
    """Suppliers by total cost of ownership, lowest first; those without a total (no quote...) last."""
    if total not in table.frame.columns:  # no supplier has a total: the policy's finding says why
        return table
    order = table.frame[total].sort_values(kind="stable", na_position="last").index
    return replace(
        table,
        frame=table.frame.loc[order].reset_index(drop=True),
        highlight=None if table.highlight is None else table.highlight.loc[order].reset_index(drop=True),
    )


def matrix_columns(
    bids: BidResult, matrix: ReportTable, by_total: tuple[str, ...]
) -> tuple[tuple[str, str], ...]:
    """Each supplier's column in the Items sheet (after its six item columns, in the analysis' order),
    the lowest totals first, then those without a total."""
    names = [str(s) for s in bids.suppliers.index]
    headers = [str(c) for c in matrix.frame.columns[ITEM_COLUMNS : ITEM_COLUMNS + len(names)]]
    column = dict(zip(names, headers, strict=True))
    order = [n for n in by_total if n in column] + [n for n in names if n not in by_total]
    return tuple((name, column[name]) for name in order)


def pick_columns(table: ReportTable, columns: Sequence[str]) -> ReportTable:
    highlight = None if table.highlight is None else table.highlight[list(columns)]
    return replace(
        table,
        frame=table.frame[list(columns)],
        formats=tuple((name, fmt) for name, fmt in table.formats if name in columns),
        highlight=highlight,
        colour_scale=tuple(c for c in table.colour_scale if c in columns),
    )


def chart_bids(bids: BidResult, names: tuple[str, ...]) -> BidResult:
    """The bids of these suppliers only, for the chart (the figures are the analysis' own, not recomputed)."""
    if len(names) == len(bids.suppliers):
        return bids
    return replace(bids, suppliers=bids.suppliers.loc[list(names)])


def headline_metrics(bids: BidResult, totals: pd.DataFrame) -> tuple[tuple[str, str, str, str], ...]:
    """Lowest total that can be awarded, what cherry-picking saves, how many bids are partial."""
    cur = bids.base_currency
    metrics: list[tuple[str, str, str, str]] = []
    awardable = totals[totals["Can be awarded"]]
    if len(awardable):
        best = awardable.iloc[0]
        metrics.append(
            (
                "Lowest total cost of ownership (can be awarded)",
                f"{numbers.money_text(best['Total cost'])} {cur}",
                f"{escape(best['Supplier'])}, on the {bids.compared_items} items in the comparison; suppliers "
                "that cannot be awarded (disqualified, not evaluated) are left out.",
                escape(str(best["Supplier"])),
            )
        )
    else:
        metrics.append(("Lowest total cost of ownership (can be awarded)", "none", "", ""))
    scenarios = bids.scenarios
    picked = scenarios[scenarios["kind"] == "cherry_pick"] if "kind" in scenarios else scenarios.iloc[0:0]
    if len(picked) and pd.notna(picked.iloc[0]["saving_vs_best_single_award"]):
        row = picked.iloc[0]
        saving = float(row["saving_vs_best_single_award"])
        metrics.append(
            (
                "Cherry-picking saves" if saving >= 0 else "Cherry-picking costs more",
                f"{numbers.money_text(abs(saving))} {cur}",
                "Each item to the eligible supplier with the lowest landed cost, with each supplier's one-off "
                "and switching costs, against the cheapest eligible supplier that quoted every item.",
                f"with {plural(int(row['suppliers_needed']), 'supplier')} (landed cost)",
            )
        )
    else:
        metrics.append(("Cherry-picking saves", "n/a", "No eligible supplier quoted every item.", ""))
    metrics.append(
        (
            "Partial bids",
            f"{int((totals['Items quoted'] < totals['Items requested']).sum())} of {len(totals)}",
            "Suppliers that did not quote every item requested; the policy above says how they are compared.",
            "",
        )
    )
    return tuple(metrics)


class BidsViews:
    """The last few views, keyed by the bid analysis they show and who cannot be awarded.

    `Evaluation.bids` is a new object on every re-score, but it shares the prepared
    analysis' supplier frame; the key holds that frame's identity and the entry holds
    the frame itself, so an id reused by a later object never finds a stale view.
    """

    def __init__(self, size: int = 4) -> None:
        self.size = size
        self.entries: OrderedDict[Hashable, tuple[pd.DataFrame, BidsView]] = OrderedDict()
        self.lock = threading.Lock()

    def view(self, bids: BidResult) -> BidsView:
        key = (id(bids.suppliers), bids.not_eligible)
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None and entry[0] is bids.suppliers:
                self.entries.move_to_end(key)
                return entry[1]
        built = bids_view(bids)
        with self.lock:
            self.entries[key] = (bids.suppliers, built)
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)
        return built
