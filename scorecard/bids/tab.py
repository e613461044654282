"""A published bid tab, read as the layout stage found it: one price column per bidder, the owner's
estimate as the baseline, and the sheet's own totals cross-checked against its items.

The layout stage (`scorecard.layout.bid_tabs`) decides where the bidders, items and total rows are;
this module only reads those cells into the plain wide table `read_wide` takes, so the same bids give
the same figures however the tab was typed.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from scorecard.bids.number_cells import number_cells
from scorecard.bids.settings import COLUMN_SYNONYMS, BidSettings
from scorecard.clean import HintSource, ValueKind
from scorecard.errors import Finding, Severity
from scorecard.layout import ColumnGroup, SheetLayout
from scorecard.read import Sheet

SUBTOTAL = ("sub", "section")  # a total row whose label starts so is a section's subtotal


def role_header(role: str) -> str:
    """The plain header the bid reader knows a role by (its first synonym)."""
    return COLUMN_SYNONYMS[role][0]


def bid_tab_table(
    sheet: Sheet, layout: SheetLayout, settings: BidSettings
) -> tuple[pd.DataFrame, BidSettings]:
    """The bid tab's item rows as a plain wide table (a price column per bidder) and the settings to read it."""
    rows = list(layout.detail) if isinstance(layout.detail, tuple) else list(sheet.table.index)
    source = sheet.table.loc[rows]
    columns = dict(layout.columns)
    frame = pd.DataFrame(index=source.index)
    if "item" in columns:
        key = source[columns["item"]].map(lambda v: "" if v is None or v != v else label(v))
        if columns.get("item_with_description") and "description" in columns:
            # a spec code repeats across sections: the code and the description together name the item
            key = (
                key + " " + source[columns["description"]].map(lambda v: "" if v is None else str(v).strip())
            )
        frame[role_header("item")] = key.str.strip().replace("", None)
    for role in ("description", "quantity", "unit", "currency"):
        if role in columns:
            frame[role_header(role)] = source[columns[role]]
    if layout.owner is not None and layout.owner.price:
        frame[role_header("baseline_price")] = source[layout.owner.price]
    bidders = []
    for group in layout.groups:
        if group.kind == "supplier" and group.price:
            frame[group.name] = source[group.price]
            bidders.append(group.name)
    frame.index.name = sheet.table.index.name
    plain = tuple(
        (role, (role_header(role),))
        for role in ("item", "description", "quantity", "unit", "currency", "baseline_price")
    )
    return frame, replace(
        settings, shape="wide", supplier_columns=tuple(bidders), columns=plain + settings.columns
    )


def label(value: object) -> str:
    """An item number as the buyer typed it: 1.0 read from Excel is line '1'."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def money(value: object, sheet: str, column: str, decimal_hint: HintSource = None) -> float:
    """One cell read as an amount (a published total, a rank); NaN when it holds none."""
    read = number_cells(
        pd.Series([value], dtype=object),
        ValueKind.MONEY,
        sheet=sheet,
        column=column,
        decimal_hint=decimal_hint,
    )
    return float(read.values[0]) if read.present[0] else float("nan")


def amounts(sheet: Sheet, rows: list[int], header: str, decimal_hint: HintSource = None) -> np.ndarray:
    """A column's item rows read as amounts, the column deciding its decimal mark as the bid reader does."""
    cells = sheet.table.loc[rows, header]
    return number_cells(
        cells, ValueKind.MONEY, sheet=sheet.name, column=header, decimal_hint=decimal_hint
    ).values


def grid_value(sheet: Sheet, row: int, header: str) -> object:
    """A cell of a row the reader left out of the table (a totals row), found through the raw grid."""
    if row in sheet.table.index:
        return sheet.table.at[row, header]
    from scorecard.layout.bid_tabs import header_cells

    column = next((h.column for h in header_cells(sheet) if h.header == header), None)
    cells = sheet.cells[row - 1] if 0 < row <= len(sheet.cells) else []
    return cells[column] if column is not None and column < len(cells) else None


