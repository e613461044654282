"""A published bid tab's rows: the items of the base bid, its subtotal and total rows (left out of the
items and cross-checked), the alternates priced apart, and the column(s) that tell the items apart.

Cities and agencies publish sections with subtotals, a `Base Bid Total`, and alternates either after that
total or in their own section with their own total row before it; an alternate is never part of the base
bid compared, and its total is never checked against the base items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scorecard.layout import ColumnGroup
from scorecard.names import first_header, header_key
from scorecard.read import LeftOut, Sheet, is_blank

TOTAL_ROW = re.compile(r"\b(sub\s*-?\s*total|total|grand\s+total)\b", re.I)
BASE_TOTAL = re.compile(r"base\s+bid\s+total|total\s+base\s+bid|base\s+bid\s+amount", re.I)
SPEC_NAMES = ("Spec", "Spec no", "Spec code", "Spec ref", "Specification", "Bid item", "Code")


def item_key(sheet: Sheet, columns: dict[str, str], item_rows: list[int]) -> tuple[tuple[str, str], ...]:
    """The column(s) that tell items apart: a unique item or line column, else code + description."""
    table = sheet.table.loc[item_rows]

    def unique(header: str) -> bool:
        values = table[header].map(lambda v: None if is_blank(v) else str(v).strip())
        return values.notna().all() and values.is_unique

    # a spec or pay-item code column a city tab has besides (or instead of) an item number
    code = columns.get("item") or first_header(sheet.columns, SPEC_NAMES)
    candidates = [code] if code else []
    candidates += [
        h for h in sheet.columns if header_key(h) in {"line", "line no", "no", "ln", "item no", "seq"}
    ]
    for header in dict.fromkeys(candidates):
        if unique(header):
            return (("item", header),)
    if code and "description" in columns:
        return (("item", code), ("item_with_description", "yes"))
    if "description" in columns and unique(columns["description"]):
        return (("description", columns["description"]),)
    return tuple((r, columns[r]) for r in ("item",) if r in columns)


ALTERNATE = re.compile(
    r"\balternates?\b|\balt\.?\s*(no\.?\s*)?\d|\b(add|deduct)(itive|ive)?\s+alt|\boptional\s+items?\b", re.I
)


@dataclass(frozen=True)
class TabRows:
    """A bid tab's rows by what they are: base-bid items, total rows of the base bid (cross-checked) and
    alternates (priced apart: their section, items and own total rows, or anything after the Base Bid Total)."""

    items: list[int]
    totals: list[tuple[int, str]]
    alternates: list[int]


def row_label(
    record: dict[str, object], label_columns: list[str], pattern: re.Pattern[str] | None
) -> str | None:
    """The row's label: the first text in its label columns (matching `pattern` when given)."""
    return next(
        (
            str(record[h]).strip()
            for h in label_columns
            if isinstance(record[h], str)
            and record[h].strip()
            and (pattern is None or pattern.search(record[h]))
        ),
        None,
    )


def row_kind(
    record: dict[str, object], label_columns: list[str], price_columns: list[str], quantity: str | None
) -> tuple[str, str | None]:
    """What one row of a tab is: ("total", its label), ("item", None), ("heading", its text) or ("blank", None)."""
    total = row_label(record, label_columns, TOTAL_ROW)
    has_quantity = quantity is not None and not is_blank(record[quantity])
    if total is not None and not has_quantity:
        return "total", total
    if has_quantity or any(not is_blank(record[h]) for h in price_columns):
        return "item", None
    heading = row_label(record, label_columns, None)
    return ("heading", heading) if heading is not None else ("blank", None)


def classify_rows(sheet: Sheet, columns: dict[str, str], groups: list[ColumnGroup]) -> TabRows:
    """Item rows, the base bid's total/subtotal rows (read.py's own totals rows included) and alternates.

    A heading that names an alternate ('ALTERNATE NO. 1 - LIGHTING') starts a section priced apart, until
    the next heading; a total row naming an alternate is that section's; rows after a `Base Bid Total`
    are alternates too. Alternates are not part of the base bid compared, wherever they sit."""
    label_columns, price_columns = tab_columns(sheet, columns, groups)
    rows = TabRows([], [], [])
    base_total: int | None = None
    in_alternate = False
    for row, record in zip(sheet.table.index, sheet.table.to_dict("records"), strict=True):
        if base_total is not None:
            if any(not is_blank(v) for v in record.values()):
                rows.alternates.append(int(row))
            continue
        kind, label = row_kind(record, label_columns, price_columns, columns.get("quantity"))
        if kind == "total":
            base_total = total_row(rows, int(row), str(label))
        elif kind == "item":
            (rows.alternates if in_alternate else rows.items).append(int(row))
        elif kind == "heading":
            in_alternate = bool(ALTERNATE.search(str(label)))
    read_totals(rows, sheet, base_total)
    return rows


def tab_columns(
    sheet: Sheet, columns: dict[str, str], groups: list[ColumnGroup]
) -> tuple[list[str], list[str]]:
    """The columns a row's label is in (item, description, the first three) and the bidders' price columns."""
    label_columns = [columns[r] for r in ("item", "description") if r in columns]
    label_columns += [h for h in sheet.columns[:3] if h not in label_columns]
    price_columns = [g.price for g in groups if g.price] + [g.total for g in groups if g.total]
    return label_columns, price_columns


def read_totals(rows: TabRows, sheet: Sheet, base_total: int | None) -> None:
    """Add the totals rows read.py left out of the table (up to the Base Bid Total), then sort the totals."""
    for left_out in sheet.excluded_rows:
        if left_out.why in (LeftOut.TOTALS_ROW, LeftOut.SUMMARY_ROW) and (
            base_total is None or left_out.row < base_total
        ):
            total_row(rows, left_out.row, left_out.label)
    rows.totals.sort()


def total_row(rows: TabRows, row: int, label: str) -> int | None:
    """File a total row: an alternate's own total with the alternates, else with the base bid's totals.
    Returns the row when it is the Base Bid Total."""
    if ALTERNATE.search(label):
        rows.alternates.append(row)
        return None
    rows.totals.append((row, label))
    return row if BASE_TOTAL.search(label) else None
