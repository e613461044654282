"""Detectors for bid sheets: long (a row per bidder and item) and wide bid tabs (columns per bidder).

Wide bid tabs are read as cities and agencies publish them (QuestCDN style): title rows, bidder names
in a row above the header (often merged, so the name sits in the group's first cell only), a repeated
`Unit Price | Extension` group per bidder, an owner's group (Engineer's Estimate, Budget) that is the
baseline and never a bidder, section subtotals and a `Base Bid Total` row left out of the items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from scorecard.bids.number_cells import number_cells
from scorecard.bids.settings import BidSettings, default_bid_settings
from scorecard.bids.sheet import (
    NOT_SUPPLIER_HEADERS,
    bid_shape,
    find_columns,
    known_currencies,
    names_items,
    supplier_from_header,
    wide_candidates,
)
from scorecard.bids.vocabulary import NUMBERED, PRICE_HEADERS, TOTAL_HEADERS, base_key
from scorecard.clean import ValueKind, decimal_evidence
from scorecard.layout import ColumnGroup, LayoutContext, Role, SheetLayout
from scorecard.layout.per_sheet import once_per_sheet
from scorecard.layout.registry import register
from scorecard.layout.tab_rows import classify_rows, item_key
from scorecard.names import first_header, header_key, supplier_key
from scorecard.read import Sheet, Workbook, column_letter, header_names, is_blank, normalise_cell

BID_SHEET_NAMES = re.compile(r"bid|quot|price|rfq|rfp|tender|offer|tab|proposal|response", re.I)
OWNER_NAMES = re.compile(
    r"engineer|estimate|budget|baseline|last\s+price|price\s+paid|owner|architect|previous\s+price", re.I
)
RANK_NAMES = ("Pos", "Position", "Rank", "Bid rank", "Bidder rank", "Ranking", "Place", "Order")
RANK_HEADERS = frozenset(header_key(h) for h in RANK_NAMES)
# columns that name a bidder other than the row's own (a state DOT's 2nd and 3rd bidder on every row)
DECOY = re.compile(r"(bidder|vendor|contractor|supplier|company)\s*\d|\d\s*(st|nd|rd|th)?\s*(low\s*)?bidder")


def bid_settings(context: LayoutContext) -> BidSettings:
    """The bid column synonyms the buyer's settings add (or the defaults)."""
    config = context.config
    if config is None:
        return default_bid_settings({})
    return config.section("bids") or default_bid_settings({c.key: c for c in config.criteria})


# ---------------------------------------------------------------------- long


def detect_long_bids(sheet: Sheet, context: LayoutContext) -> SheetLayout | None:
    """A row per bidder and item: a bidder column, a unit price column and an item (or repeated bidders)."""
    if sheet.is_empty:
        return None
    settings = bid_settings(context)
    columns = find_columns(sheet.columns, settings)
    if bid_shape(columns) != "long":
        return None
    bidders, named = bidders_named(sheet, columns["supplier"])
    if not names_items(columns) and bidders == named:
        return None  # one row per supplier: a supplier list that happens to have a price column
    extra = [(role, h) for role, h in columns.items()]
    rank = first_header(sheet.columns, RANK_NAMES)
    if rank is not None:
        extra.append(("rank", rank))
    return SheetLayout.in_rows(
        sheet,
        Role.LONG_BIDS,
        columns["supplier"],
        columns=tuple(extra),
        supplier_count=int(bidders),
        note=long_note(sheet, columns["supplier"], rank),
    )


@once_per_sheet
def bidders_named(sheet: Sheet, column: str) -> tuple[int, int]:
    """How many distinct bidders `column` names and on how many rows: the same whatever the settings, so
    worked out once per sheet and column however often the layout is decided."""
    # distinct cells first: a million bid rows name a few hundred bidders
    codes, distinct = pd.factorize(sheet.table[column], use_na_sentinel=True)
    keys = np.array([supplier_key(str(v)) for v in distinct] + [""], dtype=object)[codes]
    named = keys != ""
    return len(set(keys[named])), int(named.sum())


