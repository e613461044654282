"""The analysis tabs: how robust the ranking is, collaboration opportunities, the evaluator panel, the bids.

Each section draws one analysis that the core already computed (`Evaluation.
sensitivity`, `Evaluation.opportunities`, `Prepared.panel`, `Prepared.bids`):
its verdict or headline first, then its chart, then the tables the scored
workbook has too. Nothing here does arithmetic on the results; numbers are
read from the analysis values and their ReportTables, so the page, the
charts and the workbook agree.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from datetime import date
from typing import ParamSpec

import numpy as np
import pandas as pd
import streamlit as st

from scorecard import charts
from scorecard.errors import ScorecardError
from scorecard.export import write_tables
from scorecard.opportunities import OpportunityResult
from scorecard.panel import PanelResult
from scorecard.pipeline import Evaluation
from scorecard.sensitivity import percent
from scorecard.ui.moderation import moderation_form
from scorecard.ui.results import BLANK, escape, kept, show_report_table
from scorecard.ui.steps import APOLOGY, LOG

P = ParamSpec("P")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The verdict's level decides how it is shown: good news green, a caution blue, a risk amber.
VERDICT_STYLES: dict[str, tuple[Callable[..., object], str]] = {
    "Robust": (st.success, ":material/verified:"),
    "Sensitive": (st.info, ":material/balance:"),
    "Fragile": (st.warning, ":material/warning:"),
    "Tied": (st.warning, ":material/drag_handle:"),
}
PRIORITY_COLOURS = {"High": "red", "Medium": "orange", "Low": "gray"}
CARDS_PER_TYPE = 12  # beyond this the cards of a type get long; the full list is in the table below them
PLAN_SUPPLIER = "opportunities.plan_supplier"


def in_its_tab(what: str) -> Callable[[Callable[P, None]], Callable[P, None]]:
    """A section that fails shows its message in its own tab; the rest of the page keeps working.

    A buyer-fixable problem (ScorecardError) is shown as it is; anything else is a
    bug: logged with its traceback for us, and the buyer gets the short apology.
    """

    def decorate(section: Callable[P, None]) -> Callable[P, None]:
        @functools.wraps(section)
        def draw(*args: P.args, **kwargs: P.kwargs) -> None:
            try:
                section(*args, **kwargs)
            except ScorecardError as error:
                st.error(escape(str(error)), icon=":material/error:")
            except Exception:
                LOG.exception("Unexpected error while %s", what)
                st.error(APOLOGY.format(what=what), icon=":material/sentiment_dissatisfied:")

        return draw

    return decorate


# --------------------------------------------------------------------------- how robust is the ranking?


@in_its_tab("working out how robust the ranking is")
def robustness_section(evaluation: Evaluation) -> None:
    """Issue 6: the verdict in one line, where each weight can go before the leader changes, and the odds."""
    analysis = evaluation.sensitivity
    show_verdict(analysis.verdict, analysis.level)
    stability, probabilities = analysis.stability, analysis.probabilities
    if stability.leader is None or stability.competitors < 2:
        return
    weights = charts.stability_frame(stability, limit=None)
    nearest = weights[weights["Change needed"].notna()]
    chance, stays, close = st.columns(3)
    chance.metric(
        f"{escape(stability.leader)} ranks first in",
        f"{percent(probabilities.first_place(stability.leader))} of draws",
        help=probabilities.method,
    )
    if nearest.empty:
        stays.metric("Smallest weight change that moves first place", "none")
    else:
        row = nearest.iloc[0]
        stays.metric(
            "Smallest weight change that moves first place",
            f"{100 * row['Change needed']:+.1f} pp",
            help=f"{escape(row['Weight'])}: from {row['Current share']:.1%} of the total to "
            f"{row['Current share'] + row['Change needed']:.1%} (pp = percentage points of weight); "
            "the other weights rescaled in proportion.",
        )
    close_ones = int((weights["Margin"] == charts.MARGIN_LEVELS[0][0]).sum())
    close.metric(
        "Weights 5 pp or less from a new leader",
        f"{close_ones} of {len(weights)}",
        help="Criteria and categories whose share would change the leader if it moved by less than "
        "5 percentage points.",
    )
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.altair_chart(charts.stability_chart(stability), width="stretch")
    with right:
        st.altair_chart(charts.rank_probability_chart(probabilities), width="stretch")
        ranked = int(probabilities.table["First place"].notna().sum())
        drawn = charts.rank_probability_frame(probabilities)["Supplier"].nunique()
        if drawn < ranked:
            st.caption(
                f"The chart shows {drawn} of the {ranked} ranked suppliers: those that reach the top 3 "
                "in some draw. The table below lists all of them."
            )
    for n, table in enumerate(analysis.report_tables()):
        show_report_table(table, key=f"robustness.{n}", leave_out=(analysis.verdict,))


def show_verdict(verdict: str, level: str) -> None:
    """The one-line verdict, in green, blue or amber by its level (Robust, Sensitive, Fragile)."""
    show, icon = VERDICT_STYLES.get(level, (st.info, ":material/info:"))
    show(escape(verdict), icon=icon)


# --------------------------------------------------------------------------- collaboration opportunities


@in_its_tab("looking for collaboration opportunities")
def opportunities_section(evaluation: Evaluation) -> None:
    """Issue 7: segments, opportunity cards by type with filters, and one supplier's improvement plan."""
    found = evaluation.opportunities
    st.markdown(
        "Where working with a supplier can create value for both sides: each supplier placed by "
        "performance and strategic importance, the opportunities the rules find, with the supplier's "
        "own numbers, and what closing its largest gaps would be worth."
    )
    segments_part(found)
    opportunity_cards(found)
    improvement_plan_part(found, evaluation)
    for finding in found.findings:
        st.caption(
            ":material/info: " + escape(" ".join(part for part in (finding.message, finding.action) if part))
        )


