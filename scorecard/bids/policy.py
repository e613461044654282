"""The partial-bid policy: each supplier's coverage, who is compared on which items, and what fills a gap.

Policies (bids.partial_bid_policy): fill a gap at the highest quote or the baseline,
a penalty factor on the fill, knock out below a coverage threshold, or compare on
the items every supplier quoted.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from scorecard.bids.grouped import group_count, group_max, group_sum
from scorecard.bids.item_prices import ItemPrices
from scorecard.bids.landed import LandedQuotes
from scorecard.bids.requested import Requested
from scorecard.bids.settings import BidSettings
from scorecard.bids.sheet import QuoteLines
from scorecard.errors import Finding, Severity


class SupplierStatus(StrEnum):
    """Whether a supplier is in the comparison, and if not why (the Bids table's `status` column holds these
    codes; tables/bids.py words them from the supplier's coverage and the settings' threshold)."""

    COMPARED = "compared"
    NO_QUOTE = "no_quote"  # priced no item
    KNOCKED_OUT = "knocked_out"  # coverage below the knockout threshold
    NO_COMMON_ITEM = "no_common_item"  # compare on common items, and no item was quoted by every supplier


@dataclass(frozen=True)
class Comparison:
    """Per supplier: coverage, status (a `SupplierStatus` code), eligibility; per item: compared or not, and
    the fill per unit."""

    quoted: np.ndarray
    coverage: np.ndarray
    value_coverage: np.ndarray
    status: np.ndarray
    eligible: np.ndarray
    in_play: np.ndarray  # over the costed quotes: the quote's supplier is eligible
    compared: np.ndarray
    fills: bool
    fill_unit: np.ndarray  # NaN everywhere when the policy never fills
    fill_value: np.ndarray  # per item: the fill's value, 0 where nothing is filled


def compare_suppliers(
    lines: QuoteLines, settings: BidSettings, requested: Requested, quotes: LandedQuotes, prices: ItemPrices
) -> tuple[Comparison, list[Finding]]:
    """Apply the partial-bid policy; findings for an empty comparison, unknown incumbents and unquoted items."""
    n_suppliers, n_items = len(lines.suppliers), len(lines.items)
    quoted, coverage, value_coverage = coverages(lines, requested, quotes)
    active = group_count(prices.supplier, n_suppliers) > 0
    status = np.where(active, SupplierStatus.COMPARED.value, SupplierStatus.NO_QUOTE.value).astype(object)
    eligible = active.copy()
    if settings.partial_bid_policy == "knockout_below":
        knocked = active & (coverage < settings.coverage_threshold)
        eligible &= ~knocked
        status[knocked] = SupplierStatus.KNOCKED_OUT.value
    in_play = eligible[prices.supplier]
    eligible_quotes = group_count(prices.item[in_play], n_items)
    findings: list[Finding] = []
    if settings.partial_bid_policy == "common_items":
        n_eligible = int(eligible.sum())
        compared = (eligible_quotes == n_eligible) & (n_eligible > 0)
        if n_eligible and not compared.any():
            findings.append(no_common_item(lines))
            status[eligible] = SupplierStatus.NO_COMMON_ITEM.value
    else:
        compared = eligible_quotes > 0
    findings += empty_findings(lines, active, prices.quotes_per_item, requested.no_quantity)
    fill_unit, fill_findings = fill_per_unit(lines, settings, requested, prices, in_play, compared)
    fills = settings.partial_bid_policy != "common_items"
    fill_value = np.where(compared, fill_unit * requested.quantity, 0.0) if fills else np.zeros(n_items)
    comparison = Comparison(
        quoted, coverage, value_coverage, status, eligible, in_play, compared, fills,
        fill_unit if fills else np.full(n_items, np.nan), fill_value,
    )  # fmt: skip
    return comparison, findings + fill_findings


def coverages(
    lines: QuoteLines, requested: Requested, quotes: LandedQuotes
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Items quoted per supplier, as a share of the items requested and of the baseline value."""
    n_suppliers, n_items = len(lines.suppliers), len(lines.items)
    quoted = group_count(quotes.supplier, n_suppliers)
    coverage = quoted / n_items * 100 if n_items else np.full(n_suppliers, np.nan)
    baseline_value = requested.baseline * requested.quantity
    total_bv = baseline_value[~np.isnan(baseline_value)].sum()
    if total_bv > 0:
        line_bv = np.nan_to_num(baseline_value[quotes.item])
        value_coverage = group_sum(quotes.supplier, line_bv, n_suppliers) / total_bv * 100
    else:
        value_coverage = np.full(n_suppliers, np.nan)
    return quoted, coverage, value_coverage


