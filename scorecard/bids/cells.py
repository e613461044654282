"""Reading a bid sheet's raw cells into arrays, fast: each distinct value is cleaned once.

A bid sheet can hold a million quote cells, but only a few thousand distinct
texts (supplier names, item codes, currencies, units). So text columns are
factorised first and `scorecard.clean` runs on the distinct values only, with
each one indexed by the first spreadsheet row where it appears (so a finding
still names a real row). Columns that already hold plain numbers skip cleaning.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from scorecard.bids.settings import unit_key
from scorecard.clean import HintSource, ValueKind, clean_column
from scorecard.errors import Finding
from scorecard.names import supplier_key

PLAIN_NUMBER_TYPES = frozenset({"floating", "integer", "mixed-integer-float", "empty"})
NUMBER_TYPES = frozenset({float, int, np.float64, np.float32, np.int64, np.int32})
EVIDENCE_SAMPLE = 10_000  # typed numbers handed to the cleaner as evidence of a column's sizes
RUN_SAMPLE = 1000  # cells looked at first to tell whether a column comes in runs of equal cells
MIN_BLOCK = 256  # a long sheet's block of items per supplier is at least this long to be used as such
BLOCK_SEARCH = 100_000  # cells searched for the first cell's next appearance (the block's length)
NONE_TYPE = type(None)
TYPE_OF = np.frompyfunc(type, 1, 1)  # the Python type of every cell, without a Python loop
CURRENCY_SYMBOLS = {"€": "EUR", "£": "GBP", "$": "USD", "US$": "USD", "¥": "JPY", "₹": "INR", "CHF": "CHF"}
BRACKETED = re.compile(r"[\(\[]\s*([^\)\]]+?)\s*[\)\]]")
UNIT_WORDS: dict[str, float] = {
    **dict.fromkeys(["each", "ea", "ea.", "pc", "pc.", "pcs", "piece", "pieces"], 1.0),
    **dict.fromkeys(["unit", "units", "item", "items", "no", "nos"], 1.0),
    **dict.fromkeys(["per unit", "per piece", "per each", "per item"], 1.0),
    **dict.fromkeys(["pair", "pairs", "pr"], 2.0),
    **dict.fromkeys(["dozen", "dz", "doz", "per dozen"], 12.0),
    **dict.fromkeys(["gross", "per gross"], 144.0),
    **dict.fromkeys(["hundred", "per hundred"], 100.0),
    **dict.fromkeys(["thousand", "per thousand", "per mille"], 1000.0),
}
NUMBER_IN_TEXT = re.compile(r"(\d+(?:[.,]\d+)?)")
DAYS_TEXT = re.compile(
    r"(\d+(?:\.\d+)?)\s*(d|day|days|w|wk|wks|week|weeks|m|mo|month|months)?\b", re.IGNORECASE
)
DAYS_PER = {"w": 7, "wk": 7, "wks": 7, "week": 7, "weeks": 7, "m": 30, "mo": 30, "month": 30, "months": 30}


@dataclass(frozen=True)
class NumberCells:
    """A column read as numbers: NaN where blank or unreadable, and what was noticed."""

    values: np.ndarray  # float
    present: np.ndarray  # bool: the cell held something (a number or not)
    currency: str | None  # the currency the cells themselves were written in ("$12"), if any
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class TextCells:
    """A column read as labels: one code per cell (-1 where blank) into `labels`."""

    codes: np.ndarray  # int
    labels: tuple[str, ...]
    findings: tuple[Finding, ...]


def first_positions(codes: np.ndarray, n_codes: int) -> np.ndarray:
    """Position of the first cell of each code (codes -1 are blank cells)."""
    first = np.full(n_codes, len(codes), dtype=np.int64)
    used = np.flatnonzero(codes >= 0)
    np.minimum.at(first, codes[used], used)
    return first


def factorised(cells: pd.Series) -> tuple[np.ndarray, list[object]]:
    """Codes per cell (-1 blank) and the distinct values, in order of first appearance.

    Whole-array work only: a long sheet repeats the supplier and its currency down a block of rows,
    so a column whose first cells are texts hashes one cell per run of equal cells; the yes/no check
    looks at the distinct values, and scans the cells only when one of them could be a merged yes/no.
    """
    raw = cells.to_numpy(dtype=object)
    if not len(raw):
        return np.empty(0, dtype=np.int64), []
    if pd.api.types.infer_dtype(raw[:RUN_SAMPLE], skipna=True) == "string":
        codes, uniques = factorised_runs(raw)
    else:
        found, distinct_values = pd.factorize(raw, use_na_sentinel=True)
        codes, uniques = found, list(distinct_values)
    if not any(may_be_bool(v) for v in uniques):
        return codes, uniques
    if pd.api.types.infer_dtype(raw, skipna=True) in PLAIN_NUMBER_TYPES:
        return codes, uniques  # numbers only: a 1 is the number 1
    # True == 1 in Python, so booleans merged with the number 1 when factorised: keep them apart
    is_bool = np.fromiter((type(v) is bool or isinstance(v, np.bool_) for v in raw), bool, len(raw))
    raw = raw.copy()
    raw[is_bool] = np.array([BoolCell(bool(v)) for v in raw[is_bool]], dtype=object)
    codes, found_values = pd.factorize(raw, use_na_sentinel=True)
    return codes, [v.value if isinstance(v, BoolCell) else v for v in found_values]


def may_be_bool(value: object) -> bool:
    """A distinct value that a yes/no cell could have been merged into (True == 1, False == 0.0)."""
    if isinstance(value, (bool, np.bool_)):
        return True
    return isinstance(value, (int, float, np.integer, np.floating)) and value in (0, 1)


def factorised_runs(raw: np.ndarray) -> tuple[np.ndarray, list[object]]:
    """Codes for a column of texts (and blanks): only the first cell of each run of equal cells is hashed."""
    n = len(raw)
    try:
        head = raw[:RUN_SAMPLE]
        if 2 * np.count_nonzero(head[1:] != head[:-1]) > len(head):  # changes on most rows (item codes)
            repeated = block_codes(raw)
            if repeated is not None:
                return repeated
            changes = np.arange(1, n)
        else:
            changes = np.flatnonzero(raw[1:] != raw[:-1]) + 1
    except TypeError:  # a cell that cannot say whether it equals its neighbour (pd.NA)
        changes = np.arange(1, n)
    if 2 * (len(changes) + 1) > n:  # runs of one or two cells: hashing every cell is cheaper
        codes, uniques = pd.factorize(raw, use_na_sentinel=True)
        return codes, list(uniques)
    starts = np.concatenate(([0], changes))
    codes, uniques = pd.factorize(raw[starts], use_na_sentinel=True)
    return np.repeat(codes, np.diff(np.append(starts, n))), list(uniques)


def block_codes(raw: np.ndarray) -> tuple[np.ndarray, list[object]] | None:
    """Codes for a column that repeats block after block (a long sheet's item codes, supplier after supplier,
    in the same order), as `pd.factorize` gives them: a cell equal to the cell one block above takes its
    code, and only the others are hashed. None when the column does not repeat so.

    The block's length is where the first cell appears again; a supplier that skips an item only sends the
    rest of its block to the hashing. Comparing two cells costs a fraction of hashing one.
    """
    n = len(raw)
    again = np.flatnonzero(raw[MIN_BLOCK:BLOCK_SEARCH] == raw[0])
    if not len(again):
        return None
    size = MIN_BLOCK + int(again[0])
    fresh = np.ones(n, dtype=bool)
    fresh[size:] = raw[size:] != raw[:-size]
    if 2 * np.count_nonzero(fresh) > n:
        return None
    fresh_codes, uniques = pd.factorize(raw[fresh], use_na_sentinel=True)
    if len(fresh_codes) == size:  # every block repeats the first: its codes over and over
        return np.resize(fresh_codes, n), list(uniques)
    codes = np.empty(n, dtype=fresh_codes.dtype)
    codes[fresh] = fresh_codes
    # each cell takes the code of the nearest cell above it, in its place in the block, that was hashed
    blocks = -(-n // size)
    hashed_in = np.full(blocks * size, -1, dtype=np.int64)
    hashed_in[:n] = np.where(fresh, np.arange(n) // size, -1)
    nearest = np.maximum.accumulate(hashed_in.reshape(blocks, size), axis=0)
    return codes[(nearest * size + np.arange(size)).ravel()[:n]], list(uniques)


def distinct(cells: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """Codes per cell and the distinct values, each indexed by the first row it appears in."""
    codes, values = factorised(cells)
    return codes, with_first_rows(values, codes, cells.index)


def with_first_rows(values: list[object], codes: np.ndarray, index: pd.Index) -> pd.Series:
    rows = index.to_numpy()[first_positions(codes, len(values))]
    return pd.Series(values, index=pd.Index(rows, name=index.name), dtype=object)


@dataclass(frozen=True)
class BoolCell:
    """A yes/no cell kept apart from the number 1 while factorising."""

    value: bool


def number_cells(
    cells: pd.Series, kind: ValueKind, *, sheet: str, column: str, decimal_hint: HintSource = None
) -> NumberCells:
    """Numbers (money, counts, days) from raw cells.

    Cells that already hold numbers are converted as a whole array; only the others (text such as
    "1.234,50 EUR", "n/a", yes/no) go through `clean_column`, so its findings name the real rows.
    `decimal_hint`: what the rest of the workbook shows about the decimal mark (`clean.decimal_evidence`),
    for text such as "1.250" that the column's own cells cannot settle; none by default.
    """
    n = len(cells)
    if kind is ValueKind.PERCENT:
        # whether 0.05 means 5% depends on the whole column, which the cleaner decides
        cleaned = clean_column(cells, kind, sheet=sheet, column=column, decimal_hint=decimal_hint)
        values = pd.to_numeric(cleaned.values, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        return NumberCells(values, ~cleaned.missing.to_numpy(dtype=bool), None, tuple(cleaned.findings))
    if cells.dtype.kind in "fiu":
        values = cells.to_numpy(dtype=float, na_value=np.nan, copy=True)
        return NumberCells(values, ~np.isnan(values), None, ())
    raw = cells.to_numpy(dtype=object)
    # a column whose first cells already hold text ("No bid") skips the whole-column type check
    if pd.api.types.infer_dtype(raw[:RUN_SAMPLE], skipna=True) in PLAIN_NUMBER_TYPES:
        plain = plain_numbers(raw)
        if plain is not None:
            return NumberCells(plain, ~np.isnan(plain), None, ())
    is_number, blank = number_typed(raw)
    values = np.full(n, np.nan)
    np.copyto(values, raw, where=is_number, casting="unsafe")  # casts only the number cells
    blank |= is_number & np.isnan(values)  # an empty number cell (NaN) is a blank, as pd.isna says
    is_number &= ~blank
    rest = ~is_number & ~blank
    # the typed prices' sizes tell the text cells' decimal mark ('4,500' among 3.5 and 4.2 is 4.5)
    typed = values[is_number][:EVIDENCE_SAMPLE]
    cleaned = clean_column(
        cells[rest], kind, sheet=sheet, column=column, decimal_hint=decimal_hint, column_numbers=typed
    )
    values[rest] = pd.to_numeric(cleaned.values, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    present = is_number.copy()
    present[rest] = ~cleaned.missing.to_numpy(dtype=bool)
    return NumberCells(values, present, cleaned.currency, tuple(cleaned.findings))


def number_typed(raw: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which cells hold a Python or numpy number (not a yes/no), and which of the others are blank.

    Each cell's type is read once: floats and None by an array comparison each (ints too when many), the
    few other cells one by one (blank: pd.NA, NaT). A float NaN is a number here; its value says empty.
    """
    types = TYPE_OF(raw)
    common = types == float  # noqa: E721 (each cell's type, element by element)
    blank = types == NONE_TYPE
    rest = np.flatnonzero(~common & ~blank)
    if 8 * len(rest) > len(raw):  # whole numbers too (not only a few texts): one more array comparison
        common |= types == int  # noqa: E721
        rest = np.flatnonzero(~common & ~blank)
    common[rest] = [type(raw[i]) in NUMBER_TYPES for i in rest]
    blank[rest] = pd.isna(raw[rest])
    return common, blank


