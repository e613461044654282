"""The Overview tab: the heat map of scores and two category scores against each other."""

from __future__ import annotations

import numpy as np
import streamlit as st

from scorecard import charts
from scorecard.config import CATEGORIES
from scorecard.score import ScoreResult
from scorecard.ui.results.chart import show_chart
from scorecard.ui.results.tabs import kept


def overview_section(result: ScoreResult) -> None:
    ranked = int((~np.isnan(result.ranks)).sum())
    show_chart(charts.score_heatmap(result))
    if ranked > 40:
        st.caption(f"The heat map shows the top 40 of {ranked} ranked suppliers.")
    keys = list(result.category_keys)
    x_default = keys.index("cost") if "cost" in keys else 0
    y_default = keys.index("quality") if "quality" in keys else min(1, len(keys) - 1)
    left, right = st.columns(2)
    x_key = left.selectbox(
        "Across",
        keys,
        format_func=lambda k: CATEGORIES[k],
        **kept("overview.x", keys[x_default], keys.__contains__),
    )
    y_key = right.selectbox(
        "Up",
        keys,
        format_func=lambda k: CATEGORIES[k],
        **kept("overview.y", keys[y_default], keys.__contains__),
    )
    show_chart(charts.category_scatter(result, x_key, y_key))
