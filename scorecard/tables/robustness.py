"""How robust the ranking is, as a buyer reads it: the verdict's sentence and the Sensitivity and Rank
probabilities sheets, from the typed `Sensitivity` (the page, the Method sheet and both sheets print
the same sentence)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from scorecard.numbers import decimals_apart, percent
from scorecard.report import ColumnFormat, ReportTable
from scorecard.sensitivity.rescoring import FRAGILE_CHANGE, TOPSIS_GRID, Level
from scorecard.tables.stability import stability_words
from scorecard.tables.status import status_text
from scorecard.words import join_words

if TYPE_CHECKING:
    from scorecard.score import ScoreResult
    from scorecard.sensitivity.probabilities import RankProbabilities
    from scorecard.sensitivity.stability import StabilityResult
    from scorecard.sensitivity.verdict import Sensitivity, Verdict, WeightChange


CHANGE_PP = "Change needed (pp of share)"  # the workbook's heading: a share difference in percentage points
# the Sensitivity sheet's headings for the stage's stability columns (sensitivity.stability.STABILITY_COLUMNS)
STABILITY_HEADINGS = {
    "weight": "Weight",
    "kind": "Type",
    "category": "Category",
    "share": "Current share",
    "stays_from": "Stays first from",
    "stays_to": "Stays first up to",
    "nearest_at": "Nearest change at",
    "change": "Change needed",
    "taker_below": "Taken over below by",
    "taker_above": "Taken over above by",
    "note": "Note",
}
# the Rank probabilities sheet's headings for the stage's columns (sensitivity.probabilities.PROBABILITY_COLUMNS)
PROBABILITY_HEADINGS = {
    "supplier": "Supplier",
    "rank": "Current rank",
    "first": "First place",
    "top3": "Top 3",
    "best": "Best rank",
    "median": "Median rank",
    "worst": "Worst rank",
}


def stability_method(stability: StabilityResult) -> str:
    """How the share ranges were found, in words (exactly, or searched on a grid for TOPSIS)."""
    method = (
        "Weighted sum: each total is a ratio of linear functions of the weight share, so the shares at "
        "which the leader changes are solved exactly."
        if stability.exact
        else f"TOPSIS: the shares at which the leader changes were searched on a grid of {TOPSIS_GRID:,} "
        f"shares (0.1% apart) and refined by bisection; a lead lost and regained between two grid points "
        "would be missed."
    )
    return method + " The other weights are rescaled in proportion; a tie counts as losing first place."


def probabilities_method(probabilities: RankProbabilities) -> str:
    """How the weights were drawn, in words: draws, seed, the factor's range and how far a weight typically moves."""
    spread = probabilities.spread
    return (
        f"{probabilities.draws:,} weight draws (seed {probabilities.seed}): each weight multiplied by a random "
        f"factor between {1 - spread:.2f} and {1 + spread:.2f}, then all weights rescaled to add up to 100% "
        f"(a weight typically moves by {probabilities.typical_change:.0%} of its value); zero weights stay zero. "
        "A shared first place counts as a share of a win."
    )


def probability_frame(probabilities: RankProbabilities, result: ScoreResult) -> pd.DataFrame:
    """The rank probabilities with each supplier's Status in words after its name."""
    frame = probabilities.table.rename(columns=PROBABILITY_HEADINGS)
    frame.insert(1, "Status", [status_text(result, i) for i in probabilities.positions])
    return frame


