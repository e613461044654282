"""Values as a buyer reads them in a sentence: 'A, B and C', '1,234.5', '120,000 EUR', 'no data'.

One home for the few rules that both a stage's messages (a finding naming the importance columns, a
buyer's rationale template filled with a supplier's values) and the tables' sentences need; stages may
not import `scorecard.tables`, so they live here, beside `scorecard.numbers` (the tables' number style).
`join_words` is `scorecard.joins`'s, given on from here: the reader uses it too, and this module imports
the reader.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from scorecard.config import Criterion, unit_suffix
from scorecard.joins import join_words
from scorecard.read import is_blank

__all__ = ["format_value", "join_words", "no_data", "plain_number", "plural", "suffix_for"]


def no_data(value: object) -> bool:
    """No usable value: blank as the reader sees it (`scorecard.read.is_blank`, NaN included), or the NA
    a pandas table of nullable numbers holds."""
    return is_blank(value) or value is pd.NA


def plain_number(value: float) -> str:
    """1234.5 -> '1,234.5'; 97.0 -> '97'; at most two decimals, so values read like the buyer typed them."""
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


suffix_for = cache(unit_suffix)  # a plan's sentences name the same few units many times


def format_value(value: object, criterion: Criterion | None = None, unit: str = "") -> str:
    """A raw criterion value with its unit ('97%', '45 days', 'Yes'), or 'no data'."""
    if no_data(value):
        return "no data"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (int, float)):
        suffix = suffix_for(criterion.unit if criterion is not None else unit)
        return f"{plain_number(float(value))}{suffix}"
    return str(value).strip()


def plural(count: int, word: str) -> str:
    """'1 supplier', '3 suppliers': a count in words a buyer reads."""
    return f"{count} {word}{'' if count == 1 else 's'}"
