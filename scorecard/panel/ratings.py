"""Reading ratings: every usable rating in sheet order, every unusable one a finding with its row.

A blank rating means "not rated", never zero. Names are matched by the one rule of
`scorecard.names`; a rating that cannot be used is reported with its sheet, row and column.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from scorecard.clean import ValueKind, parse_number
from scorecard.config import Criterion
from scorecard.errors import Finding, Severity
from scorecard.names import header_key, supplier_key
from scorecard.panel.layout import Layout, entered_text, layout_columns
from scorecard.panel.lookup import CriterionLookup, SupplierLookup
from scorecard.panel.settings import EPSILON, PanelSettings
from scorecard.read.cells import row_list

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
        if header_key(word) == header_key(text):
            return point, True
    written = as_number(text)
    if written is not None:
        return written, True
    # '3 - Good', '3 (Good)': the number counts when the words agree with the scale
    match = re.fullmatch(r"\s*(-?\d+(?:[.,]\d+)?)\s*[-–:(=]?\s*(.*?)\)?\s*", text)
    if match and match.group(2):
        written = as_number(match.group(1))
        meaning = settings.descriptor(written) if written is not None else None
        if meaning and header_key(meaning) == header_key(match.group(2)):
            return written, True
    return None, False


def as_number(text: str) -> float | None:
    """A number from text, by the clean stage's rules (decimal commas, spaces); None if it is not one."""
    number = parse_number(text)
    return number if number is not None and math.isfinite(number) else None


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


@dataclass(frozen=True)
class RowRating:
    """One evaluator's rating on one row, before the row's supplier and criterion are checked."""

    evaluator: str | None
    rating: float | None
    readable: bool
    comment: str | None
    column: str


