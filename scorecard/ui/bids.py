"""The Bids tab: a buyer-sized view of the bids, built once per bid analysis and kept between reruns.

A weight change re-scores the event but never changes the bids (only who may be
awarded can change, with the knock-outs), so everything this tab draws is built
once per (bid analysis, suppliers that cannot be awarded) and kept: the metrics,
the chart and the tables. What fits a 1440 px screen comes first: per supplier the
figures a buyer decides on, per item who has the best price; every other figure
is one click away (a supplier's or a scenario's detail, each supplier's cost per
item on demand, a page at a time) and all of it is in the scored workbook's Bids,
Items and Scenarios sheets. Whatever is not shown is named under its table.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from scorecard import charts, numbers
from scorecard.bids import BidResult
from scorecard.bids.result import SUPPLIER_COLUMNS
from scorecard.report import ReportTable
from scorecard.ui.analyses import in_its_tab
from scorecard.ui.plain import escape
from scorecard.ui.results import BLANK, column_config_for, plural, styled, without_quiet_columns

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
# Column widths in px: the summary tables fit the main area at 1440 px with the sidebar open (978 px).
WIDTHS = {
    "Supplier": 160,
    "Item": 90,
    "Scenario": 200,
    "Description": 150,
    "Note": 180,
    "Status": 120,
    "Landed-cost saving vs baseline, items quoted ({cur})": 100,
    "Price saving vs baseline, items quoted ({cur})": 100,
}
NUMBER_WIDTH = 90
TEXT_WIDTH = 110
SHORT_LABELS = {  # the full heading is the column's tooltip (and the workbook's heading)
    "Total cost of ownership ({cur})": "TCO ({cur})",
    "Landed-cost saving vs baseline, items quoted ({cur})": "Landed saving",
    "Price saving vs baseline, items quoted ({cur})": "Price saving",
    "Average lead time (days)": "Lead time",
    "Items at best price": "Best prices",
    "Cheaper but not eligible": "Cheaper, not eligible",
    "Spread (% of lowest)": "Spread",
    "Items covered (quoted)": "Items covered",
    "Total cost of the award, landed ({cur})": "Award total ({cur})",
    "Saving vs best single award, landed ({cur})": "Saving vs best",
    "Landed-cost saving vs baseline ({cur})": "Landed saving",
}
CHART_SUPPLIERS = 30  # bars beyond this make the chart a scroll of its own; the table lists every supplier
MATRIX_SUPPLIERS = 8  # suppliers shown side by side in the cost-per-item view at first (the lowest totals)
PAGE_ROWS = 50  # rows per page of a summary table: a screenful, and quick to redraw at every rerun
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
    supplier_table, item_matrix, scenario_table = bids.report_tables()
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
        policy=bids.policy_text,
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
        method=tuple(bids.method_lines()),
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


@st.cache_resource(show_spinner=False)
def bids_views() -> BidsViews:
    """One store for the app, held as a Streamlit resource so that clearing Streamlit's caches clears it."""
    return BidsViews()


@in_its_tab("showing the bids")
def bids_section(bids: BidResult) -> None:
    """Issue 4: the partial-bid policy in words, totals, coverage and savings, items with best prices, scenarios."""
    view = bids_views().view(bids)
    st.info(escape(view.policy), icon=":material/rule:")
    for column, (label, value, help_text, caption) in zip(
        st.columns(len(view.metrics)), view.metrics, strict=True
    ):
        column.metric(label, value, help=help_text or None)
        if caption:
            column.caption(caption)
    st.altair_chart(view.chart, width="stretch")
    if view.chart_note:
        st.caption(view.chart_note)
    fitted_table(view.suppliers, view.not_shown[view.suppliers.title], key="bids.suppliers")
    detail(view.supplier_table, tuple(name for name, _ in view.matrix_columns), "supplier")
    fitted_table(view.items, view.not_shown[view.items.title], key="bids.items")
    cost_per_item(view)
    fitted_table(view.scenarios, view.not_shown[view.scenarios.title], key="bids.scenarios")
    detail(view.scenario_table, tuple(view.scenario_table.frame["Scenario"]), "scenario")
    with st.expander("How the totals are calculated"):
        st.markdown("\n".join(f"- {escape(line)}" for line in view.method))


def fitted_table(table: ReportTable, quiet: Sequence[str], key: str) -> None:
    """A summary table sized to fit the screen, a page at a time; what is left out is named under it."""
    st.subheader(escape(table.title))
    for line in table.intro:
        st.caption(escape(line))
    shown, where = page_of(table, key)
    st.dataframe(
        styled(shown), column_config=fitted_columns(shown), hide_index=True, placeholder=BLANK, key=key
    )
    if where:
        st.caption(where)
    if quiet:
        st.caption(
            "Not shown, as nothing in this event fills them (every value is 0 or blank; the workbook keeps "
            "them): " + escape(", ".join(quiet)) + "."
        )


