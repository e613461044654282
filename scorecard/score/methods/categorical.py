"""Categorical (labels, yes/no): each label's points from the settings' table.

The points were looked up when the column was read (`values.read_values`), so the
score is those points; a label outside the table was flagged there as unreadable.
"""

from __future__ import annotations

import numpy as np

from scorecard.config import Criterion
from scorecard.score.methods.registry import ScoringMethod, register


def categorical_scores(
    criterion: Criterion, x: np.ndarray, field: np.ndarray
) -> tuple[np.ndarray, list[str]]:
    """The label's points as read."""
    return x.copy(), []


CATEGORICAL = register(ScoringMethod("categorical", categorical_scores))