def fill_per_unit(
    lines: QuoteLines,
    settings: BidSettings,
    requested: Requested,
    prices: ItemPrices,
    in_play: np.ndarray,
    compared: np.ndarray,
) -> tuple[np.ndarray, list[Finding]]:
    """Cost per unit charged for an item a supplier did not quote: highest eligible quote or baseline (x penalty)."""
    policy = settings.partial_bid_policy
    eligible_high = group_max(prices.item[in_play], prices.cost[in_play], len(lines.items))
    fill_unit = eligible_high.copy()
    findings: list[Finding] = []
    fill_from_baseline = policy == "fill_baseline" or (
        policy in ("penalty", "knockout_below") and settings.fill_with == "baseline"
    )
    if fill_from_baseline:
        fill_unit = np.where(np.isnan(requested.baseline), eligible_high, requested.baseline)
        no_baseline = compared & np.isnan(requested.baseline)
        if no_baseline.any():
            findings.append(
                Finding(
                    Severity.WARNING,
                    f"{int(no_baseline.sum())} compared item(s) have no baseline price, so gaps there are filled at "
                    "the highest quoted cost instead: "
                    + ", ".join(lines.items[i] for i in np.flatnonzero(no_baseline)[:10]),
                    sheet=lines.sheet,
                    column=lines.column_for("baseline_price"),
                )
            )
    if policy == "penalty":
        fill_unit = fill_unit * settings.penalty_factor
    return fill_unit, findings


def no_common_item(lines: QuoteLines) -> Finding:
    return Finding(
        Severity.ERROR,
        "No item was quoted by every supplier, so with the policy 'compare on common items' no "
        "supplier can be given a total.",
        sheet=lines.sheet,
        action="choose another partial_bid_policy, e.g. fill_highest",
    )


def empty_findings(
    lines: QuoteLines, active: np.ndarray, quotes_per_item: np.ndarray, no_quantity: np.ndarray
) -> list[Finding]:
    """What is missing from the comparison: any priced item, incumbents' bids, quotes for requested items."""
    findings = []
    if not active.any():
        findings.append(
            Finding(
                Severity.ERROR,
                "No supplier priced any item, so there is nothing to compare.",
                sheet=lines.sheet,
                column=lines.price_columns[0] if len(lines.price_columns) == 1 else None,
                action="check that the price column holds the quoted prices",
            )
        )
    if lines.incumbent_names:
        findings.append(
            Finding(
                Severity.INFO,
                "Some incumbents named in the sheet have no bid here (or are spelled differently from the "
                f"supplier column): {', '.join(lines.incumbent_names[:10])}. Their items are kept at the baseline "
                "price in the incumbent scenario.",
                sheet=lines.sheet,
                column=lines.column_for("incumbent"),
            )
        )
    no_quote_items = np.flatnonzero((quotes_per_item == 0) & ~no_quantity)
    if len(no_quote_items):
        findings.append(
            Finding(
                Severity.WARNING,
                f"{len(no_quote_items)} item(s) were requested but no supplier priced them, so they are in no "
                f"total: {', '.join(lines.items[i] for i in no_quote_items[:10])}"
                + (" ..." if len(no_quote_items) > 10 else ""),
                sheet=lines.sheet,
            )
        )
    return findings
