"""The evaluations sheet's layout: which column is the supplier, the criterion, each evaluator's ratings.

Long (one rating per row: evaluator, supplier, criterion, rating) or wide (a row per supplier and
criterion, a column per evaluator), found from the headers or as the settings force it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from scorecard.clean import ValueKind, is_missing_marker
from scorecard.errors import ScorecardError
from scorecard.names import HeaderKeys, first_header, header_key
from scorecard.panel.settings import LONG_ROLES, READ_ROLES, PanelSettings
from scorecard.read.provenance import SOURCE_COLUMNS


def entered_text(value: object, kind: ValueKind = ValueKind.TEXT) -> str | None:
    """A cell as text; None when blank or a missing marker (N/A, -, TBD; for names only blank)."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if not text or is_missing_marker(text, kind):
        return None
    return text


@dataclass(frozen=True)
class Layout:
    """Which column of the evaluations sheet plays which part."""

    shape: str
    supplier: str
    criterion: str
    evaluator: str | None = None
    rating: str | None = None
    comment: str | None = None
    # wide shape: (evaluator name, rating column, its own comment column or None)
    evaluators: tuple[tuple[str, str, str | None], ...] = ()
    unused: tuple[str, ...] = ()

    def rating_cells(self) -> tuple[tuple[str | None, str, str | None], ...]:
        """Per rating read from a row: (the evaluator column (long) or name (wide), the rating column,
        the comment column or None)."""
        if self.shape == "wide":
            return self.evaluators
        if self.rating is None:
            raise ValueError("A long evaluations layout needs its rating column.")
        return ((self.evaluator, self.rating, self.comment),)


def comment_owner(header: str, comment_names: Sequence[str], evaluator_columns: HeaderKeys) -> str | None:
    """For 'Anna comment', 'Comments - Anna' or 'Anna (evidence)': the evaluator column it belongs to."""
    for name in comment_names:
        word = re.escape(name)
        for pattern in (
            rf"\s*(?P<rest>.+?)[\s\-–:_/(\[]*\b{word}\b[\s)\]]*",
            rf"[\s(\[]*\b{word}\b[\s\-–:_/)\]]*(?P<rest>.+?)[\s)\]]*",
        ):
            match = re.fullmatch(pattern, header, flags=re.IGNORECASE)
            if match:
                owner = evaluator_columns.first([match.group("rest")])
                if owner:
                    return owner
    return None


def detect_layout(evaluations: pd.DataFrame, settings: PanelSettings, sheet: str) -> Layout:
    """Long or wide, from the columns (or as the settings force it); raises when neither fits."""
    headers = [str(h) for h in evaluations.columns if entered_text(h, ValueKind.IDENTIFIER) is not None]
    found = {role: first_header(headers, settings.names_for(role)) for role in READ_ROLES}
    is_long = all(found[r] for r in LONG_ROLES)
    shape = settings.shape
    if shape == "auto":
        if is_long:
            shape = "long"
        elif found["supplier"] and found["criterion"] and not found["rating"] and not found["evaluator"]:
            shape = "wide"
        else:
            raise layout_error(found, settings, sheet, headers)
    if shape == "long":
        if not is_long:
            raise layout_error(found, settings, sheet, headers, forced="long")
        return long_layout(found, headers)
    if not (found["supplier"] and found["criterion"]):
        raise layout_error(found, settings, sheet, headers, forced="wide")
    return wide_layout(found, headers, settings, sheet)


def long_layout(found: Mapping[str, str | None], headers: Sequence[str]) -> Layout:
    """One rating per row: the evaluator, supplier, criterion and rating columns were all found."""
    used = {found[r] for r in READ_ROLES}
    return Layout(
        "long",
        supplier=str(found["supplier"]),
        criterion=str(found["criterion"]),
        evaluator=found["evaluator"],
        rating=found["rating"],
        comment=found["comment"],
        unused=tuple(h for h in headers if h not in used and h not in SOURCE_COLUMNS),
    )


def wide_layout(
    found: Mapping[str, str | None], headers: Sequence[str], settings: PanelSettings, sheet: str
) -> Layout:
    """A column per evaluator: every other column, less the buyer's summary columns and each
    evaluator's own comment column ('Anna comment')."""
    ignored = {header_key(name) for name in settings.names_for("ignore")}
    taken = {found["supplier"], found["criterion"], found["comment"]}
    comment_names = settings.names_for("comment")
    unused = tuple(h for h in headers if h not in taken and header_key(h) in ignored)
    candidates = [h for h in headers if h not in taken and h not in unused]
    evaluators = evaluator_columns(candidates, comment_names)
    if not evaluators:
        raise ScorecardError(
            "The evaluations sheet has a supplier and a criterion column but no evaluator columns.",
            sheet=sheet,
            hint="Add one column of ratings per evaluator, headed with the evaluator's name.",
        )
    return Layout(
        "wide",
        supplier=str(found["supplier"]),
        criterion=str(found["criterion"]),
        comment=found["comment"],
        evaluators=evaluators,
        unused=unused,
    )


def evaluator_columns(
    candidates: Sequence[str], comment_names: Sequence[str]
) -> tuple[tuple[str, str, str | None], ...]:
    """(evaluator, rating column, own comment column or None) for each candidate that is not a comment."""
    by_name = HeaderKeys(candidates)
    owners = {h: comment_owner(h, comment_names, by_name) for h in candidates}
    comment_columns = {h for h, owner in owners.items() if owner and owner != h}
    return tuple(
        (h, h, next((c for c in comment_columns if owners[c] == h), None))
        for h in candidates
        if h not in comment_columns
    )


def layout_error(
    found: Mapping[str, str | None],
    settings: PanelSettings,
    sheet: str,
    headers: Sequence[str],
    forced: str | None = None,
) -> ScorecardError:
    """Say which columns were looked for and not found, with the names each may go by."""
    roles = ("supplier", "criterion") if forced == "wide" else LONG_ROLES
    missing = [r for r in roles if not found[r]]
    wanted = "; ".join(f"{r}: {', '.join(settings.names_for(r)[:4])}" for r in missing)
    shape = {
        None: "either shape (long: evaluator, supplier, criterion, rating; wide: supplier, criterion, "
        "then one column per evaluator)",
        "long": "the long shape the settings ask for",
        "wide": "the wide shape the settings ask for",
    }[forced]
    return ScorecardError(
        f"The evaluations sheet does not fit {shape}. Missing: {wanted}.",
        sheet=sheet,
        hint=f"Its columns are: {', '.join(headers) or 'none'}. Rename them, or add names under "
        "`panel.columns` in the settings.",
    )


def layout_columns(layout: Layout) -> list[str]:
    """Every column the layout reads."""
    named = [layout.supplier, layout.criterion, layout.evaluator, layout.rating, layout.comment]
    for _, rating, comment in layout.evaluators:
        named += [rating, comment]
    return list(dict.fromkeys(h for h in named if h is not None))
