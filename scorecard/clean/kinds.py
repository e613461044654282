"""The kinds of value a column can hold, which decide how its cells are read."""

from __future__ import annotations

from enum import StrEnum


class ValueKind(StrEnum):
    """What a column holds, which decides how its cells are read (a str: 'number' == ValueKind.NUMBER)."""

    NUMBER = "number"  # plain quantity: days, ppm, score 0-100, count
    MONEY = "money"  # currency amounts
    PERCENT = "percent"  # stored as percent points 0-100 (95% -> 95.0)
    YES_NO = "yes_no"  # -> "Yes"/"No" (text, so categorical scoring maps it)
    TEXT = "text"  # categorical labels; trimmed, spaces normalised, case kept
    DATE = "date"
    IDENTIFIER = "identifier"  # supplier names and codes: always text, never "missing" unless blank


QUANTITY_KINDS = frozenset({ValueKind.NUMBER, ValueKind.MONEY, ValueKind.PERCENT})


NOUN = {
    ValueKind.NUMBER: "a number",
    ValueKind.MONEY: "an amount",
    ValueKind.PERCENT: "a percentage",
    ValueKind.YES_NO: "yes or no",
    ValueKind.TEXT: "text",
    ValueKind.DATE: "a date",
    ValueKind.IDENTIFIER: "a name or code",
}