def robustness_tables(sensitivity: Sensitivity, result: ScoreResult) -> list[ReportTable]:
    """The `Sensitivity` sheet (per criterion and category) and the `Rank probabilities` sheet of `result`."""
    sentence = verdict_sentence(sensitivity.verdict)
    intro = (
        sentence,
        stability_method(sensitivity.stability),
        "Rank probabilities: " + probabilities_method(sensitivity.probabilities),
    )
    share_formats: list[tuple[str, ColumnFormat]] = [
        (name, "percent")
        for name in (
            "Current share",
            "Stays first from",
            "Stays first up to",
            "Nearest change at",
        )
    ] + [(CHANGE_PP, "number")]
    stability = (
        stability_words(sensitivity.stability).drop(columns=["key"]).rename(columns=STABILITY_HEADINGS)
    )
    # weight changes read in percentage points (pp) of share, as on the page and in the verdict
    fragile = stability["Change needed"].abs() < FRAGILE_CHANGE
    stability = stability.rename(columns={"Change needed": CHANGE_PP})
    stability[CHANGE_PP] = 100 * stability[CHANGE_PP].astype(float)
    # the weights a small change away from a new leader stand out in the sheet
    highlight = pd.DataFrame(False, index=stability.index, columns=stability.columns)
    highlight[CHANGE_PP] = fragile.to_numpy(dtype=bool, na_value=False)
    probability_formats: list[tuple[str, ColumnFormat]] = [
        ("Current rank", "integer"),
        ("First place", "percent"),
        ("Top 3", "percent"),
        ("Best rank", "integer"),
        ("Median rank", "number"),
        ("Worst rank", "integer"),
    ]
    return [
        ReportTable("Sensitivity", stability, intro, tuple(share_formats), highlight=highlight),
        ReportTable(
            "Rank probabilities",
            probability_frame(sensitivity.probabilities, result),
            (sentence, probabilities_method(sensitivity.probabilities)),
            tuple(probability_formats),
        ),
    ]


def verdict_sentence(verdict: Verdict) -> str:
    """One line in the buyer's words: how safe is the leader, and which weight would change it."""
    leader = verdict.leader
    if verdict.level == Level.NONE or leader is None:
        return "No verdict: no supplier is qualified and scored, so there is no leader to test."
    if verdict.level == Level.ONLY:
        return f"Only {leader} is qualified and scored, so it is first whatever the weights."
    if verdict.level == Level.TIED:
        return (
            f"Tied: {leader} and {join_words(verdict.tied_with)} share first place under the current "
            "weights, so any weight change that favours one of them decides the award."
        )
    draws = (
        f"{leader} ranks first in {percent(verdict.first_place)} of {verdict.draws:,} weight draws "
        f"(each weight ±{percent(verdict.spread)})"
    )
    if not verdict.changes:
        return (
            f"Robust: {leader} stays first whatever the share of any single criterion or category; {draws}."
        )
    if verdict.level == Level.FRAGILE:
        nearest = verdict.changes[0]
        if nearest.tie:
            who = f"{leader} only shares first place with {join_words(nearest.taker)}"
        else:
            who = f"{join_words(nearest.taker)} takes first place"
        why = ""
        if verdict.odds_disagree:
            # not a contradiction: the draws move each weight by a share of its own value
            why = (
                f" The odds are high although the level is Fragile: a random draw moves the {nearest.weight} "
                f"weight by at most about {100 * verdict.spread * nearest.now:.1f} pp, far less than the "
                f"{100 * abs(nearest.change):.1f} pp that change needs."
            )
        return f"Fragile: {who} if {change_text(nearest)}; {draws}.{why}"
    conditions = " or ".join(change_text(change) for change in verdict.changes)
    return f"{verdict.level}: {leader} stays first unless {conditions}; {draws}."


def change_text(change: WeightChange) -> str:
    """'the Quality category weight rises above 41% (now 35%)'; at the ends of the range, 'rises to 100%'.
    Close figures get the decimals that keep them apart: 'rises above 35.04% (now 35.00%, +0.04 pp)'."""
    what = f"the {change.weight} category weight" if change.category else f"the {change.weight} weight"
    share, now = change.at, change.now
    now_text = percent(now)
    if share >= 1:
        move = "rises to 100%"
    elif share <= 0:
        move = "falls to 0%"
    else:
        move = f"{'rises above' if share > now else 'falls below'} {percent(share, now)}"
        now_text = percent(now, share)
    points = 100 * (share - now)
    return f"{what} {move} (now {now_text}, a change of {points:+.{decimals_apart(points, 0)}f} pp)"