def long_note(sheet: Sheet, supplier: str, rank: str | None) -> str:
    """Columns naming other bidders on every row (decoys, not read) and a published rank (cross-checked)."""
    decoys = [h for h in sheet.columns if h != supplier and DECOY.search(header_key(h))]
    notes = []
    if decoys:
        notes.append(f"columns {', '.join(repr(d) for d in decoys)} name other bidders and are not read")
    if rank is not None:
        notes.append(f'published rank in "{rank}" cross-checked, not used')
    return "; ".join(notes)


# ---------------------------------------------------------------------- wide


@dataclass(frozen=True)
class HeaderCell:
    header: str  # the sheet table's header
    column: int  # 0-based grid column


def header_cells(sheet: Sheet) -> list[HeaderCell]:
    """The table's headers with their grid columns.

    read.py names a column from the header row (numbering repeats: 'Unit Price (2)'), or from two header
    rows joined ('Acme Ltd Rate'); either way the table's columns are the grid's named columns in order.
    """
    if sheet.header_row is None or not sheet.cells:
        return []
    h = sheet.header_row - 1
    row = [normalise_cell(v) for v in sheet.cells[h]]
    names = header_names(row)
    known = set(sheet.columns)
    cells = [HeaderCell(n, c) for c, n in enumerate(names) if n is not None and n in known]
    if len(cells) == len(sheet.columns):
        return cells
    below = [normalise_cell(v) for v in sheet.cells[h + 1]] if h + 1 < len(sheet.cells) else []
    named = named_columns(row, below)
    if len(named) < len(sheet.columns):
        return cells
    return [HeaderCell(header, c) for header, c in zip(sheet.columns, named, strict=False)]


def named_columns(row: list[object], below: list[object]) -> list[int]:
    """Grid columns with a header in the header row or the row under it (a header over two rows)."""
    width = max(len(row), len(below))
    padded = [*row, *[None] * (width - len(row))], [*below, *[None] * (width - len(below))]
    return [c for c in range(width) if padded[0][c] is not None or padded[1][c] is not None]


NAMES_ABOVE = 8  # rows above the header searched for a bidder's name (its address lines may sit under it)
GENERIC_BIDDER = re.compile(
    r"^((bidder|vendor|contractor|supplier|company)\s*(no\.?\s*)?#?\d+|(apparent\s+)?low\s+bidder|"
    r"\d+\s*(st|nd|rd|th)\s+(low\s+)?bidder)$",
    re.I,
)


def texts_above(sheet: Sheet, columns: list[int]) -> list[tuple[int, str]]:
    """The texts over a group's columns, nearest the header first, up to the first blank row above them
    (a merged name sits in its first cell): the bidder's block of name and address lines."""
    assert sheet.header_row is not None
    found: list[tuple[int, str]] = []
    for r in range(sheet.header_row - 2, max(sheet.header_row - 2 - NAMES_ABOVE, -1), -1):
        cells = sheet.cells[r]
        text = next(
            (
                str(normalise_cell(cells[c])).strip()
                for c in columns
                if c < len(cells) and not is_blank(cells[c]) and isinstance(normalise_cell(cells[c]), str)
            ),
            None,
        )
        if text is None and found:
            break  # the block has ended: what is higher up is the tab's title
        if text is not None:
            found.append((r + 1, text))
    return found


def name_above(sheet: Sheet, columns: list[int]) -> tuple[str | None, int | None]:
    """A group's bidder name: the top line of its block above the header (the address lines of a published
    tab sit under the name), passing over a generic label such as 'Bidder 2' over the name."""
    block = [(row, text) for row, text in texts_above(sheet, columns) if not GENERIC_BIDDER.match(text)]
    if not block:
        return None, None
    row, text = block[-1]
    return text, row


