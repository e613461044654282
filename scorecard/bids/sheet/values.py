"""Reading one role's cells of a bid sheet (numbers, days, units, currencies, incumbents) into arrays,
with a finding per cell that could not be read."""

from __future__ import annotations

import numpy as np
import pandas as pd

from scorecard.bids.cells import currency_of, first_positions, text_cells, unit_factor
from scorecard.bids.number_cells import NumberCells, days_cells, number_cells
from scorecard.bids.settings import ROLE_LABELS, BidSettings
from scorecard.bids.sheet.columns import known_currencies
from scorecard.bids.sheet.quote_lines import FINDINGS_PER_KIND
from scorecard.clean import HintSource, ValueKind
from scorecard.errors import Finding, Severity
from scorecard.names import supplier_key


def item_labels(
    bids: pd.DataFrame, columns: dict[str, str], sheet: str
) -> tuple[np.ndarray, tuple[str, ...], list[Finding]]:
    """Item codes per row (the item code, or the description when there is no code column)."""
    role = "item" if "item" in columns else "description"
    cells = text_cells(bids[columns[role]], ValueKind.IDENTIFIER, sheet=sheet, column=columns[role])
    return cells.codes, cells.labels, list(cells.findings)


def per_item_text(
    bids: pd.DataFrame, column: str | None, item: np.ndarray, n_items: int, sheet: str
) -> tuple[str | None, ...]:
    """One text per item (description, unit): the first one given, in sheet order.

    Only the first row of each item is read; the other rows of an item are read only when its first
    row leaves the text blank (a million bid rows describe a few thousand items).
    """
    if column is None or not n_items:
        return (None,) * n_items
    out: list[str | None] = [None] * n_items
    first = first_positions(item, n_items)
    seen = np.flatnonzero(first < len(item))
    cells = text_cells(
        bids[column].iloc[first[seen]], ValueKind.TEXT, sheet=sheet, column=column, merge=False
    )
    for i, code in zip(seen.tolist(), cells.codes.tolist(), strict=True):
        if code >= 0:
            out[i] = cells.labels[code]
    blank = [i for i in seen.tolist() if out[i] is None]
    if blank:
        rows = np.flatnonzero(np.isin(item, blank))
        rest = text_cells(bids[column].iloc[rows], ValueKind.TEXT, sheet=sheet, column=column, merge=False)
        keep = rest.codes >= 0
        given = pd.Series(rest.codes[keep]).groupby(item[rows][keep]).first()
        for i, code in given.items():
            out[int(i)] = rest.labels[int(code)]
    return tuple(out)


def numbers(
    bids: pd.DataFrame,
    columns: dict[str, str],
    role: str,
    kind: ValueKind,
    sheet: str,
    findings: list[Finding],
    decimal_hint: HintSource = None,
) -> NumberCells | None:
    """One role's column read as numbers (None when the sheet has no such column), its findings kept."""
    if role not in columns:
        return None
    read = number_cells(
        bids[columns[role]], kind, sheet=sheet, column=columns[role], decimal_hint=decimal_hint
    )
    findings.extend(read.findings)
    return read


def days(
    bids: pd.DataFrame, columns: dict[str, str], role: str, sheet: str, findings: list[Finding]
) -> np.ndarray | None:
    if role not in columns:
        return None
    values, _present, unreadable = days_cells(bids[columns[role]])
    for row, text in unreadable.items():
        findings.append(
            Finding(
                Severity.WARNING,
                f"This {ROLE_LABELS[role]} cannot be read as a number of days, so it is treated as not given.",
                sheet=sheet,
                row=int(row),
                column=columns[role],
                value=str(text),
                action="write a number of days, e.g. 60 or 'Net 60'",
            )
        )
    return values


