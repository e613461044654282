"""Reading ratings: every usable rating in sheet order, every unusable one a finding with its row.

A blank rating means "not rated", never zero. Names are matched by the one rule of
`scorecard.names`; a rating that cannot be used is reported with its sheet, row and column.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from scorecard.clean import ValueKind, normalise_header, parse_number
from scorecard.config import Criterion
from scorecard.errors import Finding, Severity
from scorecard.names import supplier_key
from scorecard.panel.layout import Layout, entered_text, layout_columns
from scorecard.panel.settings import EPSILON, PanelSettings, criterion_names

T = TypeVar("T")


@dataclass
class RatingRead:
    """One rating as read from the sheet, before duplicates are resolved."""

    evaluator: str
    supplier: int
    criterion: int
    rating: float
    comment: str | None
    row: Any
    column: str


def read_rating(value: object, settings: PanelSettings) -> tuple[float | None, bool]:
    """(rating, readable): a number on the scale, a descriptor word ('Good') or '3 - Good'.

    A blank or missing marker gives (None, True): not rated, which is not an error.
    """
    text = entered_text(value, ValueKind.NUMBER)
    if text is None:
        return None, True
    if isinstance(value, (bool, np.bool_)):
        return None, False
    if isinstance(value, (int, float, np.integer, np.floating)):
        number = float(value)
        return (number, True) if math.isfinite(number) else (None, False)
    for point, word in settings.descriptors:
        if normalise_header(word) == normalise_header(text):
            return point, True
    number = as_number(text)
    if number is not None:
        return number, True
    # '3 - Good', '3 (Good)': the number counts when the words agree with the scale
    match = re.fullmatch(r"\s*(-?\d+(?:[.,]\d+)?)\s*[-–:(=]?\s*(.*?)\)?\s*", text)
    if match and match.group(2):
        number = as_number(match.group(1))
        word = settings.descriptor(number) if number is not None else None
        if word and normalise_header(word) == normalise_header(match.group(2)):
            return number, True
    return None, False


def as_number(text: str) -> float | None:
    """A number from text, by the clean stage's rules (decimal commas, spaces); None if it is not one."""
    number = parse_number(text)
    return number if number is not None and math.isfinite(number) else None


class SupplierLookup:
    """Matches supplier names in the sheet to the supplier table, ignoring case and spacing."""

    def __init__(self, suppliers: Sequence[str]) -> None:
        self.suppliers = tuple(suppliers)
        self.by_key: dict[str, int] = {}
        for i, name in enumerate(self.suppliers):
            self.by_key.setdefault(supplier_key(name), i)

    def find(self, name: str) -> int | None:
        return self.by_key.get(supplier_key(name))

    def suggestion(self, name: str) -> str:
        close = difflib.get_close_matches(name, self.suppliers, n=1, cutoff=0.6)
        if close:
            return f'Did you mean "{close[0]}"?'
        shown = ", ".join(self.suppliers[:8]) + (", ..." if len(self.suppliers) > 8 else "")
        return f"Suppliers in the supplier sheet: {shown}."


class CriterionLookup:
    """Matches criterion names in the sheet to panel criteria by key, label, column or synonym."""

    def __init__(self, panel: Sequence[Criterion], others: Sequence[Criterion]) -> None:
        self.panel = tuple(panel)
        self.by_name: dict[str, int] = {}
        for j, c in enumerate(self.panel):
            for name in criterion_names(c):
                self.by_name.setdefault(name, j)
        self.other_names: dict[str, Criterion] = {}
        for c in others:
            for name in criterion_names(c):
                self.other_names.setdefault(name, c)

    def find(self, name: str) -> int | Criterion | None:
        """Index of a panel criterion; or the non-panel Criterion it names; or None if unknown."""
        wanted = normalise_header(name)
        if wanted in self.by_name:
            return self.by_name[wanted]
        return self.other_names.get(wanted)

    def suggestion(self, name: str) -> str:
        labels = [c.label for c in self.panel]
        close = difflib.get_close_matches(name, labels, n=1, cutoff=0.6)
        if close:
            return f'Did you mean "{close[0]}"?'
        return f"Panel-rated criteria: {', '.join(labels)}."


