"""The bids as a buyer reads them: the Bids, Items and Scenarios sheets, from the stage's `BidResult`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol

import pandas as pd

from scorecard.bids.awards import AWARD_ALL, CHERRY_PICK, INCUMBENT, NOT_ELIGIBLE
from scorecard.bids.items import ItemStatus
from scorecard.bids.policy import SupplierStatus
from scorecard.numbers import beside_limit
from scorecard.report import ColumnFormat, ReportTable
from scorecard.tables.bid_method import outlier_line, partial_bid_policy_text

if TYPE_CHECKING:
    from scorecard.bids.result import BidResult

SUPPLIER_COLUMNS: tuple[tuple[str, str, ColumnFormat], ...] = (
    # (result column, buyer's heading, format); {cur} becomes the base currency
    ("status", "Status", "text"),
    ("items_quoted", "Items quoted", "integer"),
    ("items_requested", "Items requested", "integer"),
    ("coverage", "Coverage", "percent"),
    ("value_coverage", "Coverage of baseline value", "percent"),
    ("goods_value", "Bid value ({cur})", "money"),
    ("freight", "Freight ({cur})", "money"),
    ("duty", "Duty ({cur})", "money"),
    ("payment_credit", "Payment-term credit ({cur})", "money"),
    ("switching_cost", "Switching cost ({cur})", "money"),
    ("one_off_costs", "One-off costs: tooling/NRE ({cur})", "money"),
    ("items_filled", "Items filled (not quoted)", "integer"),
    ("fill_value", "Filled value ({cur})", "money"),
    ("total_cost", "Total cost of ownership ({cur})", "money"),
    ("average_lead_time", "Average lead time (days)", "number"),
    ("savings_vs_baseline", "Price saving vs baseline, items quoted ({cur})", "money"),
    ("savings_vs_baseline_percent", "Price saving vs baseline, items quoted", "percent"),
    ("landed_savings_vs_baseline", "Landed-cost saving vs baseline, items quoted ({cur})", "money"),
    ("savings_vs_incumbent", "Price saving vs incumbent, items quoted ({cur})", "money"),
    ("landed_savings_vs_incumbent", "Landed-cost saving vs incumbent, items quoted ({cur})", "money"),
    ("best_price_items", "Items at best price", "integer"),
    ("currencies", "Quoted in", "text"),
)
PERCENT_POINTS = ("coverage", "value_coverage", "savings_vs_baseline_percent")
# the Items sheet's "In comparison" column, for the stage's item status codes
ITEM_STATUS_WORDS = {
    ItemStatus.COMPARED: "compared",
    ItemStatus.NO_QUANTITY: "no quantity: not costed",
    ItemStatus.NOT_QUOTED: "not quoted by any supplier",
    ItemStatus.LEFT_OUT: "left out (policy)",
}
# the Bids sheet's "Status" column, for the stage's supplier status codes (a knockout adds the numbers)
SUPPLIER_STATUS_WORDS = {
    SupplierStatus.COMPARED: "Compared",
    SupplierStatus.NO_QUOTE: "No quote",
    SupplierStatus.KNOCKED_OUT: "Knocked out",
    SupplierStatus.NO_COMMON_ITEM: "Not compared: no item was quoted by every supplier",
}


def bid_tables(result: BidResult) -> list[ReportTable]:
    """'Bids' (per-supplier totals), 'Items' (best price highlighted) and 'Scenarios'."""
    return [bids_table(result), items_table(result), scenarios_table(result)]


def bids_table(result: BidResult) -> ReportTable:
    """Per-supplier totals in the base currency, every figure the cost criteria read beside how it is made."""
    cur = result.base_currency
    barred = dict(result.not_eligible)
    names = result.suppliers.index.astype(str)
    frame = pd.DataFrame(
        {
            "Supplier": names,
            "Can be awarded": [f"No: {barred[n]}" if n in barred else "Yes" for n in names],
        }
    )
    formats: list[tuple[str, ColumnFormat]] = [("Supplier", "text"), ("Can be awarded", "text")]
    for key, heading, fmt in SUPPLIER_COLUMNS:
        title = heading.format(cur=cur)
        values = supplier_status_texts(result) if key == "status" else result.suppliers[key].to_numpy()
        frame[title] = values / 100 if key in PERCENT_POINTS else values
        formats.append((title, fmt))
    intro = (
        f'Bids from sheet "{result.sheet}", compared in {cur}. {partial_bid_policy_text(result.settings)}',
        "Total cost of ownership = bid value + freight + duty - payment-term credit + switching cost "
        "+ filled value; the Method sheet gives each formula.",
    )
    return ReportTable("Bids", frame, intro=intro, formats=tuple(formats))


def supplier_status_texts(result: BidResult) -> list[str]:
    """Each supplier's status in words; a knocked-out supplier's names its coverage and the threshold, with
    as many decimals as keep them apart (66.67% against a 66.7% threshold)."""
    threshold = result.settings.coverage_threshold
    texts = []
    for code, coverage in zip(result.suppliers["status"], result.suppliers["coverage"], strict=True):
        words = SUPPLIER_STATUS_WORDS[SupplierStatus(code)]
        if code == SupplierStatus.KNOCKED_OUT:
            shown, limit = beside_limit(coverage, threshold)
            words += f": coverage {shown}% is below the {limit}% threshold"
        texts.append(words)
    return texts


def items_table(result: BidResult) -> ReportTable:
    """Cost per unit per supplier and item (base currency), the best cell(s) of each item highlighted."""
    cur = result.base_currency
    items = result.items
    best_names, cheaper_barred = result.best_eligible()
    fixed: list[tuple[str, object, ColumnFormat]] = [
        ("Item", items.index.astype(str), "text"),
        ("Description", items["description"].to_numpy(), "text"),
        ("Unit", items["unit"].to_numpy(), "text"),
        ("Quantity", items["quantity"].to_numpy(), "number"),
        (f"Baseline price ({cur})", items["baseline_price"].to_numpy(), "money"),
        ("Incumbent", items["incumbent"].to_numpy(), "text"),
    ]
    tail: list[tuple[str, object, ColumnFormat]] = [
        (f"Lowest ({cur})", items["lowest"].to_numpy(), "money"),
        (f"Highest ({cur})", items["highest"].to_numpy(), "money"),
        (f"Spread ({cur})", items["spread"].to_numpy(), "money"),
        ("Spread (% of lowest)", items["spread_percent"].to_numpy() / 100, "percent"),
        ("Best price", pd.array(best_names, dtype="str"), "text"),
        ("Cheaper but not eligible", pd.array(cheaper_barred, dtype="str"), "text"),
        ("Possible errors", items["outliers"].to_numpy(), "text"),
        ("In comparison", pd.array([ITEM_STATUS_WORDS[s] for s in items["status"]], dtype="str"), "text"),
    ]
    suppliers = list(result.suppliers.index.astype(str))
    shown = [name if result.eligible(name) else f"{name} (not eligible)" for name in suppliers]
    headers = unique_headers(shown, {name for name, _, _ in fixed})
    cost, best = result.cost_matrix()
    frame = pd.concat(
        [
            pd.DataFrame({name: values for name, values, _ in fixed}),
            pd.DataFrame(cost, columns=headers),
            pd.DataFrame({name: values for name, values, _ in tail}),
        ],
        axis=1,
    )
    formats = [(n, f) for n, _, f in fixed] + [(h, "money") for h in headers] + [(n, f) for n, _, f in tail]
    highlight = pd.DataFrame(False, index=frame.index, columns=frame.columns)
    highlight[headers] = best
    intro = (
        f"Cost per unit in {cur} for each supplier and item: price / units per priced unit x exchange "
        "rate, plus freight, duty and payment-term effect per unit. The best cost of each item is "
        "highlighted (every supplier in a tie). Best price is among the suppliers that can be awarded; "
        'a supplier that cannot (disqualified, or not evaluated) is marked "(not eligible)" and listed '
        'under "Cheaper but not eligible" where its price is lower.',
        outlier_line(result.settings),
    )
    return ReportTable("Items", frame, intro=intro, formats=tuple(formats), highlight=highlight)


def scenarios_table(result: BidResult) -> ReportTable:
    """The award scenarios among the suppliers that can be awarded, with what each saves."""
    cur = result.base_currency
    s = result.scenarios
    columns: list[tuple[str, str, ColumnFormat]] = [
        ("scenario", "Scenario", "text"),
        ("suppliers", "Suppliers", "text"),
        ("suppliers_needed", "Suppliers needed", "integer"),
        ("items_covered", "Items covered (quoted)", "integer"),
        ("items_compared", "Items compared", "integer"),
        ("total_cost", f"Total cost of the award, landed ({cur})", "money"),
        ("one_off_costs", f"of which one-off tooling/NRE ({cur})", "money"),
        ("saving_vs_best_single_award", f"Saving vs best single award, landed ({cur})", "money"),
        ("landed_saving_vs_baseline", f"Landed-cost saving vs baseline ({cur})", "money"),
        ("price_saving_vs_baseline", f"Price saving vs baseline ({cur})", "money"),
        ("landed_saving_vs_incumbent", f"Landed-cost saving vs incumbent ({cur})", "money"),
        ("price_saving_vs_incumbent", f"Price saving vs incumbent ({cur})", "money"),
        ("note", "Note", "text"),
    ]
    words = scenario_words(s, dict(result.not_eligible))
    frame = pd.DataFrame({title: words[key].to_numpy() for key, title, _ in columns})
    formats: tuple[tuple[str, ColumnFormat], ...] = tuple((title, fmt) for _, title, fmt in columns)
    barred = dict(result.not_eligible)
    intro = (
        f"Award scenarios on the {result.compared_items} items in the comparison, in {cur}. Only suppliers "
        "that can be awarded take part"
        + (f" ({len(barred)} cannot: see the rows marked Hypothetical at the end)" if barred else "")
        + ". The best single award is the cheapest eligible supplier that quoted every item; a positive "
        "saving means the scenario costs less than it. Savings against the baseline and the incumbents "
        "cover the items each scenario awards: on price (quantity x price difference) and on landed cost "
        "(with freight, duty and payment terms).",
    )
    return ReportTable("Scenarios", frame, intro=intro, formats=formats)


class ScenarioRow(Protocol):
    """A row of the stage's scenario frame (`bids.awards.SCENARIO_COLUMNS`), as `itertuples` gives it."""

    kind: str
    suppliers: str
    items_covered: int
    items_compared: int
    one_off_costs: float
    reference: str | None
    reference_items: int
    switching_costs: float
    freight_lump_sums: float
    items_without_quote: int
    dearer_by: float
    items_at_baseline: int
    cannot_award: tuple[str, ...]


