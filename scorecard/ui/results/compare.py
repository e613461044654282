"""The Compare tab: two to four suppliers criterion by criterion, why one ranks above another, and why one
supplier scores what it does against the qualified field."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from scorecard import charts, numbers
from scorecard.score import ScoreResult
from scorecard.tables.explain import POINTS_VS_FIELD, TOPSIS_POINTS, compare, strengths
from scorecard.ui.plain import escape
from scorecard.ui.results.chart import show_chart
from scorecard.ui.results.tables import BLANK
from scorecard.ui.results.tabs import kept
from scorecard.ui.results.widths import fitted_widths

COMPARE = "compare.suppliers"
EXPLAINED = "compare.explained"
SHOWN_POINTS = 0.05  # a gap below this reads as 0.0: not "ranks above"


def scored_suppliers(result: ScoreResult) -> list[str]:
    """Suppliers with a total, ranked first by rank, then the unranked (disqualified) ones by name."""
    return [result.suppliers[i] for i in result.ranked_order if not np.isnan(result.totals[i])]


def compare_section(result: ScoreResult) -> None:
    """Suppliers side by side and the gap between two; then one supplier against the qualified field."""
    pair_section(result)
    supplier_section(result)


def pair_section(result: ScoreResult) -> None:
    """Two to four suppliers side by side, and why one ranks above another."""
    names = scored_suppliers(result)
    if len(names) < 2:
        st.info("Comparing needs at least two suppliers with a score.")
        return
    # until the buyer picks, the comparison follows the ranking: the leader and the runner-up
    chosen = st.multiselect(
        "Suppliers to compare (2 to 4)",
        names,
        max_selections=4,
        **kept(COMPARE, names[:2], lambda picked: bool(picked) and set(picked) <= set(names)),
    )
    if len(chosen) < 2:
        st.info("Pick at least two suppliers.")
        return
    side_by_side(result, chosen)
    by_score = sorted(chosen, key=lambda name: -result.totals[result.index_of(name)])
    if len(chosen) > 2:
        left, right = st.columns(2)
        first = left.selectbox(
            "Explain the gap between", by_score, **kept("compare.first", by_score[0], chosen.__contains__)
        )
        second = right.selectbox("and", by_score, **kept("compare.second", by_score[1], chosen.__contains__))
        if first == second:
            st.info("Pick two different suppliers to explain the gap between them.")
            return
        first, second = sorted((first, second), key=lambda name: -result.totals[result.index_of(name)])
    else:
        first, second = by_score
    gap_section(result, first, second)


def side_by_side(result: ScoreResult, chosen: list[str]) -> None:
    """The chosen suppliers' scores per criterion, as a chart and as a table with the points that add up."""
    show_chart(charts.comparison_chart(result, chosen))
    table = charts.comparison_table(result, chosen)
    formats = {"Share that counted": "percent", **{n: "score" for n in chosen}}
    widths = fitted_widths(
        table, {**formats, **{f"{n}: points": "points" for n in chosen}}, names=("Criterion",)
    )
    columns: dict[str, Any] = {
        "Share that counted": st.column_config.NumberColumn(
            "Share",
            width=widths["Share that counted"],
            help="Share that counted: the criterion's share of the total in this scoring, after criteria "
            "with no column or no data were left out",
        ),
        "Category": st.column_config.TextColumn("Category", width=widths["Category"]),
        "Criterion": st.column_config.TextColumn("Criterion", width=widths["Criterion"]),
    }
    for (
        name
    ) in chosen:  # the supplier's name heads its scores; "points" beside it (each named in full on hover)
        columns[name] = st.column_config.NumberColumn(name, format="%.1f", width=widths[name], help=name)
        columns[f"{name}: points"] = st.column_config.NumberColumn(
            "points",
            format="%.1f",
            width=widths[f"{name}: points"],
            help=f"{name}: score x this supplier's share; adds up to its total",
        )
    st.dataframe(
        table.style.format({"Share that counted": numbers.percent_text}, na_rep=BLANK),
        column_config=columns,
        hide_index=True,
        placeholder=BLANK,
        key="compare_table",
    )
    st.caption(
        "Scores are 0-100 per criterion; a blank cell means the criterion was left out for that supplier."
    )
    if result.left_out:
        left = ", ".join(c.label for c in result.criteria if c.key in result.left_out)
        st.caption(
            f"Left out for everyone (no column or no data in the file; weight shared within its category): {escape(left)}."
        )


