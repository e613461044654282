"""One rule for matching names: suppliers, evaluators and headers compare the same way on every sheet.

A buyer types "Acme Ltd" on the supplier sheet, "ACME  ltd" on the bid sheet and "AcmeLtd" on the
evaluations sheet: all three are one supplier. Case, accents and spacing are ignored; letters, digits
and punctuation count ("Acme Ltd" and "Acme Ltd (UK)" stay two suppliers).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Sequence
from functools import lru_cache

from scorecard.clean import normalise_header


@lru_cache(maxsize=65_536)
def supplier_key(name: str) -> str:
    """The key two supplier (or evaluator, or item) names share when they are the same name."""
    text = str(name)
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return "".join(text.split()).casefold()


def same_supplier(a: str, b: str) -> bool:
    return supplier_key(a) == supplier_key(b)


def header_key(text: str) -> str:
    """A column header reduced for matching ('On-time delivery (%)' -> 'on time delivery')."""
    return normalise_header(text)


def first_header(headers: Sequence[str], names: Sequence[str], taken: Collection[str] = ()) -> str | None:
    """The header a column role is found under: the first of `names` (in their order) that some header
    matches by `header_key`, headers in `taken` skipped (each header serves one role); None if none."""
    keys = [(header, header_key(header)) for header in headers if header not in taken]
    for name in names:
        wanted = header_key(name)
        if not wanted:
            continue
        for header, key in keys:
            if key == wanted:
                return header
    return None
