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

st.set_page_config(
    page_title="Scorecard: supplier evaluation",
    page_icon=str(ui.PAGE_ICON),  # a local file: the page fetches nothing from other servers
    layout="wide",
    initial_sidebar_state="expanded",
)
ui.compact_page()

# ---------------------------------------------------------------- Setup (sidebar)
# Preset and its description, category and criterion weights with their shares,
# aggregation, knock-outs, reset, and the settings file (download / load).
settings, config, settings_problem = ui.setup_sidebar()

# ---------------------------------------------------------------- A settings problem, where the eye is
# At the top of the page, and no results below it until it is fixed: stale results would mislead.
if settings_problem:
    ui.settings_problem_banner(settings_problem)

# ---------------------------------------------------------------- First screen
# What the tool does, upload, the sample data, the blank template for the preset;
# once a file is chosen, all of it folds into one line with a "Change file" button.
source, file_line = ui.choose_file(config)
if settings_problem:
    st.stop()
if source is None:
    ui.how_it_works()
    st.stop()
ui.describe_file(file_line, source, config)

# ---------------------------------------------------------------- Reading and column mapping
ui.forget_overrides_of_other_files(source)
derived = ui.guarded(lambda: ui.derived_cached(source.digest, source.name, source.data), "reading your file")
ui.use_file_settings(derived)  # the file's own criteria and weights, unless a preset was chosen explicitly
workbook = derived.workbook
# Side by side, so the ranking starts higher: how each sheet was read (a role per sheet the buyer can
# correct) and the columns nobody asked for (each can be added as a criterion).
about_sheets, about_columns = st.columns(2)
with about_sheets:
    roles = ui.guarded(lambda: ui.layout_section(source.digest, workbook, config), "reading your sheets")
sheet = ui.guarded(
    lambda: ui.supplier_sheet(source.digest, workbook, config, roles), "finding the supplier sheet"
)
prepared = ui.guarded(  # when a needed column is not found, the buyer picks it here and continues
    lambda: ui.prepare_or_pick_columns(source, workbook, config, sheet, roles, offers=about_columns),
    "preparing your suppliers",
)
evaluation = ui.guarded(  # kept per settings: a tab's analyses are computed once, not on every rerun
    lambda: ui.evaluate_cached(source.digest, sheet, config, prepared), "scoring your suppliers"
)
result = evaluation.result
ui.describe_file(file_line, source, config, prepared.suppliers.mapping.sheet)

# ---------------------------------------------------------------- Result, what changed, download
# Who leads and by how much, and any must-have switched off (never silent); each supplier's move against
# the previous settings (or the preset's weights).
ui.summary(evaluation, source.name)
ui.switched_off_banner(evaluation)
changes, against = ui.ranking_changes(
    result, source.digest, lambda: ui.score_with_preset_weights(prepared, settings)
)
ui.change_line(changes, against)
ui.data_quality_banner(evaluation)

# ---------------------------------------------------------------- Tabs
# Tabs run lazily: a weight change recomputes only what the open tab shows.
# The panel and bids tabs exist only when the file has an evaluations or a bid sheet.
tabs = ui.PageTabs(
    [
        "Ranking",
        "Compare",
        "Overview",
        "How robust is the ranking?",
        "Collaboration opportunities",
        "Evaluator panel" if prepared.panel is not None else None,
        "Bids" if prepared.bids is not None else None,
        "Data quality",
    ]
)

# ---------------------------------------------------------------- Ranking
# The table with score bars and bands, the score stacked by category, suppliers knocked out and why.
if tab := tabs.opened("Ranking"):
    with tab:
        ui.ranking_section(result, changes)

# ---------------------------------------------------------------- Compare
# Two to four suppliers criterion by criterion, and why one ranks above another.
if tab := tabs.opened("Compare"):
    with tab:
        ui.compare_section(result)

# ---------------------------------------------------------------- Overview charts
# Heat map of supplier x criterion scores; any two category scores against each other.
if tab := tabs.opened("Overview"):
    with tab:
        ui.overview_section(result)

# ---------------------------------------------------------------- How robust is the ranking?
# The verdict, where each weight can go before the leader changes, and the odds under perturbed weights.
if tab := tabs.opened("How robust is the ranking?"):
    with tab:
        ui.robustness_section(evaluation)

# ---------------------------------------------------------------- Collaboration opportunities
# Segments, opportunity cards by type, and one supplier's improvement plan to share with it.
if tab := tabs.opened("Collaboration opportunities"):
    with tab:
        ui.opportunities_section(evaluation)

# ---------------------------------------------------------------- Evaluator panel
# The disagreements to moderate first, then the consensus per supplier and criterion.
if prepared.panel is not None and (tab := tabs.opened("Evaluator panel")):
    with tab:
        ui.panel_section(prepared.panel)

# ---------------------------------------------------------------- Bids
# The partial-bid policy, totals, coverage and savings, items with the best prices, award scenarios.
if prepared.bids is not None and (tab := tabs.opened("Bids")):
    with tab:
        ui.bids_section(evaluation.bids)

# ---------------------------------------------------------------- Data quality
# What reading changed or could not use, rows left out, and which column each criterion came from.
if tab := tabs.opened("Data quality"):
    with tab:
        ui.data_quality_section(evaluation)