def segments_part(found: OpportunityResult) -> None:
    st.altair_chart(charts.segmentation_chart(found), width="stretch")
    segments = found.segments
    unplaced = segments[segments["Performance"].isna() | segments["Importance"].isna()]
    if len(unplaced):
        listed = "; ".join(
            f"{name} ({segment.lower()})" for name, segment in unplaced[["Supplier", "Segment"]].to_numpy()
        )
        st.caption(escape(f"Not on the chart (no importance or no score to place them by): {listed}."))
    with st.expander("Each supplier's segment, and what the segments mean"):
        show_report_table(found.report_tables()[0], key="opportunities.segments", minor=True)


def opportunity_cards(found: OpportunityResult) -> None:
    """One bordered card per opportunity (supplier, priority, rationale, next step), grouped by type."""
    opportunities = found.opportunities
    st.subheader(f"Opportunities ({len(opportunities)})")
    if opportunities.empty:
        st.info(
            "No opportunity rule matches a supplier in this evaluation. The rules are in the settings "
            "file (section `opportunities`); loosen a threshold there to see near misses.",
            icon=":material/search_off:",
        )
        return
    types = list(dict.fromkeys(opportunities["Type"]))
    priorities = [p for p in PRIORITY_COLOURS if p in set(opportunities["Priority"])]
    suppliers = list(dict.fromkeys(opportunities["Supplier"]))
    by_type, by_priority, by_supplier = st.columns(3)
    chosen_types = by_type.multiselect(
        "Type",
        types,
        placeholder="All types",
        **kept("opportunities.types", [], lambda picked: set(picked) <= set(types)),
    )
    chosen_priorities = by_priority.multiselect(
        "Priority",
        priorities,
        placeholder="All priorities",
        **kept("opportunities.priorities", [], lambda picked: set(picked) <= set(priorities)),
    )
    chosen_suppliers = by_supplier.multiselect(
        "Supplier",
        suppliers,
        placeholder="All suppliers",
        **kept("opportunities.suppliers", [], lambda picked: set(picked) <= set(suppliers)),
    )
    shown = opportunities
    if chosen_types:
        shown = shown[shown["Type"].isin(chosen_types)]
    if chosen_priorities:
        shown = shown[shown["Priority"].isin(chosen_priorities)]
    if chosen_suppliers:
        shown = shown[shown["Supplier"].isin(chosen_suppliers)]
    if shown.empty:
        st.info("No opportunity matches these filters.", icon=":material/filter_alt_off:")
        return
    segment_of = dict(zip(found.segments["Supplier"], found.segments["Segment"], strict=True))
    for kind in dict.fromkeys(shown["Type"]):
        group = shown[shown["Type"] == kind]
        st.markdown(f"##### {escape(str(kind))} ({len(group)})")
        columns = st.columns(2)
        for n, (_, row) in enumerate(group.head(CARDS_PER_TYPE).iterrows()):
            with columns[n % 2]:
                opportunity_card(row, segment_of)
        if len(group) > CARDS_PER_TYPE:
            st.caption(f"{len(group) - CARDS_PER_TYPE} more of this type in the table below.")
    with st.expander(
        f"The {len(shown)} {'opportunity' if len(shown) == 1 else 'opportunities'} shown, as a table"
    ):
        st.dataframe(
            shown.drop(columns=["Rule"], errors="ignore"),
            hide_index=True,
            placeholder=BLANK,
            key="opportunities.table",
        )