def plain_numbers(raw: np.ndarray) -> np.ndarray | None:
    """The cells as floats (NaN where blank) when they hold only numbers and blanks; None otherwise."""
    if pd.api.types.infer_dtype(raw, skipna=True) not in PLAIN_NUMBER_TYPES:
        return None
    try:
        return raw.astype(float)  # a new array: None becomes NaN
    except (
        TypeError,
        ValueError,
    ):  # pd.NA among the numbers: every cell is a number or blank, so coercing is safe
        return pd.to_numeric(pd.Series(raw, copy=False), errors="coerce").to_numpy(
            dtype=float, na_value=np.nan, copy=True
        )


def text_cells(
    cells: pd.Series, kind: ValueKind, *, sheet: str, column: str, merge: bool = True
) -> TextCells:
    """Labels (supplier names, item codes, currencies) with spellings that differ only in case or spacing merged."""
    codes, values = factorised(cells)
    if not values:
        return TextCells(np.full(len(cells), -1, dtype=np.int64), (), ())
    # clean the distinct values; only when the cleaner has something to say are they re-indexed by the
    # first row each appears in, so that its findings name real rows
    cleaned = clean_column(pd.Series(values, dtype=object), kind, sheet=sheet, column=column)
    if cleaned.findings:
        cleaned = clean_column(with_first_rows(values, codes, cells.index), kind, sheet=sheet, column=column)
    missing = cleaned.missing.to_numpy(dtype=bool)
    texts = [None if gone else label_text(v) for v, gone in zip(cleaned.values, missing, strict=True)]
    keys = [None if t is None else (label_key(t) if merge else t) for t in texts]
    order, spelling = label_spellings(texts, keys, codes)
    labels = tuple(spelling[k] for k in order)
    lookup = np.array([-1 if k is None else order[k] for k in keys] + [-1], dtype=np.int64)
    return TextCells(lookup[codes], labels, tuple(cleaned.findings))


