"""The answer first: who leads and by how much, the scored workbook, and what needs the buyer's attention."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import streamlit as st

from scorecard.export import scored_filename
from scorecard.mapping import SWITCH_BACK_ON, switched_off_findings, switched_off_sentence
from scorecard.pipeline import Evaluation
from scorecard.score import ScoreResult
from scorecard.ui.cache import scored_workbook
from scorecard.ui.pick_columns import can_switch_back_on, switch_back_on
from scorecard.ui.plain import escape
from scorecard.words import plural


def summary(evaluation: Evaluation, file_name: str) -> None:
    """The answer first: who leads, by how much, and the scored workbook to take away."""
    result = evaluation.result
    sentence = evaluation.headline
    if result.leader is not None:
        st.success(escape(sentence), icon=":material/emoji_events:")
    else:
        st.warning(escape(sentence), icon=":material/warning:")
    ranked = [int(i) for i in result.ranked_order if not np.isnan(result.ranks[i])]
    # the leader's score is in the sentence above; the figures here are what a buyer compares at a glance
    leader, margin, count, take_away = st.columns([4, 2, 2, 3], vertical_alignment="center")
    leader.metric("Leader", escape(result.leader or "none"), help="The supplier ranked first.")
    lead = result.lead
    margin.metric(
        "Lead over 2nd",
        lead.points,
        help="Score points between the two totals as printed; under 1 point it is a near tie."
        if lead.runner_up
        else None,
    )
    count.metric("Suppliers ranked", f"{len(ranked)} of {len(result.suppliers)}")
    with take_away:  # beside the figures, not below them: the ranking starts higher on the screen
        download(evaluation, file_name)


def download(evaluation: Evaluation, file_name: str) -> None:
    """The scored workbook, built when the button is first pressed for these settings (not per slider move)."""
    input_sheets = st.checkbox(
        "Include my input sheets",
        value=True,
        key="download.input_sheets",
        help="A copy of every sheet of your file as received, after the report sheets. "
        "Leave it out for a smaller file to forward; the Criteria sheet still names each source cell.",
    )
    st.download_button(
        "Download the scored workbook",
        data=lambda: scored_workbook(evaluation, input_sheets=input_sheets),
        file_name=scored_filename(file_name, date.today()),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="download",
        type="primary",
        width="stretch",
        on_click="ignore",
        icon=":material/download:",
        help="Ranking, criteria, method, weights and data quality sheets"
        + (", plus your input as received." if input_sheets else "."),
    )


def data_quality_banner(evaluation: Evaluation) -> None:
    """Say up front when something in the file was not usable or was changed."""
    counts = pd.Series([f.severity.value for f in evaluation.findings]).value_counts()
    excluded = len(evaluation.prepared.suppliers.exclusions)
    errors, warnings = int(counts.get("error", 0)), int(counts.get("warning", 0))
    # a must-have switched off (or not applied) has a banner of its own
    own = switched_off_findings(evaluation.config, evaluation.prepared.suppliers.mapping.sheet)
    warnings -= sum(f in own for f in evaluation.findings)
    if errors:
        st.error(
            f"{plural(errors, 'problem')} in your file need your attention (for example a value that could "
            "not be used, or a supplier on one sheet but not on another). See the Data quality tab for each "
            "one and what was done, fix the file and upload it again.",
            icon=":material/error:",
        )
    result = evaluation.result
    blanks = int((result.missing & ~result.invalid)[:, result.base_weights > 0].sum())
    if not errors and (warnings or excluded or blanks):
        parts = [
            plural(warnings, "value") + " changed or flagged" if warnings else "",
            plural(blanks, "blank cell") + " scored by the missing-value rule" if blanks else "",
            plural(excluded, "row") + " left out" if excluded else "",
        ]
        st.warning(
            f"{' and '.join(p for p in parts if p)}: see the Data quality tab before you forward the result.",
            icon=":material/warning:",
        )
    left_out_banner(result)


def left_out_banner(result: ScoreResult) -> None:
    """Name the criteria nobody could be scored on, and where their weight went."""
    if result.left_out:
        left = [c.label for c in result.criteria if c.key in result.left_out]
        st.info(
            f"Left out, with no column or no data in the file: {escape(', '.join(left))}. Their weight is "
            "shared within their category (a category with nothing left is left out); the Weights sheet "
            "shows the share that counted.",
            icon=":material/info:",
        )


def switched_off_banner(evaluation: Evaluation) -> None:
    """Each must-have switched off, above the results: what was not checked, and a button to check it again."""
    for off in evaluation.config.switched_off:
        if not can_switch_back_on(off.criterion):
            st.warning(escape(switched_off_sentence(off)), icon=":material/gpp_maybe:")
            continue
        text, button = st.columns([5, 1], vertical_alignment="center")
        text.warning(escape(switched_off_sentence(off)), icon=":material/gpp_maybe:")
        button.button(
            SWITCH_BACK_ON,
            key=f"switch_back_on.{off.criterion}",
            on_click=switch_back_on,
            args=(off.criterion,),
            help="The must-have applies again; the next step asks for the column that holds it.",
        )
