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
missing = ui.guarded(lambda: ui.missing_columns(workbook, config, sheet), "finding your columns")
if missing is not None:
    ui.mapping_step(workbook, config, missing)  # the buyer picks the columns; the page stops until then
prepared = ui.guarded(
    lambda: ui.prepare_cached(source.digest, ui.column_settings_key(config), sheet, workbook, config),
    "preparing your suppliers",
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

# ---------------------------------------------------------------- Later analyses
# Each is shown only when its module is part of the package (one call each wires it).
analyses = {
    "How robust is the ranking?": ui.analysis_tables(
        "scorecard.sensitivity", lambda module: module.sensitivity(result).report_tables()
    ),
    # "Collaboration opportunities": ui.analysis_tables("scorecard.opportunities", ...),  (issue 7)
    # "Evaluator panel": ui.analysis_tables("scorecard.panel", ...),  (issue 8)
    # "Bids": ui.analysis_tables("scorecard.bids", ...),  (issue 4)
}
analyses = {title: tables for title, tables in analyses.items() if tables is not None}

ranking_tab, compare_tab, overview_tab, quality_tab, *analysis_tabs = st.tabs(
    ["Ranking", "Compare", "Overview", "Data quality", *analyses]
)

# ---------------------------------------------------------------- Ranking
with ranking_tab:
    ui.ranking_section(result)

# ---------------------------------------------------------------- Compare
with compare_tab:
    ui.compare_section(result)

# ---------------------------------------------------------------- Overview charts
with overview_tab:
    ui.overview_section(result)

# ---------------------------------------------------------------- Data quality
with quality_tab:
    ui.data_quality_section(evaluation)

# ---------------------------------------------------------------- How robust is the ranking? / opportunities / panel / bids
for tab, (title, tables) in zip(analysis_tabs, analyses.items(), strict=True):
    with tab:
        ui.show_report_tables(tables, key=title)
