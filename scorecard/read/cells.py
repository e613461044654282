"""One notion of a blank cell, of a cell's text, and of a column's letter, for every stage."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

MAX_LISTED = 20  # cells named one by one in a finding before the rest are counted


def is_blank(value: object) -> bool:
    """Blank as a cell or a table value can be: None, NaN (pandas may hand either) or spaces."""
    if isinstance(value, str):
        return not value.strip()
    return value is None or (isinstance(value, float) and value != value)


def normalise_cell(value: object) -> object:
    """Calamine gives '' for empty cells and time/timedelta for some formats; keep one notion of blank."""
    if isinstance(value, str):
        return None if not value.strip() else value
    if isinstance(value, (time, timedelta)) and not isinstance(value, datetime):
        return str(value)
    return value


def normalise_text(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip().casefold()


def row_list(rows: list[int], limit: int = MAX_LISTED) -> str:
    """'rows 5-9, 12' : consecutive rows as ranges, the first `limit` ranges named."""
    ranges: list[tuple[int, int]] = []
    for r in rows:
        if ranges and r == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], r)
        else:
            ranges.append((r, r))
    words = [f"{a}-{b}" if b > a else str(a) for a, b in ranges[:limit]]
    if len(ranges) > limit:
        words.append("...")
    return ("rows " if len(rows) > 1 else "row ") + ", ".join(words)


def column_letter(index: int) -> str:
    """0 -> A, 26 -> AA: how a buyer names a column."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: bytes | str) -> int:
    """'A' -> 0, 'XFD' -> 16383: a column's letters as a grid index."""
    text = letters if isinstance(letters, str) else letters.decode("ascii")
    index = 0
    for ch in text.upper():
        index = index * 26 + ord(ch) - 64
    return index - 1


def is_label_number(value: object) -> bool:
    """A whole number or a date in a header row names a column (a year, an item number, a month)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return float(value).is_integer()
    return isinstance(value, (date, datetime))


def looks_numeric(text: str) -> bool:
    return bool(re.fullmatch(r"\s*[-+(]?[\d.,\s%€$£]+\)?\s*", text))
