"""The result sections of the page: summary, ranking, compare, overview, data quality, what changed.

One module per section (and `tables` for report tables shown generically).
Each function draws one section from the Evaluation; numbers come from the
result and its tables (`scorecard.tables`, `scorecard.charts`), never from
arithmetic here, so the page, the charts and the scored workbook agree.
"""

from __future__ import annotations

from scorecard.ui.plain import escape
from scorecard.ui.results.changes import change_line, ranking_changes, settings_fingerprint
from scorecard.ui.results.compare import compare_section, gap_section, scored_suppliers
from scorecard.ui.results.overview import overview_section
from scorecard.ui.results.quality import data_quality_section
from scorecard.ui.results.ranking import band_style, ranking_section
from scorecard.ui.results.summary import data_quality_banner, download, summary, switched_off_banner
from scorecard.ui.results.tables import (
    BLANK,
    FITS_ON_SCREEN,
    column_config_for,
    scale_colour,
    show_report_table,
    show_report_tables,
    styled,
    without_quiet_columns,
)
from scorecard.ui.results.tabs import PageTabs, kept
from scorecard.words import plural

__all__ = [
    "BLANK",
    "FITS_ON_SCREEN",
    "PageTabs",
    "band_style",
    "change_line",
    "column_config_for",
    "compare_section",
    "data_quality_banner",
    "data_quality_section",
    "download",
    "escape",
    "gap_section",
    "kept",
    "overview_section",
    "plural",
    "ranking_changes",
    "ranking_section",
    "scale_colour",
    "scored_suppliers",
    "settings_fingerprint",
    "show_report_table",
    "show_report_tables",
    "styled",
    "summary",
    "switched_off_banner",
    "without_quiet_columns",
]