def total_findings(sheet: Sheet, layout: SheetLayout, decimal_hint: HintSource = None) -> list[Finding]:
    """The tab's own subtotals and grand total against the sum of its items, per bidder (and the owner).

    Quantity x unit price is added up over the items of each section (and of the whole tab); a total row
    that differs by more than a cent is a warning naming the row, the column and both figures.
    `decimal_hint`: the workbook's evidence for the decimal mark (`clean.decimal_evidence`).
    """
    items = list(layout.detail) if isinstance(layout.detail, tuple) else []
    if not layout.skipped_rows or not items:
        return []
    findings: list[Finding] = []
    for group in layout.groups:
        if group.price and group.total:
            findings += group_totals(sheet, layout, group, items, decimal_hint)
    return findings


def extensions(
    sheet: Sheet, layout: SheetLayout, group: ColumnGroup, items: list[int], decimal_hint: HintSource = None
) -> dict[int, float]:
    """Quantity x unit price of each item row for one group (0 where either is missing)."""
    quantity_header = dict(layout.columns).get("quantity")
    price = amounts(sheet, items, group.price, decimal_hint)
    quantity = (
        np.ones(len(items))
        if quantity_header is None
        else amounts(sheet, items, quantity_header, decimal_hint)
    )
    worked = np.where(np.isfinite(price) & np.isfinite(quantity), price * quantity, 0.0)
    return dict(zip(items, worked.tolist(), strict=True))


def group_totals(
    sheet: Sheet, layout: SheetLayout, group: ColumnGroup, items: list[int], decimal_hint: HintSource = None
) -> list[Finding]:
    """One group's total rows against its items: a warning per differing row, else one note that they match."""
    worked = extensions(sheet, layout, group, items, decimal_hint)
    findings: list[Finding] = []
    start = min(items)
    checked = 0
    for row, text in layout.skipped_rows:
        is_subtotal = text.strip().casefold().startswith(SUBTOTAL)
        covered = [r for r in items if (start <= r < row if is_subtotal else r < row)]
        start = row if is_subtotal else start
        published = money(grid_value(sheet, row, group.total), sheet.name, group.total, decimal_hint)
        if not np.isfinite(published) or not covered:
            continue
        ours = sum(worked[r] for r in covered)
        checked += 1
        if abs(ours - published) > max(0.01, 1e-9 * abs(published)):
            findings.append(
                Finding(
                    Severity.WARNING,
                    f"The sheet's {text.rstrip(':')} for {group.name} is {published:,.2f}, but its "
                    f"{len(covered)} item(s) above add up to {ours:,.2f} (quantity x unit price; a difference "
                    f"of {ours - published:+,.2f}). The items are scored, not the sheet's total.",
                    sheet=sheet.name,
                    row=row,
                    column=group.total,
                    value=f"{published:,.2f}",
                    action="check the bid tab's arithmetic or the unit prices with the bidder",
                )
            )
    if checked and not findings:
        findings.append(
            Finding(
                Severity.INFO,
                f"The sheet's totals for {group.name} match its items ({checked} total row(s) checked).",
                sheet=sheet.name,
                column=group.total,
                action="cross-checked",
            )
        )
    return findings


def rank_findings(sheet: Sheet, layout: SheetLayout, totals: pd.Series) -> list[Finding]:
    """A published rank ('Pos') column against our order by total cost: a warning where they disagree."""
    columns = dict(layout.columns)
    rank_header, supplier_header = columns.get("rank"), columns.get("supplier")
    if rank_header is None or supplier_header is None or totals.empty:
        return []
    from scorecard.names import supplier_key

    published: dict[str, float] = {}
    for name, rank in zip(sheet.table[supplier_header], sheet.table[rank_header], strict=True):
        value = money(rank, sheet.name, rank_header)
        if name is not None and np.isfinite(value):
            published.setdefault(supplier_key(str(name)), value)
    ours = totals.dropna().rank(method="min")
    disagree = [
        (str(name), int(ours[name]), int(published[supplier_key(str(name))]))
        for name in ours.index
        if supplier_key(str(name)) in published and published[supplier_key(str(name))] != ours[name]
    ]
    if not disagree:
        return [
            Finding(
                Severity.INFO,
                f'The published rank in column "{rank_header}" agrees with the order by total cost.',
                sheet=sheet.name,
                column=rank_header,
                action="cross-checked",
            )
        ]
    return [
        Finding(
            Severity.WARNING,
            f'{name} is ranked {theirs} in column "{rank_header}", but {mine} by total cost as calculated from '
            "its lines; the calculated order is used.",
            sheet=sheet.name,
            column=rank_header,
            value=str(theirs),
            action="check the published rank or the bidder's lines",
        )
        for name, mine, theirs in disagree
    ]
