"""Ratio to best: a share of the field's best value (best / value when lower is better)."""

from __future__ import annotations

import numpy as np

from scorecard.config import Criterion
from scorecard.score.methods.registry import Domain, ScoringMethod, register
from scorecard.score.notes import Note, NoteKind


def ratio_to_best_scores(
    criterion: Criterion, x: np.ndarray, field: np.ndarray
) -> tuple[np.ndarray, list[str]]:
    """100 x value / best (higher is better) or 100 x best / value (lower is better)."""
    if criterion.direction != "higher":
        return 100 * np.min(x[field]) / x, []
    best = np.max(x[field])
    if best == 0:
        note = Note(NoteKind.ALL_ZERO, criterion)
        return np.full(len(x), 100.0), [note]  # negatives were rejected, so nobody is below 0
    return 100 * x / best, []


def ratio_domain(criterion: Criterion) -> Domain:
    """Lower is better divides by the value (above 0); higher is better divides by the best (0 or more)."""
    return Domain.ABOVE_ZERO if criterion.direction == "lower" else Domain.ZERO_OR_MORE


RATIO_TO_BEST = register(
    ScoringMethod("ratio_to_best", ratio_to_best_scores, relative=True, domain=ratio_domain)
)