def label_spellings(
    texts: list[str | None], keys: list[str | None], codes: np.ndarray
) -> tuple[dict[str, int], dict[str, str]]:
    """Each label's position (the sheet's order of first appearance) and the spelling it is shown in.

    Where spellings were merged, a label is shown as its most common spelling (ties: alphabetical),
    so the result does not depend on row order.
    """
    order: dict[str, int] = {}
    spelling: dict[str, str] = {}
    for text, key in zip(texts, keys, strict=True):
        if key is not None and text is not None and key not in order:
            order[key] = len(order)
            spelling[key] = text
    if len(order) == sum(k is not None for k in keys):
        return order, spelling
    counts = np.bincount(codes[codes >= 0], minlength=len(texts))
    best: dict[str, tuple[int, str]] = {}
    for text, key, count in zip(texts, keys, counts, strict=True):
        if key is None or text is None:
            continue
        if key not in best or (-count, text) < (-best[key][0], best[key][1]):
            best[key] = (int(count), text)
    return order, {key: chosen for key, (_, chosen) in best.items()}


def label_text(value: object) -> str:
    """A cleaned label as text: 1001.0 read from Excel is the item code '1001'."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def label_key(text: str) -> str:
    """Two labels are the same supplier or item when `scorecard.names` says they are the same name."""
    return supplier_key(text)


# ---------------------------------------------------------------------- small parsers for distinct texts


def currency_of(text: str, known: frozenset[str]) -> str | None:
    """'USD', 'usd', '$' or 'US$' as a currency code; None when the text is not a currency."""
    stripped = text.strip()
    if stripped in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[stripped]
    code = stripped.upper()
    if re.fullmatch(r"[A-Z]{3}", code) and (code in known or stripped == code):
        return code
    return None


def header_currency(header: str, known: frozenset[str]) -> str | None:
    """The currency a header names in brackets: 'Unit price (USD)' -> 'USD'."""
    for inside in BRACKETED.findall(header):
        code = currency_of(inside, known)
        if code:
            return code
    return None


def without_brackets(header: str) -> str:
    """'Acme (USD)' -> 'Acme': a wide sheet's supplier name without its currency."""
    return " ".join(BRACKETED.sub(" ", header).split()) or header.strip()


