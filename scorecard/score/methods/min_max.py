"""Min-max: the field's best scores 100, its worst 0, linear in between."""

from __future__ import annotations

import numpy as np

from scorecard.config import Criterion
from scorecard.score.methods.registry import ScoringMethod, register
from scorecard.score.notes import Note, NoteKind


def min_max_scores(criterion: Criterion, x: np.ndarray, field: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Scores on the field's range; with no range, everyone in it scores 100."""
    higher = criterion.direction == "higher"
    bar = x[field]
    lo, hi = np.min(bar), np.max(bar)
    if hi == lo:
        note = Note(NoteKind.SAME_VALUE, criterion, float(lo))
        # only a supplier outside the field (disqualified) can differ: better than it is 100, worse 0
        better = (x > lo) if higher else (x < lo)
        return np.where((x == lo) | better, 100.0, 0.0), [note]
    # halves: the span of -1e308..1e308 would overflow, its half cannot
    return 100 * ((x / 2 - lo / 2) if higher else (hi / 2 - x / 2)) / (hi / 2 - lo / 2), []


MIN_MAX = register(ScoringMethod("min_max", min_max_scores, relative=True))
