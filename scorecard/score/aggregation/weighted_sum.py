"""The weighted sum: total = sum of score x share; each criterion's contribution is exactly its term."""

from __future__ import annotations

from scorecard.score.aggregation.registry import Aggregate, Scoring, register


def weighted_sum(scoring: Scoring) -> Aggregate:
    """Contributions are score x the supplier's own share (made when read); the total is their sum."""
    return Aggregate(scoring.weighted_totals, None)


register("weighted_sum", weighted_sum)