def unit_factor(text: str, overrides: Mapping[str, float]) -> float | None:
    """Units of quantity in one priced unit: 'each' 1, 'dozen' 12, 'box of 12' 12; None when unknown."""
    key = unit_key(text)
    if key in overrides:
        return overrides[key]
    if key in UNIT_WORDS:
        return UNIT_WORDS[key]
    numbers = NUMBER_IN_TEXT.findall(key)
    if len(numbers) == 1:
        value = float(numbers[0].replace(",", "."))
        return value if value > 0 else None
    return None


def days_of(value: object) -> float:
    """Days from a lead-time or payment-terms cell: 45, '45 days', 'Net 60', '4 weeks' (7 days), '2 months' (30)."""
    if isinstance(value, bool) or value is None:
        return np.nan
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)
    match = DAYS_TEXT.search(str(value))
    if not match:
        return np.nan
    return float(match.group(1)) * DAYS_PER.get((match.group(2) or "d").casefold(), 1)


def days_cells(cells: pd.Series) -> tuple[np.ndarray, np.ndarray, pd.Series]:
    """Days per cell, whether the cell held anything, and the distinct texts that gave no number."""
    if cells.dtype.kind in "fiu":
        values = cells.to_numpy(dtype=float, na_value=np.nan, copy=True)
        return values, ~np.isnan(values), pd.Series([], dtype=object)
    plain = plain_numbers(cells.to_numpy(dtype=object))
    if plain is not None:  # days written as numbers (with blanks): nothing to parse
        return plain, ~np.isnan(plain), pd.Series([], dtype=object)
    codes, uniques = distinct(cells)
    unique_days = np.array([days_of(v) for v in uniques], dtype=float)
    blank = np.array([isinstance(v, str) and not v.strip() for v in uniques], dtype=bool)
    values = np.where(codes >= 0, unique_days[np.maximum(codes, 0)] if len(uniques) else np.nan, np.nan)
    present = (codes >= 0) & (~blank[np.maximum(codes, 0)] if len(uniques) else False)
    unreadable = uniques[np.isnan(unique_days) & ~blank]
    return values.astype(float), present, unreadable
