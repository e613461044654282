"""Quote lines -> landed costs, per-item comparison, supplier totals under a partial-bid policy.

All arithmetic is on whole arrays: per-line values are computed once, and every
per-item or per-supplier figure is a grouped sum, minimum or maximum over integer
codes (np.bincount, np.minimum.at), so a million quote lines cost a few array
passes, not a Python loop. Python loops here run over findings to report (capped)
or over suppliers' names, never over quote lines.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from scorecard.bids.settings import BidSettings
from scorecard.bids.sheet import FINDINGS_PER_KIND, QuoteLines
from scorecard.errors import Finding, ScorecardError, Severity

TIE_TOLERANCE = 1e-9  # relative: costs this close count as a tie, so float noise never breaks one

COMPARED = "Compared"
NO_QUOTE = "No quote"
KNOCKED_OUT = "Knocked out"
NOT_COMPARED = "Not compared"


@dataclass(frozen=True)
class Analysis:
    """The numbers a BidResult is made of."""

    suppliers: pd.DataFrame
    items: pd.DataFrame
    quotes: QuoteArrays
    findings: tuple[Finding, ...]
    compared_items: int
    currencies_used: tuple[str, ...]


# ---------------------------------------------------------------------- grouped helpers


def group_sum(codes: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    return np.bincount(codes, weights=values, minlength=n)[:n] if n else np.zeros(0)


def group_count(codes: np.ndarray, n: int) -> np.ndarray:
    return np.bincount(codes, minlength=n)[:n] if n else np.zeros(0, dtype=np.int64)


def group_min(codes: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    out = np.full(n, np.inf)
    np.minimum.at(out, codes, values)
    return np.where(np.isinf(out), np.nan, out)


def group_max(codes: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    out = np.full(n, -np.inf)
    np.maximum.at(out, codes, values)
    return np.where(np.isinf(out), np.nan, out)


def item_mode(item: np.ndarray, values: np.ndarray, n_items: int) -> tuple[np.ndarray, np.ndarray]:
    """Per item, the value most rows give (ties: the larger); and which items had differing values.

    Used for the requested quantity, baseline price and incumbent, which a long sheet repeats on
    each supplier's row; the mode does not depend on row order.
    """
    keep = (item >= 0) & ~np.isnan(values)
    codes, vals = item[keep], values[keep]
    low, high = group_min(codes, vals, n_items), group_max(codes, vals, n_items)
    conflict = ~np.isnan(low) & (low != high)
    out = high.copy()
    if conflict.any():
        mixed = conflict[codes]
        counts = pd.DataFrame({"item": codes[mixed], "value": vals[mixed]}).value_counts().reset_index()
        counts = counts.sort_values(["item", "count", "value"], ascending=[True, False, False])
        first = counts.drop_duplicates("item")
        out[first["item"].to_numpy()] = first["value"].to_numpy(dtype=float)
    return out, conflict


def quantile_sorted(sorted_values: np.ndarray, start: np.ndarray, count: np.ndarray, q: float) -> np.ndarray:
    """Per group quantile (linear interpolation, as numpy's default) from values sorted within groups."""
    position = (count - 1) * q
    lower = np.floor(position).astype(np.int64)
    upper = np.ceil(position).astype(np.int64)
    ok = count > 0
    lo_idx = np.where(ok, start + lower, 0)
    hi_idx = np.where(ok, start + upper, 0)
    if not len(sorted_values):
        return np.full(len(count), np.nan)
    low, high = sorted_values[lo_idx], sorted_values[hi_idx]
    return np.where(ok, low + (high - low) * (position - lower), np.nan)


def rows_text(rows: np.ndarray, limit: int = 8) -> str:
    shown = ", ".join(str(int(r)) for r in rows[:limit])
    return shown + (f" and {len(rows) - limit} more" if len(rows) > limit else "")


# ---------------------------------------------------------------------- FX


def line_rates(lines: QuoteLines, rates: Mapping[str, float], base: str, needed: np.ndarray) -> np.ndarray:
    """Rate per line (base currency per unit of the line's currency); stop if a needed rate is missing."""
    table = np.array(
        [1.0 if code == base else rates.get(code, np.nan) for code in lines.currencies] + [np.nan]
    )
    per_line = table[np.where(lines.currency >= 0, lines.currency, len(lines.currencies))]
    without = needed & np.isnan(per_line)
    if without.any():
        codes = sorted({lines.currencies[c] for c in np.unique(lines.currency[without]) if c >= 0})
        first = int(np.flatnonzero(without)[0])
        rows = lines.row[without]
        raise ScorecardError(
            f"{' and '.join(codes)} {'has' if len(codes) == 1 else 'have'} no exchange rate to {base}, so "
            f"these prices cannot be compared with the others ({len(rows)} line(s): rows {rows_text(rows)}).",
            sheet=lines.sheet,
            row=int(lines.row[first]),
            column=lines.column_for("currency") or lines.column_of(first),
            hint=f"Add a rate for {', '.join(codes)} (the value of 1 unit in {base}) to the FX sheet or to "
            "`bids.fx_rates` in the settings.",
        )
    return per_line


# ---------------------------------------------------------------------- the analysis


def analyse_lines(lines: QuoteLines, settings: BidSettings, rates: Mapping[str, float]) -> Analysis:
    """Cost every quote, compare per item, total per supplier under the partial-bid policy; award scenarios are built later (bids.awards), once eligibility is known."""
    findings: list[Finding] = list(lines.findings)
    n_suppliers, n_items = len(lines.suppliers), len(lines.items)
    base = settings.base_currency
    sheet = lines.sheet

    # --- item-level facts: requested quantity, baseline, incumbent (the same on every row of an item)
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
    findings += conflict_findings(lines, q_conflict, quantity, "quantity", "quantity")
    findings += conflict_findings(lines, b_conflict, baseline, "baseline_price", "baseline price")
    if i_conflict.any():
        names = lines.suppliers + lines.incumbent_names
        shown = [f"{lines.items[i]} ({names[incumbent[i]]})" for i in np.flatnonzero(i_conflict)[:10]]
        findings.append(
            Finding(
                Severity.WARNING,
                "Some items name different incumbents on different rows; the one most rows name is used: "
                + ", ".join(shown),
                sheet=sheet,
                column=lines.column_for("incumbent"),
            )
        )
    no_quantity = np.isnan(quantity) | (quantity <= 0)
    if n_items and no_quantity.any():
        missing = np.flatnonzero(no_quantity)
        findings.append(
            Finding(
                Severity.ERROR,
                f"{len(missing)} item(s) have no quantity above 0, so they cannot be costed and are left out of "
                f"every total: {', '.join(lines.items[i] for i in missing[:10])}"
                + (" ..." if len(missing) > 10 else ""),
                sheet=sheet,
                column=lines.column_for("quantity"),
                action="enter the quantity (annual volume) for these items",
            )
        )
    quantity = np.where(no_quantity, np.nan, quantity)

    # --- which lines are usable quotes
    keyed = (lines.supplier >= 0) & (lines.item >= 0)
    readable = keyed & lines.price_present & np.isfinite(lines.price)
    not_positive = readable & (lines.price <= 0)
    findings += price_findings(lines, not_positive)
    valid = readable & ~not_positive
    rate = line_rates(lines, rates, base, valid)
    price_base = lines.price / lines.factor * rate
    valid, duplicate = drop_duplicate_quotes(lines, valid, price_base, n_items)
    findings += duplicate_findings(lines, duplicate)

    # --- landed cost of each usable quote (arrays over the valid lines only)
    v = np.flatnonzero(valid)
    sup, itm = lines.supplier[v], lines.item[v]
    q = quantity[itm]
    unit_price = price_base[v]
    goods = q * unit_price
    freight, duty, credit = adders(lines, settings, v, rate, q, goods)
    landed = goods + freight + duty - credit
    unit_cost = landed / q
    costed = ~np.isnan(landed)

    # --- per item: lowest, highest, best (all ties), spread, outliers over costed quotes
    c = np.flatnonzero(costed)
    citm, csup, ccost = itm[c], sup[c], unit_cost[c]
    quotes_per_item = group_count(citm, n_items)
    lowest = group_min(citm, ccost, n_items)
    highest = group_max(citm, ccost, n_items)
    best = np.zeros(len(v), dtype=bool)
    best[c] = ccost - lowest[citm] <= TIE_TOLERANCE * np.abs(lowest[citm])
    outlier, outlier_reason, median = flag_outliers(citm, ccost, quotes_per_item, lowest, highest, settings)
    outlier_full = np.zeros(len(v), dtype=bool)
    outlier_full[c] = outlier
    reason_full = np.zeros(len(v), dtype=np.int8)
    reason_full[c] = outlier_reason
    findings += outlier_findings(
        lines, v[c][outlier], outlier_reason[outlier], median[citm[outlier]], settings
    )

    # --- coverage
    quoted = group_count(sup, n_suppliers)
    coverage = quoted / n_items * 100 if n_items else np.full(n_suppliers, np.nan)
    baseline_value = baseline * quantity
    has_bv = ~np.isnan(baseline_value)
    total_bv = baseline_value[has_bv].sum()
    line_bv = np.nan_to_num(baseline_value[itm])
    value_coverage = group_sum(sup, line_bv, n_suppliers) / total_bv * 100 if total_bv > 0 else None
    if value_coverage is None:
        value_coverage = np.full(n_suppliers, np.nan)

    # --- who is compared (partial-bid policy)
    active = group_count(csup, n_suppliers) > 0
    status = np.array([COMPARED if a else NO_QUOTE for a in active], dtype=object)
    policy = settings.partial_bid_policy
    eligible = active.copy()
    if policy == "knockout_below":
        knocked = active & (coverage < settings.coverage_threshold)
        eligible &= ~knocked
        for s in np.flatnonzero(knocked):
            status[s] = (
                f"{KNOCKED_OUT}: coverage {coverage[s]:.1f}% is below the {settings.coverage_threshold:g}% threshold"
            )
    in_play = eligible[csup]
    eligible_quotes = group_count(citm[in_play], n_items)
    if policy == "common_items":
        n_eligible = int(eligible.sum())
        compared = (eligible_quotes == n_eligible) & (n_eligible > 0)
        if n_eligible and not compared.any():
            findings.append(
                Finding(
                    Severity.ERROR,
                    "No item was quoted by every supplier, so with the policy 'compare on common items' no "
                    "supplier can be given a total.",
                    sheet=sheet,
                    action="choose another partial_bid_policy, e.g. fill_highest",
                )
            )
            for s in np.flatnonzero(eligible):
                status[s] = f"{NOT_COMPARED}: no item was quoted by every supplier"
    else:
        compared = eligible_quotes > 0
    if not active.any():
        findings.append(
            Finding(
                Severity.ERROR,
                "No supplier priced any item, so there is nothing to compare.",
                sheet=sheet,
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
                sheet=sheet,
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
                sheet=sheet,
            )
        )

    # --- fill cost per unit for items a supplier did not quote
    eligible_high = group_max(citm[in_play], ccost[in_play], n_items)
    fill_unit = eligible_high.copy()
    fill_from_baseline = policy == "fill_baseline" or (
        policy in ("penalty", "knockout_below") and settings.fill_with == "baseline"
    )
    if fill_from_baseline:
        fill_unit = np.where(np.isnan(baseline), eligible_high, baseline)
        no_baseline = compared & np.isnan(baseline)
        if no_baseline.any():
            findings.append(
                Finding(
                    Severity.WARNING,
                    f"{int(no_baseline.sum())} compared item(s) have no baseline price, so gaps there are filled at "
                    "the highest quoted cost instead: "
                    + ", ".join(lines.items[i] for i in np.flatnonzero(no_baseline)[:10]),
                    sheet=sheet,
                    column=lines.column_for("baseline_price"),
                )
            )
    if policy == "penalty":
        fill_unit = fill_unit * settings.penalty_factor
    fills = policy != "common_items"
    fill_value = np.where(compared, fill_unit * quantity, 0.0) if fills else np.zeros(n_items)

    # --- supplier totals on the compared items
    inside = np.zeros(len(v), dtype=bool)
    inside[c] = in_play & compared[citm]
    # usually every usable quote is in the comparison: then a slice (a view) saves copying each array
    take: slice | np.ndarray = slice(None) if inside.all() else np.flatnonzero(inside)
    s_in, i_in = sup[take], itm[take]
    n_compared = int(compared.sum())
    priced_in = group_count(s_in, n_suppliers)
    landed_sum = group_sum(s_in, landed[take], n_suppliers)
    goods_sum = group_sum(s_in, goods[take], n_suppliers)
    freight_sum = group_sum(s_in, freight[take], n_suppliers)
    duty_sum = group_sum(s_in, duty[take], n_suppliers)
    credit_sum = group_sum(s_in, credit[take], n_suppliers)
    filled_items = (
        np.where(eligible, n_compared - priced_in, 0) if fills else np.zeros(n_suppliers, dtype=int)
    )
    filled = (
        fill_value.sum() - group_sum(s_in, fill_value[i_in], n_suppliers) if fills else np.zeros(n_suppliers)
    )
    incumbent_known = bool((incumbent >= 0).any())
    incumbent_items = group_count(incumbent[(incumbent >= 0) & (incumbent < n_suppliers)], n_suppliers)
    switching = switching_costs(
        settings, incumbent, i_in, s_in, n_suppliers, incumbent_items, incumbent_known
    )
    lump = np.where(priced_in > 0, settings.freight.lump_sum, 0.0)
    one_off = np.where(priced_in > 0, one_off_costs(settings, lines.suppliers), 0.0)
    findings += unknown_one_off_findings(settings, lines)
    has_total = eligible & (priced_in > 0)
    total = np.where(has_total, landed_sum + filled + switching + lump + one_off, np.nan)
    if settings.switching_cost.amount > 0 and not incumbent_known:
        findings.append(
            Finding(
                Severity.INFO,
                "No incumbent is named in the bid sheet, so no switching cost was added to any supplier.",
                sheet=sheet,
                action="add an Incumbent column to apply the switching cost",
            )
        )

    # --- lead time (quantity-weighted over the items each supplier quoted)
    lead_time = np.full(n_suppliers, np.nan)
    if lines.lead_time is not None:
        lt = lines.lead_time[v]
        with_lt = ~np.isnan(lt) & ~np.isnan(q)
        weight = group_sum(sup[with_lt], q[with_lt], n_suppliers)
        with np.errstate(invalid="ignore", divide="ignore"):
            lead_time = np.where(
                weight > 0, group_sum(sup[with_lt], (q * lt)[with_lt], n_suppliers) / weight, np.nan
            )

    # --- savings on price (quantity x (reference price - quoted price)) over the items each supplier quoted
    with_base = costed & ~np.isnan(baseline[itm])
    vs_base = group_sum(sup[with_base], ((baseline[itm] - unit_price) * q)[with_base], n_suppliers)
    base_value = group_sum(sup[with_base], (baseline[itm] * q)[with_base], n_suppliers)
    has_base = group_count(sup[with_base], n_suppliers) > 0
    incumbent_price = np.full(n_items, np.nan)
    own = costed & (incumbent[itm] == sup)
    incumbent_price[itm[own]] = unit_price[own]
    with_inc = costed & ~np.isnan(incumbent_price[itm])
    vs_inc = group_sum(sup[with_inc], ((incumbent_price[itm] - unit_price) * q)[with_inc], n_suppliers)
    has_inc = group_count(sup[with_inc], n_suppliers) > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        vs_base_percent = np.where(has_base & (base_value > 0), vs_base / base_value * 100, np.nan)
    # the same savings on landed cost (freight, duty and payment terms included): what the budget sees
    landed_vs_base = group_sum(sup[with_base], (baseline[itm] * q - landed)[with_base], n_suppliers)
    incumbent_landed = np.full(n_items, np.nan)
    incumbent_landed[itm[own]] = landed[own]
    landed_vs_inc = group_sum(sup[with_inc], (incumbent_landed[itm] - landed)[with_inc], n_suppliers)

    best_items = group_count(sup[best], n_suppliers)
    currencies_quoted, currencies_used = supplier_currencies(lines, v, sup, n_suppliers)
    supplier_frame = pd.DataFrame(
        {
            "status": pd.array(status.tolist(), dtype="str"),
            "total_cost": total,
            "coverage": coverage,
            "value_coverage": value_coverage,
            "average_lead_time": lead_time,
            "items_quoted": quoted,
            "items_requested": np.full(n_suppliers, n_items),
            "items_priced_in_comparison": priced_in,
            "items_filled": filled_items,
            "goods_value": np.where(has_total, goods_sum, np.nan),
            "freight": np.where(has_total, freight_sum + lump, np.nan),
            "duty": np.where(has_total, duty_sum, np.nan),
            "payment_credit": np.where(has_total, credit_sum, np.nan),
            "switching_cost": np.where(has_total, switching, np.nan),
            "one_off_costs": np.where(has_total, one_off, np.nan),
            "fill_value": np.where(has_total, filled, np.nan),
            "savings_vs_baseline": np.where(has_base, vs_base, np.nan),
            "savings_vs_baseline_percent": vs_base_percent,
            "savings_vs_incumbent": np.where(has_inc, vs_inc, np.nan),
            "landed_savings_vs_baseline": np.where(has_base, landed_vs_base, np.nan),
            "landed_savings_vs_incumbent": np.where(has_inc, landed_vs_inc, np.nan),
            "incumbent_items": incumbent_items,
            "best_price_items": best_items,
            "currencies": pd.array(currencies_quoted, dtype="str"),
        },
        index=pd.Index(list(lines.suppliers), name="supplier", dtype="str"),
    )
    incumbent_names = lines.suppliers + lines.incumbent_names
    item_frame = items_table(
        lines, quantity, baseline, incumbent, incumbent_names, quotes_per_item, lowest, highest, median,
        compared, fill_unit if fills else np.full(n_items, np.nan), no_quantity, csup, citm, best[c], outlier,
    )  # fmt: skip
    status_codes = np.where(inside, 0, np.where(costed, 1, 2))
    quotes = quote_arrays(
        lines,
        settings, v, rate, price_base, q, goods, freight, duty, credit, landed, unit_cost, best, outlier_full,
        reason_full, status_codes,
    )  # fmt: skip
    return Analysis(supplier_frame, item_frame, quotes, tuple(findings), n_compared, currencies_used)


# ---------------------------------------------------------------------- pieces of the analysis


def adders(
    lines: QuoteLines,
    settings: BidSettings,
    v: np.ndarray,
    rate: np.ndarray,
    q: np.ndarray,
    goods: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Freight, duty and payment-term credit per usable quote, in the base currency.

    freight = the Freight cell (x quantity when read per unit), else the default per unit x quantity;
    duty = extended price x duty %; credit = extended price x annual rate x days / 365.
    Columns the sheet does not have cost nothing to skip.
    """
    per_unit = settings.freight.per_unit
    if lines.freight is None:
        freight = per_unit * q if per_unit else np.zeros(len(v))
    else:
        cell = lines.freight[v] * rate[v]
        if settings.freight.column_basis == "per_unit":
            freight = np.where(np.isnan(cell), per_unit, cell) * q
        else:
            freight = np.where(np.isnan(cell), per_unit * q, cell)
    if lines.duty_percent is None:
        duty = goods * (settings.duty_percent / 100) if settings.duty_percent else np.zeros(len(v))
    else:
        cell = lines.duty_percent[v]
        duty = goods * np.where(np.isnan(cell), settings.duty_percent, cell) / 100
    terms = settings.payment_terms
    if terms.annual_rate_percent == 0:
        return freight, duty, np.zeros(len(v))
    if terms.days_from == "default" or lines.payment_days is None:
        days: np.ndarray | float = terms.default_days
    else:
        cell = lines.payment_days[v]
        days = np.where(np.isnan(cell), terms.default_days, cell)
    credit = goods * (terms.annual_rate_percent / 100) * days / 365
    return freight, duty, credit


def drop_duplicate_quotes(
    lines: QuoteLines, valid: np.ndarray, price_base: np.ndarray, n_items: int
) -> tuple[np.ndarray, np.ndarray]:
    """A supplier that priced an item twice keeps its lower price (order-independent); the other is flagged."""
    positions = np.flatnonzero(valid)
    pair = lines.supplier[positions].astype(np.int64) * max(n_items, 1) + lines.item[positions]
    span = len(lines.suppliers) * max(n_items, 1)
    if span <= 50_000_000:
        repeated = np.bincount(pair, minlength=span)[pair] > 1
    else:
        repeated = pd.Series(pair).duplicated(keep=False).to_numpy()
    duplicate = np.zeros(len(valid), dtype=bool)
    if not repeated.any():
        return valid, duplicate
    dup_pos = positions[repeated]
    order = np.lexsort((lines.row[dup_pos], price_base[dup_pos], pair[repeated]))
    ordered = dup_pos[order]
    ordered_pair = pair[repeated][order]
    later = np.concatenate(([False], ordered_pair[1:] == ordered_pair[:-1]))
    duplicate[ordered[later]] = True
    return valid & ~duplicate, duplicate


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
                f"{len(rest)} {more} (rows {rows_text(lines.row[rest])}).",
                sheet=lines.sheet,
            )
        )
    return findings


def flag_outliers(
    item: np.ndarray,
    cost: np.ndarray,
    count: np.ndarray,
    lowest: np.ndarray,
    highest: np.ndarray,
    settings: BidSettings,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Possible price errors per quote (never removed): reason 1 under a fraction of the median, 2 outside the IQR fence.

    Quantiles come from one sort of the costs within items: the sort key is the item code plus
    the cost's position between the item's lowest and highest cost, scaled into [0, 0.5].
    """
    rules = settings.outliers
    n_items = len(count)
    reason = np.zeros(len(cost), dtype=np.int8)
    if not len(cost) or (rules.below_median_fraction <= 0 and rules.iqr_factor <= 0):
        return np.zeros(len(cost), dtype=bool), reason, np.full(n_items, np.nan)
    span = np.where(highest > lowest, highest - lowest, 1.0)
    key = item + (cost - lowest[item]) / span[item] * 0.5
    # sorting the keys alone is faster than an argsort; costs come back from the keys (relative error ~1e-13)
    sorted_item = np.repeat(np.arange(n_items), count)
    ordered = lowest[sorted_item] + (np.sort(key) - sorted_item) * 2 * span[sorted_item]
    start = np.concatenate(([0], np.cumsum(count)[:-1]))
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
                f"{len(rest)} more prices look like possible errors (rows {rows_text(lines.row[rest])}); "
                "see the Items sheet.",
                sheet=lines.sheet,
            )
        )
    return findings


