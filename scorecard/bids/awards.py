"""Award scenarios: who could be given the business, and what each way of awarding it costs.

Built from a bid analysis plus the suppliers that may NOT be awarded (disqualified
by the scoring's knock-outs, or not on the supplier sheet), which the pipeline
passes in as data: the bids stage never re-scores. Only eligible suppliers take
part in the cherry-pick and set the "best single award" reference; ineligible
ones are listed apart (kind `NOT_ELIGIBLE`). The frame holds codes and numbers
only: tables/bids.py names each scenario and writes its note (a hypothetical
award with its reason, what a partial award or the cherry-pick leaves out).

Every scenario states the items it actually covers, its one-off costs, and its
savings four ways, each labelled: on price and on landed cost (freight, duty,
payment terms), against the baseline prices and against the incumbents' quotes,
over the items the scenario awards.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from scorecard.bids.grouped import group_count, group_min, group_sum
from scorecard.bids.item_prices import TIE_TOLERANCE
from scorecard.bids.items import ItemStatus
from scorecard.bids.quotes import QuoteArrays
from scorecard.bids.settings import BidSettings
from scorecard.bids.totals import switching_costs

AWARD_ALL = "award_all"
CHERRY_PICK = "cherry_pick"
INCUMBENT = "incumbent"
NOT_ELIGIBLE = "award_all_not_eligible"

# The scenario frame holds codes and numbers; tables/bids.py writes each scenario's name and note from them.
SCENARIO_COLUMNS = (
    "kind",
    "eligible",
    "suppliers",
    "suppliers_needed",
    "items_covered",
    "items_compared",
    "total_cost",
    "one_off_costs",
    "saving_vs_best_single_award",
    "price_saving_vs_baseline",
    "landed_saving_vs_baseline",
    "price_saving_vs_incumbent",
    "landed_saving_vs_incumbent",
    "reference",  # the best single award's supplier (None if no eligible supplier has a total), every row
    "reference_items",  # the items it quoted: fewer than items_compared when no eligible one quoted all
    "switching_costs",  # cherry-pick: the fixed costs of using more suppliers (0 elsewhere)
    "freight_lump_sums",
    "items_without_quote",  # cherry-pick: compared items no eligible supplier quoted
    "dearer_by",  # cherry-pick: how much more it costs than the best single award (0 if not dearer)
    "items_at_baseline",  # keep every incumbent: items priced at the baseline (the incumbent did not quote)
    "cannot_award",  # keep every incumbent: the incumbents that cannot be awarded (a tuple of names)
)
# what a scenario leaves at its default where the figure does not apply to its kind
NOT_APPLICABLE = {
    "switching_costs": 0.0,
    "freight_lump_sums": 0.0,
    "items_without_quote": 0,
    "dearer_by": 0.0,
    "items_at_baseline": 0,
    "cannot_award": (),
}


@dataclass(frozen=True)
class QuoteView:
    """The compared quotes as arrays, with each item's baseline and incumbent quote alongside."""

    supplier: np.ndarray
    item: np.ndarray
    quantity: np.ndarray
    unit_price: np.ndarray
    landed: np.ndarray
    unit_cost: np.ndarray
    baseline: np.ndarray  # per item
    incumbent: (
        np.ndarray
    )  # per item: supplier code, codes >= n_suppliers for incumbents without a bid, -1 none
    incumbent_price: np.ndarray  # per item: the incumbent's own unit price, NaN if it did not quote
    incumbent_landed: np.ndarray  # per item
    compared: np.ndarray  # per item: in the comparison
    names: tuple[str, ...]  # by supplier code: the bidders, then incumbents that did not bid


