"""Moderation and hand-over: the panel's agreed ratings, and the consensus written into the supplier table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from scorecard.clean import ValueKind
from scorecard.config import MISSING_POLICIES
from scorecard.errors import Finding, Severity
from scorecard.panel.layout import entered_text
from scorecard.panel.settings import PanelSettings
from scorecard.suppliers import SupplierTable

if TYPE_CHECKING:
    from scorecard.panel.lookup import SupplierLookup
    from scorecard.panel.result import PanelResult


def moderated_ratings(
    settings: PanelSettings, suppliers: SupplierLookup, keys: Sequence[str], sheet: str
) -> tuple[np.ndarray, list[str], list[Finding]]:
    """Per supplier x criterion group: the panel's agreed rating (NaN where none) and its reason.

    A moderated rating for a supplier this file does not have is reported, never applied elsewhere.
    """
    m = len(keys)
    n_groups = len(suppliers.suppliers) * m
    moderated = np.full(n_groups, np.nan)
    reasons = [""] * n_groups
    findings: list[Finding] = []
    for entry in settings.moderation:
        i = suppliers.find(entry.supplier)
        if i is None or entry.criterion not in keys:
            findings.append(
                Finding(
                    Severity.WARNING,
                    f'The settings keep a moderated rating for "{entry.supplier}" on {entry.criterion}, '
                    "but this file has no such supplier, or these settings do not have the panel rate that criterion.",
                    sheet=sheet,
                    value=entry.supplier,
                    action="moderated rating not used; " + suppliers.suggestion(entry.supplier),
                )
            )
            continue
        group = i * m + keys.index(entry.criterion)
        moderated[group] = entry.rating
        reasons[group] = entry.reason
    return moderated, reasons, findings


def apply_panel(table: SupplierTable, result: PanelResult) -> tuple[SupplierTable, tuple[Finding, ...]]:
    """A copy of the supplier table whose panel-rated criteria hold the panel's consensus.

    The panel is the source of a panel-rated criterion: where the supplier sheet also has a value,
    the consensus replaces it (or, if nobody rated, the missing-value policy applies), and a finding
    says so.
    """
    values = table.values.copy()
    findings: list[Finding] = []
    columns = dict(table.columns)
    for criterion in result.criteria:
        key = criterion.key
        consensus = result.consensus[key].reindex(values.index)
        if key in values.columns:
            sheet_column = columns.get(key, criterion.column)
            for supplier, before in values[key].items():
                shown = entered_text(before, ValueKind.NUMBER)
                if shown is None:
                    continue
                after = consensus[supplier]
                if np.isnan(after):
                    message = (
                        f"{criterion.label} for {supplier}: the supplier sheet says {shown}, but this criterion "
                        "is panel-rated and nobody on the panel rated this supplier."
                    )
                    action = f"sheet value not used; the missing-value policy applies (it {MISSING_POLICIES[criterion.missing]})"
                else:
                    message = (
                        f"{criterion.label} for {supplier}: the supplier sheet says {shown}, the panel's "
                        f"consensus is {after:.2f}."
                    )
                    action = "the panel's consensus is used"
                findings.append(
                    Finding(
                        Severity.WARNING,
                        message,
                        sheet=table.sheet,
                        row=table.row_of(str(supplier)),
                        column=sheet_column,
                        value=shown,
                        action=action,
                    )
                )
        values[key] = consensus.astype(float)
        columns[key] = f"{result.sheet}: panel consensus"
    rated = {c.key for c in result.criteria}
    new_table = SupplierTable(
        values, table.source_rows, table.sheet, tuple(columns.items()), table.absent - rated
    )
    return new_table, tuple(findings)
