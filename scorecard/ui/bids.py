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

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from scorecard import numbers
from scorecard.bids import BidResult
from scorecard.report import ReportTable
from scorecard.ui.bids_view import BidsView, BidsViews, pick_columns
from scorecard.ui.plain import escape
from scorecard.ui.results import BLANK, column_config_for, plural, styled
from scorecard.ui.results.chart import show_chart
from scorecard.ui.steps import in_its_tab

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
MATRIX_SUPPLIERS = 8  # suppliers shown side by side in the cost-per-item view at first (the lowest totals)
PAGE_ROWS = 50  # rows per page of a summary table: a screenful, and quick to redraw at every rerun


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
    show_chart(view.chart)
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
