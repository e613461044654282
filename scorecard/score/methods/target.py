"""Target: 100 on the target, falling linearly to 0 at the tolerance either side."""

from __future__ import annotations

import numpy as np

from scorecard.config import Criterion
from scorecard.score.methods.registry import ScoringMethod, register


def target_scores(criterion: Criterion, x: np.ndarray, field: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """100 x (1 - |value - target| / tolerance)."""
    method = criterion.method
    return 100 * (1 - np.abs(x - method.target) / method.tolerance), []


TARGET = register(ScoringMethod("target", target_scores))