def factors(
    bids: pd.DataFrame,
    columns: dict[str, str],
    settings: BidSettings,
    sheet: str,
    findings: list[Finding],
    decimal_hint: HintSource = None,
) -> np.ndarray:
    """Units of quantity per priced unit: the pack size where given, else the unit of measure's factor."""
    n = len(bids)
    factor = np.ones(n)
    if "unit" in columns:
        cells = text_cells(
            bids[columns["unit"]], ValueKind.TEXT, sheet=sheet, column=columns["unit"], merge=False
        )
        overrides = dict(settings.unit_factors)
        table = np.array([unit_factor(label, overrides) or 1.0 for label in cells.labels] + [1.0])
        factor = table[cells.codes]  # code -1 picks the trailing 1.0
    pack = numbers(bids, columns, "pack_size", ValueKind.NUMBER, sheet, findings, decimal_hint)
    if pack is not None:
        bad = pack.present & ~(pack.values > 0)
        for pos in np.flatnonzero(bad)[:FINDINGS_PER_KIND]:
            findings.append(
                Finding(
                    Severity.WARNING,
                    "This pack size is not a positive number, so the price is read as per single unit.",
                    sheet=sheet,
                    row=int(bids.index[pos]),
                    column=columns["pack_size"],
                    value=str(bids[columns["pack_size"]].iloc[pos]),
                    action="read as pack size 1",
                )
            )
        factor = np.where(pack.values > 0, pack.values, factor)
    return factor


def currency_codes(
    bids: pd.DataFrame,
    columns: dict[str, str],
    settings: BidSettings,
    sheet: str,
    fallback: str,
    findings: list[Finding],
) -> tuple[np.ndarray, list[str]]:
    """Currency code per row from the Currency column; blanks take `fallback`."""
    currencies = [fallback]
    n = len(bids)
    if "currency" not in columns:
        return np.zeros(n, dtype=np.int64), currencies
    column = columns["currency"]
    cells = text_cells(bids[column], ValueKind.TEXT, sheet=sheet, column=column)
    known = known_currencies(settings)
    lookup = []
    for label in cells.labels:
        code = currency_of(label, known)
        if code is None:
            # keep the text as written: the FX step stops with an error naming it and its row
            code = label.strip().upper()
        if code not in currencies:
            currencies.append(code)
        lookup.append(currencies.index(code))
    table = np.array([*lookup, 0], dtype=np.int64)
    return table[cells.codes], currencies


def incumbents(
    bids: pd.DataFrame,
    columns: dict[str, str],
    suppliers: tuple[str, ...],
    sheet: str,
    findings: list[Finding],
) -> tuple[np.ndarray | None, tuple[str, ...]]:
    """The incumbent per row: a supplier code, or len(suppliers) + k for the k-th incumbent that did not bid."""
    if "incumbent" not in columns:
        return None, ()
    column = columns["incumbent"]
    cells = text_cells(bids[column], ValueKind.IDENTIFIER, sheet=sheet, column=column)
    findings.extend(cells.findings)
    keys = {supplier_key(s): i for i, s in enumerate(suppliers)}
    absent: list[str] = []
    lookup = []
    for label in cells.labels:
        code = keys.get(supplier_key(label))
        if code is None:
            absent.append(label)
            code = len(suppliers) + len(absent) - 1
        lookup.append(code)
    table = np.array([*lookup, -1], dtype=np.int64)
    return table[cells.codes], tuple(absent)


def quantity_and_baseline(
    bids: pd.DataFrame,
    columns: dict[str, str],
    sheet: str,
    findings: list[Finding],
    decimal_hint: HintSource = None,
) -> tuple[np.ndarray, np.ndarray | None]:
    """Quantity per row (1 when the sheet has none, which the buyer is told) and the baseline price, if given."""
    quantity = numbers(bids, columns, "quantity", ValueKind.NUMBER, sheet, findings, decimal_hint)
    if quantity is None:
        findings.append(
            Finding(
                Severity.WARNING,
                "The bid sheet has no quantity column, so every item is counted once (quantity 1): "
                "totals are sums of unit prices.",
                sheet=sheet,
                action="add a Quantity (annual volume) column for totals in money",
            )
        )
    baseline = numbers(bids, columns, "baseline_price", ValueKind.MONEY, sheet, findings, decimal_hint)
    return (quantity.values if quantity is not None else np.ones(len(bids))), values_of(baseline)


def values_of(read: NumberCells | None) -> np.ndarray | None:
    return read.values if read is not None else None
