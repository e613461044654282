"""Text and identifier columns: tidied text, numbers and dates shown as a spreadsheet shows them."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

import numpy as np
import pandas as pd

from scorecard.clean.cells import NO_POSITIONS, CellParts, Reading, TextBlock, no_data_reading
from scorecard.clean.change_log import (
    ChangeLog,
    flag_natives,
    mark_strings,
    noted,
    show_value,
    union_positions,
)
from scorecard.clean.kinds import ValueKind
from scorecard.clean.markers import FORMULA_ERRORS, is_marker, tidy_text
from scorecard.errors import Severity


def _number_text(value: Any) -> str:
    """A number as text the way a spreadsheet shows it: 1234.0 -> '1234', 12.5 -> '12.5'."""
    if isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_):
        return str(int(value))
    number = float(value)
    if number.is_integer() and abs(number) < 1e21:
        return str(int(number))
    return repr(number)


def _datetime_text(value: object) -> str:
    """A date as ISO text, with the time only if there is one: '2026-01-02', '2026-01-02 08:30:00'."""
    if isinstance(value, np.datetime64):
        return show_value(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _read_text(raw: str) -> Reading:
    text = tidy_text(raw)
    no_data = no_data_reading(text, ValueKind.TEXT)
    if no_data is not None:
        return no_data
    return Reading("ok", value=text, notes=("spaces",) if text != raw else ())


def _read_identifier(raw: str) -> Reading:
    """Names and codes are kept as written, bar the ends: 'NA' can be a supplier, '00123' keeps its zeros."""
    text = raw.strip()
    if not text:
        return Reading("blank")
    notes = ["spaces"] if text != raw else []
    folded = tidy_text(text).casefold()
    if folded in FORMULA_ERRORS:
        notes.append("formula")
    elif is_marker(folded, None):
        notes.append("marker")
    return Reading("ok", value=text, notes=tuple(notes))


def clean_text(
    parts: CellParts, log: ChangeLog, kind: ValueKind
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """TEXT and IDENTIFIER: text values, None where there is no value."""
    identifier = kind is ValueKind.IDENTIFIER
    values = np.full(parts.size, None, dtype=object)
    missing = parts.blank.copy()
    invalid = np.zeros(parts.size, dtype=bool)
    converted = [_numbers_as_text(parts, values, invalid, kind, log)]
    if parts.bool_pos.size and not identifier:
        values[parts.bool_pos] = np.where(parts.bool_vals, "TRUE", "FALSE")
        converted.append(parts.bool_pos)
    if parts.when_pos.size:
        texts = np.array([_datetime_text(u) for u in parts.when_uniques], dtype=object)
        values[parts.when_pos] = texts[parts.when_codes]
    for pos in parts.other_pos.tolist():  # times of day, durations: kept as the text the reader made of them
        values[pos] = str(parts.raw[pos])
    converted.append(parts.other_pos)
    natives = [parts.nan_pos, parts.bool_pos] if identifier else [parts.nan_pos]
    flag_natives(parts, kind, invalid, log, natives)
    if identifier:
        _report_dates_among_codes(parts.when_pos, values, log)
    else:
        converted.append(parts.when_pos)
    _report_converted(union_positions(parts.size, *converted), values, identifier, log)
    if parts.str_pos.size:
        block = TextBlock(parts, _read_identifier if identifier else _read_text)
        mark_strings(block, missing, invalid, kind, log)
        texts = np.array([r.value if r.status == "ok" else None for r in block.readings], dtype=object)
        values[block.pos] = texts[block.codes]
        _report_text_notes(block, values, identifier, log)
    return values, missing, invalid


def _numbers_as_text(
    parts: CellParts, values: np.ndarray, invalid: np.ndarray, kind: ValueKind, log: ChangeLog
) -> np.ndarray:
    """Numbers as a spreadsheet shows them; for codes, a warning where digits may have been lost."""
    if not parts.num_pos.size:
        return NO_POSITIONS
    finite = np.isfinite(parts.num_vals)
    good = parts.num_pos[finite]
    codes, uniques = pd.factorize(parts.raw[good])
    values[good] = np.array([_number_text(u) for u in uniques], dtype=object)[codes]
    for pos in parts.num_pos[~finite]:
        invalid[pos] = True
        log.invalid(kind, int(pos), "it is infinite")
    if kind is ValueKind.IDENTIFIER:
        # Excel stores numbers as doubles: a 16-digit code typed as a number has lost digits.
        big = good[np.abs(parts.num_vals[finite]) >= 1e15].tolist()
        long_codes = np.array([p for p in big if isinstance(parts.raw[p], float)], dtype=np.intp)
        log.group(
            Severity.WARNING,
            "is a number too long for a spreadsheet to store exactly",
            long_codes,
            "read as text, but digits after the 15th may have been lost: store codes as text in the workbook",
        )
    return good


def _report_dates_among_codes(dates: np.ndarray, values: np.ndarray, log: ChangeLog) -> None:
    """A date in a column of names or codes may be a code the spreadsheet turned into a date."""
    if dates.size:
        first = int(dates[0])
        log.group(
            Severity.WARNING,
            ("was a date", "were dates"),
            dates,
            f"read as text ({log.found(first)!r} -> {values[first]!r}); if these were codes, the spreadsheet "
            "may have turned them into dates: store codes as text in the workbook",
        )


def _report_converted(every: np.ndarray, values: np.ndarray, identifier: bool, log: ChangeLog) -> None:
    """One note for all cells the reader typed as something other than text."""
    if not every.size:
        return
    first = int(every[0])
    what = (
        ("was a number", "were numbers")
        if identifier
        else ("was a number, date or TRUE/FALSE, not text", "were numbers, dates or TRUE/FALSE, not text")
    )
    action = f"read as text ({log.found(first)!r} -> {values[first]!r})"
    if identifier:
        action += "; codes keep leading zeros only if the workbook stores them as text"
    log.group(Severity.INFO, what, every, action)


def _report_text_notes(block: TextBlock, values: np.ndarray, identifier: bool, log: ChangeLog) -> None:
    """Markers and spaces; for names and codes, values kept that look like errors or 'no data'."""
    log.markers(block)
    spaces = noted(block, "spaces")
    if spaces.size:
        log.group(
            Severity.INFO,
            "had extra or invisible spaces",
            spaces,
            f"tidied them ({log.found(int(spaces[0]))!r} -> {values[int(spaces[0])]!r})",
        )
    if not identifier:
        return
    for reading_value in sorted({r.value for r in block.readings if "formula" in r.notes}):
        positions = block.where(lambda r, v=reading_value: "formula" in r.notes and r.value == v)
        what = f"{reading_value}, which looks like a spreadsheet formula error"
        log.group(
            Severity.WARNING,
            (f"shows {what}", f"show {what}"),
            positions,
            "kept as a name; check the workbook",
        )
    kept = noted(block, "marker")
    if kept.size:
        log.group(
            Severity.INFO,
            ("looks like a 'no data' marker", "look like 'no data' markers"),
            kept,
            f"kept {values[int(kept[0])]!r} as a name or code: in this column only a blank cell is missing",
        )