def page_of(table: ReportTable, key: str) -> tuple[ReportTable, str]:
    """A page of PAGE_ROWS rows of a longer table (the buyer picks which), and a line saying which rows."""
    rows = len(table.frame)
    if rows <= PAGE_ROWS:
        return table, ""
    pages = -(-rows // PAGE_ROWS)
    page = int(st.number_input(f"Page (of {pages})", 1, pages, 1, key=f"{key}.page"))
    start = (page - 1) * PAGE_ROWS
    part = slice(start, start + PAGE_ROWS)
    shown = replace(
        table,
        frame=table.frame.iloc[part],
        highlight=None if table.highlight is None else table.highlight.iloc[part],
    )
    return shown, (
        f"Rows {start + 1}-{start + len(shown.frame)} of {rows}; the other pages hold the rest, and the "
        f"{table.title} sheet of the scored workbook has every row."
    )


def fitted_columns(table: ReportTable) -> dict[str, Any]:
    """The page's column formats with a fixed width, a short label and the full heading as its tooltip."""
    config = column_config_for(table)
    cur = currency_of(table)
    short = {full.format(cur=cur): label.format(cur=cur) for full, label in SHORT_LABELS.items()}
    widths = {full.format(cur=cur): width for full, width in WIDTHS.items()}
    for column in table.frame.columns:
        name = str(column)
        numeric = table.format_of(name) != "text"
        entry = config.get(name) or st.column_config.Column(name)
        entry["label"] = short.get(name, name)
        entry["help"] = name
        entry["width"] = widths.get(name, NUMBER_WIDTH if numeric else TEXT_WIDTH)
        entry.pop("pinned", None)
        config[name] = entry
    return config


def currency_of(table: ReportTable) -> str:
    """The base currency named in a heading such as 'Total cost of ownership (EUR)' ('' if none)."""
    for column in table.frame.columns:
        text = str(column)
        if text.endswith(")") and "(" in text:
            inside = text[text.rindex("(") + 1 : -1]
            if len(inside) == 3 and inside.isalpha() and inside.isupper():
                return inside
    return ""


def detail(table: ReportTable, names: Sequence[str], what: str) -> None:
    """Every figure of one row of a workbook table, one per line: the columns the summary leaves out."""
    if not names:
        return
    first = str(table.frame.columns[0])
    with st.expander(f"Every figure for one {what} (as in the workbook's {table.title} sheet)"):
        chosen = st.selectbox(what.capitalize(), list(names), key=f"bids.detail.{what}")
        row = table.frame[table.frame[first].astype(str) == str(chosen)]
        if row.empty:
            return
        values = row.iloc[0]
        label = f"{what.capitalize()} figure"
        lines = pd.DataFrame(
            {
                label: [str(c) for c in table.frame.columns[1:]],
                "Value": [value_text(values[c], table.format_of(c)) for c in table.frame.columns[1:]],
            }
        )
        st.dataframe(
            lines,
            hide_index=True,
            column_config={
                label: st.column_config.TextColumn(width=420),
                "Value": st.column_config.TextColumn(width=420),
            },
        )


def value_text(value: object, fmt: str) -> str:
    """A cell as the page writes it, blank for no data (never 0)."""
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return BLANK
    if fmt in numbers.TEXT:
        return numbers.TEXT[fmt](float(value)) or BLANK  # type: ignore[arg-type]
    if fmt == "integer":
        return f"{int(value):,}"  # type: ignore[call-overload]
    return str(value)


def cost_per_item(view: BidsView) -> None:
    """Each supplier's cost per item, on demand: a few suppliers side by side, a page of items at a time."""
    matrix, suppliers = view.item_matrix, dict(view.matrix_columns)
    if not st.toggle("Show each supplier's cost per item", key="bids.matrix"):
        st.caption(
            f"Each supplier's cost per item ({plural(len(matrix.frame), 'item')} x "
            f"{plural(len(suppliers), 'supplier')}) is on the Items sheet of the scored workbook, "
            "or here with the switch above."
        )
        return
    chosen = st.multiselect(
        "Suppliers side by side (lowest total first)",
        list(suppliers),
        default=list(suppliers)[:MATRIX_SUPPLIERS],
        key="bids.matrix.suppliers",
    )
    shown = pick_columns(matrix, [str(matrix.frame.columns[0]), *(suppliers[name] for name in chosen)])
    shown, where = page_of(shown, "bids.matrix")
    st.dataframe(styled(shown), column_config=fitted_columns(shown), hide_index=True, placeholder=BLANK)
    st.caption(
        f"{len(chosen)} of {len(suppliers)} suppliers, {plural(len(matrix.frame), 'item')}; the best cost of "
        "each item among those who can be awarded is highlighted. The Items sheet of the scored workbook has "
        "every supplier and item." + (f" {where}" if where else "")
    )
