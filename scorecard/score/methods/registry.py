"""The scoring-method registry: one unit per method, found by the name the settings use.

A method turns one criterion's usable numbers into 0-100 scores. `relative` methods
compare each supplier with the field (the qualified suppliers), so the field sets the
bar; the others score a value on its own. `domain` says which numbers a method can
score at all (a ratio needs something to divide by).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

import numpy as np

from scorecard.config import Criterion


class Domain(Enum):
    """The numbers a method can score; anything below is rejected, flagged and never guessed."""

    ABOVE_ZERO = "above 0"
    ZERO_OR_MORE = "0 or more"

    def rejects(self, numbers: np.ndarray) -> np.ndarray:
        """True for a number outside the domain (NaN is never rejected: it is missing already)."""
        return numbers <= 0 if self is Domain.ABOVE_ZERO else numbers < 0


Scorer = Callable[[Criterion, np.ndarray, np.ndarray], tuple[np.ndarray, list[Any]]]


@dataclass(frozen=True)
class ScoringMethod:
    """One way to score a criterion.

    `scores(criterion, x, field)` returns raw scores (clipped to 0-100 by the caller) and notes (`Note`
    records, or a registered method's own words, kept as a METHOD note);
    `x` holds the numbers (NaN where unusable), `field` marks the suppliers that set the bar.
    """

    kind: str
    scores: Scorer
    relative: bool = False
    domain: Callable[[Criterion], Domain | None] = lambda criterion: None


METHODS: dict[str, ScoringMethod] = {}


def register(method: ScoringMethod) -> ScoringMethod:
    """Add a method under its settings name; a name registered twice is a programming error."""
    if method.kind in METHODS:
        raise ValueError(f"scoring method {method.kind!r} is registered twice")
    METHODS[method.kind] = method
    return method


def method_of(criterion: Criterion) -> ScoringMethod:
    """The unit that scores this criterion (the settings schema admits only registered names)."""
    return METHODS[criterion.method.kind]
