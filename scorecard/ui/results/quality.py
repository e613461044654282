"""The Data quality tab: what reading changed or could not use, rows left out, where each criterion came from."""

from __future__ import annotations

import streamlit as st

from scorecard.pipeline import Evaluation
from scorecard.tables import data_quality_table
from scorecard.ui.plain import escape
from scorecard.ui.results.tables import BLANK, column_config_for, show_report_table
from scorecard.ui.results.tabs import kept


def data_quality_section(evaluation: Evaluation) -> None:
    table = data_quality_table(evaluation)
    for line in table.intro:
        st.caption(escape(line))
    frame = table.frame
    if frame.empty:
        st.success("Nothing to report: every value was read as it is.", icon=":material/check_circle:")
    else:
        left, right = st.columns(2)
        severity_options = sorted(frame["Severity"].dropna().unique(), key=["error", "warning", "info"].index)
        sheet_options = sorted(frame["Sheet"].dropna().astype(str).unique())
        severities = left.multiselect(
            "Severity",
            severity_options,
            placeholder="All severities",
            **kept("quality.severity", [], lambda chosen: set(chosen) <= set(severity_options)),
        )
        sheets = right.multiselect(
            "Sheet",
            sheet_options,
            placeholder="All sheets",
            **kept("quality.sheet", [], lambda chosen: set(chosen) <= set(sheet_options)),
        )
        shown = frame
        if severities:
            shown = shown[shown["Severity"].isin(severities)]
        if sheets:
            shown = shown[shown["Sheet"].astype(str).isin(sheets)]
        st.dataframe(
            shown,
            column_config=column_config_for(table),
            hide_index=True,
            placeholder=BLANK,
            key="quality_table",
        )
    exclusions = evaluation.prepared.suppliers.exclusions
    st.subheader(f"Rows left out ({len(exclusions)})")
    if len(exclusions):
        st.dataframe(exclusions, hide_index=True, placeholder=BLANK, key="exclusions_table")
    else:
        st.caption("Every supplier row in the sheet was scored.")
    mapping = evaluation.prepared.suppliers.mapping.report_table()
    show_report_table(mapping, key="mapping_table")
