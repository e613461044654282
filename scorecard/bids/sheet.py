"""From a bid sheet (long or wide) to quote lines: one entry per supplier and item, as arrays.

Long sheets have a row per supplier and item; wide sheets ("bid tabs") have a
row per item and a price column per supplier. Both become the same `QuoteLines`,
so everything after this point is shape-blind: the same bids typed either way
give the same totals. Columns are found by header synonyms (the buyer's own,
from the settings, first); the roles found are reported, so nothing is guessed
silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from scorecard.bids.cells import (
    NumberCells,
    currency_of,
    days_cells,
    first_positions,
    header_currency,
    number_cells,
    text_cells,
    unit_factor,
    without_brackets,
)
from scorecard.bids.settings import COLUMN_SYNONYMS, ROLE_LABELS, BidSettings
from scorecard.clean import ValueKind, normalise_header
from scorecard.config import CURRENCY_UNITS
from scorecard.errors import Finding, ScorecardError, Severity
from scorecard.names import supplier_key

# Roles that describe the item in a wide sheet (everything else with prices is a supplier).
ITEM_ROLES = (
    "item",
    "description",
    "quantity",
    "unit",
    "pack_size",
    "baseline_price",
    "incumbent",
    "currency",
    "notes",
)
# Headers of a bid tab that hold the buyer's own arithmetic, never a supplier's prices.
NOT_SUPPLIER_HEADERS = frozenset(
    normalise_header(h)
    for h in (
        "Lowest",
        "Lowest price",
        "Lowest bid",
        "Best price",
        "Best",
        "Highest",
        "Highest price",
        "Average",
        "Average price",
        "Mean",
        "Median",
        "Min",
        "Max",
        "Total",
        "Extended",
        "Extended price",
        "Difference",
        "Saving",
        "Savings",
        "Rank",
        "Spread",
        "Count",
        "No",
        "Line",
        "Line no",
        "Pos",
        "Position",
    )
)
FINDINGS_PER_KIND = 20  # per-cell findings shown before they are summarised


@dataclass(frozen=True)
class QuoteLines:
    """Every quote cell of a bid sheet, shape-blind, as aligned arrays (one entry per line).

    Codes index `suppliers`, `items` and `currencies`; -1 means blank. Prices are as
    quoted (their own currency, per priced unit); `factor` is the units of quantity
    in one priced unit (pack size or unit of measure).
    """

    sheet: str
    shape: str
    suppliers: tuple[str, ...]
    items: tuple[str, ...]
    currencies: tuple[str, ...]
    supplier: np.ndarray
    item: np.ndarray
    row: np.ndarray
    price: np.ndarray
    price_present: np.ndarray
    currency: np.ndarray
    quantity: np.ndarray
    factor: np.ndarray
    # optional columns are None when the sheet does not have them (so the arithmetic can skip them)
    lead_time: np.ndarray | None
    freight: np.ndarray | None
    duty_percent: np.ndarray | None
    payment_days: np.ndarray | None
    baseline: np.ndarray | None
    incumbent: (
        np.ndarray | None
    )  # supplier code; -1 blank; len(suppliers) + k: incumbent_names[k] (did not bid)
    price_columns: tuple[str, ...]  # one header (long) or one per supplier (wide)
    columns: tuple[tuple[str, str], ...]  # role -> header used
    descriptions: tuple[str | None, ...] = ()
    units: tuple[str | None, ...] = ()  # per item: the unit of measure the item is asked in, if known
    incumbent_names: tuple[str, ...] = ()  # incumbents named in the sheet that did not bid
    findings: tuple[Finding, ...] = field(default=())

    def column_of(self, line: int) -> str:
        """The header of the price cell of one line, for findings."""
        if len(self.price_columns) == 1:
            return self.price_columns[0]
        return self.price_columns[self.supplier[line]]

    def column_for(self, role: str) -> str | None:
        return dict(self.columns).get(role)


# ---------------------------------------------------------------------- columns and shape


def find_columns(headers: tuple[str, ...], settings: BidSettings) -> dict[str, str]:
    """The header for each role that the sheet has; each header serves one role at most."""
    normalised = {h: normalise_header(h) for h in headers}
    found: dict[str, str] = {}
    taken: set[str] = set()
    for role in COLUMN_SYNONYMS:
        for name in settings.synonyms(role):
            wanted = normalise_header(name)
            match = next((h for h in headers if h not in taken and normalised[h] == wanted), None)
            if match is not None:
                found[role] = match
                taken.add(match)
                break
    return found


def detect_shape(columns: dict[str, str], headers: tuple[str, ...], settings: BidSettings, sheet: str) -> str:
    """Long when the sheet has supplier and price columns; wide when it has items and supplier price columns."""
    if settings.shape != "auto":
        return settings.shape
    if "supplier" in columns and "unit_price" in columns:
        return "long"
    has_items = "item" in columns or "description" in columns
    if (
        "supplier" not in columns
        and has_items
        and (settings.supplier_columns or wide_candidates(headers, columns))
    ):
        return "wide"
    raise ScorecardError(
        "Scorecard cannot tell how this bid sheet is laid out. It reads either a row per supplier and item "
        "(with Supplier, Item and Unit price columns) or a row per item with a price column per supplier.",
        sheet=sheet,
        hint=f"Headers found: {', '.join(headers) or 'none'}. Rename the columns, or set `bids.shape` and "
        "`bids.columns` in the settings.",
    )


def wide_candidates(headers: tuple[str, ...], columns: dict[str, str]) -> list[str]:
    used = set(columns.values())
    return [h for h in headers if h not in used and normalise_header(h) not in NOT_SUPPLIER_HEADERS]


def read_bid_sheet(bids: pd.DataFrame, settings: BidSettings, sheet: str) -> QuoteLines:
    """Find the columns, decide the shape and read every quote cell into QuoteLines."""
    headers = tuple(str(c) for c in bids.columns)
    if len(set(headers)) != len(headers):
        raise ScorecardError(
            "Two columns of the bid sheet have the same header.",
            sheet=sheet,
            hint="Give each column its own header.",
        )
    bids = bids.set_axis(headers, axis=1)
    columns = find_columns(headers, settings)
    shape = detect_shape(columns, headers, settings, sheet)
    lines = (
        read_long(bids, columns, settings, sheet)
        if shape == "long"
        else read_wide(bids, columns, settings, sheet)
    )
    if not lines.suppliers or not lines.items:
        what = "no supplier" if not lines.suppliers else "no item"
        raise ScorecardError(
            f"The bid sheet has {what} to compare.",
            sheet=sheet,
            hint="Check that the right sheet was chosen and that its rows are below the header row.",
        )
    return lines


def require(
    columns: dict[str, str], roles: tuple[str, ...], headers: list[str], sheet: str, shape: str
) -> None:
    missing = [r for r in roles if r not in columns]
    if missing:
        wanted = " and ".join(f"{ROLE_LABELS[r]} (e.g. {COLUMN_SYNONYMS[r][0]!r})" for r in missing)
        raise ScorecardError(
            f"The bid sheet is read as {shape}, but it has no {wanted} column.",
            sheet=sheet,
            hint=f"Headers found: {', '.join(headers)}. Rename the column, or name it under `bids.columns` "
            "in the settings.",
        )


# ---------------------------------------------------------------------- shared pieces


def known_currencies(settings: BidSettings) -> frozenset[str]:
    return frozenset(CURRENCY_UNITS | {settings.base_currency} | {c for c, _ in settings.fx_rates})


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
) -> NumberCells | None:
    if role not in columns:
        return None
    read = number_cells(bids[columns[role]], kind, sheet=sheet, column=columns[role])
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
    bids: pd.DataFrame, columns: dict[str, str], settings: BidSettings, sheet: str, findings: list[Finding]
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
    pack = numbers(bids, columns, "pack_size", ValueKind.NUMBER, sheet, findings)
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
    bids: pd.DataFrame, columns: dict[str, str], sheet: str, findings: list[Finding]
) -> tuple[np.ndarray, np.ndarray | None]:
    """Quantity per row (1 when the sheet has none, which the buyer is told) and the baseline price, if given."""
    quantity = numbers(bids, columns, "quantity", ValueKind.NUMBER, sheet, findings)
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
    baseline = numbers(bids, columns, "baseline_price", ValueKind.MONEY, sheet, findings)
    return (quantity.values if quantity is not None else np.ones(len(bids))), values_of(baseline)


def values_of(read: NumberCells | None) -> np.ndarray | None:
    return read.values if read is not None else None


# ---------------------------------------------------------------------- long sheets


def read_long(bids: pd.DataFrame, columns: dict[str, str], settings: BidSettings, sheet: str) -> QuoteLines:
    """A row per supplier and item."""
    headers = list(bids.columns)
    if "item" not in columns and "description" not in columns:
        require(columns, ("item",), headers, sheet, "one row per supplier and item")
    require(columns, ("supplier", "unit_price"), headers, sheet, "one row per supplier and item")
    findings: list[Finding] = []
    rows = np.asarray(bids.index.to_numpy(), dtype=np.int64)
    supplier_cells = text_cells(
        bids[columns["supplier"]], ValueKind.IDENTIFIER, sheet=sheet, column=columns["supplier"]
    )
    findings.extend(supplier_cells.findings)
    item, items, item_findings = item_labels(bids, columns, sheet)
    findings.extend(item_findings)
    price = number_cells(
        bids[columns["unit_price"]], ValueKind.MONEY, sheet=sheet, column=columns["unit_price"]
    )
    if "currency" in columns:
        # the Currency column decides each row's currency, so the cleaner's guess for unmarked cells does not apply
        findings.extend(f for f in price.findings if not (f.action or "").startswith("assumed"))
    else:
        findings.extend(price.findings)
    known = known_currencies(settings)
    fallback = header_currency(columns["unit_price"], known) or price.currency or settings.base_currency
    if (
        "currency" not in columns
        and fallback == settings.base_currency
        and not (header_currency(columns["unit_price"], known) or price.currency)
    ):
        findings.append(
            Finding(
                Severity.INFO,
                f"The bid sheet has no currency column, so prices are read as {fallback} (the base currency).",
                sheet=sheet,
                column=columns["unit_price"],
            )
        )
    currency, currencies = currency_codes(bids, columns, settings, sheet, fallback, findings)
    quantity, baseline = quantity_and_baseline(bids, columns, sheet, findings)
    freight = numbers(bids, columns, "freight", ValueKind.MONEY, sheet, findings)
    duty = numbers(bids, columns, "duty_percent", ValueKind.PERCENT, sheet, findings)
    incumbent, absent = incumbents(bids, columns, supplier_cells.labels, sheet, findings)
    lines = QuoteLines(
        sheet=sheet,
        shape="long",
        suppliers=supplier_cells.labels,
        items=items,
        currencies=tuple(currencies),
        supplier=supplier_cells.codes,
        item=item,
        row=rows,
        price=price.values,
        price_present=price.present,
        currency=currency,
        quantity=quantity,
        factor=factors(bids, columns, settings, sheet, findings),
        lead_time=days(bids, columns, "lead_time", sheet, findings),
        freight=values_of(freight),
        duty_percent=values_of(duty),
        payment_days=days(bids, columns, "payment_days", sheet, findings),
        baseline=baseline,
        incumbent=incumbent,
        price_columns=(columns["unit_price"],),
        columns=tuple(columns.items()),
        descriptions=per_item_text(bids, columns.get("description"), item, len(items), sheet)
        if "item" in columns
        else (None,) * len(items),
        units=per_item_text(bids, columns.get("unit"), item, len(items), sheet),
        incumbent_names=absent,
        findings=(),
    )
    return with_findings(lines, findings + unnamed_rows(lines, columns, sheet))


def with_findings(lines: QuoteLines, findings: list[Finding]) -> QuoteLines:
    from dataclasses import replace

    return replace(lines, findings=tuple(findings))


def unnamed_rows(lines: QuoteLines, columns: dict[str, str], sheet: str) -> list[Finding]:
    """Prices on rows without a supplier or item cannot be compared: say which rows."""
    findings: list[Finding] = []
    priced = lines.price_present
    for what, codes, role in (("supplier", lines.supplier, "supplier"), ("item", lines.item, "item")):
        lost = np.flatnonzero(priced & (codes < 0))
        if not len(lost):
            continue
        column = columns.get(role) or columns.get("description")
        shown = ", ".join(str(lines.row[p]) for p in lost[:10]) + (" ..." if len(lost) > 10 else "")
        findings.append(
            Finding(
                Severity.WARNING,
                f"{len(lost)} row(s) have a price but no {what}, so they are left out of the comparison "
                f"(rows {shown}).",
                sheet=sheet,
                row=int(lines.row[lost[0]]),
                column=column,
                action=f"fill in the {what}",
            )
        )
    return findings


# ---------------------------------------------------------------------- wide sheets


def read_wide(bids: pd.DataFrame, columns: dict[str, str], settings: BidSettings, sheet: str) -> QuoteLines:
    """A row per item and a price column per supplier (a bid tab)."""
    headers = list(bids.columns)
    if "supplier" in columns:
        raise ScorecardError(
            f"The bid sheet is set to be read as one row per item with a price column per supplier, but it has a "
            f"supplier column ({columns['supplier']!r}), so it looks like one row per supplier and item.",
            sheet=sheet,
            hint="Set `bids.shape` to long (or auto).",
        )
    role_headers = set(columns.values())
    columns = {role: h for role, h in columns.items() if role in ITEM_ROLES}
    if "item" not in columns and "description" not in columns:
        require(columns, ("item",), headers, sheet, "one row per item with a price column per supplier")
    findings: list[Finding] = []
    known = known_currencies(settings)
    price_headers = supplier_price_headers(bids, columns, role_headers, settings, sheet, findings)
    r, s = len(bids), len(price_headers)
    rows = np.asarray(bids.index.to_numpy(), dtype=np.int64)
    item_code, items, item_findings = item_labels(bids, columns, sheet)
    findings.extend(item_findings)
    # supplier names from the headers; 'Acme (USD)' is supplier Acme quoting in USD
    names: list[str] = []
    for header in price_headers:
        name = supplier_from_header(header, known)
        if any(supplier_key(name) == supplier_key(n) for n in names):
            raise ScorecardError(
                f"Two price columns belong to the same supplier {name!r}.",
                sheet=sheet,
                column=header,
                hint="Keep one price column per supplier.",
            )
        names.append(name)
    row_currency, currencies = currency_codes(
        bids, columns, settings, sheet, settings.base_currency, findings
    )
    price = np.empty(r * s)
    present = np.zeros(r * s, dtype=bool)
    currency = np.empty(r * s, dtype=np.int64)
    for k, header in enumerate(price_headers):
        read = number_cells(bids[header], ValueKind.MONEY, sheet=sheet, column=header)
        findings.extend(read.findings)
        price[k * r : (k + 1) * r] = read.values
        present[k * r : (k + 1) * r] = read.present
        own = header_currency(header, known) or read.currency
        if own is None:
            currency[k * r : (k + 1) * r] = row_currency
            continue
        if own not in currencies:
            currencies.append(own)
        currency[k * r : (k + 1) * r] = currencies.index(own)
    if "currency" not in columns and not any(header_currency(h, known) for h in price_headers):
        findings.append(
            Finding(
                Severity.INFO,
                f"No currency is given for the supplier price columns, so they are read as "
                f"{settings.base_currency} (the base currency) unless a cell shows its own currency.",
                sheet=sheet,
            )
        )
    quantity, baseline = quantity_and_baseline(bids, columns, sheet, findings)
    incumbent, absent = incumbents(bids, columns, tuple(names), sheet, findings)
    tile = lambda values: np.tile(values, s)  # noqa: E731 - the item-level columns repeat for each supplier
    lines = QuoteLines(
        sheet=sheet,
        shape="wide",
        suppliers=tuple(names),
        items=items,
        currencies=tuple(currencies),
        supplier=np.repeat(np.arange(s, dtype=np.int64), r),
        item=tile(item_code),
        row=tile(rows),
        price=price,
        price_present=present,
        currency=currency,
        quantity=tile(quantity),
        factor=tile(factors(bids, columns, settings, sheet, findings)),
        lead_time=None,
        freight=None,
        duty_percent=None,
        payment_days=None,
        baseline=tile(baseline) if baseline is not None else None,
        incumbent=tile(incumbent) if incumbent is not None else None,
        price_columns=tuple(price_headers),
        columns=tuple(columns.items()),
        descriptions=per_item_text(bids, columns.get("description"), item_code, len(items), sheet)
        if "item" in columns
        else (None,) * len(items),
        units=per_item_text(bids, columns.get("unit"), item_code, len(items), sheet),
        incumbent_names=absent,
    )
    return with_findings(lines, findings + unnamed_rows(lines, {**columns, "supplier": ""}, sheet))


PRICE_WORDS = re.compile(r"[\s:\-–]*(unit\s+price|price|bid|quote|offer)\s*$", re.IGNORECASE)


def supplier_from_header(header: str, known: frozenset[str]) -> str:
    """A supplier's name from its price column: 'Acme price (USD)' -> 'Acme'."""
    name = without_brackets(header) if header_currency(header, known) else " ".join(header.split())
    shorter = PRICE_WORDS.sub("", name)
    return shorter if shorter.strip() else name


