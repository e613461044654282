"""Steps (thresholds): the points of the first step the value reaches, else `otherwise`."""

from __future__ import annotations

import numpy as np

from scorecard.config import Criterion
from scorecard.score.methods.registry import ScoringMethod, register


def steps_scores(criterion: Criterion, x: np.ndarray, field: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Steps are read in order: at least the limit (higher is better) or at most it (lower is better)."""
    method = criterion.method
    higher = criterion.direction == "higher"
    conditions = [(x >= s.limit) if higher else (x <= s.limit) for s in method.steps]
    return np.select(conditions, [s.points for s in method.steps], default=method.otherwise), []


STEPS = register(ScoringMethod("steps", steps_scores))
