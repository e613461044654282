"""What the scoring noticed about a criterion or the whole field, as typed records (their words, on
the Method sheet: `scorecard.tables.notes`)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from scorecard.config import Criterion


class NoteKind(Enum):
    """Something a buyer checking the totals should know."""

    OUT_OF_DOMAIN = "values its method cannot score were flagged"
    NOBODY_USABLE = "no supplier has a usable value"
    DISQUALIFIED_SET_THE_BAR = "no qualified supplier has a usable value: the disqualified set the bar"
    SAME_VALUE = "every qualified supplier has the same value (`value`)"
    ALL_ZERO = "every qualified supplier has 0 (ratio to best has nothing to divide by)"
    WEIGHT_ZERO_NOT_REQUIRED = "weight 0: a missing value does not disqualify"
    NO_AVERAGE = "no qualified supplier has data to average (missing policy neutral)"
    LEFT_OUT = "left out for everyone (no column, or no data)"
    TOPSIS_FALLBACK = "TOPSIS cannot tell the field apart: the weighted sum is used"
    METHOD = "a scoring method's own note (`text`, from a registered method)"


@dataclass(frozen=True)
class Note:
    """One note: its kind, the criterion it is about (None: the whole field) and its figure."""

    kind: NoteKind
    criterion: Criterion | None = None
    value: float | None = None
    text: str = ""  # METHOD only: the registered method's own words

    @property
    def key(self) -> str:
        """The criterion's key, '' for a note on the whole field."""
        return self.criterion.key if self.criterion is not None else ""