def supplier_price_headers(
    bids: pd.DataFrame,
    columns: dict[str, str],
    role_headers: set[str],
    settings: BidSettings,
    sheet: str,
    findings: list[Finding],
) -> list[str]:
    """The supplier price columns: named in the settings, or every other column that holds numbers."""
    headers = list(bids.columns)
    if settings.supplier_columns:
        by_norm = {normalise_header(h): h for h in headers}
        chosen = []
        for name in settings.supplier_columns:
            header = by_norm.get(normalise_header(name))
            if header is None:
                raise ScorecardError(
                    f"The settings name {name!r} as a supplier price column, but the bid sheet has no such column.",
                    sheet=sheet,
                    hint=f"Headers found: {', '.join(headers)}. Correct `bids.supplier_columns`.",
                )
            chosen.append(header)
        return chosen
    chosen = []
    for header in wide_candidates(tuple(h for h in headers if h not in role_headers), columns):
        read = number_cells(bids[header], ValueKind.MONEY, sheet=sheet, column=header)
        if np.isfinite(read.values).any() or not read.present.any():
            # an empty price column is a supplier that quoted nothing: it is listed, not dropped
            chosen.append(header)
        else:
            findings.append(
                Finding(
                    Severity.INFO,
                    "This column holds text but no prices, so it is not read as a supplier.",
                    sheet=sheet,
                    column=header,
                    action="not read",
                )
            )
    skipped = [
        h for h in headers if normalise_header(h) in NOT_SUPPLIER_HEADERS and h not in columns.values()
    ]
    for header in skipped:
        findings.append(
            Finding(
                Severity.INFO,
                "This column looks like the buyer's own arithmetic (lowest, average, total...), so it is not "
                "read as a supplier.",
                sheet=sheet,
                column=header,
                action="not read",
            )
        )
    if not chosen:
        raise ScorecardError(
            "The bid sheet has a row per item, but no column of supplier prices was found.",
            sheet=sheet,
            hint="Give each supplier a price column headed with its name, or list them under "
            "`bids.supplier_columns` in the settings.",
        )
    return chosen
