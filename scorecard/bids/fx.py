"""Exchange rates for a sourcing event: from an FX sheet of the workbook and from the settings.

A rate is the value of one unit of a currency in the base currency (base EUR,
USD 0.92 means 1 USD = 0.92 EUR), and an amount converts as amount x rate. The
workbook's FX sheet belongs to the event, so where it and the settings disagree
the sheet wins and the difference is reported.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from scorecard.bids.cells import currency_of, text_cells
from scorecard.bids.number_cells import number_cells
from scorecard.bids.settings import BidSettings
from scorecard.bids.sheet import known_currencies
from scorecard.bids.vocabulary import COLUMN_SYNONYMS
from scorecard.clean import ValueKind
from scorecard.errors import Finding, ScorecardError, Severity
from scorecard.names import HeaderKeys

RATE_HEADERS = ("Rate", "FX rate", "Exchange rate", "Conversion rate", "Rate to base", "Value in base")


def rate_header_names(base: str) -> list[str]:
    return [*RATE_HEADERS, f"Rate to {base}", f"{base} per unit", f"Value in {base}", f"In {base}", base]


def read_fx_sheet(
    fx: pd.DataFrame, settings: BidSettings, sheet: str
) -> tuple[dict[str, float], list[Finding]]:
    """Currency -> rate from an FX sheet with a currency column and a rate column."""
    base = settings.base_currency
    fx = fx.set_axis([str(c) for c in fx.columns], axis=1)
    currency_col, rate_col = fx_columns(fx, base, sheet)
    codes = text_cells(fx[currency_col], ValueKind.TEXT, sheet=sheet, column=currency_col)
    rates = number_cells(fx[rate_col], ValueKind.NUMBER, sheet=sheet, column=rate_col)
    known = known_currencies(settings)
    out: dict[str, float] = {}
    rows = fx.index.to_numpy()
    for pos in range(len(fx)):
        code_index = codes.codes[pos]
        if code_index < 0:
            continue
        label = codes.labels[code_index]
        code = currency_of(label, known)
        row = int(rows[pos])
        if code is None:
            raise ScorecardError(
                f"{label!r} is not a currency code.", sheet=sheet, row=row, column=currency_col,
                hint="Write a three-letter code such as USD.",
            )  # fmt: skip
        out[code] = checked_rate(code, float(rates.values[pos]), out.get(code), base, (sheet, row, rate_col))
    return out, list(rates.findings)


def fx_columns(fx: pd.DataFrame, base: str, sheet: str) -> tuple[str, str]:
    """The FX sheet's currency and rate columns, found by their headers."""
    headers = [str(c) for c in fx.columns]
    keys = HeaderKeys(headers)
    currency_col = keys.first(COLUMN_SYNONYMS["currency"])
    rate_col = keys.first(rate_header_names(base), taken=(currency_col,) if currency_col else ())
    if currency_col is None or rate_col is None:
        raise ScorecardError(
            "The FX sheet needs a Currency column and a Rate column (the value of 1 unit of the currency in "
            f"{base}).",
            sheet=sheet,
            hint=f"Headers found: {', '.join(headers) or 'none'}.",
        )
    return currency_col, rate_col


def checked_rate(
    code: str, rate: float, earlier: float | None, base: str, where: tuple[str, int, str]
) -> float:
    """A rate above 0, 1 for the base currency, and the same on every row of its currency; else stop."""
    sheet, row, column = where
    if not np.isfinite(rate) or rate <= 0:
        raise ScorecardError(
            f"The rate for {code} is not a number above 0.", sheet=sheet, row=row, column=column,
            hint=f"Enter the value of 1 {code} in {base}.",
        )  # fmt: skip
    if code == base and not np.isclose(rate, 1.0):
        raise ScorecardError(
            f"{base} is the base currency, so its rate must be 1, not {rate:g}.",
            sheet=sheet, row=row, column=column,
            hint=f"Give rates as the value of 1 unit of each currency in {base}, or change `bids.base_currency`.",
        )  # fmt: skip
    if earlier is not None and not np.isclose(earlier, rate):
        raise ScorecardError(
            f"{code} has two different rates ({earlier:g} and {rate:g}).", sheet=sheet, row=row,
            column=column, hint="Keep one rate per currency.",
        )  # fmt: skip
    return rate


def event_rates(
    settings: BidSettings, fx: pd.DataFrame | None, fx_sheet: str | None
) -> tuple[dict[str, float], dict[str, str], list[Finding]]:
    """All rates for the event with where each came from; the FX sheet wins over the settings."""
    rates = dict(settings.fx_rates)
    source = dict.fromkeys(rates, "settings")
    findings: list[Finding] = []
    if fx is not None and not fx.empty:
        name = fx_sheet or "FX"
        from_sheet, sheet_findings = read_fx_sheet(fx, settings, name)
        findings.extend(sheet_findings)
        for code, rate in from_sheet.items():
            if code in rates and not np.isclose(rates[code], rate):
                findings.append(
                    Finding(
                        Severity.WARNING,
                        f"The FX sheet gives {code} a rate of {rate:g} and the settings {rates[code]:g}; "
                        "the sheet's rate is used.",
                        sheet=name,
                        action="remove one of the two rates",
                    )
                )
            rates[code] = rate
            source[code] = f'sheet "{name}"'
    rates.pop(settings.base_currency, None)
    return rates, source, findings
