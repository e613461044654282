"""Header matching: a sheet's headers normalised once and indexed by word, for exact matches and suggestions.

Near-linear in the number of headers: each header is reduced once (names.HeaderKeys, for
exact matches; suggestions read its first MATCH_CHARS characters), indexed by its words and
their first letters, and only the few headers that share a distinctive word with
a name are compared closely.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection

import pandas as pd

from scorecard.clean import normalise_header
from scorecard.config import Criterion
from scorecard.mapping.profile import ColumnProfile, fits, profile_column
from scorecard.names import HeaderKeys
from scorecard.read import Sheet

MATCH_CHARS = 120  # a header longer than this is compared on its start only
COMMON_KEY = 200  # a word found in more headers than this tells no column apart (e.g. "column")
CLOSE_CANDIDATES = 40  # headers compared closely per criterion, most shared words first
SUGGESTIONS = 3
SHOWN_CHARS = 60  # a suggested header is shown at most this long in a message
GENERIC_WORDS = frozenset(
    [
        "score",
        "rating",
        "rate",
        "level",
        "risk",
        "total",
        "terms",
        "term",
        "time",
        "days",
        "months",
        "percent",
        "the",
        "of",
        "and",
        "per",
        "in",
        "for",
        "a",
        "an",
        "no",
        "number",
        "count",
        "value",
        "index",
        "annual",
        "certified",
        "certification",
        "status",
    ]
)
DIGITS = re.compile(r"\d+")


def names_for(criterion: Criterion) -> list[str]:
    return [criterion.column, criterion.label, criterion.key.replace("_", " "), *criterion.synonyms]


def stem(word: str) -> str:
    """A word without a plural ending, so 'deliveries' meets 'delivery'."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def words_of(normalised: str) -> frozenset[str]:
    return frozenset(stem(w) for w in normalised.split())


class HeaderIndex:
    """A sheet's headers, normalised once and indexed by word, for exact matches and suggestions."""

    def __init__(self, sheet: Sheet) -> None:
        self.sheet = sheet
        self.headers = sheet.columns
        self.matching = HeaderKeys(self.headers)  # exact matches: the one rule, on whole headers
        # suggestions read a header's first MATCH_CHARS characters (close reading is quadratic in length)
        self.normalised = [
            key if len(h) <= MATCH_CHARS else normalise_header(h[:MATCH_CHARS])
            for h, key in zip(self.headers, self.matching.keys, strict=True)
        ]
        self.by_key: dict[str, list[int]] = {}
        for position, norm in enumerate(self.normalised):
            for key in self.keys(norm):
                self.by_key.setdefault(key, []).append(position)
        self.profiles: dict[str, ColumnProfile] = {}

    @staticmethod
    def keys(norm: str) -> set[str]:
        """A header's index keys: its distinctive words and their first four letters (typos)."""
        keys = set()
        for word in words_of(norm):
            if word in GENERIC_WORDS:
                continue
            keys.add(word)
            if len(word) > 4:
                keys.add(word[:4] + "~")
        return keys

    def profile(self, header: str) -> ColumnProfile:
        if header not in self.profiles:
            cells = self.sheet.table[header]
            if isinstance(cells, pd.DataFrame):  # two columns with one header: the first is read
                cells = cells.iloc[:, 0]
            self.profiles[header] = profile_column(cells)
        return self.profiles[header]

    def find(self, names: list[str]) -> tuple[str, int] | None:
        """The header found under one of the names (names.HeaderKeys' rule), with the name's position."""
        return self.matching.find(names)

    def candidates(self, names: list[str]) -> list[int]:
        """Header positions sharing a distinctive word with a name: most shared first, capped."""
        counts: dict[int, int] = {}
        for name in names:
            for key in self.keys(normalise_header(name[:MATCH_CHARS])):
                hits = self.by_key.get(key, ())
                if len(hits) > COMMON_KEY:
                    continue
                for position in hits:
                    counts[position] = counts.get(position, 0) + 1
        return sorted(counts, key=lambda p: (-counts[p], p))[:CLOSE_CANDIDATES]

    def suggest(
        self, names: list[str], criterion: Criterion | None = None, taken: Collection[str] = ()
    ) -> tuple[tuple[str, ...], bool]:
        """Headers that could hold what `names` describe, closest first, and whether the first is
        certain enough to pre-select. A column whose values or unit do not fit the criterion's kind
        is never suggested; a certificate never stands in for another (ISO 9001 != ISO 14001)."""
        wanted = [normalise_header(n[:MATCH_CHARS]) for n in names]
        wanted = [w for w in dict.fromkeys(wanted) if w]
        scored: dict[str, tuple[float, bool]] = {}
        for position in self.candidates(names):
            header, norm = self.headers[position], self.normalised[position]
            if header in taken or not norm:
                continue
            if criterion is not None and not fits(criterion, header, self.profile(header)):
                continue
            closeness = [self.closeness(norm, name) for name in wanted]
            best = max((c[0] for c in closeness), default=0.0)
            if best >= 0.6:
                scored[header] = (best, any(c[1] for c in closeness))
        ordered = sorted(scored, key=lambda h: -scored[h][0])[:SUGGESTIONS]
        return tuple(ordered), bool(ordered) and scored[ordered[0]][1]

    def closeness(self, norm: str, name: str) -> tuple[float, bool]:
        """How close a normalised header is to a normalised name (0-1), and whether surely the same: every
        distinctive word of the name in the header, or nearly the same text. 0 when they share no
        distinctive word, or name different numbers (ISO 9001 is not ISO 14001)."""
        header_numbers = set(DIGITS.findall(norm))
        numbers = set(DIGITS.findall(name))
        if numbers and header_numbers and numbers != header_numbers:
            return 0.0, False  # a certificate never stands in for another
        if not self.keys(norm) & self.keys(name):  # no distinctive word (or its start) in common
            return 0.0, False
        header_words, name_words = words_of(norm), words_of(name)
        ratio = difflib.SequenceMatcher(None, name, norm[: len(name) * 2 + 10]).ratio()
        overlap = len(header_words & name_words) / max(len(name_words), 1)
        distinctive = name_words - GENERIC_WORDS
        sure = (distinctive <= header_words and (not numbers or numbers == header_numbers)) or ratio >= 0.9
        return max(ratio, 0.9 * overlap), sure


def shown_headers(headers: tuple[str, ...], limit: int = 30) -> str:
    """Headers for a message: each cut short, at most `limit` of them, so a message stays short."""
    shown = ", ".join(h[:SHOWN_CHARS] for h in headers[:limit])
    return shown + (f" and {len(headers) - limit} more" if len(headers) > limit else "")