def quote_view(quotes: QuoteArrays | None, suppliers: pd.DataFrame, items: pd.DataFrame) -> QuoteView:
    """The compared quotes (status 'compared') and the per-item references the savings need."""
    n_items = len(items)
    names = [str(name) for name in suppliers.index]
    incumbent_names = items["incumbent"].astype(object).to_numpy()
    others = sorted({str(n) for n in incumbent_names if isinstance(n, str) and n not in names})
    code_of = {name: k for k, name in enumerate(names + others)}
    incumbent = np.array(
        [code_of[n] if isinstance(n, str) else -1 for n in incumbent_names], dtype=np.int64
    ).reshape(n_items)
    empty = np.zeros(0)
    if quotes is None or not len(quotes):
        sup = itm = np.zeros(0, dtype=np.int64)
        q = price = landed = cost = empty
    else:
        inside = quotes.column("status") == 0
        sup, itm = quotes.column("supplier")[inside], quotes.column("item")[inside]
        q, price = quotes.column("quantity")[inside], quotes.column("unit_price")[inside]
        landed, cost = quotes.column("landed_cost")[inside], quotes.column("cost_per_unit")[inside]
    own = incumbent[itm] == sup
    incumbent_price = np.full(n_items, np.nan)
    incumbent_price[itm[own]] = price[own]
    incumbent_landed = np.full(n_items, np.nan)
    incumbent_landed[itm[own]] = landed[own]
    return QuoteView(
        supplier=sup,
        item=itm,
        quantity=q,
        unit_price=price,
        landed=landed,
        unit_cost=cost,
        baseline=items["baseline_price"].to_numpy(dtype=float),
        incumbent=incumbent,
        incumbent_price=incumbent_price,
        incumbent_landed=incumbent_landed,
        compared=(items["status"].astype(str) == ItemStatus.COMPARED).to_numpy(),
        names=tuple(names + others),
    )


def grouped_savings(view: QuoteView, chosen: np.ndarray, groups: np.ndarray, n: int) -> dict[str, np.ndarray]:
    """Savings of the chosen quotes per group (e.g. per supplier), four ways; NaN where no quote of the
    group has the reference. One grouped sum per figure, so every supplier's row costs one pass.

    Price: quantity x (reference price - unit price). Landed: reference landed cost - landed cost,
    where the baseline's landed cost is its price x quantity (a baseline has no freight or duty).
    """
    itm, q = view.item[chosen], view.quantity[chosen]
    price, landed = view.unit_price[chosen], view.landed[chosen]
    base, inc_price, inc_landed = view.baseline[itm], view.incumbent_price[itm], view.incumbent_landed[itm]
    with_base, with_inc = ~np.isnan(base), ~np.isnan(inc_price)
    has_base = group_count(groups[with_base], n) > 0
    has_inc = group_count(groups[with_inc], n) > 0

    def summed(mask: np.ndarray, values: np.ndarray, present: np.ndarray) -> np.ndarray:
        return np.where(present, group_sum(groups[mask], values[mask], n), np.nan)

    return {
        "price_saving_vs_baseline": summed(with_base, (base - price) * q, has_base),
        "landed_saving_vs_baseline": summed(with_base, base * q - landed, has_base),
        "price_saving_vs_incumbent": summed(with_inc, (inc_price - price) * q, has_inc),
        "landed_saving_vs_incumbent": summed(with_inc, inc_landed - landed, has_inc),
    }


def savings(view: QuoteView, chosen: np.ndarray) -> dict[str, float]:
    """Savings of awarding the chosen quotes (one scenario), four ways."""
    chosen = np.flatnonzero(chosen) if chosen.dtype == bool else chosen
    one = np.zeros(len(chosen), dtype=np.int64)
    return {key: float(value[0]) for key, value in grouped_savings(view, chosen, one, 1).items()}


