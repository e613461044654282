"""A plan in sentences: what closing gaps does to the supplier's total, rank and band, in a buyer's words
(the plan itself, `scorecard.opportunities.plans.ImprovementPlan`, holds only numbers)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scorecard.config import Criterion
from scorecard.opportunities.whatif import Rescore
from scorecard.score import RELATIVE_METHODS, ScoreResult
from scorecard.tables.status import reason_texts
from scorecard.words import format_value, join_words

if TYPE_CHECKING:
    from scorecard.opportunities.plans import ImprovementPlan

ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
# how the relative methods (`score.RELATIVE_METHODS`) are named in a plan's sentences
RELATIVE_METHOD_WORDS = {
    "min_max": "min-max",
    "ratio_to_best": "ratio to the best value",
    "log_ratio": "logarithmic price score",
}


def ordinal(rank: int | None) -> str:
    """2 -> 'second'; 14 -> '14th'; None -> 'unranked'."""
    if rank is None:
        return "unranked"
    if 1 <= rank <= len(ORDINALS):
        return ORDINALS[rank - 1]
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def lower_first(label: str) -> str:
    """'On-time delivery' -> 'on-time delivery', but 'ISO 9001 certified' keeps its capitals."""
    if len(label) > 1 and label[:2].isupper():
        return label
    return label[:1].lower() + label[1:]


def relative_note(criteria: list[Criterion], aggregation: str) -> str:
    """Why other suppliers' scores moved, in words."""
    relative = [c for c in criteria if c.method.kind in RELATIVE_METHODS]
    if relative:
        parts = join_words(
            [f"{lower_first(c.label)} ({RELATIVE_METHOD_WORDS[c.method.kind]})" for c in relative]
        )
        verb = "is" if len(relative) == 1 else "are"
        return (
            f"Because {parts} {verb} scored relative to the other suppliers, this also moves other "
            "suppliers' scores; the total and rank shown already allow for that."
        )
    if aggregation in ("topsis", "topsis_classic"):
        return (
            "Because totals are TOPSIS closeness, relative to the whole field, this also moves other "
            "suppliers' scores; the total and rank shown already allow for that."
        )
    neutral = [c for c in criteria if c.missing == "neutral"]
    if neutral:
        return (
            "Suppliers without data on " + join_words([lower_first(c.label) for c in neutral]) + " score the "
            "average of those with data, so this also moves their scores; the rank shown allows for that."
        )
    return "This also moves other suppliers' scores; the total and rank shown already allow for that."


def what_if_sentence(
    supplier: str,
    gaps: list[tuple[Criterion, object]],
    before: tuple[float, str | None, int | None],
    after: Rescore,
    aggregation: str,
) -> str:
    """'Closing the on-time delivery gap to 97% lifts Beta to 78.0 points and second place.'"""
    total, band, rank = before
    if len(gaps) == 1:
        criterion, value = gaps[0]
        what = f"Closing the {lower_first(criterion.label)} gap to {format_value(value, criterion)}"
    else:
        named = [f"{lower_first(c.label)} (to {format_value(v, c)})" for c, v in gaps]
        what = f"Closing the {join_words(named)} gaps together"
    change = after.total - total
    sentence = f"{what} lifts {supplier} to {after.total:.1f} points (+{change:.1f})"
    if after.rank is None:
        sentence += " but leaves it unranked"
    elif rank is not None and after.rank < rank:
        sentence += f" and {ordinal(after.rank)} place"
    elif after.rank == rank:
        sentence += f" and keeps {ordinal(after.rank)} place"
    else:
        sentence += f" but {ordinal(after.rank)} place, as others move too"
    if after.band != band and after.band is not None:
        sentence += f", moving it from {band} to {after.band}" if band else f", into {after.band}"
    sentence += "."
    if after.others_move:
        sentence += " " + relative_note([c for c, _ in gaps], aggregation)
    return sentence


def plan_sentences(plan: ImprovementPlan, result: ScoreResult) -> tuple[str, ...]:
    """The plan in words, for the `result` it was worked out from: a ranked supplier's plan (`ranked_sentences`),
    or what an unranked supplier has to do first."""
    return ranked_sentences(plan) if plan.rank is not None else (first_step(result, plan.row),)


def first_step(result: ScoreResult, i: int) -> str:
    """A supplier without a rank has no gap plan yet: what to do first, in one sentence."""
    supplier, reasons = result.suppliers[i], "; ".join(reason_texts(result, i))
    if not result.qualified[i]:
        return (
            f"{supplier} is disqualified: {reasons}. Meeting the must-haves comes first; the gap plan "
            "follows once it qualifies."
        )
    return f"{supplier} could not be scored ({reasons}); provide data on the weighted criteria first."


def ranked_sentences(plan: ImprovementPlan) -> tuple[str, ...]:
    """A ranked supplier's plan in words: where it stands, what closing its gaps together does, and which
    gaps are missing data."""
    supplier, total, rank, band = plan.supplier, plan.total, plan.rank, plan.band
    sentences = [
        f"{supplier} scores {total:.1f} points today: {band} band, {ordinal(rank)} of {plan.ranked_count} ranked "
        "suppliers. Best in class is the best value among the qualified suppliers in this evaluation."
    ]
    if not plan.gaps:
        sentences.append(f"{supplier} matches best in class on every criterion that counts: no gap to close.")
        return tuple(sentences)
    for k, step in enumerate(plan.steps, start=1):
        closed = [(g.criterion, g.target) for g in plan.gaps[:k]]
        sentences.append(what_if_sentence(supplier, closed, (total, band, rank), step, plan.aggregation))
    missing_now = [g.criterion.label for g in plan.gaps if g.missing]
    if missing_now:
        sentences.append(
            f"No data today on {join_words(missing_now)}: providing it at best-in-class level is worth the "
            "points shown."
        )
    return tuple(sentences)
