"""A supplier's status and a missing value's handling in the buyer's words, from the result's typed fields.

The engine's result holds codes (`Standing`, the `Reason` records of a supplier out of the race, the
`missing`/`invalid`/`rejected` masks, the left-out criteria); the words every surface prints (Ranking, Criteria, Data quality, charts, plans, the CLI)
are written here once.
"""

from __future__ import annotations

import numpy as np

from scorecard.config import MISSING_POLICIES, Criterion, unit_suffix
from scorecard.numbers import decimals_apart
from scorecard.score import CellState, Reason, ScoreResult, Standing, Why, rejected_value

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
    return f"{STANDING_WORDS[standing]}: " + "; ".join(reason_texts(result, i))


def reason_texts(result: ScoreResult, i: int) -> tuple[str, ...]:
    """Why supplier `i` is out of the race, one phrase per reason, in the order the rules were applied."""
    return tuple(reason_text(reason) for reason in result.reasons[i])


def reason_text(reason: Reason) -> str:
    """'ISO 9001 must be Yes (is No)', 'no data for Price, which is required', 'no data on any weighted criterion'."""
    c = reason.criterion
    if reason.why is Why.NOTHING_TO_SCORE or c is None:
        return "no data on any weighted criterion"
    if reason.why is Why.NO_VALUE_FOR_REQUIRED:
        if reason.state is CellState.REJECTED:
            return f"{c.label} is required, but {rejected_value(c, reason.cell)}"
        what = "an unreadable value" if reason.state is CellState.UNREADABLE else "no data"
        return f"{what} for {c.label}, which is required"
    unit = unit_suffix(c.unit)
    rule = reason.rule.describe(c.label, unit) if reason.rule is not None else c.label
    if reason.why is Why.FAILS_MUST_HAVE:
        is_ = reason.value if reason.rule is None or reason.rule.must_be else failing_figure(reason) + unit
        return f"{rule} (is {is_})"
    return f"{rule} ({cell_words(c, reason)})"


def failing_figure(reason: Reason) -> str:
    """The number that breaks an at-least/at-most rule as `:g` prints it ('90.5'), with the decimals that
    keep it apart from the limit when it would read as the limit ('at least 57 (is 56.99999999999999)')."""
    value = float(reason.value)
    rule = reason.rule
    limit = None if rule is None else rule.at_least if rule.at_least is not None else rule.at_most
    text = f"{value:g}"
    if limit is None or float(text) != float(f"{limit:g}"):
        return text
    return f"{value:.{decimals_apart(value, limit, 0)}f}"


def cell_words(criterion: Criterion, reason: Reason) -> str:
    """What a supplier has instead of a usable value, as a must-have's reason names it."""
    if reason.state is CellState.REJECTED:
        return rejected_value(criterion, reason.cell)
    if reason.state is CellState.UNREADABLE:
        return f"unreadable value {reason.cell!s}"
    return "no data"


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
