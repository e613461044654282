"""Possible price errors: quotes far under the item's median or outside its interquartile fence.

They are flagged and named, never removed: a buyer decides whether a price is a typo.
"""

from __future__ import annotations

import numpy as np

from scorecard.bids.grouped import quantile_positions, quantile_sorted
from scorecard.bids.settings import BidSettings
from scorecard.bids.sheet import FINDINGS_PER_KIND, QuoteLines
from scorecard.errors import Finding, Severity
from scorecard.read.cells import row_list


def flag_outliers(
    item: np.ndarray,
    cost: np.ndarray,
    count: np.ndarray,
    lowest: np.ndarray,
    highest: np.ndarray,
    settings: BidSettings,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Possible price errors per quote (never removed): reason 1 under a fraction of the median, 2 outside the IQR fence.

    Quantiles come from the costs ordered within items: the key is the item code plus the cost's
    position between the item's lowest and highest cost, scaled into [0, 0.5]. Only the few positions
    the quantiles read need their ordered value, so the keys are partitioned around those positions
    (`np.partition`) instead of sorted: the values there are exactly the sorted ones, in less time.
    """
    rules = settings.outliers
    n_items = len(count)
    reason = np.zeros(len(cost), dtype=np.int8)
    if not len(cost) or (rules.below_median_fraction <= 0 and rules.iqr_factor <= 0):
        return np.zeros(len(cost), dtype=bool), reason, np.full(n_items, np.nan)
    span = np.where(highest > lowest, highest - lowest, 1.0)
    key = item + (cost - lowest[item]) / span[item] * 0.5
    start = np.concatenate(([0], np.cumsum(count)[:-1]))
    ordered = ordered_at(
        key, count, lowest, span, start, (0.5, 0.25, 0.75) if rules.iqr_factor > 0 else (0.5,)
    )
    median = quantile_sorted(ordered, start, count, 0.5)
    enough = count >= rules.min_quotes
    x = cost
    if rules.below_median_fraction > 0:
        low_rule = enough[item] & (x < rules.below_median_fraction * median[item])
        reason[low_rule] = 1
    if rules.iqr_factor > 0:
        q1 = quantile_sorted(ordered, start, count, 0.25)
        q3 = quantile_sorted(ordered, start, count, 0.75)
        fence = rules.iqr_factor * (q3 - q1)
        iqr_rule = (
            enough[item] & ((x < q1[item] - fence[item]) | (x > q3[item] + fence[item])) & (reason == 0)
        )
        reason[iqr_rule] = 2
    return reason > 0, reason, np.where(count > 0, median, np.nan)


def ordered_at(
    key: np.ndarray,
    count: np.ndarray,
    lowest: np.ndarray,
    span: np.ndarray,
    start: np.ndarray,
    quantiles: tuple[float, ...],
) -> np.ndarray:
    """The costs in key order at the positions the quantiles read (NaN elsewhere); costs come back from
    the keys (relative error ~1e-13), by the same arithmetic as from a full sort."""
    at = np.unique(np.concatenate([p for q in quantiles for p in quantile_positions(start, count, q)]))
    at = at[at < len(key)]
    ordered = np.full(len(key), np.nan)
    if not len(at):
        return ordered
    in_order = np.partition(key, at)[at]
    item_at = np.repeat(np.arange(len(count)), count)[at]
    ordered[at] = lowest[item_at] + (in_order - item_at) * 2 * span[item_at]
    return ordered


def outlier_findings(
    lines: QuoteLines,
    positions: np.ndarray,
    reasons: np.ndarray,
    medians: np.ndarray,
    settings: BidSettings,
) -> list[Finding]:
    findings = []
    rule_names = outlier_rule_names(settings)
    shown = min(len(positions), FINDINGS_PER_KIND)
    for pos, why, median in zip(positions[:shown], reasons[:shown], medians[:shown], strict=True):
        findings.append(
            Finding(
                Severity.WARNING,
                f"{lines.suppliers[lines.supplier[pos]]}'s price for item {lines.items[lines.item[pos]]} is "
                f"{rule_names[why - 1]} of the quotes for it (median {median:,.4g} {settings.base_currency} per "
                "unit), so it may be an error. It is kept in the comparison.",
                sheet=lines.sheet,
                row=int(lines.row[pos]),
                column=lines.column_of(pos),
                value=f"{lines.price[pos]:g}",
                action="check the price, its unit and its currency",
            )
        )
    if len(positions) > FINDINGS_PER_KIND:
        rest = positions[FINDINGS_PER_KIND:]
        findings.append(
            Finding(
                Severity.WARNING,
                f"{len(rest)} more prices look like possible errors ({row_list(lines.row[rest])}); "
                "see the Items sheet.",
                sheet=lines.sheet,
            )
        )
    return findings


def outlier_rule_names(settings: BidSettings) -> tuple[str, str]:
    return (
        f"under {settings.outliers.below_median_fraction:g} x the median",
        f"outside Q1 - {settings.outliers.iqr_factor:g} x IQR .. Q3 + {settings.outliers.iqr_factor:g} x IQR",
    )
