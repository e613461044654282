"""Helpers for the clean tests: a column as the reader hands it over, its values, one finding; locales."""

from __future__ import annotations

import pandas as pd
from hypothesis import strategies as st

from scorecard.clean import (
    CleanColumn,
    DecimalHint,
    ValueKind,
    clean_column,
)
from scorecard.errors import Finding, Severity

FIRST_ROW = 2  # row 1 holds the headers


def column(
    cells: list[object], kind: ValueKind, first_row: int = FIRST_ROW, decimal_hint: DecimalHint | None = None
) -> CleanColumn:
    """Clean cells as the reader hands them over: an object Series indexed by sheet row."""
    series = pd.Series(cells, index=range(first_row, first_row + len(cells)), dtype=object)
    return clean_column(series, kind, sheet="Suppliers", column="Col", decimal_hint=decimal_hint)


def values(result: CleanColumn) -> list[object]:
    """Values with every kind of 'no value' as None, so expectations read as plain lists."""
    return [None if pd.isna(v) else v for v in result.values]


def only(findings: tuple[Finding, ...], severity: Severity, words: str) -> Finding:
    """The one finding of this severity whose message contains `words`."""
    matching = [f for f in findings if f.severity is severity and words in f.message]
    assert len(matching) == 1, [str(f) for f in findings]
    return matching[0]


# Cells that say "no data" in any column but an identifier's, in the spellings buyers use
NO_DATA_TEXTS = [
    "",
    "   ",
    "\xa0",
    "n/a",
    "N/A",
    " na ",
    "n.a.",
    "n.a",
    "-",
    "--",
    "—",
    "tbd",
    "TBC",
    "?",
    "null",
    "NaN",
    "no data",
    "No Data",
    "unknown",
]
FORMULA_ERROR_TEXTS = ["#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#name?"]

# (thousands separator, decimal mark) as different locales write them
LOCALES = [
    (",", "."),
    (".", ","),
    (" ", ","),
    ("\xa0", ","),
    ("\u202f", ","),
    ("'", "."),
    ("", "."),
    ("", ","),
]


LOCALES += [(" ", ".")]


SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "USD": "USD", "CHF": "CHF", "EUR": "EUR"}


def written(amount: float, thousands: str, decimal: str, decimals: int = 2) -> str:
    """|amount| as a locale writes it: thousands separators and a decimal mark."""
    whole, _, fraction = f"{abs(amount):,.{decimals}f}".partition(".")
    whole = whole.replace(",", thousands)
    return whole + (decimal + fraction if decimals else "")


amounts = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)
