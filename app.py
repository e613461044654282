"""Scorecard, the page: upload a supplier workbook, weigh the criteria, see the ranking, download it scored.

Read top to bottom, this file is the page. Widget values become one
`PageSettings` (scorecard/ui/settings.py) and the core does the rest:
reading is cached by the file's content, preparing by the content and the
column settings, so moving a weight only re-scores. Run with
`python -m streamlit run app.py`.
"""

from __future__ import annotations

import streamlit as st

from scorecard import ui
from scorecard.pipeline import evaluate

st.set_page_config(
    page_title="Scorecard: supplier evaluation",
    page_icon=":material/leaderboard:",
    layout="wide",
    initial_sidebar_state="expanded",
)

# ---------------------------------------------------------------- Setup (sidebar)
# Preset and its description, category and criterion weights with their shares,
# aggregation, knock-outs, reset, and the settings file (download / load).
settings, config, settings_problem = ui.setup_sidebar()

# ---------------------------------------------------------------- First screen
# What the tool does, upload, the sample data, the blank template for the preset.
ui.page_intro()
source = ui.choose_file(config)
if settings_problem:
    st.error(settings_problem, icon=":material/error:")
    st.stop()
if source is None:
    ui.how_it_works()
    st.stop()

# ---------------------------------------------------------------- Reading and column mapping
ui.forget_overrides_of_other_files(source)
workbook = ui.guarded(lambda: ui.read_cached(source.digest, source.name, source.data), "reading your file")
sheet = ui.guarded(lambda: ui.supplier_sheet(workbook, config), "finding the supplier sheet")
prepared = ui.guarded(  # when a needed column is not found, the buyer picks it here and continues
    lambda: ui.prepare_or_pick_columns(source, workbook, config, sheet), "preparing your suppliers"
)
evaluation = ui.guarded(lambda: evaluate(prepared, config), "scoring your suppliers")
result = evaluation.result

# ---------------------------------------------------------------- Result and download
st.caption(
    f"Scoring **{ui.escape(source.name)}**"
    + (" (sample data)" if source.is_sample else "")
    + f", sheet {ui.escape(prepared.suppliers.mapping.sheet)}, with the settings: "
    + ui.escape(config.name)
)
ui.summary(evaluation, source.name)
ui.data_quality_banner(evaluation)

# ---------------------------------------------------------------- Tabs
# Later analyses get a tab when their module is installed (one Analysis line each wires one).
# Tabs run lazily: a weight change recomputes only what the open tab shows.
analyses = ui.available(
    [
        ui.Analysis(
            "How robust is the ranking?",
            "scorecard.sensitivity",
            lambda module: module.sensitivity(result).report_tables(),
        ),
        # ui.Analysis("Collaboration opportunities", "scorecard.opportunities", ...),  issue 7
        # ui.Analysis("Evaluator panel", "scorecard.panel", ...),  issue 8
        # ui.Analysis("Bids", "scorecard.bids", ...),  issue 4
    ]
)
ranking_tab, compare_tab, overview_tab, quality_tab, *analysis_tabs = st.tabs(
    ["Ranking", "Compare", "Overview", "Data quality", *(analysis.title for analysis in analyses)],
    key="tabs",
    on_change="rerun",
)

# ---------------------------------------------------------------- Ranking
if ranking_tab.open:
    with ranking_tab:
        ui.ranking_section(result)

# ---------------------------------------------------------------- Compare
if compare_tab.open:
    with compare_tab:
        ui.compare_section(result)

# ---------------------------------------------------------------- Overview charts
if overview_tab.open:
    with overview_tab:
        ui.overview_section(result)

# ---------------------------------------------------------------- Data quality
if quality_tab.open:
    with quality_tab:
        ui.data_quality_section(evaluation)

# ---------------------------------------------------------------- How robust is the ranking? / opportunities / panel / bids
for tab, analysis in zip(analysis_tabs, analyses, strict=True):
    if tab.open:
        with tab:
            analysis.show()
