"""The Collaboration opportunities tab: segments, opportunity cards by type, and one supplier's plan to share.

Everything shown comes from `Evaluation.opportunities` (segments, the rules'
findings, plans re-scored exactly by the core) and its ReportTables (built in scorecard.tables).
"""

from __future__ import annotations

import re
from datetime import date

import numpy as np
import pandas as pd
import streamlit as st

from scorecard import charts
from scorecard.export import write_tables
from scorecard.opportunities import OpportunityResult
from scorecard.pipeline import Evaluation
from scorecard.tables import (
    opportunity_frame,
    plan_sentences,
    plan_tables,
    segment_frame,
    segments_table,
)
from scorecard.ui.results import BLANK, escape, kept, show_report_table
from scorecard.ui.results.chart import show_chart
from scorecard.ui.results.tabs import drawn_when_open, filter_box, rows_with
from scorecard.ui.results.widths import IN_EXPANDER
from scorecard.ui.steps import in_its_tab

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PRIORITY_COLOURS = {"High": "red", "Medium": "orange", "Low": "gray"}
CARDS_PER_TYPE = 12  # beyond this the cards of a type get long; the full list is in the table below them
PLAN_SUPPLIER = "opportunities.plan_supplier"
SEGMENTS_OPEN = "opportunities.segments_open"  # the segment table's expander
TABLE_OPEN = "opportunities.table_open"  # the opportunities-as-a-table expander


@in_its_tab("looking for collaboration opportunities")
def opportunities_section(evaluation: Evaluation) -> None:
    """Issue 7: segments, opportunity cards by type with filters, and one supplier's improvement plan."""
    found = evaluation.opportunities
    st.markdown(
        "Where working with a supplier can create value for both sides: each supplier placed by "
        "performance and strategic importance, the opportunities the rules find, with the supplier's "
        "own numbers, and what closing its largest gaps would be worth."
    )
    segments = segment_frame(found)
    segments_part(found, segments)
    opportunity_cards(found, segments)
    improvement_plan_part(found, evaluation)
    for finding in found.findings:
        st.caption(
            ":material/info: " + escape(" ".join(part for part in (finding.message, finding.action) if part))
        )


def segments_part(found: OpportunityResult, segments: pd.DataFrame) -> None:
    """The segmentation chart, the suppliers it cannot place (named, never drawn at 0), and the table."""
    show_chart(charts.segmentation_chart(found))
    unplaced = segments[segments["Performance"].isna() | segments["Importance"].isna()]
    if len(unplaced):
        listed = "; ".join(
            f"{name} ({segment.lower()})" for name, segment in unplaced[["Supplier", "Segment"]].to_numpy()
        )
        st.caption(escape(f"Not on the chart (no importance or no score to place them by): {listed}."))
    with drawn_when_open("Each supplier's segment, and what the segments mean", SEGMENTS_OPEN) as shown:
        if shown:
            show_report_table(
                segments_table(found), key="opportunities.segments", minor=True, page=IN_EXPANDER
            )


def opportunity_cards(found: OpportunityResult, segments: pd.DataFrame) -> None:
    """One bordered card per opportunity (supplier, priority, segment, rationale, next step), grouped by type."""
    opportunities = opportunity_frame(found)
    st.subheader(f"Opportunities ({len(opportunities)})")
    if opportunities.empty:
        st.info(
            "No opportunity rule matches a supplier in this evaluation. The rules are in the settings "
            "file (section `opportunities`); loosen a threshold there to see near misses.",
            icon=":material/search_off:",
        )
        return
    shown = filtered(opportunities)
    if shown.empty:
        st.info("No opportunity matches these filters.", icon=":material/filter_alt_off:")
        return
    segment_of = dict(zip(segments["Supplier"], segments["Segment"], strict=True))
    for kind in dict.fromkeys(shown["Type"]):
        group = shown[shown["Type"] == kind]
        st.markdown(f"##### {escape(str(kind))} ({len(group)})")
        columns = st.columns(2)
        for n, (_, row) in enumerate(group.head(CARDS_PER_TYPE).iterrows()):
            with columns[n % 2]:
                opportunity_card(row, segment_of)
        if len(group) > CARDS_PER_TYPE:
            st.caption(f"{len(group) - CARDS_PER_TYPE} more of this type in the table below.")
    label = f"The {len(shown)} {'opportunity' if len(shown) == 1 else 'opportunities'} shown, as a table"
    with drawn_when_open(label, TABLE_OPEN) as opened:
        if opened:
            st.dataframe(
                shown.drop(columns=["Rule"], errors="ignore"),
                hide_index=True,
                placeholder=BLANK,
                key="opportunities.table",
            )