def switching_costs(
    settings: BidSettings,
    incumbent: np.ndarray,
    items_won: np.ndarray,
    winners: np.ndarray,
    n_suppliers: int,
    incumbent_items: np.ndarray,
    incumbent_known: bool,
) -> np.ndarray:
    """One-off cost of moving business: per non-incumbent supplier, or per item taken over from an incumbent."""
    amount = settings.switching_cost.amount
    if amount <= 0 or not incumbent_known:
        return np.zeros(n_suppliers)
    if settings.switching_cost.basis == "per_supplier":
        takes_any = group_count(winners, n_suppliers) > 0
        return np.where(takes_any & (incumbent_items == 0), amount, 0.0)
    taken_over = (incumbent[items_won] >= 0) & (incumbent[items_won] != winners)
    return group_count(winners[taken_over], n_suppliers) * amount


def one_off_costs(settings: BidSettings, suppliers: tuple[str, ...]) -> np.ndarray:
    """Each supplier's one-off cost if awarded (tooling, NRE): the per-supplier amount plus its own."""
    return np.array([settings.one_off_costs.for_supplier(name) for name in suppliers], dtype=float)


def unknown_one_off_findings(settings: BidSettings, lines: QuoteLines) -> list[Finding]:
    """A one-off cost named for a supplier that is not on the bid sheet would silently cost nothing."""
    known = {name.strip().casefold() for name in lines.suppliers}
    return [
        Finding(
            Severity.WARNING,
            f"The settings give {name} a one-off cost of {amount:,.2f} {settings.base_currency}, but no "
            "supplier of that name is on the bid sheet, so it is not added to anyone.",
            sheet=lines.sheet,
            value=name,
            action="spell the name as on the bid sheet in bids.one_off_costs.suppliers",
        )
        for name, amount in settings.one_off_costs.suppliers
        if name.casefold() not in known
    ]