def opportunity_card(row: pd.Series, segment_of: dict[str, str]) -> None:
    """Supplier, priority and segment on top; the rationale in its own numbers; the next step."""
    supplier, priority = str(row["Supplier"]), str(row["Priority"])
    with st.container(border=True):
        with st.container(horizontal=True, vertical_alignment="center", gap="small"):
            st.markdown(f"**{escape(supplier)}**", width="content")
            st.badge(f"{escape(priority)} priority", color=PRIORITY_COLOURS.get(priority, "gray"))  # type: ignore[arg-type]
            segment = segment_of.get(supplier)
            if segment:
                st.badge(escape(segment), color="blue", icon=":material/category:")
        st.markdown(escape(str(row["Rationale"])))
        st.markdown(f":material/arrow_forward: **Next step:** {escape(str(row['Next step']))}")


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
    plan = found.plan(supplier)
    st.markdown("\n".join(f"- {escape(sentence)}" for sentence in plan.sentences))
    tables = found.plan_tables(supplier)
    for n, table in enumerate(tables):
        show_report_table(
            table,
            key=f"opportunities.plan.{n}",
            leave_out=(f"Improvement plan for {supplier}", *plan.sentences),
            minor=True,
        )
    st.download_button(
        f"Download {escape(supplier)}'s plan on its own (.xlsx)",
        data=lambda: write_tables(found.plan_tables(supplier)),
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


# --------------------------------------------------------------------------- evaluator panel


@in_its_tab("showing the evaluator panel")
def panel_section(panel: PanelResult) -> None:
    """Issue 8: the disagreements to moderate first (who said what, and why), then the consensus table."""
    evaluations, disagreements = panel.report_tables()
    st.subheader(f"Disagreements to moderate ({panel.flagged_count})")
    for line in disagreements.intro:
        st.caption(escape(line))
    if not panel.flagged_count:
        st.success(
            "The evaluators agree closely enough everywhere: nothing to moderate.",
            icon=":material/check_circle:",
        )
    spread = evaluations.frame.set_index(["Supplier", "Criterion"])[["Lowest", "Highest"]]
    frame = disagreements.frame
    pairs = list(dict.fromkeys(zip(frame["Supplier"], frame["Criterion"], strict=True)))
    for supplier, criterion in pairs:
        ratings = frame[(frame["Supplier"] == supplier) & (frame["Criterion"] == criterion)]
        disagreement_card(panel, supplier, criterion, ratings, spread.loc[(supplier, criterion)])
    show_report_table(evaluations, key="panel.evaluations")


def disagreement_card(
    panel: PanelResult, supplier: str, criterion: str, ratings: pd.DataFrame, spread: pd.Series
) -> None:
    """One flagged supplier and criterion: the range, the consensus, and each evaluator's rating and comment."""
    first = ratings.iloc[0]
    with st.container(border=True):
        with st.container(horizontal=True, vertical_alignment="center", gap="small"):
            st.markdown(f"**{escape(supplier)}** · {escape(criterion)}", width="content")
            st.badge(
                f"Ratings from {spread['Lowest']:g} to {spread['Highest']:g} (spread {first['Spread']:g})",
                color="orange",
                icon=":material/forum:",
            )
            st.badge(
                f"Consensus {first['Consensus']:.2f} on {panel.settings.scale_min:g}-{panel.settings.scale_max:g}",
                color="gray",
            )
        lines = []
        for _, row in ratings.iterrows():
            rating, meaning, comment, sheet_row = (
                row["Rating"],
                row["Meaning"],
                row["Comment"],
                row["Sheet row"],
            )
            said = f"{rating:g}" + (f" ({meaning})" if meaning else "")
            text = f"- **{escape(str(row['Evaluator']))}** rated {escape(said)}"
            text += (
                f": “{escape(str(comment))}”"
                if isinstance(comment, str) and comment.strip()
                else ": no comment"
            )
            if sheet_row is not None and not pd.isna(sheet_row):
                text += f" (sheet row {sheet_row})"
            lines.append(text)
        st.markdown("\n".join(lines))
        moderation_form(panel, supplier, criterion)
