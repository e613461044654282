"""Text tidying and the words that mean "no data" ('n/a', 'TBD', '-', '#N/A', 'No bid')."""

from __future__ import annotations

import re

from scorecard.clean.kinds import QUANTITY_KINDS, ValueKind


def word_set(text: str) -> frozenset[str]:
    """A set written as whitespace-separated words: long constant lists stay readable."""
    return frozenset(text.split())


# Zero-width characters arrive with copy-pasted web text; nobody sees them, so they never count.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


_MISSING_MARKERS = frozenset(
    {
        "",
        "n/a",
        "n / a",
        "na",
        "n.a.",
        "n.a",
        "n/d",
        "n.d.",
        "n.v.",
        "k.a.",
        "k. a.",
        "tbd",
        "tbc",
        "t.b.d.",
        "t.b.c.",
        "null",
        "nan",
        "no data",
        "unknown",
        "not available",
    }
)


# How bid tabs say a supplier did not quote: no data in a price or quantity cell, never an unreadable value.
# Number, money and percent columns only: in a text column "Declined" can be a real answer.
_NOT_QUOTED_MARKERS = frozenset(
    {
        "no bid",
        "no quote",
        "not quoted",
        "n/q",
        "n.q.",
        "nq",
        "no offer",
        "not offered",
        "declined",
    }
)


# Excel's error values (with the German spellings a localised export writes): a formula failed.
FORMULA_ERRORS = frozenset(
    {
        "#n/a",
        "#div/0!",
        "#value!",
        "#ref!",
        "#name?",
        "#num!",
        "#null!",
        "#spill!",
        "#calc!",
        "#field!",
        "#blocked!",
        "#connect!",
        "#busy!",
        "#unknown!",
        "#getting_data",
        "#nv",
        "#wert!",
        "#bezug!",
        "#zahl!",
    }
)


_ONLY_DASHES = re.compile(r"[-‐‑‒–—―]+")


_ONLY_QUESTION_MARKS = re.compile(r"\?+")


def tidy_text(text: str) -> str:
    """What the buyer sees: invisible characters dropped, every run of (non-breaking) space one space."""
    return " ".join(text.translate(_INVISIBLE).split())


def has_stray_spaces(text: str) -> bool:
    """Leading/trailing spaces or invisible characters: worth telling, unlike a thousands space."""
    return text != text.strip() or text.translate(_INVISIBLE) != text


def is_marker(folded: str, kind: ValueKind | None) -> bool:
    """`folded`: tidied and casefolded. 'none' and 'no bid' can be real answers in text columns, so numbers only."""
    return (
        folded in _MISSING_MARKERS
        or _ONLY_DASHES.fullmatch(folded) is not None
        or _ONLY_QUESTION_MARKS.fullmatch(folded) is not None
        or (kind in QUANTITY_KINDS and (folded == "none" or folded in _NOT_QUOTED_MARKERS))
    )


def is_missing_marker(text: str, kind: ValueKind | None = None) -> bool:
    """True if a cell's text means "no data" ('n/a', 'TBD', '-', '#N/A', blank, ...).

    'none' and the bid-tab words for "not quoted" ('No bid', 'NQ', 'Declined', ...)
    count only for number, money and percent columns (in a text column they can
    be an answer). In an IDENTIFIER column only blank text is missing: a
    supplier may really be called 'NA'.
    """
    folded = tidy_text(text).casefold()
    if kind is ValueKind.IDENTIFIER:
        return text.strip() == ""
    return folded in FORMULA_ERRORS or is_marker(folded, kind)


def marker_status(tidy: str, kind: ValueKind) -> str | None:
    folded = tidy.casefold()
    if folded in FORMULA_ERRORS:
        return "formula"
    if is_marker(folded, kind):
        return "marker"
    return None