class RatingSheetReader:
    """Reads the evaluations sheet row by row, keeping the usable ratings and a finding for each other.

    Names and ratings repeat down the sheet, so each distinct cell is read once.
    """

    def __init__(
        self,
        evaluations: pd.DataFrame,
        layout: Layout,
        settings: PanelSettings,
        suppliers: SupplierLookup,
        criteria: CriterionLookup,
        sheet: str,
    ) -> None:
        self.layout, self.settings, self.sheet = layout, settings, sheet
        self.suppliers, self.criteria = suppliers, criteria
        self.cells = layout.rating_cells()
        self.column_values = {h: evaluations[h].astype(object).tolist() for h in layout_columns(layout)}
        self.supplier_of = memoised(lambda v: entered_text(v, ValueKind.IDENTIFIER))
        self.criterion_of = memoised(entered_text)
        self.evaluator_of = memoised(lambda v: entered_text(v, ValueKind.IDENTIFIER))
        self.rating_of = memoised(lambda v: read_rating(v, settings))
        self.find_supplier = memoised(suppliers.find)
        self.find_criterion = memoised(criteria.find)
        self.readable_columns: dict[str, int] = {column: 0 for _, column, _ in self.cells}
        self.unreadable: dict[str, list[Finding]] = {column: [] for _, column, _ in self.cells}
        self.findings: list[Finding] = []
        self.unscored: dict[str, tuple[Criterion | None, list[Any]]] = {}
        self.ratings: list[RatingRead] = []

    def read_row(self, position: int, row: Any) -> None:
        """Every rating on one sheet row, once its supplier and criterion are known."""
        record = {h: values[position] for h, values in self.column_values.items()}
        entries = self.row_ratings(record)
        if not entries:
            return
        where = {"sheet": self.sheet, "row": int(row) if isinstance(row, (int, np.integer)) else row}
        pair = self.supplier_and_criterion(record, where)
        if pair is None:
            return
        for entry in entries:
            self.take(entry, record[entry.column], pair, where)

    def row_ratings(self, record: dict[str, Any]) -> list[RowRating]:
        """The row's ratings that were entered (a blank is not rated, never zero), readable or not."""
        layout = self.layout
        shared_comment = entered_text(record[layout.comment]) if layout.comment else None
        entries = []
        for evaluator_source, rating_column, comment_column in self.cells:
            rating, readable = self.rating_of(record[rating_column])
            if rating is None and readable:
                continue
            if layout.shape == "long":
                evaluator = self.evaluator_of(record[evaluator_source]) if evaluator_source else None
            else:
                evaluator = evaluator_source
            comment = entered_text(record[comment_column]) if comment_column else None
            if layout.shape == "wide" and shared_comment:
                comment = f"{comment} / {shared_comment}" if comment else shared_comment
            self.readable_columns[rating_column] += readable
            entries.append(RowRating(evaluator, rating, readable, comment, rating_column))
        return entries

    def supplier_and_criterion(self, record: dict[str, Any], where: dict[str, Any]) -> tuple[int, int] | None:
        """The row's supplier and panel criterion (their positions), or None with a finding saying why."""
        layout = self.layout
        supplier_name = self.supplier_of(record[layout.supplier])
        criterion_name = self.criterion_of(record[layout.criterion])
        if supplier_name is None or criterion_name is None:
            what = "supplier" if supplier_name is None else "criterion"
            column = layout.supplier if supplier_name is None else layout.criterion
            self.findings.append(
                Finding(
                    Severity.ERROR,
                    f"A rating has no {what} name, so it cannot be counted.",
                    column=column,
                    action=f"not used; fill in the {what}",
                    **where,
                )
            )
            return None
        i = self.find_supplier(supplier_name)
        if i is None:
            self.findings.append(
                Finding(
                    Severity.ERROR,
                    f'Supplier "{supplier_name}" is not in the supplier sheet, so its ratings cannot be counted. '
                    + self.suppliers.suggestion(supplier_name),
                    column=layout.supplier,
                    value=supplier_name,
                    action="not used; correct the name or add the supplier",
                    **where,
                )
            )
            return None
        found = self.find_criterion(criterion_name)
        if not isinstance(found, int):
            self.unscored.setdefault(criterion_name, (found, []))[1].append(where["row"])
            return None
        return i, found

    def criterion_finding(self, name: str, found: Criterion | None, rows: list[Any]) -> Finding:
        """Why a criterion's ratings are not used, once per criterion name with the rows it is on.

        A name close to a panel criterion is likely a typo (an error: a rating meant to count does
        not); a name the settings simply do not score (ratings kept for another preset) is a warning.
        """
        count = f"{len(rows)} rows" if len(rows) > 1 else "1 row"
        suggestion = self.criteria.suggestion(name)
        severity = Severity.ERROR
        if found is not None:
            message = (
                f'Criterion "{name}" ({found.label}) is not panel-rated in the settings, '
                f"so its panel ratings ({count}) do not score it."
            )
            action = f"not used; add `panel: true` to criterion `{found.key}` if the panel should rate it"
        elif suggestion.startswith("Did you mean"):
            message = f'Criterion "{name}" ({count}) is not a criterion in the settings. {suggestion}'
            action = "not used; correct the name or add the criterion to the settings"
        else:
            severity = Severity.WARNING
            message = (
                f'These settings do not score "{name}", so its ratings ({count}) are not used. {suggestion}'
            )
            action = (
                "not used; to score it, add a criterion with `panel: true`, or choose settings that rate it"
            )
        if len(rows) > 1 and all(isinstance(r, int) for r in rows):
            message += f" On {row_list(rows)}."
        return Finding(
            severity,
            message,
            sheet=self.sheet,
            row=rows[0] if len(rows) == 1 else None,
            column=self.layout.criterion,
            value=name,
            action=action,
        )

    def take(self, entry: RowRating, raw: Any, pair: tuple[int, int], where: dict[str, Any]) -> None:
        """Keep one rating, or say why it cannot be used (no evaluator, not a rating, off the scale)."""
        settings, evaluator, column = self.settings, entry.evaluator, entry.column
        if evaluator is None:
            self.findings.append(
                Finding(
                    Severity.ERROR,
                    "A rating has no evaluator name, so it cannot be weighed or checked for duplicates.",
                    column=self.layout.evaluator,
                    action="not used; fill in who gave the rating",
                    **where,
                )
            )
        elif not entry.readable or entry.rating is None:
            self.unreadable[column].append(
                Finding(
                    Severity.WARNING,
                    f"{evaluator}'s rating is not a number on the {settings.scale_words()} scale.",
                    column=column,
                    value=str(raw),
                    action="not used (not rated); enter a number on the scale",
                    **where,
                )
            )
        elif entry.rating < settings.scale_min - EPSILON or entry.rating > settings.scale_max + EPSILON:
            self.findings.append(
                Finding(
                    Severity.WARNING,
                    f"{evaluator}'s rating {entry.rating:g} is outside the scale "
                    f"({settings.scale_min:g} to {settings.scale_max:g}).",
                    column=column,
                    value=str(raw),
                    action="not used; correct the rating or the scale in the settings",
                    **where,
                )
            )
        else:
            supplier, criterion = pair
            self.ratings.append(
                RatingRead(evaluator, supplier, criterion, entry.rating, entry.comment, where["row"], column)
            )

    def closing_findings(self) -> list[Finding]:
        """The per-row findings, with a column that never held a rating noted once instead of per row."""
        findings = self.findings
        for name, (found, rows) in self.unscored.items():
            findings.append(self.criterion_finding(name, found, rows))
        for column, column_findings in self.unreadable.items():
            if self.layout.shape == "wide" and self.readable_columns[column] == 0:
                # a column with no rating in it is a notes column, not an evaluator
                findings.append(
                    Finding(
                        Severity.INFO,
                        f'Column "{column}" holds no ratings on the scale, so it is not read as an evaluator.',
                        sheet=self.sheet,
                        column=column,
                        action="ignored",
                    )
                )
            else:
                findings.extend(column_findings)
        if self.layout.unused:
            findings.append(
                Finding(
                    Severity.INFO,
                    "These columns of the evaluations sheet are not read: "
                    + ", ".join(self.layout.unused)
                    + ". The consensus is worked out from each evaluator's own ratings.",
                    sheet=self.sheet,
                    action="ignored",
                )
            )
        return findings


def read_ratings(
    evaluations: pd.DataFrame,
    layout: Layout,
    settings: PanelSettings,
    suppliers: SupplierLookup,
    criteria: CriterionLookup,
    sheet: str,
) -> tuple[list[RatingRead], list[Finding]]:
    """Every usable rating in sheet order; every unusable one becomes a finding with its row."""
    reader = RatingSheetReader(evaluations, layout, settings, suppliers, criteria, sheet)
    for position, row in enumerate(evaluations.index):
        reader.read_row(position, row)
    return reader.ratings, reader.closing_findings()


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