def award_scenarios(
    quotes: QuoteArrays | None,
    suppliers: pd.DataFrame,
    items: pd.DataFrame,
    settings: BidSettings,
    not_eligible: Mapping[str, str],
) -> pd.DataFrame:
    """Award all to each eligible supplier; cherry-pick among them; keep every incumbent; then, apart,
    what awarding all to each ineligible supplier would cost (hypothetical, with its reason)."""
    view = quote_view(quotes, suppliers, items)
    names = [str(name) for name in suppliers.index]
    n_suppliers = len(names)
    n_compared = int(view.compared.sum())
    total = suppliers["total_cost"].to_numpy(dtype=float)
    has_total = ~np.isnan(total)
    barred = np.array([name in not_eligible for name in names], dtype=bool)
    awardable = has_total & ~barred
    covered = group_count(view.supplier, n_suppliers)
    one_off = suppliers["one_off_costs"].to_numpy(dtype=float)
    reference = best_single_award(total, awardable, covered == n_compared)
    ref_cost = total[reference] if reference is not None else np.nan
    shared = {
        "reference": names[reference] if reference is not None else None,
        "reference_items": int(covered[reference]) if reference is not None else 0,
    }

    per_supplier = grouped_savings(view, np.arange(len(view.supplier)), view.supplier, n_suppliers)
    rows: list[dict[str, object]] = []
    for s in np.flatnonzero(awardable):
        rows.append(
            award_all_row(
                per_supplier, names, s, covered, n_compared, total, one_off, ref_cost, eligible=True
            )
        )
    if len(view.item) and awardable.any():
        rows.append(cherry_pick_row(view, names, settings, awardable, n_compared, ref_cost))
    if (view.incumbent >= 0).any():
        rows.append(incumbent_row(view, names, n_compared, ref_cost, not_eligible))
    for s in np.flatnonzero(has_total & barred):
        rows.append(
            award_all_row(
                per_supplier, names, s, covered, n_compared, total, one_off, ref_cost, eligible=False
            )
        )
    frame = pd.DataFrame([NOT_APPLICABLE | row | shared for row in rows], columns=list(SCENARIO_COLUMNS))
    return frame.astype(
        {
            "suppliers_needed": "int64",
            "items_covered": "int64",
            "items_compared": "int64",
            "total_cost": float,
            "reference_items": "int64",
            "items_without_quote": "int64",
            "items_at_baseline": "int64",
        }
    )


def best_single_award(total: np.ndarray, awardable: np.ndarray, full: np.ndarray) -> int | None:
    """The cheapest eligible supplier that quoted every compared item; if none did, the cheapest eligible one
    (its note then states its coverage: its total counts the items it did not quote at the fill cost)."""
    for pool in (awardable & full, awardable):
        if pool.any():
            return int(np.flatnonzero(pool)[np.argmin(total[pool])])
    return None


def award_all_row(
    per_supplier: dict[str, np.ndarray],
    names: list[str],
    s: int,
    covered: np.ndarray,
    n_compared: int,
    total: np.ndarray,
    one_off: np.ndarray,
    ref_cost: float,
    *,
    eligible: bool,
) -> dict[str, object]:
    quoted = int(covered[s])
    return {
        "kind": AWARD_ALL if eligible else NOT_ELIGIBLE,
        "eligible": eligible,
        "suppliers": names[s],
        "suppliers_needed": 1,
        "items_covered": quoted,
        "items_compared": n_compared,
        "total_cost": total[s],
        "one_off_costs": one_off[s],
        "saving_vs_best_single_award": ref_cost - total[s],
        **{key: float(values[s]) for key, values in per_supplier.items()},
    }


