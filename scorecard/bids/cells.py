"""Reading a bid sheet's raw cells into arrays, fast: each distinct value is cleaned once.

A bid sheet can hold a million quote cells, but only a few thousand distinct
texts (supplier names, item codes, currencies, units). So text columns are
factorised first and `scorecard.clean` runs on the distinct values only, with
each one indexed by the first spreadsheet row where it appears (so a finding
still names a real row). Number and day cells: `bids.number_cells`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from scorecard.bids.settings import unit_key
from scorecard.clean import ValueKind, clean_column
from scorecard.errors import Finding
from scorecard.names import supplier_key

PLAIN_NUMBER_TYPES = frozenset({"floating", "integer", "mixed-integer-float", "empty"})
RUN_SAMPLE = 1000  # cells looked at first to tell whether a column comes in runs of equal cells
MIN_BLOCK = 256  # a long sheet's block of items per supplier is at least this long to be used as such
BLOCK_SEARCH = 100_000  # cells searched for the first cell's next appearance (the block's length)
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