def memoised(function: Callable[[Any], T]) -> Callable[[Any], T]:
    """`function` with its answers kept per distinct cell (1, 1.0 and True stay apart)."""
    cache: dict[tuple[type, Any], T] = {}

    def call(value: Any) -> T:
        try:
            key = (type(value), value)
            if key in cache:
                return cache[key]
        except TypeError:  # an unhashable cell
            return function(value)
        result = cache[key] = function(value)
        return result

    return call


def read_ratings(
    evaluations: pd.DataFrame,
    layout: Layout,
    settings: PanelSettings,
    suppliers: SupplierLookup,
    criteria: CriterionLookup,
    sheet: str,
) -> tuple[list[RatingRead], list[Finding]]:
    """Every usable rating in sheet order; every unusable one becomes a finding with its row."""
    findings: list[Finding] = []
    ratings: list[RatingRead] = []
    if layout.shape == "long":
        cells = [(layout.evaluator, layout.rating, layout.comment)]
    else:
        cells = [(name, column, own) for name, column, own in layout.evaluators]
    column_values = {h: evaluations[h].astype(object).tolist() for h in layout_columns(layout)}
    # names and ratings repeat down the sheet: read each distinct cell once
    supplier_of = memoised(lambda v: entered_text(v, ValueKind.IDENTIFIER))
    criterion_of = memoised(entered_text)
    evaluator_of = memoised(lambda v: entered_text(v, ValueKind.IDENTIFIER))
    rating_of = memoised(lambda v: read_rating(v, settings))
    find_supplier = memoised(suppliers.find)
    find_criterion = memoised(criteria.find)
    readable_columns: dict[str, int] = {column: 0 for _, column, _ in cells}
    unreadable: dict[str, list[Finding]] = {column: [] for _, column, _ in cells}
    for position, row in enumerate(evaluations.index):
        record = {h: values[position] for h, values in column_values.items()}
        supplier_name = supplier_of(record[layout.supplier])
        criterion_name = criterion_of(record[layout.criterion])
        shared_comment = entered_text(record[layout.comment]) if layout.comment else None
        entries = []
        for evaluator_source, rating_column, comment_column in cells:
            rating, readable = rating_of(record[rating_column])
            if rating is None and readable:
                continue  # blank: not rated, never zero
            evaluator = evaluator_of(record[evaluator_source]) if layout.shape == "long" else evaluator_source
            comment = entered_text(record[comment_column]) if comment_column else None
            if layout.shape == "wide" and shared_comment:
                comment = f"{comment} / {shared_comment}" if comment else shared_comment
            readable_columns[rating_column] += readable
            entries.append((evaluator, rating, readable, comment, rating_column))
        if not entries:
            continue
        where = {"sheet": sheet, "row": int(row) if isinstance(row, (int, np.integer)) else row}
        if supplier_name is None or criterion_name is None:
            what = "supplier" if supplier_name is None else "criterion"
            column = layout.supplier if supplier_name is None else layout.criterion
            findings.append(
                Finding(
                    Severity.ERROR,
                    f"A rating has no {what} name, so it cannot be counted.",
                    column=column,
                    action=f"not used; fill in the {what}",
                    **where,
                )
            )
            continue
        i = find_supplier(supplier_name)
        if i is None:
            findings.append(
                Finding(
                    Severity.ERROR,
                    f'Supplier "{supplier_name}" is not in the supplier sheet, so its ratings cannot be counted. '
                    + suppliers.suggestion(supplier_name),
                    column=layout.supplier,
                    value=supplier_name,
                    action="not used; correct the name or add the supplier",
                    **where,
                )
            )
            continue
        found = find_criterion(criterion_name)
        if not isinstance(found, int):
            if found is None:
                message = (
                    f'Criterion "{criterion_name}" is not a criterion in the settings. '
                    + criteria.suggestion(criterion_name)
                )
                action = "not used; correct the name or add the criterion to the settings"
            else:
                message = (
                    f'Criterion "{criterion_name}" ({found.label}) is not panel-rated in the settings, '
                    "so panel ratings do not score it."
                )
                action = f"not used; add `panel: true` to criterion `{found.key}` if the panel should rate it"
            findings.append(
                Finding(
                    Severity.ERROR,
                    message,
                    column=layout.criterion,
                    value=criterion_name,
                    action=action,
                    **where,
                )
            )
            continue
        for evaluator, rating, readable, comment, column in entries:
            if evaluator is None:
                findings.append(
                    Finding(
                        Severity.ERROR,
                        "A rating has no evaluator name, so it cannot be weighed or checked for duplicates.",
                        column=layout.evaluator,
                        action="not used; fill in who gave the rating",
                        **where,
                    )
                )
                continue
            raw = record[column]
            if not readable:
                unreadable[column].append(
                    Finding(
                        Severity.WARNING,
                        f"{evaluator}'s rating is not a number on the {settings.scale_words()} scale.",
                        column=column,
                        value=str(raw),
                        action="not used (not rated); enter a number on the scale",
                        **where,
                    )
                )
                continue
            if rating < settings.scale_min - EPSILON or rating > settings.scale_max + EPSILON:
                findings.append(
                    Finding(
                        Severity.WARNING,
                        f"{evaluator}'s rating {rating:g} is outside the scale "
                        f"({settings.scale_min:g} to {settings.scale_max:g}).",
                        column=column,
                        value=str(raw),
                        action="not used; correct the rating or the scale in the settings",
                        **where,
                    )
                )
                continue
            ratings.append(RatingRead(evaluator, i, found, rating, comment, where["row"], column))
    for column, column_findings in unreadable.items():
        if layout.shape == "wide" and readable_columns[column] == 0:
            # a column with no rating in it is a notes column, not an evaluator: one note, not one per row
            findings.append(
                Finding(
                    Severity.INFO,
                    f'Column "{column}" holds no ratings on the scale, so it is not read as an evaluator.',
                    sheet=sheet,
                    column=column,
                    action="ignored",
                )
            )
        else:
            findings.extend(column_findings)
    if layout.unused:
        findings.append(
            Finding(
                Severity.INFO,
                "These columns of the evaluations sheet are not read: "
                + ", ".join(layout.unused)
                + ". The consensus is worked out from each evaluator's own ratings.",
                sheet=sheet,
                action="ignored",
            )
        )
    return ratings, findings