def split_name(header: str) -> tuple[str, str] | None:
    """'Acme Ltd Unit Price' -> ('Acme Ltd', 'unit price') when a two-row header joined the name and the word."""
    words = NUMBERED.sub("", header).split()
    for cut in range(len(words) - 1, 0, -1):
        tail = header_key(" ".join(words[cut:]))
        if tail in PRICE_HEADERS or tail in TOTAL_HEADERS:
            name = " ".join(words[:cut])
            if header_key(name) and header_key(name) not in NOT_SUPPLIER_HEADERS:
                return name, tail
    return None


def joined_name(header: str) -> tuple[str, str] | None:
    """A two-row header's bidder name and word ('Acme Ltd Unit Price'); None for a plain 'Unit Price'."""
    return None if base_key(header) in PRICE_HEADERS | TOTAL_HEADERS else split_name(header)


def is_price(cell: HeaderCell) -> bool:
    joined = joined_name(cell.header)
    return base_key(cell.header) in PRICE_HEADERS or (joined is not None and joined[1] in PRICE_HEADERS)


def total_beside(price: HeaderCell, following: HeaderCell | None) -> HeaderCell | None:
    """The extension column right of a price column (the same bidder's, when a two-row header names it)."""
    if following is None or following.column != price.column + 1:
        return None
    if base_key(following.header) in TOTAL_HEADERS:
        return following
    mine, theirs = joined_name(price.header), split_name(following.header)
    same = (
        mine is not None
        and theirs is not None
        and theirs[1] in TOTAL_HEADERS
        and supplier_key(theirs[0]) == supplier_key(mine[0])
    )
    return following if same else None


def group_of(
    sheet: Sheet, price: HeaderCell, total: HeaderCell | None
) -> tuple[ColumnGroup | None, int | None]:
    """The group of a price column (and its extension): named above the header, or in a joined header."""
    name, row = name_above(sheet, [price.column] + ([total.column] if total else []))
    joined = joined_name(price.header)
    if name is None and joined is not None:
        name = joined[0]
    if name is None:
        return None, None
    kind = "owner" if OWNER_NAMES.search(name) else "supplier"
    headers = (price.header,) + ((total.header,) if total else ())
    return ColumnGroup(name, headers, kind, price=price.header, total=total.header if total else None), row


def price_groups(sheet: Sheet, used: set[str]) -> tuple[list[ColumnGroup], int | None]:
    """Each bidder's (and the owner's) group of price columns, and the row the names are in."""
    cells = [h for h in header_cells(sheet) if h.header not in used]
    groups: list[ColumnGroup] = []
    names_row = None
    i = 0
    while i < len(cells):
        here = cells[i]
        if not is_price(here):
            i += 1
            continue
        total = total_beside(here, cells[i + 1] if i + 1 < len(cells) else None)
        i += 2 if total else 1
        group, row = group_of(sheet, here, total)
        if group is not None:
            groups.append(group)
            names_row = names_row or row
    return groups, names_row


def detect_wide_bids(sheet: Sheet, context: LayoutContext) -> SheetLayout | None:
    """Items in rows and a group of columns per bidder, the names above the header or in it."""
    if sheet.is_empty:
        return None
    settings = bid_settings(context)
    columns = item_columns(sheet, settings)
    if columns is None:
        return None
    groups, names_row = price_groups(sheet, set(columns.values()))
    bidders = [g for g in groups if g.kind == "supplier"]
    if not bidders:
        return plain_wide(sheet, columns, settings, context.workbook)
    tab_rows = classify_rows(sheet, columns, groups)
    items, totals, alternates = tab_rows.items, tab_rows.totals, tab_rows.alternates
    if not items:
        return None
    key = item_key(sheet, columns, items)
    roles = {**{r: h for r, h in columns.items() if r != "item"}, **dict(key)}
    where = f"row {names_row}" if names_row else "the header row"
    return SheetLayout.of_table(
        sheet,
        Role.WIDE_BIDS,
        items,
        orientation="columns",
        suppliers_in=where,
        names_row=names_row,
        groups=tuple(groups),
        columns=tuple(roles.items()),
        skipped_rows=tuple(totals),
        supplier_count=len(bidders),
        note=wide_note(sheet, bidders, alternates),
        detail=tuple(items),
    )


