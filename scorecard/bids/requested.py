"""What the buyer asked for per item: quantity, baseline price and incumbent, read once per item.

A long sheet repeats these on every supplier's row; each item gets the value most
rows give, and items whose rows disagree are reported, never silently picked.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scorecard.bids.grouped import item_mode
from scorecard.bids.sheet import QuoteLines
from scorecard.errors import Finding, Severity


@dataclass(frozen=True)
class Requested:
    """Per item: the quantity (NaN where none above 0), baseline price, incumbent's code (-1: none)."""

    quantity: np.ndarray
    baseline: np.ndarray
    incumbent: np.ndarray
    no_quantity: np.ndarray


def requested_items(lines: QuoteLines) -> tuple[Requested, list[Finding]]:
    """Each item's quantity, baseline and incumbent, with findings for rows that disagree or lack a quantity."""
    n_items = len(lines.items)
    quantity, q_conflict = item_mode(lines.item, lines.quantity, n_items)
    no_item_values = (np.full(n_items, np.nan), np.zeros(n_items, dtype=bool))
    baseline, b_conflict = (
        item_mode(lines.item, lines.baseline, n_items) if lines.baseline is not None else no_item_values
    )
    incumbent_f, i_conflict = (
        item_mode(lines.item, np.where(lines.incumbent >= 0, lines.incumbent, np.nan), n_items)
        if lines.incumbent is not None
        else no_item_values
    )
    incumbent = np.where(np.isnan(incumbent_f), -1, incumbent_f).astype(np.int64)
    findings = conflict_findings(lines, q_conflict, quantity, "quantity", "quantity")
    findings += conflict_findings(lines, b_conflict, baseline, "baseline_price", "baseline price")
    findings += incumbent_conflict_findings(lines, i_conflict, incumbent)
    no_quantity = np.isnan(quantity) | (quantity <= 0)
    findings += no_quantity_findings(lines, no_quantity)
    quantity = np.where(no_quantity, np.nan, quantity)
    return Requested(quantity, baseline, incumbent, no_quantity), findings


def conflict_findings(
    lines: QuoteLines, conflict: np.ndarray, chosen: np.ndarray, role: str, what: str
) -> list[Finding]:
    if not conflict.any():
        return []
    shown = [f"{lines.items[i]} ({chosen[i]:g})" for i in np.flatnonzero(conflict)[:10]]
    return [
        Finding(
            Severity.WARNING,
            f"{int(conflict.sum())} item(s) have a different {what} on different rows; each is compared on the "
            f"{what} most rows give (the larger on a tie): " + ", ".join(shown),
            sheet=lines.sheet,
            column=lines.column_for(role),
            action=f"give each item one {what}",
        )
    ]


def incumbent_conflict_findings(
    lines: QuoteLines, conflict: np.ndarray, incumbent: np.ndarray
) -> list[Finding]:
    if not conflict.any():
        return []
    names = lines.suppliers + lines.incumbent_names
    shown = [f"{lines.items[i]} ({names[incumbent[i]]})" for i in np.flatnonzero(conflict)[:10]]
    return [
        Finding(
            Severity.WARNING,
            "Some items name different incumbents on different rows; the one most rows name is used: "
            + ", ".join(shown),
            sheet=lines.sheet,
            column=lines.column_for("incumbent"),
        )
    ]


def no_quantity_findings(lines: QuoteLines, no_quantity: np.ndarray) -> list[Finding]:
    if not len(lines.items) or not no_quantity.any():
        return []
    missing = np.flatnonzero(no_quantity)
    return [
        Finding(
            Severity.ERROR,
            f"{len(missing)} item(s) have no quantity above 0, so they cannot be costed and are left out of "
            f"every total: {', '.join(lines.items[i] for i in missing[:10])}"
            + (" ..." if len(missing) > 10 else ""),
            sheet=lines.sheet,
            column=lines.column_for("quantity"),
            action="enter the quantity (annual volume) for these items",
        )
    ]
