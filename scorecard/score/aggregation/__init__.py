"""Aggregations behind a registry: the weighted sum, TOPSIS and textbook TOPSIS.

Adding one is a file here (a function from `Scoring` to `Aggregate`, and `register`)
imported below, plus its test.
"""

from __future__ import annotations

from scorecard.score.aggregation import topsis, topsis_classic, weighted_sum  # noqa: F401 - registers
from scorecard.score.aggregation.registry import AGGREGATORS, Aggregate, Scoring, register
from scorecard.score.aggregation.topsis import (
    closeness,
    topsis_compares,
    topsis_geometry,
    topsis_totals,
)
from scorecard.score.aggregation.topsis_classic import classic_geometry, classic_matrix

__all__ = [
    "AGGREGATORS",
    "Aggregate",
    "Scoring",
    "classic_geometry",
    "classic_matrix",
    "closeness",
    "register",
    "topsis_compares",
    "topsis_geometry",
    "topsis_totals",
]
