"""The analysis tabs: how robust the ranking is and the evaluator panel (bids: ui/bids.py; opportunities: ui/opportunities.py).

Each section draws one analysis that the core already computed (`Evaluation.
sensitivity`, `Prepared.panel`):
its verdict or headline first, then its chart, then the tables the scored
workbook has too. Nothing here does arithmetic on the results; numbers are
read from the analysis values and their ReportTables (built in scorecard.tables), so the page, the
charts and the workbook agree.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from scorecard import charts
from scorecard.numbers import percent
from scorecard.panel import PanelResult
from scorecard.pipeline import Evaluation
from scorecard.sensitivity import Level
from scorecard.tables import panel_tables, probabilities_method, robustness_tables, verdict_sentence
from scorecard.ui.moderation import moderation_form
from scorecard.ui.results import escape, show_report_table
from scorecard.ui.results.chart import show_chart
from scorecard.ui.steps import in_its_tab

# The verdict's level decides how it is shown: good news green, a caution blue, a risk amber.
VERDICT_STYLES: dict[Level, tuple[Callable[..., object], str]] = {
    Level.ROBUST: (st.success, ":material/verified:"),
    Level.SENSITIVE: (st.info, ":material/balance:"),
    Level.FRAGILE: (st.warning, ":material/warning:"),
    Level.TIED: (st.warning, ":material/drag_handle:"),
}


# --------------------------------------------------------------------------- how robust is the ranking?


@in_its_tab("working out how robust the ranking is")
def robustness_section(evaluation: Evaluation) -> None:
    """Issue 6: the verdict in one line, where each weight can go before the leader changes, and the odds."""
    analysis = evaluation.sensitivity
    verdict = verdict_sentence(analysis.verdict)
    show_verdict(verdict, analysis.level)
    stability, probabilities = analysis.stability, analysis.probabilities
    if stability.leader is None or stability.competitors < 2:
        return
    weights = charts.stability_frame(stability, limit=None)
    nearest = weights[weights["Change needed"].notna()]
    chance, stays, close = st.columns(3)
    chance.metric(
        f"{escape(stability.leader)} ranks first in",
        f"{percent(probabilities.first_place(stability.leader))} of draws",
        help=probabilities_method(probabilities),
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
    with left:  # every weight fits in the chart: it draws the frame the metrics read (not built twice)
        fits = len(weights) <= charts.STABILITY_LIMIT
        show_chart(charts.stability_chart(stability, frame=weights if fits else None))
    with right:
        odds = charts.rank_probability_chart(probabilities)
        show_chart(odds)
        ranked = int(probabilities.table["first"].notna().sum())
        drawn = odds.data["Supplier"].nunique()  # the suppliers in the chart's own data
        if drawn < ranked:
            st.caption(
                f"The chart shows {drawn} of the {ranked} ranked suppliers: those that reach the top 3 "
                "in some draw. The table below lists all of them."
            )
    for n, table in enumerate(robustness_tables(analysis, evaluation.result)):
        show_report_table(table, key=f"robustness.{n}", leave_out=(verdict,))


def show_verdict(verdict: str, level: Level) -> None:
    """The one-line verdict, in green, blue or amber by its level (Robust, Sensitive, Fragile)."""
    show, icon = VERDICT_STYLES.get(level, (st.info, ":material/info:"))
    show(escape(verdict), icon=icon)


# --------------------------------------------------------------------------- collaboration opportunities


# --------------------------------------------------------------------------- evaluator panel


@in_its_tab("showing the evaluator panel")
def panel_section(panel: PanelResult) -> None:
    """Issue 8: the disagreements to moderate first (who said what, and why), then the consensus table."""
    evaluations, disagreements = panel_tables(panel)
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


# --------------------------------------------------------------------------- bids
