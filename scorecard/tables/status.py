"""A supplier's status and a missing value's handling in the buyer's words, from the result's typed fields.

The engine's result holds codes (`Standing`, the `missing`/`invalid`/`rejected` masks, the left-out
criteria); the words every surface prints (Ranking, Criteria, Data quality, charts, plans, the CLI)
are written here once.
"""

from __future__ import annotations

import numpy as np

from scorecard.config import MISSING_POLICIES
from scorecard.score import ScoreResult, Standing, rejected_value

QUALIFIED = "Qualified"
DISQUALIFIED = "Disqualified"
NOT_SCORED = "Not scored"
STANDING_WORDS: dict[Standing, str] = {
    Standing.QUALIFIED: QUALIFIED,
    Standing.DISQUALIFIED: DISQUALIFIED,
    Standing.NOT_SCORED: NOT_SCORED,
}


def status_text(result: ScoreResult, i: int) -> str:
    """'Qualified', or 'Disqualified: <reasons>' / 'Not scored: <reasons>' (Ranking's Status column)."""
    standing = result.standing(i)
    if standing is Standing.QUALIFIED:
        return QUALIFIED
    return f"{STANDING_WORDS[standing]}: " + "; ".join(result.reasons[i])


def handling_text(result: ScoreResult, i: int, j: int) -> str:
    """How a cell without data was treated, in words ('' when the value was there)."""
    if not result.missing[i, j]:
        return ""
    criterion = result.criteria[j]
    if criterion.key in result.absent:
        return "no column in the file: left out, its weight shared within its category"
    if result.rejected is not None and result.rejected[i, j]:
        what = rejected_value(criterion, result.raw.iat[i, j])
    else:
        what = "unreadable value" if result.invalid[i, j] else "no data"
    if result.nobody_scored[j] and criterion.missing != "disqualify":
        return f"{what}: left out for every supplier (no supplier has data on it), its weight shared within its category"
    if result.base_weights[j] == 0:
        return f"{what}: not counted (weight 0), flagged only"
    if criterion.missing == "neutral" and np.isnan(result.scores[i, j]):
        return f"{what}: left out and re-weighted (no qualified supplier had data for an average)"
    return f"{what}: {MISSING_POLICIES[criterion.missing]}"