def resolve_duplicates(
    ratings: list[RatingRead], criteria: Sequence[Criterion], suppliers: Sequence[str], sheet: str
) -> tuple[list[RatingRead], list[Finding]]:
    """One rating per evaluator, supplier and criterion: the later row is kept (a correction), and said so."""
    kept: dict[tuple[str, int, int], RatingRead] = {}
    findings: list[Finding] = []
    for rating in ratings:
        key = (supplier_key(rating.evaluator), rating.supplier, rating.criterion)
        earlier = kept.get(key)
        if earlier is not None:
            same = (
                "the same rating"
                if math.isclose(earlier.rating, rating.rating)
                else (f"{earlier.rating:g} there, {rating.rating:g} here")
            )
            findings.append(
                Finding(
                    Severity.WARNING,
                    f"{rating.evaluator} rated {suppliers[rating.supplier]} on "
                    f"{criteria[rating.criterion].label} twice (also in row {earlier.row}: {same}).",
                    sheet=sheet,
                    row=rating.row,
                    column=rating.column,
                    value=f"{rating.rating:g}",
                    action=f"this later rating is used and the one in row {earlier.row} is not; delete one of them",
                )
            )
            del kept[key]  # re-insert so that sheet order follows the rating that is used
        kept[key] = rating
    return list(kept.values()), findings
