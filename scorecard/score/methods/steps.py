"""Steps (thresholds): the points of the first step the value reaches, else `otherwise`."""

from __future__ import annotations

import numpy as np

from scorecard.config import Criterion
from scorecard.score.methods.registry import ScoringMethod, register


def steps_scores(criterion: Criterion, x: np.ndarray, field: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Steps are read in order: at least the limit (higher is better) or at most it (lower is better).

    The first step reached wins, so the steps are laid on from the last to the first (what
    `np.select` does, at half its cost); no value (NaN) reaches none.
    """
    method = criterion.method
    higher = criterion.direction == "higher"
    scores = np.full(len(x), float(method.otherwise))
    for step in reversed(method.steps):
        scores = np.where((x >= step.limit) if higher else (x <= step.limit), float(step.points), scores)
    return scores, []


STEPS = register(ScoringMethod("steps", steps_scores))
