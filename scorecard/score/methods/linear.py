"""Linear between two fixed points the buyer set: `worst` scores 0, `best` scores 100."""

from __future__ import annotations

import numpy as np

from scorecard.config import Criterion
from scorecard.score.methods.registry import ScoringMethod, register


def linear_scores(criterion: Criterion, x: np.ndarray, field: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """100 x (value - worst) / (best - worst): the same value scores the same in every event."""
    method = criterion.method
    return 100 * (x - method.worst) / (method.best - method.worst), []


LINEAR = register(ScoringMethod("linear", linear_scores))
