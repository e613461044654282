"""One rule for matching names: suppliers, evaluators and headers compare the same way on every sheet.

A buyer types "Acme Ltd" on the supplier sheet, "ACME  ltd" on the bid sheet and "AcmeLtd" on the
evaluations sheet: all three are one supplier. Case, accents and spacing are ignored; letters, digits
and punctuation count ("Acme Ltd" and "Acme Ltd (UK)" stay two suppliers).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable
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


KEPT_KEY_LENGTH = 255  # a header is at most this long once read; longer text (a cell) is reduced each time


def header_key(text: str) -> str:
    """A column header reduced for matching ('On-time delivery (%)' -> 'on time delivery')."""
    text = text if isinstance(text, str) else str(text)  # a header typed as a number (2024) is its text
    return _short_key(text) if len(text) <= KEPT_KEY_LENGTH else normalise_header(text)


@lru_cache(maxsize=16_384)
def _short_key(text: str) -> str:
    """Headers and names recur on every sheet and every question; each is reduced once (a few MB at most)."""
    return normalise_header(text)


class HeaderKeys:
    """A sheet's headers with their matching keys worked out once, so a stage that asks one sheet for
    many columns (the mapping stage asks once per criterion) does not reduce every header per question.

    The rule, for every stage: a column is found under the first of the names asked for (in their order)
    that some header equals by `header_key`, whole (a long question text is not cut short: 'approach to
    lot 1' is not 'approach to lot 2'); among headers with one key, the first in the sheet; headers
    already taken for another column skipped; a name or header that reduces to nothing matches nothing.
    Where a caller also gives a pattern (`like`), a header none of the names found may still be found by
    the words in its key, in sheet order, unless `unless` finds a word that rules it out.
    """

    def __init__(self, headers: Iterable[str]) -> None:
        self.headers = tuple(headers)
        self.keys = tuple(header_key(h) for h in self.headers)
        self.at: dict[str, list[int]] = {}
        for position, key in enumerate(self.keys):
            if key:
                self.at.setdefault(key, []).append(position)

    def find(self, names: Iterable[str], taken: Collection[str] = ()) -> tuple[str, int] | None:
        """The header for the first name that one matches, and that name's position among `names`."""
        for position, name in enumerate(names):
            for at in self.at.get(header_key(name), ()):
                if self.headers[at] not in taken:
                    return self.headers[at], position
        return None

    def first(
        self,
        names: Iterable[str],
        taken: Collection[str] = (),
        *,
        like: re.Pattern[str] | None = None,
        unless: re.Pattern[str] | None = None,
    ) -> str | None:
        """The header the rule above finds, or None."""
        found = self.find(names, taken)
        if found is not None:
            return found[0]
        if like is None:
            return None
        return next(
            (
                header
                for header, key in zip(self.headers, self.keys, strict=True)
                if header not in taken and like.search(key) and not (unless and unless.search(key))
            ),
            None,
        )


def first_header(
    headers: Iterable[str],
    names: Iterable[str],
    taken: Collection[str] = (),
    *,
    like: re.Pattern[str] | None = None,
    unless: re.Pattern[str] | None = None,
) -> str | None:
    """The header a column is found under (see `HeaderKeys` for the rule), or None if none."""
    return HeaderKeys(headers).first(names, taken, like=like, unless=unless)
