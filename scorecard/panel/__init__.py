"""Evaluator panels: several people's ratings become one consensus rating per supplier and criterion.

Quality, risk and relationship criteria are often rated by a panel (a buyer, a quality engineer, a
plant manager). This stage reads their evaluations sheet (long: one rating per row; or wide: one
column per evaluator), agrees a consensus per supplier and criterion (mean, median or trimmed mean,
optionally weighted by evaluator), and flags the pairs whose ratings spread so widely that the panel
should moderate them. A blank rating means "not rated", never zero; a supplier nobody rated on a
criterion gets no consensus, so that criterion's own missing-value policy applies in the engine.
Every rating that cannot be used (unknown supplier or criterion, outside the scale, a duplicate) is
reported with its sheet and row.

Rooms: `settings` (the `panel` section), `layout` (the sheet's columns), `ratings` (reading them),
`consensus` (agreeing one rating), `result` (the record and its tables), `moderation` (agreed
ratings, and the consensus handed to the supplier table).
"""

from scorecard.panel.consensus import GroupStats, group_consensus, panel_consensus
from scorecard.panel.layout import Layout, detect_layout, entered_text
from scorecard.panel.lookup import CriterionLookup, SupplierLookup
from scorecard.panel.moderation import apply_panel, moderated_ratings
from scorecard.panel.ratings import RatingRead, read_rating, read_ratings
from scorecard.panel.result import PanelResult
from scorecard.panel.settings import (
    CONSENSUS_METHODS,
    DEFAULT_COLUMNS,
    DEFAULT_DESCRIPTORS,
    PANEL_SECTION,
    Moderation,
    PanelSettings,
    parse_panel_settings,
)

__all__ = [
    "CONSENSUS_METHODS",
    "DEFAULT_COLUMNS",
    "DEFAULT_DESCRIPTORS",
    "PANEL_SECTION",
    "CriterionLookup",
    "GroupStats",
    "Layout",
    "Moderation",
    "PanelResult",
    "PanelSettings",
    "RatingRead",
    "SupplierLookup",
    "apply_panel",
    "detect_layout",
    "entered_text",
    "group_consensus",
    "moderated_ratings",
    "panel_consensus",
    "parse_panel_settings",
    "read_rating",
    "read_ratings",
]
