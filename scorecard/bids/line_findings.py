"""Findings about single quote lines: a warning per cell for the first few, then one line for the rest."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from scorecard.bids.sheet import FINDINGS_PER_KIND, QuoteLines
from scorecard.errors import Finding, Severity
from scorecard.read.cells import row_list


def quoter(lines: QuoteLines, pos: int) -> str:
    return lines.suppliers[lines.supplier[pos]]


def quote_findings(
    lines: QuoteLines, positions: np.ndarray, message: Callable[[int], str], action: str, more: str
) -> list[Finding]:
    """A warning per quote cell for the first few, then one line that lists the rows of the rest."""
    findings = [
        Finding(
            Severity.WARNING,
            message(int(pos)),
            sheet=lines.sheet,
            row=int(lines.row[pos]),
            column=lines.column_of(pos),
            value=f"{lines.price[pos]:g}",
            action=action,
        )
        for pos in positions[:FINDINGS_PER_KIND]
    ]
    if len(positions) > FINDINGS_PER_KIND:
        rest = positions[FINDINGS_PER_KIND:]
        findings.append(
            Finding(
                Severity.WARNING,
                f"{len(rest)} {more} ({row_list(lines.row[rest])}).",
                sheet=lines.sheet,
            )
        )
    return findings


def price_findings(lines: QuoteLines, not_positive: np.ndarray) -> list[Finding]:
    """Zero and negative prices are flagged and left out of the comparison (they are never a real price)."""
    return quote_findings(
        lines,
        np.flatnonzero(not_positive),
        lambda pos: (
            f"{quoter(lines, pos)} quoted a {'zero' if lines.price[pos] == 0 else 'negative'} price for "
            f"item {lines.items[lines.item[pos]]}; it is left out of the comparison (treated as not quoted)."
        ),
        "enter the real price, or leave the cell blank if the item is not offered",
        "more zero or negative prices were left out",
    )


def duplicate_findings(lines: QuoteLines, duplicate: np.ndarray) -> list[Finding]:
    """A supplier pricing the same item twice: the lowest price counts, the others are named."""
    return quote_findings(
        lines,
        np.flatnonzero(duplicate),
        lambda pos: (
            f"{quoter(lines, pos)} priced item {lines.items[lines.item[pos]]} more than once; "
            "its lowest price is used and this one is left out."
        ),
        "keep one price per supplier and item",
        "more repeated quotes were left out",
    )