def item_columns(sheet: Sheet, settings: BidSettings) -> dict[str, str] | None:
    """The columns describing the items of a wide tab; None when bid_shape does not read the sheet as wide
    (it has a bidder column, or nothing that names the items)."""
    columns = find_columns(sheet.columns, settings)
    if bid_shape(columns) != "wide":
        return None
    item_roles = ("item", "description", "quantity", "unit", "currency")
    return {r: h for r, h in columns.items() if r in item_roles}


def wide_note(sheet: Sheet, bidders: list[ColumnGroup], alternates: list[int]) -> str:
    """The first bidders with their price columns' letters, and the alternates left out, in words."""
    letters = {h.header: column_letter(h.column) for h in header_cells(sheet)}
    note = "bidders: " + ", ".join(
        f"{g.name} (column {letters.get(g.price or '', '?')})" for g in bidders[:4]
    )
    if len(bidders) > 4:
        note += ", ..."
    if alternates:
        note += f"; {len(alternates)} row(s) of alternates (priced apart from the base bid) not compared"
    return note


def plain_wide(
    sheet: Sheet, columns: dict[str, str], settings: BidSettings, workbook: Workbook | None = None
) -> SheetLayout | None:
    """The plain bid tab: a price column per supplier headed with its name, on a sheet named for bids.

    Its groups name the bidders (so a tab alone can be an event); the bid reader reads it as it always has.
    """
    if not (BID_SHEET_NAMES.search(sheet.name) and "quantity" in columns):
        return None
    headers = list(settings.supplier_columns) or [
        h
        for h in wide_candidates(sheet.columns, columns)
        if base_key(h) not in TOTAL_HEADERS | RANK_HEADERS
        and not line_numbers(sheet, h)
        and holds_prices(sheet, h, workbook)
    ]
    if not headers:
        return None
    known = known_currencies(settings)
    groups = tuple(
        ColumnGroup(supplier_from_header(h, known), (h,), price=h) for h in headers if h in sheet.columns
    )
    return SheetLayout.of_table(
        sheet,
        Role.WIDE_BIDS,
        orientation="columns",
        suppliers_in=f"the header row (row {sheet.header_row})",
        groups=groups,
        columns=tuple(columns.items()),
        supplier_count=len(headers),
    )


def line_numbers(sheet: Sheet, header: str) -> bool:
    """A column counting the lines (1, 2, 3 ...), or headed only '#': never a bidder's prices."""
    if not header_key(header):
        return True
    values = pd.to_numeric(sheet.table[header], errors="coerce").dropna().to_numpy()
    if len(values) < 2 or len(values) < 0.9 * len(sheet.table):
        return False
    return bool((values == np.round(values)).all() and (np.diff(values) == 1).all())


def holds_prices(sheet: Sheet, header: str, workbook: Workbook | None = None) -> bool:
    """A supplier's price column holds numbers (or nothing yet: a supplier that quoted nothing is listed),
    read with the decimal evidence the bid reader will use (the sheet, then the workbook)."""
    read = number_cells(
        sheet.table[header],
        ValueKind.MONEY,
        sheet=sheet.name,
        column=header,
        decimal_hint=decimal_evidence(sheet, workbook),
    )
    return bool(np.isfinite(read.values).any() or not read.present.any())


# bids are asked before the matrix detectors: a bid tab also has names across and numbers below
register(Role.LONG_BIDS, detect_long_bids, priority=68)
register(Role.WIDE_BIDS, detect_wide_bids, priority=67)
