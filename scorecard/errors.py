"""What a buyer is told when something is wrong: one error class, one finding type.

Everything a user can cause (a bad file, a bad config) is a `ScorecardError`
with a message in the buyer's words and, where it applies, the sheet, row and
column. Anything else is a bug and is allowed to surface.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

# A name quoted from a file (sheet, column, value) and a whole message are cut to these lengths,
# so that a 32,000-character header cannot turn one message into a page of text.
MAX_QUOTED_LENGTH = 120
MAX_MESSAGE_LENGTH = 2_000


def shorten(text: str, limit: int = MAX_QUOTED_LENGTH) -> str:
    """Text from a file as quoted in a message: its start and its real length when it is long."""
    if len(text) <= limit:
        return text
    return f"{text[: max(limit - 30, 10)]}... ({len(text):,} characters)"


def cell_location(sheet: str | None = None, row: int | None = None, column: str | None = None) -> str:
    """'sheet "Suppliers", row 7, column "On-time delivery"': where a problem is, in words."""
    parts = []
    if sheet:
        parts.append(f'sheet "{shorten(sheet)}"')
    if row is not None:
        parts.append(f"row {row}")
    if column:
        parts.append(f'column "{shorten(column)}"')
    return ", ".join(parts)


class ScorecardError(Exception):
    """A problem the buyer can fix: the message says what is wrong and what to do next."""

    def __init__(
        self,
        message: str,
        *,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = shorten(message, MAX_MESSAGE_LENGTH)
        self.sheet = sheet
        self.row = row
        self.column = column
        self.hint = None if hint is None else shorten(hint, MAX_MESSAGE_LENGTH)
        super().__init__(str(self))

    def __str__(self) -> str:
        where = cell_location(self.sheet, self.row, self.column)
        text = f"{where}: {self.message}" if where else self.message
        return f"{text} {self.hint}" if self.hint else text


class Severity(StrEnum):
    """How much a finding matters: errors stop a row or file, warnings change a value, info is a note."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    """One thing noticed while reading or cleaning, with where it was and what was done about it."""

    severity: Severity
    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    action: str | None = None

    def __str__(self) -> str:
        where = cell_location(self.sheet, self.row, self.column)
        text = f"[{self.severity.value}] " + (f"{where}: " if where else "") + self.message
        if self.value is not None:
            text += f" (found: {shorten(repr(self.value))})"
        if self.action:
            text += f" -> {self.action}"
        return shorten(text, MAX_MESSAGE_LENGTH)
