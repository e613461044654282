"""The Ranking tab: the table with score bars and band colours, the stacked chart, and who is not ranked and why."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from scorecard import charts, style
from scorecard.changes import RankChanges
from scorecard.config import CATEGORIES
from scorecard.score import ScoreResult
from scorecard.tables import ranking_frame
from scorecard.ui.results.chart import show_chart
from scorecard.ui.results.tables import BLANK


def ranking_section(result: ScoreResult, changes: RankChanges | None = None) -> None:
    """The ranked suppliers with score bars and band colours, the score stacked by category, then the unranked."""
    ranking = ranking_frame(result)
    if changes is not None:  # the move against the previous (or the preset's) settings, beside the rank
        ranking.insert(1, "Move", [changes.move_text(name) for name in ranking["Supplier"]])
    ranked = ranking[ranking["Rank"].notna()].reset_index(drop=True)
    if len(ranked):
        colours = style.band_colours(result.config)
        # every ranked supplier is "Qualified" (the others are listed below with their reasons), so the
        # Status column would only take the width the scores need at 1280 px
        styled = ranked.drop(columns="Status").style.map(
            lambda band: band_style(band, colours), subset=["Band"]
        )
        categories = [CATEGORIES[k] for k in result.category_keys]
        st.dataframe(
            styled,
            column_config=ranking_columns(categories),
            hide_index=True,
            placeholder=BLANK,
            key="ranking_table",
        )
        st.caption("Every ranked supplier meets the must-haves; scores are 0-100.")
        shown = min(len(ranked), charts.DEFAULT_LIMIT)
        show_chart(charts.score_by_category_chart(result))
        if shown < len(ranked):
            st.caption(
                f"The chart shows the top {shown} of {len(ranked)} ranked suppliers; the table lists all."
            )
    unranked_part(ranking[ranking["Rank"].isna()].reset_index(drop=True))


def ranking_columns(categories: list[str]) -> dict[str, Any]:
    """Widths that fit the ranking at 1280 px: narrow rank, move and missing columns, short category headers."""
    column_config: dict[str, Any] = {
        "Rank": st.column_config.NumberColumn("Rank", format="%d", width=44),
        "Move": st.column_config.TextColumn(
            "Move", width=52, help="Places gained (▲) or lost (▼) since the settings compared with"
        ),
        "Supplier": st.column_config.TextColumn("Supplier", width=162),
        "Score": st.column_config.ProgressColumn(
            "Score", min_value=0, max_value=100, format="%.1f", help="Total score, 0-100", width=90
        ),
        "Band": st.column_config.TextColumn("Band", width=118),
        "Missing values": st.column_config.NumberColumn(
            "Missing",
            format="%d",
            width=60,
            help="Criteria with no value for this supplier (see Data quality for what was done)",
        ),
    }
    for name in categories:  # a long category name is shortened in the header; its help says it in full
        column_config[name] = st.column_config.NumberColumn(
            name if len(name) <= 8 else name[:7] + ".",
            format="%.1f",
            help=f"{name} score, 0-100",
            width=max(52, 7 * min(len(name), 8) + 8),
        )
    return column_config


def unranked_part(unranked: pd.DataFrame) -> None:
    """Suppliers that fail a must-have or have nothing to score, each with its reason (never dropped)."""
    if not len(unranked):
        return
    st.subheader(f"Not ranked ({len(unranked)})")
    st.caption("These suppliers fail a must-have or have no data to score; their reasons are listed.")
    reasons = unranked[["Supplier", "Score", "Status"]].rename(columns={"Score": "Score (for information)"})
    st.dataframe(
        reasons,
        column_config={
            "Score (for information)": st.column_config.NumberColumn(format="%.1f", width="small"),
            "Status": st.column_config.TextColumn("Reason", width="large"),
        },
        hide_index=True,
        placeholder=BLANK,
        key="unranked_table",
    )


def band_style(band: object, colours: dict[str, str]) -> str:
    """A band cell filled with the band's colour and text that stays readable on it."""
    colour = colours.get(band) if isinstance(band, str) else None
    if colour is None:
        return ""
    return f"background-color: {colour}; color: {style.text_on(colour)}; font-weight: 600"