def supplier_currencies(
    lines: QuoteLines, v: np.ndarray, sup: np.ndarray, n_suppliers: int
) -> tuple[list[str], tuple[str, ...]]:
    """The currencies each supplier quoted in ('EUR, USD'), and all currencies quoted."""
    width = len(lines.currencies) + 1
    pairs = group_count(sup * width + np.maximum(lines.currency[v], 0), n_suppliers * width)
    used = pairs.reshape(n_suppliers, width) > 0
    per_supplier = [
        ", ".join(sorted(lines.currencies[k] for k in np.flatnonzero(row) if k < len(lines.currencies)))
        for row in used
    ]
    overall = tuple(
        sorted(lines.currencies[k] for k in np.flatnonzero(used.any(axis=0)) if k < len(lines.currencies))
    )
    return per_supplier, overall


def items_table(
    lines: QuoteLines,
    quantity: np.ndarray,
    baseline: np.ndarray,
    incumbent: np.ndarray,
    incumbent_names: tuple[str, ...],
    quotes: np.ndarray,
    lowest: np.ndarray,
    highest: np.ndarray,
    median: np.ndarray,
    compared: np.ndarray,
    fill_unit: np.ndarray,
    no_quantity: np.ndarray,
    csup: np.ndarray,
    citm: np.ndarray,
    best: np.ndarray,
    outlier: np.ndarray,
) -> pd.DataFrame:
    """One row per item requested: its quantity and baseline, and how the quotes for it compare."""
    n_items = len(lines.items)
    best_names = names_per_item(lines.suppliers, citm[best], csup[best], n_items)
    outlier_names = names_per_item(lines.suppliers, citm[outlier], csup[outlier], n_items)
    with np.errstate(invalid="ignore", divide="ignore"):
        spread = highest - lowest
        spread_percent = np.where(lowest > 0, spread / lowest * 100, np.nan)
    notes = np.where(
        no_quantity,
        "no quantity: not costed",
        np.where(
            quotes == 0, "not quoted by any supplier", np.where(compared, "compared", "left out (policy)")
        ),
    )
    return pd.DataFrame(
        {
            "description": pd.array(list(lines.descriptions or (None,) * n_items), dtype="str"),
            "unit": pd.array(list(lines.units or (None,) * n_items), dtype="str"),
            "quantity": quantity,
            "baseline_price": baseline,
            "incumbent": pd.array([incumbent_names[k] if k >= 0 else None for k in incumbent], dtype="str"),
            "quotes": quotes,
            "lowest": lowest,
            "highest": highest,
            "median": median,
            "spread": spread,
            "spread_percent": spread_percent,
            "best_suppliers": pd.array(best_names, dtype="str"),
            "outliers": pd.array(outlier_names, dtype="str"),
            "fill_cost_per_unit": np.where(compared, fill_unit, np.nan),
            "status": pd.array(notes.tolist(), dtype="str"),
        },
        index=pd.Index(list(lines.items), name="item", dtype="str"),
    )


