"""'A, B and C': how every sentence lists things, the one rule for every room.

It imports nothing from the package, so the reading stage (the rows a message names) and the words the
later rooms write (`scorecard.words`, which imports the reader) can both use it without an import cycle.
"""

from __future__ import annotations

from collections.abc import Sequence


def join_words(items: Sequence[str]) -> str:
    """[] -> ''; ['a'] -> 'a'; ['a', 'b'] -> 'a and b'; ['a', 'b', 'c'] -> 'a, b and c'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
