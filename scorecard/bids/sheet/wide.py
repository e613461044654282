"""A wide bid sheet (a row per item, a price column per supplier) read into quote lines."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from scorecard.bids.cells import header_currency, without_brackets
from scorecard.bids.number_cells import number_cells
from scorecard.bids.settings import BidSettings
from scorecard.bids.sheet.columns import known_currencies, names_items, require, wide_candidates
from scorecard.bids.sheet.long import unnamed_rows, with_findings
from scorecard.bids.sheet.quote_lines import ITEM_ROLES, NOT_SUPPLIER_HEADERS, QuoteLines
from scorecard.bids.sheet.values import (
    currency_codes,
    factors,
    incumbents,
    item_labels,
    per_item_text,
    quantity_and_baseline,
)
from scorecard.clean import HintSource, ValueKind, normalise_header
from scorecard.errors import Finding, ScorecardError, Severity
from scorecard.names import HeaderKeys, supplier_key


def read_wide(
    bids: pd.DataFrame, columns: dict[str, str], settings: BidSettings, sheet: str, hint: HintSource = None
) -> QuoteLines:
    """A row per item and a price column per supplier (a bid tab); `hint`: the workbook's decimal mark."""
    role_headers = set(columns.values())
    columns = item_columns(columns, list(bids.columns), sheet)
    findings: list[Finding] = []
    known = known_currencies(settings)
    price_headers = supplier_price_headers(bids, columns, role_headers, settings, sheet, findings, hint)
    r, s = len(bids), len(price_headers)
    rows = np.asarray(bids.index.to_numpy(), dtype=np.int64)
    item_code, items, item_findings = item_labels(bids, columns, sheet)
    findings.extend(item_findings)
    names = supplier_names(price_headers, known, sheet)
    row_currency, currencies = currency_codes(
        bids, columns, settings, sheet, settings.base_currency, findings
    )
    price, present, currency = price_cells(
        bids, price_headers, known, row_currency, currencies, sheet, findings, hint
    )
    findings += currency_unsaid(columns, price_headers, known, settings, sheet)
    quantity, baseline = quantity_and_baseline(bids, columns, sheet, findings, hint)
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
        factor=tile(factors(bids, columns, settings, sheet, findings, hint)),
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


def currency_unsaid(
    columns: dict[str, str],
    price_headers: list[str],
    known: frozenset[str],
    settings: BidSettings,
    sheet: str,
) -> list[Finding]:
    """A note when neither a currency column nor the price headers say the prices' currency."""
    if "currency" in columns or any(header_currency(h, known) for h in price_headers):
        return []
    return [
        Finding(
            Severity.INFO,
            f"No currency is given for the supplier price columns, so they are read as "
            f"{settings.base_currency} (the base currency) unless a cell shows its own currency.",
            sheet=sheet,
        )
    ]


PRICE_WORDS = re.compile(r"[\s:\-–]*(unit\s+price|price|bid|quote|offer)\s*$", re.IGNORECASE)


def item_columns(columns: dict[str, str], headers: list[str], sheet: str) -> dict[str, str]:
    """The columns that describe the item (everything else priced is a supplier); a supplier column means
    the sheet is long, said so, and an item or description column is needed."""
    if "supplier" in columns:
        raise ScorecardError(
            f"The bid sheet is set to be read as one row per item with a price column per supplier, but it has a "
            f"supplier column ({columns['supplier']!r}), so it looks like one row per supplier and item.",
            sheet=sheet,
            hint="Set `bids.shape` to long (or auto).",
        )
    kept = {role: h for role, h in columns.items() if role in ITEM_ROLES}
    if not names_items(kept):
        require(kept, ("item",), headers, sheet, "one row per item with a price column per supplier")
    return kept


def supplier_names(price_headers: list[str], known: frozenset[str], sheet: str) -> list[str]:
    """The supplier of each price column, from its header ('Acme (USD)' is Acme quoting in USD); two columns
    of one supplier stop with a message naming the second."""
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
    return names


def price_cells(
    bids: pd.DataFrame,
    price_headers: list[str],
    known: frozenset[str],
    row_currency: np.ndarray,
    currencies: list[str],
    sheet: str,
    findings: list[Finding],
    decimal_hint: HintSource = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every price cell, supplier after supplier: its value, whether it holds one, and its currency (the
    column's own, from its header or cells, else the row's); new currencies are added to `currencies`."""
    r, s = len(bids), len(price_headers)
    price = np.empty(r * s)
    present = np.zeros(r * s, dtype=bool)
    currency = np.empty(r * s, dtype=np.int64)
    for k, header in enumerate(price_headers):
        read = number_cells(
            bids[header], ValueKind.MONEY, sheet=sheet, column=header, decimal_hint=decimal_hint
        )
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
    return price, present, currency


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
    decimal_hint: HintSource = None,
) -> list[str]:
    """The supplier price columns: named in the settings, or every other column that holds numbers."""
    headers = list(bids.columns)
    if settings.supplier_columns:
        return named_price_headers(headers, settings.supplier_columns, sheet)
    chosen = []
    for header in wide_candidates(tuple(h for h in headers if h not in role_headers), columns):
        read = number_cells(
            bids[header], ValueKind.MONEY, sheet=sheet, column=header, decimal_hint=decimal_hint
        )
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


def named_price_headers(headers: list[str], names: tuple[str, ...], sheet: str) -> list[str]:
    """The supplier price columns the settings name (`bids.supplier_columns`), each one checked."""
    keys = HeaderKeys(headers)
    chosen = []
    for name in names:
        header = keys.first([name])
        if header is None:
            raise ScorecardError(
                f"The settings name {name!r} as a supplier price column, but the bid sheet has no such column.",
                sheet=sheet,
                hint=f"Headers found: {', '.join(headers)}. Correct `bids.supplier_columns`.",
            )
        chosen.append(header)
    return chosen
