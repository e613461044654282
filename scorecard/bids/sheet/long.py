"""A long bid sheet (a row per supplier and item) read into quote lines."""

from __future__ import annotations

import numpy as np
import pandas as pd

from scorecard.bids.cells import header_currency, text_cells
from scorecard.bids.number_cells import NumberCells, number_cells
from scorecard.bids.settings import BidSettings
from scorecard.bids.sheet.columns import known_currencies, names_items, require
from scorecard.bids.sheet.quote_lines import QuoteLines
from scorecard.bids.sheet.values import (
    currency_codes,
    days,
    factors,
    incumbents,
    item_labels,
    numbers,
    per_item_text,
    quantity_and_baseline,
    values_of,
)
from scorecard.clean import HintSource, ValueKind
from scorecard.errors import Finding, Severity
from scorecard.read.cells import row_list


def read_long(
    bids: pd.DataFrame, columns: dict[str, str], settings: BidSettings, sheet: str, hint: HintSource = None
) -> QuoteLines:
    """A row per supplier and item; `hint`: the workbook's evidence for the decimal mark."""
    headers = list(bids.columns)
    if not names_items(columns):
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
    price_header = columns["unit_price"]
    price = number_cells(
        bids[price_header], ValueKind.MONEY, sheet=sheet, column=price_header, decimal_hint=hint
    )
    fallback = price_currency(price, columns, settings, sheet, findings)
    currency, currencies = currency_codes(bids, columns, settings, sheet, fallback, findings)
    quantity, baseline = quantity_and_baseline(bids, columns, sheet, findings, hint)
    freight = numbers(bids, columns, "freight", ValueKind.MONEY, sheet, findings, hint)
    duty = numbers(bids, columns, "duty_percent", ValueKind.PERCENT, sheet, findings, hint)
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
        factor=factors(bids, columns, settings, sheet, findings, hint),
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


def price_currency(
    price: NumberCells, columns: dict[str, str], settings: BidSettings, sheet: str, findings: list[Finding]
) -> str:
    """The currency of a price with no currency of its own on its row: the price header's ('Price (USD)'),
    the cells', else the base currency (said in a note when the sheet has no currency column at all)."""
    if "currency" in columns:
        # the Currency column decides each row's currency, so the cleaner's guess for unmarked cells does not apply
        findings.extend(f for f in price.findings if not (f.action or "").startswith("assumed"))
    else:
        findings.extend(price.findings)
    stated = header_currency(columns["unit_price"], known_currencies(settings)) or price.currency
    if "currency" not in columns and not stated:
        findings.append(
            Finding(
                Severity.INFO,
                f"The bid sheet has no currency column, so prices are read as {settings.base_currency} (the base "
                "currency).",
                sheet=sheet,
                column=columns["unit_price"],
            )
        )
    return stated or settings.base_currency


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
        findings.append(
            Finding(
                Severity.WARNING,
                f"{len(lost)} row(s) have a price but no {what}, so they are left out of the comparison "
                f"({row_list(lines.row[lost])}).",
                sheet=sheet,
                row=int(lines.row[lost[0]]),
                column=column,
                action=f"fill in the {what}",
            )
        )
    return findings
