"""Numbers and values as a buyer reads them in a sentence: '97%', '120,000 EUR', 'second place', 'no data'."""

from __future__ import annotations

from functools import cache
from typing import Any

import pandas as pd

from scorecard.config import Criterion, unit_suffix
from scorecard.read import is_blank

ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


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
    """A raw criterion value with its unit, or 'no data'."""
    if no_data(value):
        return "no data"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (int, float)):
        suffix = suffix_for(criterion.unit if criterion is not None else unit)
        return f"{plain_number(float(value))}{suffix}"
    return str(value).strip()


def ordinal(rank: int | None) -> str:
    """2 -> 'second'; 14 -> '14th'; None -> 'unranked'."""
    if rank is None:
        return "unranked"
    if 1 <= rank <= len(ORDINALS):
        return ORDINALS[rank - 1]
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def lower_first(label: str) -> str:
    """'On-time delivery' -> 'on-time delivery', but 'ISO 9001 certified' keeps its capitals."""
    if len(label) > 1 and label[:2].isupper():
        return label
    return label[:1].lower() + label[1:]


def join_words(items: list[str]) -> str:
    """['a', 'b', 'c'] -> 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


class Missing:
    """A placeholder with no number behind it: formats as its reason for any format spec."""

    def __init__(self, reason: str = "no data") -> None:
        self.reason = reason

    def __format__(self, spec: str) -> str:
        return self.reason

    def __str__(self) -> str:
        return self.reason


class Shown:
    """A raw value in a rationale: '{x_value}' shows it with its unit, '{x_value:.1f}' formats the number."""

    def __init__(self, value: Any, text: str) -> None:
        self.value = value
        self.text = text

    def __format__(self, spec: str) -> str:
        return format(self.value, spec) if spec else self.text

    def __str__(self) -> str:
        return self.text


def placeholder_value(value: object) -> object:
    """Numbers as they are, and anything without data as `Missing` (never 0)."""
    if isinstance(value, (Missing, Shown)):
        return value
    if no_data(value):
        return Missing()
    return value
