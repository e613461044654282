"""Dates: native dates, spreadsheet serial numbers and text, with the day/month order decided per column."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, time

import numpy as np
import pandas as pd

from scorecard.clean.cells import NO_POSITIONS, CellParts, Reading, TextBlock, no_data_reading
from scorecard.clean.change_log import (
    ChangeLog,
    example_of,
    flag_natives,
    mark_strings,
    noted,
    show_value,
    union_positions,
)
from scorecard.clean.kinds import ValueKind
from scorecard.clean.markers import has_stray_spaces, tidy_text
from scorecard.errors import Severity

_EXCEL_EPOCH = np.datetime64("1899-12-30", "ms")  # Excel's day 0, after its 1900 leap-year bug


_SERIAL_FIRST = 7306.0  # 1920-01-01: anything smaller in a date column is not a date


_SERIAL_LAST = 2958465.999  # 9999-12-31, the "never expires" date of ERP exports


_TIME = r"(?:[ T,]+(?P<h>[0-9]{1,2}):(?P<mi>[0-9]{2})(?::(?P<s>[0-9]{2})(?:\.[0-9]+)?)?\s*(?P<ampm>[ap]\.?m\.?)?)?"


_YMD = re.compile(
    rf"(?P<y>[0-9]{{4}})(?P<sep>[-/.])(?P<m>[0-9]{{1,2}})(?P=sep)(?P<d>[0-9]{{1,2}}){_TIME}", re.I
)


_DMY = re.compile(
    rf"(?P<a>[0-9]{{1,2}})(?P<sep>[-/.])(?P<b>[0-9]{{1,2}})(?P=sep)(?P<y>[0-9]{{4}}|[0-9]{{2}}){_TIME}", re.I
)


_SERIAL_TEXT = re.compile(r"[0-9]{1,7}(?:[.,][0-9]+)?")


_ORDINAL = re.compile(r"\b([0-9]{1,2})(?:st|nd|rd|th)\b", re.I)


_MONTH_NAME_FORMATS = (
    "%d %b %Y",
    "%d %B %Y",
    "%b %d %Y",
    "%B %d %Y",
    "%d-%b-%Y",
    "%d-%b-%y",
    "%d %b %y",
    "%d-%B-%Y",
)


def _time_of_day(match: re.Match[str]) -> time:
    if match["h"] is None:
        return time()
    hour = int(match["h"])
    if match["ampm"]:
        if hour > 12:
            raise ValueError("hour")
        hour = hour % 12 + (12 if match["ampm"].casefold().startswith("p") else 0)
    return time(hour, int(match["mi"]), int(match["s"] or 0))


def _serial_dates(serials: np.ndarray) -> np.ndarray:
    """Excel serial day numbers (fractions are times of day) to datetime64[us], to the millisecond."""
    ms = np.round(serials * 86_400_000).astype("int64")
    return (_EXCEL_EPOCH + ms.astype("timedelta64[ms]")).astype("datetime64[us]")


def _serial_reason(serial: float) -> str:
    if float(serial).is_integer() and 1900 <= serial <= 2200:
        return "it looks like a year, not a full date"
    return "the number is outside the range of spreadsheet dates (1920 to 9999)"


def _as_datetime64(value: object) -> np.datetime64:
    """Any date-like object from the reader, time-zone free (aware times are read in UTC)."""
    if isinstance(value, np.datetime64):
        return value.astype("datetime64[us]")
    if isinstance(value, pd.Timestamp):
        if value.tzinfo is not None:
            value = value.tz_convert(None)
        return value.to_datetime64().astype("datetime64[us]")
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return np.datetime64(value, "us")


def _read_date_text(raw: str) -> Reading:
    """Read one string as a date; a day/month order question is left for the column to settle."""
    notes: list[str] = ["spaces"] if has_stray_spaces(raw) else []
    text = tidy_text(unicodedata.normalize("NFKC", raw))
    no_data = no_data_reading(text, ValueKind.DATE)
    if no_data is not None:
        return no_data
    try:
        if _SERIAL_TEXT.fullmatch(text):
            serial = float(text.replace(",", "."))
            if not _SERIAL_FIRST <= serial <= _SERIAL_LAST:
                return Reading("invalid", reason=_serial_reason(serial))
            return Reading("ok", value=_serial_dates(np.array([serial]))[0], notes=(*notes, "serial"))
        ymd = _YMD.fullmatch(text)
        if ymd:
            when = datetime.combine(date(int(ymd["y"]), int(ymd["m"]), int(ymd["d"])), _time_of_day(ymd))
            return Reading("ok", value=np.datetime64(when, "us"), notes=(*notes, "text"))
        dmy = _DMY.fullmatch(text)
        if dmy:
            return _read_day_month(dmy, notes)
        try:
            when = datetime.fromisoformat(text)
        except ValueError:
            when = None
        if when is None:
            words = " ".join(_ORDINAL.sub(r"\1", text.replace(",", " ")).split())
            for pattern in _MONTH_NAME_FORMATS:
                try:
                    when = datetime.strptime(words, pattern)
                    break
                except ValueError:
                    continue
        if when is not None:
            return Reading("ok", value=_as_datetime64(when), notes=(*notes, "text"))
    except (ValueError, OverflowError):
        return Reading("invalid", reason="there is no such date")
    return Reading("invalid", reason="it is not a date Scorecard can read; write it as 2026-12-31")


def _read_day_month(match: re.Match[str], notes: list[str]) -> Reading:
    """'31/12/2026', '12/31/2026', '31.12.26': which number is the day is evidence for the column."""
    first, second, year = int(match["a"]), int(match["b"]), int(match["y"])
    if len(match["y"]) == 2:
        year += 2000 if year < 70 else 1900
        notes = [*notes, "short year"]
    clock = _time_of_day(match)
    notes = [*notes, "text"]
    if match["sep"] == ".":  # dotted dates are day-first wherever they are written
        when = datetime.combine(date(year, second, first), clock)
        return Reading("ok", value=np.datetime64(when, "us"), evidence="day", notes=tuple(notes))
    if first > 12 and second > 12:
        return Reading("invalid", reason="neither number can be the month")
    if first > 12 or second > 12:
        day_first = first > 12
        day, month = (first, second) if day_first else (second, first)
        when = datetime.combine(date(year, month, day), clock)
        return Reading(
            "ok",
            value=np.datetime64(when, "us"),
            evidence="day" if day_first else "month",
            notes=tuple(notes),
        )
    day_first = np.datetime64(datetime.combine(date(year, second, first), clock), "us")
    if first == second:
        return Reading("ok", value=day_first, notes=tuple(notes))
    month_first = np.datetime64(datetime.combine(date(year, first, second), clock), "us")
    return Reading("ok", value=day_first, alt=month_first, ambiguity="day/month", notes=tuple(notes))


def clean_date(parts: CellParts, log: ChangeLog) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """datetime64[us] values (NaT where there is no value); serials and text dates read per column."""
    values = np.full(parts.size, np.datetime64("NaT"), dtype="datetime64[us]")
    missing = parts.blank.copy()
    invalid = np.zeros(parts.size, dtype=bool)
    if parts.when_pos.size:
        stamps = np.array([_as_datetime64(u) for u in parts.when_uniques], dtype="datetime64[us]")
        values[parts.when_pos] = stamps[parts.when_codes]
    serials = _read_serials(parts, values, invalid, log)
    flag_natives(parts, ValueKind.DATE, invalid, log, [parts.nan_pos, parts.bool_pos, parts.other_pos])
    if parts.str_pos.size:
        block = TextBlock(parts, _read_date_text)
        mark_strings(block, missing, invalid, ValueKind.DATE, log)
        _read_text_dates(block, values, log)
        serials = union_positions(parts.size, serials, noted(block, "serial"))
    if serials.size:
        first = int(serials[0])
        log.group(
            Severity.INFO,
            ("was a spreadsheet date number", "were spreadsheet date numbers"),
            serials,
            f"read as dates ({log.found(first)} -> {show_value(values[first])}); format the column as dates in the "
            "workbook to see them as dates",
        )
    return values, missing, invalid


def _read_serials(parts: CellParts, values: np.ndarray, invalid: np.ndarray, log: ChangeLog) -> np.ndarray:
    """Numbers as spreadsheet date serials; one outside 1920-9999 is not a date. Returns the serials read."""
    if not parts.num_pos.size:
        return NO_POSITIONS
    numbers = parts.num_vals
    plausible = np.isfinite(numbers) & (numbers >= _SERIAL_FIRST) & (numbers <= _SERIAL_LAST)
    serials = parts.num_pos[plausible]
    values[serials] = _serial_dates(numbers[plausible])
    for pos, number in zip(parts.num_pos[~plausible], numbers[~plausible], strict=True):
        invalid[pos] = True
        reason = _serial_reason(number) if np.isfinite(number) else "it is infinite"
        log.invalid(ValueKind.DATE, int(pos), reason)
    return serials


_TEXT_DATE_NOTES = (
    ("text", ("was a date written as text", "were dates written as text"), "read as dates ({example})"),
    ("short year", "had a two-digit year", "read 00-69 as 20xx and 70-99 as 19xx ({example})"),
    ("spaces", "had extra or invisible spaces", "removed them"),
)


def _read_text_dates(block: TextBlock, values: np.ndarray, log: ChangeLog) -> None:
    """Text dates, with the day/month order the column's unambiguous dates show, and what was done."""
    day = block.count(lambda r: r.status == "ok" and r.evidence == "day")
    month = block.count(lambda r: r.status == "ok" and r.evidence == "month")
    month_first = month > day
    stamps = np.array(
        [
            (r.alt if r.ambiguity and month_first else r.value) if r.status == "ok" else np.datetime64("NaT")
            for r in block.readings
        ],
        dtype="datetime64[us]",
    )
    values[block.pos] = stamps[block.codes]
    _report_date_order(block, day, month, values, log)
    log.markers(block)

    def shown(pos: int) -> str:
        return show_value(values[pos])

    for note, what, action in _TEXT_DATE_NOTES:
        positions = noted(block, note)
        if positions.size:
            log.group(
                Severity.INFO, what, positions, action.format(example=example_of(log, positions, shown))
            )


