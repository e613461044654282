"""Why a supplier scored what it did: strengths and weaknesses, and a gap split criterion by criterion.

Opaque scores are the commonest complaint about scoring tools: buyers export
the scoring to Excel to check the maths. Here every explanation is built from
the engine's own numbers (`ScoreResult.scores`, `.weights`, `.contributions`),
so a gap between two suppliers splits exactly into per-criterion
contributions that add up to it, and a strength is a criterion where the
supplier's weighted score beats the qualified field's average.

Under TOPSIS the total is not a weighted sum: the engine splits each total in
proportion to the weighted scores, and the comparison uses that split (it
still adds up exactly); "points vs field" are the weighted-score differences,
a guide to where a supplier gains or loses.

The Compare tab shows both: the gap between two suppliers (`compare`) and one supplier against
the qualified field (`strengths`), built for the picked supplier only.

One value style: a criterion's value reads here exactly as in the improvement plans and opportunities
(their Today and Best in class columns and sentences): `scorecard.words.format_value`, thousands
separators, at most two decimals, the unit after it. So 0.1234% is "0.12%" and 1,234.5 days is
"1,234.5 days" wherever a buyer reads it, never a second rounding rule.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from scorecard.config import CATEGORIES
from scorecard.errors import ScorecardError
from scorecard.numbers import decimals_apart
from scorecard.score import TIE_DECIMALS, ScoreResult, printed_gap
from scorecard.tables.plan_words import lower_first
from scorecard.tables.status import handling_text, status_text
from scorecard.words import format_value

SHOWN = 0.05  # points smaller than this read as 0.0 and are left out of sentences


@dataclass(frozen=True)
class SupplierExplanation:
    """A supplier's strongest and weakest criteria against the qualified field, with the values behind them.

    `strongest`, `weakest` and `table` have the columns Criterion, Category, Value,
    Score, Field average, Weight, Points vs field (points = weight x (score -
    field average), in total-score points) and Note (how a cell without data was
    treated, '' where the value was there). `table` holds every criterion.
    `breakdown` says how the points add up to the total ('' where they do not: under
    TOPSIS, or when a weighted criterion has no field average).
    """

    supplier: str
    total: float
    strongest: pd.DataFrame
    weakest: pd.DataFrame
    table: pd.DataFrame
    sentence: str
    breakdown: str = ""


@dataclass(frozen=True)
class Comparison:
    """Two suppliers' totals and the per-criterion contribution differences that make up the gap exactly.

    `rows` columns: Criterion, Category, "<a> contribution", "<b> contribution",
    Difference (a minus b), largest difference first; Difference sums to `gap`.
    """

    a: str
    b: str
    gap: float
    rows: pd.DataFrame
    sentence: str


EXPLANATION_COLUMNS = [
    "Criterion",
    "Category",
    "Value",
    "Score",
    "Field average",
    "Weight",
    "Points vs field",
    "Note",
]
# what the column means, for the page beside the table (weighted sum; TOPSIS_POINTS replaces the last part)
POINTS_VS_FIELD = (
    "Points vs field = the criterion's weight (its share of this supplier's total) x (this supplier's score "
    "- the field's average score). The field is the qualified suppliers with a score; a positive figure is "
    "where this supplier gains total points on a typical qualified competitor, a negative one where it loses."
)
TOPSIS_POINTS = (
    "Under TOPSIS the total is a closeness to the ideal supplier, not a sum of score x weight: points vs "
    "field are weighted-score differences, a guide to where a supplier gains or loses, and do not add up "
    "to the total."
)


def supplier_position(result: ScoreResult, supplier: str) -> int:
    """The supplier's row, or a buyer-readable error naming the suppliers there are."""
    try:
        return result.index_of(supplier)
    except ValueError:
        known = ", ".join(result.suppliers[:10]) + (" ..." if len(result.suppliers) > 10 else "")
        raise ScorecardError(
            f'"{supplier}" is not a supplier in this scoring.', hint=f"Pick one of: {known}."
        ) from None


