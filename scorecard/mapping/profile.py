"""What a column holds and which unit its header names: the evidence a suggestion must fit.

A column is suggested for a criterion only when its values and unit fit the
criterion's kind: a percent is not days, money is not months, Low/Medium/High
labels are not a 0-100 score, a yes/no is not a rating.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from scorecard.clean import parse_money, parse_number, parse_yes_no
from scorecard.config import Criterion

UNIT_WORDS = {
    "%": "percent",
    "percent": "percent",
    "pct": "percent",
    "days": "days",
    "day": "days",
    "d": "days",
    "weeks": "weeks",
    "months": "months",
    "month": "months",
    "years": "years",
    "ppm": "ppm",
    "eur": "money",
    "usd": "money",
    "gbp": "money",
    "chf": "money",
    "jpy": "money",
    "cny": "money",
    "€": "money",
    "$": "money",
    "£": "money",
}

BRACKETED = re.compile(r"[(\[]([^)\]]{0,40})[)\]]")


def unit_family(text: str) -> str | None:
    """The unit a header or a criterion's unit names: percent, days, months, money, ppm, a 0-100 scale."""
    folded = text.casefold().strip()
    inside = [m.group(1).strip() for m in BRACKETED.finditer(folded)] or [folded]
    for part in inside:
        if re.fullmatch(r"\d+\s*-\s*\d+", part):
            return "scale"
        for token in re.split(r"[\s/]+", part):
            if token in UNIT_WORDS:
                return UNIT_WORDS[token]
    if "%" in folded:
        return "percent"
    return None


@dataclass(frozen=True)
class ColumnProfile:
    """What a column holds, read from its cells: numbers, yes/no answers, a few labels, or free text."""

    kind: str  # "number", "percent", "money", "yes_no", "labels", "text", "empty"
    labels: frozenset[str] = frozenset()


PROFILE_CELLS = 200  # a column's kind is read from its first cells with a value


def profile_column(cells: pd.Series) -> ColumnProfile:
    """The kind of values a column holds (for a suggestion to fit, and for candidate criteria)."""
    values = present_values(cells)
    if not values:
        return ColumnProfile("empty")
    if is_yes_no(values):
        return ColumnProfile("yes_no")
    kinds = [number_kind(v) for v in values]
    if sum(k is not None for k in kinds) >= 0.8 * len(values):
        if kinds.count("percent") > len(values) / 2:
            return ColumnProfile("percent")
        return ColumnProfile("money" if "money" in kinds else "number")
    distinct = {str(v).strip().casefold() for v in values}
    if len(distinct) <= 8 and len(values) >= 2 * len(distinct) - 1:
        return ColumnProfile("labels", frozenset(distinct))
    return ColumnProfile("text")


def present_values(cells: pd.Series) -> list[object]:
    """The column's first PROFILE_CELLS cells that hold something (not None, NaN or blank text)."""
    values = [v for v in cells.tolist() if v is not None and not (isinstance(v, float) and v != v)]
    return [v for v in values if not (isinstance(v, str) and not v.strip())][:PROFILE_CELLS]


def is_yes_no(values: list[object]) -> bool:
    """Every value a yes/no answer, and at least one written as one (a column of 0 and 1 is numbers)."""
    return all(isinstance(v, bool) or parse_yes_no(v) is not None for v in values) and any(
        not isinstance(v, (int, float)) or isinstance(v, bool) for v in values
    )


def number_kind(value: object) -> str | None:
    """'number', 'percent' or 'money' for a value that reads as one, else None."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "number"
    text = str(value).strip()
    if text.endswith("%") and parse_number(text.rstrip("% ")) is not None:
        return "percent"
    if parse_number(text) is not None:
        return "number"
    return "money" if parse_money(text)[0] is not None else None


def fits(criterion: Criterion, header: str, profile: ColumnProfile) -> bool:
    """Whether a column's values and unit fit the criterion's kind: a percent is not days, a money
    column is not months, Low/Medium/High labels are not a 0-100 score, a yes/no is not a rating."""
    if profile.kind == "empty":
        return unit_family(header) in (None, unit_family(criterion.unit))
    if criterion.method.kind == "categorical":
        return labels_fit(criterion, profile)
    if profile.kind not in ("number", "percent", "money"):
        return False
    wanted = unit_family(criterion.unit) or ("money" if criterion.kind == "money" else None)
    found = unit_family(header) or (profile.kind if profile.kind != "number" else None)
    if criterion.kind == "percent":
        wanted = "percent"
    return wanted is None or found is None or wanted == found or {wanted, found} <= {"percent", "scale"}


def labels_fit(criterion: Criterion, profile: ColumnProfile) -> bool:
    """A criterion scored by labels takes a yes/no column when its labels are Yes/No, else a column whose
    labels are all among its own."""
    labels = {label.casefold() for label, _ in criterion.method.points}
    if criterion.kind == "yes_no" or labels <= {"yes", "no"}:
        return profile.kind == "yes_no"
    return profile.kind == "labels" and bool(profile.labels) and profile.labels <= labels