def scenario_words(scenarios: pd.DataFrame, not_eligible: Mapping[str, str]) -> pd.DataFrame:
    """The stage's scenario frame with each scenario's name and note written out (same rows, same order)."""
    frame = scenarios.copy()
    rows: list[ScenarioRow] = list(scenarios.itertuples(index=False))
    frame["scenario"] = [scenario_name(row) for row in rows]
    frame["note"] = [scenario_note(row, not_eligible) for row in rows]
    return frame


def scenario_name(row: ScenarioRow) -> str:
    """'Award all to Acme', 'Cherry-pick the lowest cost per item', ... for a row of the scenario frame."""
    if row.kind == AWARD_ALL:
        return f"Award all to {row.suppliers}"
    if row.kind == NOT_ELIGIBLE:
        return f"Hypothetical: award all to {row.suppliers}"
    if row.kind == CHERRY_PICK:
        return "Cherry-pick the lowest cost per item"
    return "Keep every incumbent"


def scenario_note(row: ScenarioRow, not_eligible: Mapping[str, str]) -> str:
    """What a scenario covers and leaves out, and why a hypothetical one cannot be awarded."""
    if row.kind == INCUMBENT:
        return incumbent_note(row)
    note = cherry_pick_note(row) if row.kind == CHERRY_PICK else partial_award_note(row)
    if row.kind == NOT_ELIGIBLE:
        reason = not_eligible[row.suppliers]
        return f"Hypothetical, cannot be awarded: {reason}. {note} Shown only to compare.".strip()
    return "; ".join(part for part in (note, reference_note(row)) if part)


