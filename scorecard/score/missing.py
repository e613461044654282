"""Missing-value policies: what a cell without usable data does to a supplier's score.

worst = scored 0; neutral = the qualified field's average score; exclude = left out and
the supplier's other criteria re-weighted; disqualify = the supplier is out. A criterion
nobody has data on is left out for everyone, its weight shared within its category.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from scorecard.config import Config, Criterion
from scorecard.score.knockouts import cell_states
from scorecard.score.notes import Note, NoteKind
from scorecard.score.reasons import Reasons, Why
from scorecard.score.values import CriterionValues


def left_out_criteria(
    criteria: tuple[Criterion, ...], values: dict[str, CriterionValues], absent: tuple[str, ...]
) -> tuple[str, ...]:
    """Criteria nobody can be scored on: no column in the file, or no supplier has data on them (unless
    a missing value disqualifies, which then applies to everyone)."""
    return tuple(
        c.key
        for c in criteria
        if c.key in absent or (values[c.key].missing.all() and c.missing != "disqualify")
    )


def left_out_share(config: Config, criterion: Criterion, left_out: tuple[str, ...]) -> str:
    """Where a left-out criterion's weight went, in words: to its category's other criteria, or (when
    none is left) to the other categories."""
    category = config.category(criterion.category)
    others = [c.label for c in category.criteria if c.key not in left_out and c.weight > 0]
    set_share = config.counted_shares()[criterion.key]
    if others:
        return (
            f"its weight ({set_share:.1%} as set) was shared among {', '.join(others)} in {category.label}."
        )
    return (
        f"no criterion of {category.label} is left, so that category was left out and the other "
        f"categories' weights re-normalised ({set_share:.1%} as set)."
    )


def add_required_reasons(
    reasons: Reasons, criterion: Criterion, table: pd.DataFrame, v: CriterionValues
) -> None:
    """Policy 'disqualify': why each supplier without a usable value for the criterion is out."""
    rows = np.flatnonzero(v.missing)
    reasons.add(
        rows, Why.NO_VALUE_FOR_REQUIRED, criterion=criterion, **cell_states(rows, table, criterion.key, v)
    )


def disqualify_missing(
    criteria: tuple[Criterion, ...],
    table: pd.DataFrame,
    values: dict[str, CriterionValues],
    counted: dict[str, float],
    absent: tuple[str, ...],
    reasons: Reasons,
) -> tuple[np.ndarray, list[Note]]:
    """Apply policy 'disqualify' (adding to `reasons`): who is out for missing data, and notes.

    A criterion with weight 0 is shown, not counted: it must not decide who is in the race either.
    """
    out = np.zeros(len(table), dtype=bool)
    notes: list[Note] = []
    for c in criteria:
        v = values[c.key]
        if c.missing != "disqualify" or not v.missing.any() or c.key in absent:
            continue
        if counted[c.key] == 0:
            notes.append(Note(NoteKind.WEIGHT_ZERO_NOT_REQUIRED, c))
            continue
        add_required_reasons(reasons, c, table, v)
        out |= v.missing
    return out, notes


def policy_fill(
    criterion: Criterion, scores: np.ndarray, missing: np.ndarray, qualified: np.ndarray
) -> tuple[float, list[Note]]:
    """What the criterion's policy puts in a cell without usable data (NaN = left out), and notes:
    worst 0, neutral the qualified field's average score (none: left out, said in a note)."""
    if criterion.missing == "worst":
        return 0.0, []
    if criterion.missing == "neutral":
        pool = scores[qualified & ~missing]
        if pool.size:
            return pool.mean(), []
        return np.nan, [Note(NoteKind.NO_AVERAGE, criterion)] if missing.any() else []
    return np.nan, []  # exclude, disqualify: left out


def fill_missing(
    criteria: tuple[Criterion, ...],
    scores: np.ndarray,
    missing: np.ndarray,
    qualified: np.ndarray,
    skipped: frozenset[int],
) -> tuple[list[list[Note]], dict[int, np.ndarray]]:
    """Every criterion's policy applied in place to a (criterion, supplier) array of clipped scores, in
    one pass over the array: each criterion's notes, and where the scores are now NaN (left out), for
    the rows that have any (see `weights.gaps_in`). Rows in `skipped` (criteria left out) are all NaN.

    `clip_scores` has made sure no usable value scored NaN, so the gaps are exactly the missing cells
    of the criteria whose policy leaves them out, and the rows skipped.
    """
    fills = np.full(len(criteria), np.nan)
    notes: list[list[Note]] = [[] for _ in criteria]
    for j, criterion in enumerate(criteria):
        if j not in skipped:
            fills[j], notes[j] = policy_fill(criterion, scores[j], missing[j], qualified)
    np.copyto(scores, fills[:, np.newaxis], where=missing)
    gaps = {j: missing[j] for j in np.flatnonzero(np.isnan(fills)).tolist() if missing[j].any()}
    for j in skipped:
        scores[j] = np.nan
        gaps[j] = np.ones(scores.shape[1], dtype=bool)
    return notes, gaps