def field_averages(result: ScoreResult) -> np.ndarray:
    """Each criterion's average score over the qualified, scored suppliers with data on it (NaN if none)."""
    field = result.scores[~np.isnan(result.ranks)]
    averages = np.full(len(result.criteria), np.nan)
    if field.size:
        counted = (~np.isnan(field)).sum(axis=0)
        sums = np.nansum(field, axis=0)
        averages = np.divide(sums, counted, out=averages, where=counted > 0)
    return averages


def value_text(result: ScoreResult, i: int, j: int) -> str:
    """The supplier's value for a criterion as it was read, in the one value style: '97.5%', '1,250,000 EUR', 'Yes'."""
    value = result.raw.iat[i, j]
    if isinstance(value, np.generic):  # a numpy bool or number from a typed column reads like the Python one
        value = value.item()
    return format_value(value, result.criteria[j])


def strengths(result: ScoreResult, supplier: str, top: int = 3) -> SupplierExplanation:
    """The `top` criteria where the supplier gains most, and loses most, against the qualified field."""
    i = supplier_position(result, supplier)
    averages = field_averages(result)
    weights = result.weights[i]
    scores = result.scores[i]
    points = weights * (scores - averages)
    criteria = range(len(result.criteria))
    table = pd.DataFrame(
        {
            "Criterion": [c.label for c in result.criteria],
            "Category": [CATEGORIES[c.category] for c in result.criteria],
            "Value": [value_text(result, i, j) for j in criteria],
            "Score": scores,
            "Field average": averages,
            "Weight": weights,
            "Points vs field": points,
            "Note": [handling_text(result, i, j) for j in criteria],
        },
        columns=EXPLANATION_COLUMNS,
    )
    known = table[table["Points vs field"].notna() & (table["Weight"] > 0)]
    strongest = known[known["Points vs field"] >= SHOWN].sort_values("Points vs field", ascending=False)
    weakest = known[known["Points vs field"] <= -SHOWN].sort_values("Points vs field")
    strongest = strongest.head(top).reset_index(drop=True)
    weakest = weakest.head(top).reset_index(drop=True)
    total = float(result.totals[i])
    sentence = strengths_sentence(result, i, averages, strongest, weakest)
    return SupplierExplanation(
        supplier, total, strongest, weakest, table, sentence, breakdown(result, i, averages, points)
    )


def breakdown(result: ScoreResult, i: int, averages: np.ndarray, points: np.ndarray) -> str:
    """'86.40 points = 75.95 (what a supplier with the field's average score on every criterion would get
    at Acme's weights) + 10.45 (the points vs field below, added up)': under a weighted sum the points
    add up to the total exactly, so the buyer can check the table against the total."""
    weights = result.weights[i]
    counted = weights > 0
    total = float(result.totals[i])
    if result.is_topsis or np.isnan(total) or np.isnan(points[counted]).any() or not counted.any():
        return ""
    # rounded once, the field's part as the difference of the printed figures: it adds up on paper
    shown_total, gained = round(total, 2), round(float(points[counted].sum()), 2)
    return (
        f"{shown_total:.2f} points = {shown_total - gained:.2f} (what a supplier with the field's average "
        f"score on every criterion would get at {result.suppliers[i]}'s weights) "
        f"{'+' if gained >= 0 else '-'} {abs(gained):.2f} (the points vs field below, added up)."
    )


def effect_text(row: pd.Series) -> str:
    """'On-time delivery (98.5%, score 100 vs field 74, +2.6 points)': the two scores with the decimals
    that keep them apart, so a gain never reads as 'score 74 vs field 74'."""
    mine, field = row["Score"], row["Field average"]
    decimals = decimals_apart(mine, field, 0)
    return (
        f"{row['Criterion']} ({row['Value']}, score {mine:.{decimals}f} vs field {field:.{decimals}f}, "
        f"{row['Points vs field']:+.1f} points)"
    )