def _report_date_order(block: TextBlock, day: int, month: int, values: np.ndarray, log: ChangeLog) -> None:
    """Say which order was used for 'dd/mm' vs 'mm/dd' dates, and warn when nothing settled it."""
    ordered = block.where(lambda r: r.status == "ok" and r.evidence in ("day", "month"))
    ambiguous = block.where(lambda r: r.status == "ok" and r.ambiguity is not None)
    order = "month/day/year" if month > day else "day/month/year"
    if day and month:
        d = int(block.where(lambda r: r.status == "ok" and r.evidence == "day")[0])
        m = int(block.where(lambda r: r.status == "ok" and r.evidence == "month")[0])
        log.add(
            Severity.WARNING,
            f"this column mixes day/month/year dates ({log.found(d)!r}, row {log.row(d)}) and "
            f"month/day/year dates ({log.found(m)!r}, row {log.row(m)})",
            value=log.found(m if order == "day/month/year" else d),
            action=f"read each of those the only way it can be read; dates that could be either are read as {order}",
        )
    elif day or month:
        proof = int(ordered[0])
        positions = union_positions(values.size, ordered, ambiguous)
        what = f"written {order}"
        log.group(
            Severity.INFO,
            (f"was {what}", f"were {what}"),
            positions,
            f"read as {order}: {log.found(proof)!r} (row {log.row(proof)}) can only be read that way",
        )
    elif ambiguous.size:
        first = int(ambiguous[0])
        log.group(
            Severity.WARNING,
            (
                "could be day/month/year or month/day/year",
                "could be day/month/year or month/day/year",
            ),
            ambiguous,
            f"read as day/month/year ({log.found(first)!r} -> {show_value(values[first])}), the more common order "
            "outside the US; nothing in the column settles it, so check these dates",
        )
