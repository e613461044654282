"""One notion of a blank cell, of a cell's text, of a column's letter and of a list of rows, for every stage."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

import numpy as np

from scorecard.joins import join_words

MAX_LISTED = 20  # cells named one by one in a finding before the rest are counted
ROWS_NAMED = 8  # rows or ranges of rows a message names before it counts the rest


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


def row_list(rows: Sequence[int] | np.ndarray, limit: int = ROWS_NAMED) -> str:
    """How every message names sheet rows: 'row 4', 'rows 2, 5-9 and 12', 'rows 2-4, 7 and 40 more rows'.

    Rows as the buyer sees them in Excel, each named once and in order (a wide bid sheet repeats a row per
    supplier); three or more in a row as a range. After `limit` names the rest are counted, not dropped.
    """
    given = np.asarray(rows, dtype=np.int64)
    ascending = given.size < 2 or bool((given[1:] > given[:-1]).all())  # cells in sheet order: no sort needed
    unique = given if ascending else np.unique(given)
    if unique.size <= 1:
        return f"row {unique[0]}" if unique.size else "no rows"
    edges = np.flatnonzero(np.diff(unique) != 1) + 1  # where a run of consecutive rows starts
    firsts = np.concatenate(([0], edges))[:limit].tolist()
    lasts = (np.concatenate((edges, [unique.size]))[:limit] - 1).tolist()
    pieces: list[tuple[int, int]] = []
    for first, last in zip(unique[firsts].tolist(), unique[lasts].tolist(), strict=True):
        pieces += [(first, last)] if last - first >= 2 else [(r, r) for r in range(first, last + 1)]
    words = [f"{first}-{last}" if last > first else str(first) for first, last in pieces[:limit]]
    left = unique.size - sum(last - first + 1 for first, last in pieces[:limit])
    if left:
        words.append(f"{left:,} more {'row' if left == 1 else 'rows'}")
    return "rows " + join_words(words)


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
