"""The Data quality tab: what reading changed or could not use, rows left out, where each criterion came from."""

from __future__ import annotations

import streamlit as st

from scorecard.pipeline import Evaluation
from scorecard.tables import data_quality_table, mapping_table
from scorecard.tables.mapping import exclusions_frame
from scorecard.ui.plain import escape
from scorecard.ui.results.tables import BLANK, column_config_for, show_report_table
from scorecard.ui.results.tabs import filter_box, rows_with


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
        severities = filter_box(left, "Severity", severity_options, "quality.severity", "All severities")
        sheets = filter_box(right, "Sheet", sheet_options, "quality.sheet", "All sheets")
        shown = rows_with(rows_with(frame, "Severity", severities), "Sheet", sheets)
        st.dataframe(
            shown,
            column_config=column_config_for(table),
            hide_index=True,
            placeholder=BLANK,
            key="quality_table",
        )
    exclusions = exclusions_frame(evaluation.prepared.suppliers.exclusions)
    st.subheader(f"Rows left out ({len(exclusions)})")
    if len(exclusions):
        st.dataframe(exclusions, hide_index=True, placeholder=BLANK, key="exclusions_table")
    else:
        st.caption("Every supplier row in the sheet was scored.")
    mapping = mapping_table(evaluation.prepared.suppliers.mapping)
    show_report_table(mapping, key="mapping_table")
