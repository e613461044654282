"""Where a sheet's evidence for the decimal mark comes from: one rule for the supplier sheet and the bid sheets.

A column whose own cells cannot tell ',' from '.' ("1.250", "12,500") asks the
rest of the workbook (`decimal_marks` decides what the column does with the
answer). In order of nearness: the sheet's other columns ('4,5' in a Rating
column); else the other sheets, when they agree; else the locale the file's
number formats name (`scorecard.read.number_locale`: '#,##0.00 [$€-407]' is
de-DE, which writes a decimal comma). Cells are nearer evidence than a format
locale: when they disagree the cells win, and the hint says what it overruled.
The lookup is lazy (`SheetEvidence`): a million-row bid sheet whose prices are
typed numbers never has its columns scanned for a style.

What an .xlsx cannot tell. German Excel writes a plain euro format as
`#,##0.00 "€"` (no locale id): the format code itself is stored in one fixed,
locale-neutral syntax (',' groups and '.' marks decimals whatever the author's
settings), so it says nothing about how the author types numbers. We looked
for anything else that could stand in and found nothing trustworthy:
docProps/app.xml names the application and its version, not a locale;
docProps/core.xml may carry `dc:language`, which Excel leaves out unless the author sets it; the
built-in style names in styles.xml ("Standard" for "Normal") follow the
language of Excel's menus, not the regional settings that choose the decimal
mark (German menus in Switzerland write a decimal point); and a currency
symbol written after the amount is the habit of several point and comma
locales alike. So such a file gives no locale hint, and a column nothing else
settles is asked about, never guessed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from itertools import islice
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from pandas.api.types import infer_dtype

from scorecard.clean.cells import NUMERIC_INFERRED
from scorecard.clean.decimal_marks import DecimalHint
from scorecard.clean.kinds import ValueKind
from scorecard.clean.quantity_text import read_quantity_text

if TYPE_CHECKING:
    from scorecard.read import Sheet, Workbook

HINT_SAMPLE = 40  # distinct texts read per column for the sheet's hint: enough to see its style, cheap
HINT_ROWS = 2_000  # rows of another sheet read for its hint
_UNASKED = object()


class SheetEvidence:
    """The decimal mark the workbook shows for one sheet's columns, looked up once, when a column first asks.

    Handed to `clean_column(decimal_hint=...)` in place of the hint itself; calling it gives the hint.
    """

    def __init__(
        self,
        table: pd.DataFrame,
        other_sheets: Callable[[], Iterable[tuple[str, pd.DataFrame]]] = tuple,
        locale: DecimalHint | None = None,
    ) -> None:
        self._table = table
        self._other_sheets = other_sheets
        self._locale = locale
        self._hint: object = _UNASKED

    def __call__(self) -> DecimalHint | None:
        if self._hint is _UNASKED:
            self._hint = workbook_decimal_hint(self._table, self._other_sheets(), self._locale)
        return self._hint  # type: ignore[return-value]


def decimal_evidence(sheet: Sheet, workbook: Workbook | None = None) -> SheetEvidence:
    """The evidence for the decimal mark of `sheet`'s columns: its other columns, else the workbook's other
    sheets, else the locale the file's number formats name (no workbook: the sheet's own columns only)."""
    if workbook is None:
        return SheetEvidence(sheet.table)
    found = workbook.number_locale
    locale = locale_hint(found.mark, found.locale, found.example) if found is not None else None
    others = lambda: ((s.name, s.table) for s in workbook.sheets if s.name != sheet.name)  # noqa: E731
    return SheetEvidence(sheet.table, others, locale)


def sheet_decimal_hint(table: pd.DataFrame) -> DecimalHint | None:
    """The decimal mark a sheet's text cells show ('1.234,56 €', '4,5', '12,345.67'), if they agree.

    Evidence for a column that cannot tell by itself: a sheet written in one
    locale uses one decimal mark throughout. A sheet whose cells show both marks
    gives no hint. Cells the reader typed as numbers show no style and do not vote;
    the first few dozen distinct texts of each column are enough to see its style.
    """
    shown: dict[str, DecimalHint] = {}
    for column in table.columns:
        cells = table[column]
        if cells.dtype != object or infer_dtype(cells, skipna=True) in NUMERIC_INFERRED:
            continue  # a column of numbers holds no text (checked in C, no Python per cell)
        texts = (cell for cell in pd.unique(cells.to_numpy()) if isinstance(cell, str))
        for text in islice(texts, HINT_SAMPLE):
            mark = read_quantity_text(text, ValueKind.NUMBER).evidence
            if mark in ("point", "comma") and mark not in shown:
                label = cells.index[cells.to_numpy() == text][0]
                row = int(label) if isinstance(label, int | np.integer) else None
                shown[mark] = DecimalHint(mark, str(column), row, text)
        if len(shown) > 1:
            return None
    return next(iter(shown.values()), None)


def workbook_decimal_hint(
    table: pd.DataFrame,
    other_sheets: Iterable[tuple[str, pd.DataFrame]],
    locale: DecimalHint | None = None,
) -> DecimalHint | None:
    """The decimal mark the workbook shows for a sheet's columns: the sheet's own hint first; else the
    other sheets' hint when they agree; else the locale of the file's number formats (`locale`, see `locale_hint`).

    The cells of a sheet are nearer evidence than the workbook's format locale: when they disagree the
    cells win, and the hint says what it overruled, so the warning names both.
    """
    own = sheet_decimal_hint(table)
    if own is not None:
        return _overruling(own, locale)
    shown = []
    for name, other in other_sheets:  # the first rows of a sheet show its style; a long bid tab costs nothing
        hint = sheet_decimal_hint(other.head(HINT_ROWS))
        if hint is not None:
            shown.append(replace(hint, sheet=name))
    if shown and len({hint.mark for hint in shown}) == 1:
        return _overruling(shown[0], locale)
    return locale


def locale_hint(mark: str, locale: str, example: str) -> DecimalHint:
    """The decimal mark of the locale the file's number formats name (`example`: one such format)."""
    return DecimalHint(mark, column="", row=None, example=example, locale=locale)


def _overruling(hint: DecimalHint, locale: DecimalHint | None) -> DecimalHint:
    """`hint`, saying so when the file's format locale showed the other mark."""
    if locale is None or locale.mark == hint.mark:
        return hint
    said = f", although the file's number formats name locale {locale.locale}, which writes a decimal {locale.mark}"
    return replace(hint, overruled=said)
