"""The Streamlit page's helpers: the only part of the package (with app.py) that imports Streamlit.

`app.py` reads top to bottom as the page; the widgets, session state and
layout behind each section live here, and every number they show comes from
the core (`scorecard.pipeline`, `scorecard.tables`, `scorecard.charts`).
"""

from __future__ import annotations

from scorecard.ui.analyses import panel_section, robustness_section
from scorecard.ui.bids import bids_section
from scorecard.ui.cache import evaluate_cached, scored_workbook
from scorecard.ui.file_settings import derived_cached, use_file_settings
from scorecard.ui.layout import layout_section
from scorecard.ui.opportunities import opportunities_section
from scorecard.ui.plain import escape
from scorecard.ui.results import (
    PageTabs,
    change_line,
    compare_section,
    data_quality_banner,
    data_quality_section,
    overview_section,
    ranking_changes,
    ranking_section,
    show_report_table,
    show_report_tables,
    summary,
    switched_off_banner,
)
from scorecard.ui.settings import PageSettings, column_settings_key, shares_in_percent
from scorecard.ui.setup import setup_sidebar
from scorecard.ui.start import (
    choose_file,
    describe_file,
    file_chosen,
    forget_overrides_of_other_files,
    how_it_works,
    mapping_step,
    needed_columns,
    page_intro,
    prepare_or_pick_columns,
    supplier_sheet,
)
from scorecard.ui.steps import (
    PAGE_ICON,
    LoadedFile,
    compact_page,
    guarded,
    prepare_cached,
    read_cached,
    score_with_preset_weights,
    settings_problem_banner,
)

__all__ = [
    "PAGE_ICON",
    "LoadedFile",
    "PageSettings",
    "PageTabs",
    "bids_section",
    "change_line",
    "choose_file",
    "column_settings_key",
    "compact_page",
    "compare_section",
    "data_quality_banner",
    "data_quality_section",
    "derived_cached",
    "describe_file",
    "escape",
    "evaluate_cached",
    "file_chosen",
    "forget_overrides_of_other_files",
    "guarded",
    "how_it_works",
    "layout_section",
    "mapping_step",
    "needed_columns",
    "opportunities_section",
    "overview_section",
    "page_intro",
    "panel_section",
    "prepare_cached",
    "prepare_or_pick_columns",
    "ranking_changes",
    "ranking_section",
    "read_cached",
    "robustness_section",
    "score_with_preset_weights",
    "scored_workbook",
    "settings_problem_banner",
    "setup_sidebar",
    "shares_in_percent",
    "show_report_table",
    "show_report_tables",
    "summary",
    "supplier_sheet",
    "switched_off_banner",
    "use_file_settings",
]