def partial_award_note(row: ScenarioRow) -> str:
    """Awarding all to a supplier that did not quote every item: someone else would supply the rest."""
    quoted, compared = row.items_covered, row.items_compared
    if quoted == compared:
        return ""
    return (
        f"quoted {quoted} of {compared} items; its total counts the {compared - quoted} it did not "
        "quote at the fill cost (partial-bid policy), and someone else would have to supply them"
    )


def reference_note(row: ScenarioRow) -> str:
    """Which supplier the savings are measured against, when it is not one that quoted every item."""
    if row.reference is None:
        return "no eligible supplier has a total, so there is no single-award reference"
    if row.reference_items == row.items_compared:
        return ""
    return (
        f"no eligible supplier quoted all {row.items_compared} items, so the single-award reference is "
        f"{row.reference}, which quoted {row.reference_items} (the rest counted at the fill cost)"
    )


def cherry_pick_note(row: ScenarioRow) -> str:
    """What the cherry-pick includes, what it misses, and a warning when it costs more than one award."""
    parts = [
        "each item to the eligible supplier with the lowest landed cost per unit; ties to the one lowest on more items"
    ]
    fixed = (
        ("switching", row.switching_costs),
        ("one-off tooling/NRE", row.one_off_costs),
        ("freight lump sums", row.freight_lump_sums),
    )
    costs = [f"{label} {amount:,.2f}" for label, amount in fixed if amount]
    if costs:
        parts.append("fixed costs included: " + ", ".join(costs))
    if row.items_without_quote > 0:
        parts.append(f"{row.items_without_quote} compared item(s) have no quote from an eligible supplier")
    if row.reference is not None and row.dearer_by > 0:
        parts.append(
            f"DEARER than awarding all to {row.reference} by {row.dearer_by:,.2f}: the item savings do not "
            "cover the fixed costs of using more suppliers"
        )
    return "; ".join(parts)


def incumbent_note(row: ScenarioRow) -> str:
    """How many items keeping the incumbents prices, at which price, and who among them cannot be awarded."""
    parts = [f"{row.items_covered} of {row.items_compared} compared items have an incumbent with a price"]
    if row.items_at_baseline:
        parts.append(
            f"{row.items_at_baseline} at the baseline price because the incumbent did not quote them"
        )
    if row.cannot_award:
        parts.append(
            "includes "
            + ", ".join(row.cannot_award)
            + ", which cannot be awarded (see the hypothetical rows)"
        )
    return "; ".join(parts)


def unique_headers(names: list[str], taken: set[str]) -> list[str]:
    """Supplier columns of the Items table: the supplier's name, made unique against the fixed headings."""
    out, seen = [], set(taken)
    for name in names:
        header, n = name, 2
        while header in seen:
            header, n = f"{name} ({n})", n + 1
        seen.add(header)
        out.append(header)
    return out