def names_per_item(
    suppliers: tuple[str, ...], items: np.ndarray, who: np.ndarray, n_items: int
) -> list[str | None]:
    """Supplier names per item joined with ', ' (in sheet order), None where there are none."""
    out: list[list[str]] = [[] for _ in range(n_items)]
    order = np.lexsort((who, items))
    for i, s in zip(items[order], who[order], strict=True):
        out[i].append(suppliers[s])
    return [", ".join(names) if names else None for names in out]


QUOTE_STATUS = ("compared", "priced, not in the comparison", "not costed (no quantity)")


@dataclass(frozen=True)
class QuoteArrays:
    """Every usable quote with each step of its cost; gathered into a table only when someone asks.

    `positions` are the quote lines used; line-level arrays (row, price, currency...) are read
    through them on demand, so a million-line analysis does not pay for a table nobody opens.
    """

    lines: QuoteLines
    positions: np.ndarray
    rate: np.ndarray  # per line
    unit_price: np.ndarray  # per line: price / units per price x rate
    outlier_rules: tuple[str, ...]
    computed: Mapping[str, np.ndarray]  # per usable quote

    def __len__(self) -> int:
        return len(self.positions)

    def column(self, name: str) -> np.ndarray:
        lines, v = self.lines, self.positions
        at_line = {
            "row": lines.row,
            "supplier": lines.supplier,
            "item": lines.item,
            "price": lines.price,
            "currency": lines.currency,
            "units_per_price": lines.factor,
            "fx_rate": self.rate,
            "unit_price": self.unit_price,
        }
        if name in at_line:
            return at_line[name][v]
        if name == "lead_time":
            return lines.lead_time[v] if lines.lead_time is not None else np.full(len(v), np.nan)
        return self.computed[name]

    def frame(self) -> pd.DataFrame:
        """One row per usable quote, so each total can be recomputed by hand."""
        names = [
            "row", "supplier", "item", "price", "currency", "units_per_price", "fx_rate", "unit_price",
            "quantity", "extended_price", "freight", "duty", "payment_credit", "landed_cost", "cost_per_unit",
            "lead_time", "best", "outlier", "outlier_rule", "status",
        ]  # fmt: skip
        data: dict[str, object] = {name: self.column(name) for name in names}
        lines = self.lines
        currencies = [*lines.currencies, ""]
        currency = self.column("currency")
        data["supplier"] = pd.Categorical.from_codes(
            data["supplier"], categories=pd.Index(list(lines.suppliers))
        )
        data["item"] = pd.Categorical.from_codes(data["item"], categories=pd.Index(list(lines.items)))
        data["currency"] = pd.Categorical.from_codes(
            np.where(currency >= 0, currency, len(currencies) - 1), categories=pd.Index(currencies)
        )
        data["outlier_rule"] = pd.Categorical.from_codes(
            data["outlier_rule"], categories=list(self.outlier_rules)
        )
        data["status"] = pd.Categorical.from_codes(data["status"], categories=list(QUOTE_STATUS))
        return pd.DataFrame(data)


def quote_arrays(
    lines: QuoteLines,
    settings: BidSettings,
    v: np.ndarray,
    rate: np.ndarray,
    price_base: np.ndarray,
    q: np.ndarray,
    goods: np.ndarray,
    freight: np.ndarray,
    duty: np.ndarray,
    credit: np.ndarray,
    landed: np.ndarray,
    unit_cost: np.ndarray,
    best: np.ndarray,
    outlier: np.ndarray,
    reason: np.ndarray,
    status: np.ndarray,
) -> QuoteArrays:
    computed = {
        "quantity": q,
        "extended_price": goods,
        "freight": freight,
        "duty": duty,
        "payment_credit": credit,
        "landed_cost": landed,
        "cost_per_unit": unit_cost,
        "best": best,
        "outlier": outlier,
        "outlier_rule": reason,
        "status": status,
    }
    return QuoteArrays(lines, v, rate, price_base, ("", *outlier_rule_names(settings)), computed)


def outlier_rule_names(settings: BidSettings) -> tuple[str, str]:
    return (
        f"under {settings.outliers.below_median_fraction:g} x the median",
        f"outside Q1 - {settings.outliers.iqr_factor:g} x IQR .. Q3 + {settings.outliers.iqr_factor:g} x IQR",
    )
