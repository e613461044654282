"""Logarithmic: each doubling (or log-base multiple) of the field's best value costs the same points."""

from __future__ import annotations

import numpy as np

from scorecard.config import Criterion
from scorecard.score.methods.registry import Domain, ScoringMethod, register


def log_ratio_scores(criterion: Criterion, x: np.ndarray, field: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """100 x (1 - log(value / best) / log(base)), best being the field's lowest value."""
    return 100 * (1 - np.log(x / np.min(x[field])) / np.log(criterion.method.log_base)), []


LOG_RATIO = register(
    ScoringMethod("log_ratio", log_ratio_scores, relative=True, domain=lambda criterion: Domain.ABOVE_ZERO)
)