def cherry_pick_row(
    view: QuoteView,
    names: list[str],
    settings: BidSettings,
    awardable: np.ndarray,
    n_compared: int,
    ref_cost: float,
) -> dict[str, object]:
    """Each compared item to the eligible quote with the lowest cost per unit, plus each used supplier's
    fixed costs (freight lump sum, one-off tooling/NRE, switching): says so when that ends dearer."""
    chosen = cheapest_quotes(view, len(names), awardable)
    winners, items_won = view.supplier[chosen], view.item[chosen]
    used = np.unique(winners)
    n_suppliers = len(names)
    incumbent_items = group_count(
        view.incumbent[(view.incumbent >= 0) & (view.incumbent < n_suppliers)], n_suppliers
    )
    switching = switching_costs(
        settings,
        view.incumbent,
        items_won,
        winners,
        n_suppliers,
        incumbent_items,
        bool((view.incumbent >= 0).any()),
    ).sum()
    one_off = sum(settings.one_off_costs.for_supplier(names[s]) for s in used)
    lump = settings.freight.lump_sum * len(used)
    cost_total = float(view.landed[chosen].sum() + lump + one_off + switching)
    saving = ref_cost - cost_total
    dearer = saving if saving < -TIE_TOLERANCE * abs(ref_cost) else 0.0  # float noise is no "dearer"
    return {
        "kind": CHERRY_PICK,
        "eligible": True,
        "suppliers": ", ".join(names[s] for s in used),
        "suppliers_needed": len(used),
        "items_covered": len(chosen),
        "items_compared": n_compared,
        "total_cost": cost_total,
        "one_off_costs": float(one_off),
        "saving_vs_best_single_award": saving,
        **savings(view, chosen),
        "switching_costs": float(switching),
        "freight_lump_sums": float(lump),
        "items_without_quote": n_compared - len(chosen),
        "dearer_by": -dearer,
    }


def cheapest_quotes(view: QuoteView, n_suppliers: int, awardable: np.ndarray) -> np.ndarray:
    """Per compared item, the eligible quote with the lowest cost per unit; a tie goes to the supplier that
    is best on more items (then the first in the sheet), so fewer suppliers are needed."""
    n_items = len(view.baseline)
    in_play = np.flatnonzero(awardable[view.supplier])
    sup, itm, cost = view.supplier[in_play], view.item[in_play], view.unit_cost[in_play]
    lowest = group_min(itm, cost, n_items)
    is_best = cost - lowest[itm] <= TIE_TOLERANCE * np.abs(lowest[itm])
    wins = group_count(sup[is_best], n_suppliers)
    candidates = np.flatnonzero(is_best)
    order = np.lexsort((sup[candidates], -wins[sup[candidates]], itm[candidates]))
    ordered = candidates[order]
    first = np.concatenate(([True], itm[ordered][1:] != itm[ordered][:-1]))
    return in_play[ordered[first]]


def incumbent_row(
    view: QuoteView, names: list[str], n_compared: int, ref_cost: float, not_eligible: Mapping[str, str]
) -> dict[str, object]:
    """Each item stays with its incumbent: at the incumbent's new quote, else its baseline price."""
    n_items = len(view.baseline)
    quote = np.full(n_items, np.nan)
    own = view.incumbent[view.item] == view.supplier
    quantity = np.full(n_items, np.nan)
    quantity[view.item] = view.quantity
    quote[view.item[own]] = view.landed[own]
    cost = np.where(np.isnan(quote), view.baseline * quantity, quote)
    known = view.compared & (view.incumbent >= 0)
    covered = known & ~np.isnan(cost)
    from_baseline = covered & np.isnan(quote)
    who = sorted({view.names[k] for k in view.incumbent[covered]})
    barred = tuple(name for name in who if name in not_eligible)
    total = float(cost[covered].sum()) if covered.any() else np.nan
    chosen = np.flatnonzero(own & covered[view.item])
    return {
        "kind": INCUMBENT,
        "eligible": not barred,
        "suppliers": ", ".join(who),
        "suppliers_needed": len(who),
        "items_covered": int(covered.sum()),
        "items_compared": n_compared,
        "total_cost": total,
        "one_off_costs": 0.0,
        "saving_vs_best_single_award": ref_cost - total if covered.sum() == n_compared else np.nan,
        **savings(view, chosen),
        "items_at_baseline": int(from_baseline.sum()),
        "cannot_award": barred,
    }