def strengths_sentence(
    result: ScoreResult, i: int, averages: np.ndarray, strongest: pd.DataFrame, weakest: pd.DataFrame
) -> str:
    supplier = result.suppliers[i]
    if np.isnan(result.totals[i]):
        return f"{supplier} has no score: {status_text(result, i)}."
    if len(result.criteria) and np.isnan(averages).all():
        return f"{supplier} cannot be compared: no qualified supplier was scored."
    status = status_text(result, i)
    lead = f"{supplier} ({result.totals[i]:.1f} points"
    # 'disqualified: ISO 9001 certified must be Yes (is No)': only the status word is lowered, never a label
    lead += f", rank {result.rank_of(i)})" if result.rank_of(i) is not None else f"; {lower_first(status)})"
    parts = []
    if len(strongest):
        parts.append("is strongest on " + ", ".join(effect_text(row) for _, row in strongest.iterrows()))
    else:
        parts.append("is above the field's average on no criterion")
    if len(weakest):
        parts.append("weakest on " + ", ".join(effect_text(row) for _, row in weakest.iterrows()))
    else:
        parts.append("below the field's average on none")
    return f"{lead} {'; '.join(parts)}."


def compare(result: ScoreResult, a: str, b: str) -> Comparison:
    """Why `a` leads (or trails) `b`: per-criterion contribution differences adding up exactly to the gap."""
    i, k = supplier_position(result, a), supplier_position(result, b)
    if i == k:
        raise ScorecardError(f"Both sides of the comparison are {a}.", hint="Pick two different suppliers.")
    for position, name in ((i, a), (k, b)):
        if np.isnan(result.totals[position]):
            raise ScorecardError(
                f"{name} has no score, so it cannot be compared: {status_text(result, position)}.",
                hint="Pick a supplier that has a score.",
            )
    mine, theirs = result.contributions[i], result.contributions[k]
    difference = mine - theirs
    rows = pd.DataFrame(
        {
            "Criterion": [c.label for c in result.criteria],
            "Category": [CATEGORIES[c.category] for c in result.criteria],
            f"{a} contribution": mine,
            f"{b} contribution": theirs,
            "Difference": difference,
        }
    )
    rows = rows.iloc[np.argsort(-np.abs(difference), kind="stable")].reset_index(drop=True)
    gap = float(result.totals[i] - result.totals[k])
    return Comparison(a, b, gap, rows, comparison_sentence(a, b, result.totals[i], result.totals[k], rows))


def comparison_sentence(a: str, b: str, total_a: float, total_b: float, rows: pd.DataFrame) -> str:
    """'Acme leads Beta by 4.2 points: +6.1 on Total cost of ownership, ..., -2.3 on Defect rate.'

    The gap is printed by the same rule as the page's lead (`printed_gap`), so the leader against
    the runner-up reads exactly as the banner and the metric do."""
    digits, _, _, printed = printed_gap(float(total_a), float(total_b))
    if round(float(total_a), TIE_DECIMALS) == round(float(total_b), TIE_DECIMALS):
        opening = f"{a} and {b} are level"
    else:
        opening = f"{a} {'leads' if printed > 0 else 'trails'} {b} by {abs(printed):.{digits}f} points"
    shown = rows[rows["Difference"].abs() >= SHOWN]
    gains = shown[shown["Difference"] > 0].head(3)
    losses = shown[shown["Difference"] < 0].head(2)
    named = pd.concat([gains, losses])
    if named.empty:
        return f"{opening}: no criterion differs by {SHOWN} points or more."
    parts = [f"{row['Difference']:+.1f} on {row['Criterion']}" for _, row in named.iterrows()]
    rest = float(rows["Difference"].sum() - named["Difference"].sum())
    others = len(rows) - len(named)
    if others and abs(rest) >= SHOWN:
        parts.append(f"{rest:+.1f} on the other {others} criteria together")
    return f"{opening}: {', '.join(parts)}."
