"""How robust is the ranking? Weight stability, rank probabilities and a one-line verdict.

A buyer has to defend an award: "Acme stays first unless the Cost weight falls
below 18%". This module answers that from the engine's `ScoreResult` alone: it
never reads a file and never calls the engine again, it re-scores in numpy.

Re-scoring. Criterion scores do not depend on the weights (relative methods
compare with the qualified field, not with the weights), so for a weight
vector w supplier i's weighted-sum total is

    sum_j w_j s_ij over its scored criteria / sum_j w_j over its scored criteria,

which reproduces the engine exactly, including the `exclude` policy. TOPSIS
is re-scored in the same way: the vector normalisation and the ideal and
anti-ideal suppliers do not depend on the weights, so each distance is
sqrt(sum_j a_ij w_j^2 (r_ij - ideal_j)^2) / (sum_j a_ij w_j) and the closeness
is a ratio of two such sums. That turns 2,000 TOPSIS evaluations into two
matrix products; the tests check it against `scorecard.score.topsis_totals`.

Weight stability. For a criterion (or a category) with current share B, the
weights move along w(t) = t u + (1 - t) v: u is the criterion itself (for a
category, its criteria in their current proportions) and v the other weights
rescaled in proportion, so w(B) is today's weights. Each total is then a
ratio of two linear functions of t (linear when the supplier has every
criterion), and the leader's lead over a rival changes sign only at a root of
a quadratic, which is solved exactly. A tie counts as losing first place: the
leader "stays first" only while it is ahead alone. For TOPSIS the leader
beats a rival exactly where a quartic in t is positive; its sign is checked on
a grid of 1,001 shares (walked outwards from the current share) and each
change refined by bisection, which the output states. Only qualified, scored
suppliers compete; a supplier that would lose all its weight at a share of
exactly 0% or 100% (it has data only on that criterion, or none on it) is
taken at its limit, i.e. its score just inside the range.

Rank probabilities. Each weight is multiplied by a factor drawn uniformly
from [1 - spread, 1 + spread] (25% by default), then the weights are
renormalised; zero weights stay zero. The draws come from
numpy.random.default_rng(seed), so the same seed gives the same table. All
draws are scored with one matrix product (plus one for the denominator when a
supplier has left-out criteria) and ranked with one argsort, with no Python
loop over draws.

Measured on the data of `large_result` in tests/sensitivity/test_sensitivity.py (500
suppliers x 25 criteria, 5% left out), 2,000 draws, on a 2-core machine shared with other
jobs, best of 25 runs with one BLAS thread (with the default threads the
timings of both sides varied 3-10x under that load). Baseline: the score
matrix @ 2,000 weight vectors, then argsort ranks: 26-57 ms. `sensitivity()`
with the weighted sum: 57-125 ms, about 2x the baseline; the stability rows
(25 criteria, 5 categories) take 4-8 ms of it, the rest is the draws (a second
product for suppliers with left-out criteria, and a tie-aware rank).
TOPSIS: 104-111 ms (stability 30-45 ms).
"""

from __future__ import annotations

from scorecard.sensitivity.paths import PathTotals, WeightKind, WeightPath, weight_paths
from scorecard.sensitivity.probabilities import (
    RankCounts,
    RankProbabilities,
    perturbed_weights,
    rank_probabilities,
)
from scorecard.sensitivity.rescoring import (
    BISECTION_STEPS,
    FRAGILE_CHANGE,
    FRAGILE_PROBABILITY,
    LEVEL_GAP,
    POLYNOMIAL_TIE,
    POWERS,
    ROBUST_CHANGE,
    ROBUST_PROBABILITY,
    SAME_SHARE,
    TIE_GAP,
    TOPSIS_GRID,
    Field,
    competing,
    totals_for_weights,
)
from scorecard.sensitivity.stability import (
    STABILITY_COLUMNS,
    StabilityNote,
    StabilityResult,
    Taker,
    searched_range,
    stable_range,
    takes_over,
    weight_stability,
)
from scorecard.sensitivity.verdict import (
    Level,
    Sensitivity,
    Verdict,
    WeightChange,
    judge,
    sensitivity,
    weight_change,
)

__all__ = [
    "BISECTION_STEPS",
    "FRAGILE_CHANGE",
    "FRAGILE_PROBABILITY",
    "LEVEL_GAP",
    "POLYNOMIAL_TIE",
    "POWERS",
    "ROBUST_CHANGE",
    "ROBUST_PROBABILITY",
    "SAME_SHARE",
    "STABILITY_COLUMNS",
    "TIE_GAP",
    "TOPSIS_GRID",
    "Field",
    "Level",
    "PathTotals",
    "RankCounts",
    "RankProbabilities",
    "Sensitivity",
    "StabilityNote",
    "StabilityResult",
    "Taker",
    "Verdict",
    "WeightChange",
    "WeightKind",
    "WeightPath",
    "competing",
    "judge",
    "perturbed_weights",
    "rank_probabilities",
    "searched_range",
    "sensitivity",
    "stable_range",
    "takes_over",
    "totals_for_weights",
    "weight_change",
    "weight_paths",
    "weight_stability",
]