def filtered(opportunities: pd.DataFrame) -> pd.DataFrame:
    """The opportunities the buyer's type, priority and supplier filters keep (no filter: all of them)."""
    types = list(dict.fromkeys(opportunities["Type"]))
    priorities = [p for p in PRIORITY_COLOURS if p in set(opportunities["Priority"])]
    suppliers = list(dict.fromkeys(opportunities["Supplier"]))
    by_type, by_priority, by_supplier = st.columns(3)
    types_picked = filter_box(by_type, "Type", types, "opportunities.types", "All types")
    priorities_picked = filter_box(
        by_priority, "Priority", priorities, "opportunities.priorities", "All priorities"
    )
    suppliers_picked = filter_box(
        by_supplier, "Supplier", suppliers, "opportunities.suppliers", "All suppliers"
    )
    shown = rows_with(opportunities, "Type", types_picked)
    shown = rows_with(shown, "Priority", priorities_picked)
    shown = rows_with(shown, "Supplier", suppliers_picked)
    return shown


def opportunity_card(row: pd.Series, segment_of: dict[str, str]) -> None:
    """Supplier, priority and segment on top; the rationale in its own numbers; the next step.

    A card is one markdown of three paragraphs, the top line's badges inline (not an element each): a
    card is drawn for every opportunity shown, so each element less is felt on a large event's rerun."""
    supplier, priority = str(row["Supplier"]), str(row["Priority"])
    colour = PRIORITY_COLOURS.get(priority, "gray")
    top = f"**{escape(supplier)}** :{colour}-badge[{escape(priority)} priority]"
    segment = segment_of.get(supplier)
    if segment:
        top += f" :blue-badge[:material/category: {escape(segment)}]"
    next_step = f":material/arrow_forward: **Next step:** {escape(str(row['Next step']))}"
    st.container(border=True).markdown(f"{top}\n\n{escape(str(row['Rationale']))}\n\n{next_step}")


def improvement_plan_part(found: OpportunityResult, evaluation: Evaluation) -> None:
    """One supplier's joint improvement plan, its what-ifs in sentences, and the plan alone to send them."""
    st.subheader("Joint improvement plan")
    result = evaluation.result
    names = [result.suppliers[i] for i in result.ranked_order if not np.isnan(result.totals[i])]
    if not names:
        st.info("No supplier has a score, so there is no plan to work out.")
        return
    default = names[1] if len(names) > 1 else names[0]  # the runner-up: what would it take to win?
    supplier = st.selectbox(
        "Supplier",
        names,
        help="Its largest gaps to the best value any qualified supplier reaches, and what closing them is worth.",
        **kept(PLAN_SUPPLIER, default, names.__contains__),
    )
    sentences = plan_sentences(found.plan(supplier), result)
    st.markdown("\n".join(f"- {escape(sentence)}" for sentence in sentences))
    tables = plan_tables(found, supplier)
    for n, table in enumerate(tables):
        show_report_table(
            table,
            key=f"opportunities.plan.{n}",
            leave_out=(f"Improvement plan for {supplier}", *sentences),
            minor=True,
        )
    st.download_button(
        f"Download {escape(supplier)}'s plan on its own (.xlsx)",
        data=lambda: write_tables(plan_tables(found, supplier)),
        file_name=plan_filename(supplier, date.today()),
        mime=XLSX,
        key="opportunities.plan_download",
        on_click="ignore",
        icon=":material/download:",
        help="Only this supplier's plan: no other supplier's name or data, so you can share it with them.",
    )


def plan_filename(supplier: str, when: date) -> str:
    """'Improvement plan - Acme GmbH - 2026-11-26.xlsx'; characters a file name cannot hold are dropped."""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f\s]+', " ", supplier).strip(" .")[:80] or "supplier"
    return f"Improvement plan - {name} - {when.isoformat()}.xlsx"
