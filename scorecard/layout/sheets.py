"""Detectors for sheets with a row per thing: supplier lists, evaluations (long form), FX rates, notes.

Each detector answers for one sheet alone; the registry in `scorecard.layout.registry` asks them in
priority order (notes, FX, evaluations before bids; the supplier list last, as the catch-all table).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from scorecard.bids.fx import rate_header_names
from scorecard.bids.vocabulary import COLUMN_SYNONYMS
from scorecard.config import Config, load_preset
from scorecard.errors import ScorecardError
from scorecard.layout import LayoutContext, Role, SheetLayout
from scorecard.layout.bid_tabs import bid_settings
from scorecard.layout.registry import register
from scorecard.mapping import map_columns
from scorecard.names import HeaderKeys
from scorecard.panel import PanelSettings, detect_layout
from scorecard.read import Sheet

NOTES_NAMES = re.compile(r"instruction|read\s*me|\bnotes?\b|\babout\b|\bguide\b|\bhelp\b|\bcover\b", re.I)
FX_NAMES = re.compile(r"\bfx\b|exchange|currenc|\brates?\b", re.I)
PANEL_NAMES = re.compile(r"evaluat|panel|rating", re.I)
LONG_TEXT = 40  # characters: a cell this long is a sentence, not a value


@lru_cache(maxsize=1)
def default_settings() -> Config:
    """The default preset's supplier-column names, for a layout asked without settings (tests, notebooks)."""
    return load_preset("default")


def supplier_header(sheet: Sheet, config: Config | None) -> str | None:
    """The supplier-name column as the mapping stage would find it (the one rule, in mapping.py)."""
    if config is None:
        config = default_settings()
    return map_columns(sheet, replace(config, column_overrides=())).supplier.column


def detect_notes(sheet: Sheet, context: LayoutContext) -> SheetLayout | None:
    """Instructions, read-me and cover sheets: named so (and no supplier column), or a column of sentences."""
    if not sheet.columns:
        return SheetLayout(sheet.name, Role.NOTES) if sheet.cells and NOTES_NAMES.search(sheet.name) else None
    named = bool(NOTES_NAMES.search(sheet.name))
    if named and supplier_header(sheet, context.config) is None:
        return SheetLayout.of_table(sheet, Role.NOTES)
    if len(sheet.columns) <= 2 and not sheet.is_empty:
        texts = [str(v) for v in sheet.table.to_numpy().ravel() if isinstance(v, str)]
        if texts and sum(len(t) >= LONG_TEXT for t in texts) >= 0.5 * len(texts):
            return SheetLayout.of_table(sheet, Role.NOTES)
    return None


def detect_fx(sheet: Sheet, context: LayoutContext) -> SheetLayout | None:
    """Exchange rates: a sheet named for them, with a currency column and a rate column."""
    if sheet.is_empty or not FX_NAMES.search(sheet.name):
        return None
    base = bid_settings(context).base_currency
    keys = HeaderKeys(sheet.columns)
    currency = keys.first(COLUMN_SYNONYMS["currency"])  # the FX reader's own spellings (bids/fx.py)
    rate = keys.first(rate_header_names(base))
    if currency is None and rate is None:
        return None
    found = tuple((role, h) for role, h in (("currency", currency), ("rate", rate)) if h is not None)
    return SheetLayout.in_rows(
        sheet,
        Role.FX,
        None,
        columns=found,
        note=f"{len(sheet.table)} rate(s)",
    )


def detect_evaluations(sheet: Sheet, context: LayoutContext) -> SheetLayout | None:
    """A panel's ratings, a row per evaluator, supplier and criterion (or an evaluator per column).

    The panel module owns the rule for its columns (`panel.detect_layout`); its answer is handed on in
    `detail`, so the panel stage reads the sheet as decided here. A sheet with the headers and no rows
    (the template, not filled in) counts when it is named for a panel.
    """
    if not sheet.columns or (sheet.is_empty and not PANEL_NAMES.search(sheet.name)):
        return None
    settings = context.config.section("panel") if context.config is not None else None
    try:
        found = detect_layout(sheet.table, settings or PanelSettings(), sheet.name)
    except ScorecardError:
        return None
    columns = tuple(
        (role, header)
        for role in ("supplier", "criterion", "evaluator", "rating", "comment")
        if (header := getattr(found, role, None))
    )
    evaluators = len(found.evaluators) if found.shape == "wide" else None
    return SheetLayout.in_rows(
        sheet,
        Role.EVALUATIONS,
        found.supplier,
        columns=columns,
        note=f"{evaluators} evaluator column(s)" if evaluators else "",
        detail=found,
    )


def detect_supplier_list(sheet: Sheet, context: LayoutContext) -> SheetLayout | None:
    """A row per supplier: a supplier-name column the mapping stage finds, or (with settings) any criterion.

    Asked last: any table that no other detector claims and that names suppliers is a supplier list.
    """
    if not sheet.columns:
        return None
    column = supplier_header(sheet, context.config)
    if column is None:
        if context.config is None:
            return None
        mapping = map_columns(sheet, replace(context.config, column_overrides=()))
        if not any(m.column is not None for m in mapping.criteria):
            return None
    count = None
    if column is not None and not sheet.is_empty:
        count = int(sheet.table[column].dropna().map(lambda v: str(v).strip()).ne("").sum())
    return SheetLayout.in_rows(
        sheet,
        Role.SUPPLIERS,
        column,
        columns=(("supplier", column),) if column else (),
        supplier_count=count,
    )


register(Role.NOTES, detect_notes, priority=90)
register(Role.FX, detect_fx, priority=80)
register(Role.EVALUATIONS, detect_evaluations, priority=70)
register(Role.SUPPLIERS, detect_supplier_list, priority=20)