def gap_section(result: ScoreResult, first: str, second: str) -> None:
    """Why one supplier ranks above another: the per-criterion differences that make up the gap exactly."""
    comparison = compare(result, first, second)
    if comparison.gap >= SHOWN_POINTS:
        st.subheader(f"Why {escape(first)} ranks above {escape(second)}")
    else:
        st.subheader(f"How {escape(first)} and {escape(second)} compare")
    st.markdown(
        escape(comparison.sentence)
        + " The differences below add up to that gap exactly (the table shows two decimals)."
    )
    if result.is_topsis:
        st.caption(
            "Under TOPSIS a total is a closeness to the ideal supplier, not a sum of score x weight: each "
            "contribution here is the criterion's share of the supplier's weighted score, times its TOPSIS total."
        )
    show_chart(charts.gap_chart(comparison.rows, first, second))
    rows = comparison.rows
    total = pd.DataFrame(
        [{"Criterion": "Total", **{column: rows[column].sum() for column in rows.columns[2:]}}]
    )
    st.dataframe(
        pd.concat([rows, total], ignore_index=True),
        column_config={
            column: st.column_config.NumberColumn(
                column, format="%+.2f" if column == "Difference" else "%.2f"
            )
            for column in rows.columns[2:]
        },
        hide_index=True,
        placeholder=BLANK,
        key="gap_table",
    )


# the explanation table's number style (printf: no Styler, which cost more than the rest of the section);
# a cell without a number reads "no data" (the table's placeholder), never 0 or a blank
EXPLANATION_FORMATS = {
    "Score": numbers.PAGE_FORMATS["score"],
    "Field average": numbers.PAGE_FORMATS["score"],
    "Weight": "%.1f%%",  # shown in percent points
    "Points vs field": "%+.2f",
}
EXPLANATION_HELP = {
    "Value": "The supplier's value as read from the file",
    "Field average": "The average score of the qualified suppliers with a score on this criterion",
    "Weight": "The criterion's share of this supplier's total",
    "Points vs field": "Weight x (score - field average), in points of the total",
    "Note": "How a cell without data was treated",
}


def supplier_section(result: ScoreResult) -> None:
    """Why one supplier scores what it does: each criterion against the qualified field's average, in
    points. Built for the picked supplier only, so the tab's rerun stays cheap."""
    names = [result.suppliers[i] for i in result.ranked_order]
    if not names:
        return
    st.subheader("Where a supplier gains and loses against the field")
    supplier = st.selectbox("Supplier to explain", names, **kept(EXPLAINED, names[0], names.__contains__))
    explanation = strengths(result, supplier)
    st.markdown(escape(explanation.sentence))
    if explanation.breakdown:
        st.markdown(escape(explanation.breakdown))
    st.caption(POINTS_VS_FIELD + (" " + TOPSIS_POINTS if result.is_topsis else ""))
    table = explanation.table.assign(Weight=explanation.table["Weight"] * 100)
    widths = fitted_widths(table, {"Score": "score", "Field average": "score", "Weight": "number"})
    st.dataframe(
        table,
        column_config={
            name: st.column_config.NumberColumn(
                name, format=EXPLANATION_FORMATS[name], width=widths[name], help=EXPLANATION_HELP.get(name)
            )
            if name in EXPLANATION_FORMATS
            else st.column_config.Column(name, width=widths[name], help=EXPLANATION_HELP.get(name))
            for name in table.columns
        },
        hide_index=True,
        height="content",  # every criterion in view: the answer to "why this score" is the whole list
        placeholder="no data",
        key="explained_table",
    )
