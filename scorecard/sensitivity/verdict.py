"""The verdict: one line in the buyer's words and its level as data (the Sensitivity and Rank
probabilities sheets are built in `scorecard.tables.robustness`)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from scorecard.numbers import percent
from scorecard.score import ScoreResult
from scorecard.sensitivity.probabilities import RankProbabilities, rank_probabilities
from scorecard.sensitivity.rescoring import (
    CATEGORY,
    CRITERION,
    FRAGILE_CHANGE,
    FRAGILE_PROBABILITY,
    ROBUST_CHANGE,
    ROBUST_PROBABILITY,
    TIE_MARK,
)
from scorecard.sensitivity.stability import StabilityResult, join_names, weight_stability


@dataclass(frozen=True)
class Sensitivity:
    """Weight stability, rank probabilities and the one-line verdict, ready for the app and the workbook."""

    stability: StabilityResult
    probabilities: RankProbabilities
    verdict: str
    # Robust / Sensitive / Fragile (or Tied, Only, None): the verdict's level as data, so no surface
    # has to read it back out of the sentence
    level: str = ""


def sensitivity(
    result: ScoreResult, draws: int = 2000, seed: int = 7, probabilities: RankProbabilities | None = None
) -> Sensitivity:
    """Both analyses and the verdict for one scoring result; `probabilities` when already drawn (the
    page's headline quotes the leader's odds before the Robustness tab is opened: the same object)."""
    stability = weight_stability(result)
    if probabilities is None:
        probabilities = rank_probabilities(result, draws=draws, seed=seed)
    level, text = verdict_level(stability, probabilities)
    return Sensitivity(stability, probabilities, text, level)


def verdict(stability: StabilityResult, probabilities: RankProbabilities) -> str:
    """One line in the buyer's words: how safe is the leader, and which weight would change it."""
    return verdict_level(stability, probabilities)[1]


def verdict_level(stability: StabilityResult, probabilities: RankProbabilities) -> tuple[str, str]:
    """The verdict's level and its sentence.

    Two measures, defined apart: the level asks how far ONE weight must move on its own (in pp of
    share) to change the leader (Fragile under 5 pp, Robust from 10 pp with 90% odds); the odds ask
    how often the leader stays first when EVERY weight moves at random by up to ±25% of its value.
    When they disagree (a small weight that must grow a lot in relative terms), the sentence says why.
    """
    leader = stability.leader
    if leader is None:
        return "None", "No verdict: no supplier is qualified and scored, so there is no leader to test."
    if stability.competitors == 1:
        return "Only", f"Only {leader} is qualified and scored, so it is first whatever the weights."
    if stability.tied_with:
        return "Tied", (
            f"Tied: {leader} and {join_names(stability.tied_with)} share first place under the current "
            "weights, so any weight change that favours one of them decides the award."
        )
    chance = probabilities.first_place(leader)
    draws = (
        f"{leader} ranks first in {percent(chance)} of {probabilities.draws:,} weight draws "
        f"(each weight ±{percent(probabilities.spread)})"
    )
    table = stability.table
    flips = table[table["Change needed"].notna()]
    if flips.empty:
        return "Robust", (
            f"Robust: {leader} stays first whatever the share of any single criterion or category; {draws}."
        )
    # a category with one criterion moves exactly like that criterion: name it once
    single = table[table["Type"] == CRITERION]["Category"].value_counts()
    flips = flips[~((flips["Type"] == CATEGORY) & flips["Category"].map(single).eq(1))]
    nearest = flips.iloc[0]
    smallest = abs(float(nearest["Change needed"]))
    if smallest < FRAGILE_CHANGE or chance < FRAGILE_PROBABILITY:
        taker = (
            nearest["Taken over above by"] if nearest["Change needed"] > 0 else nearest["Taken over below by"]
        )
        if taker.endswith(TIE_MARK):
            who = f"{leader} only shares first place with {taker.removesuffix(TIE_MARK)}"
        else:
            who = f"{taker} takes first place"
        why = ""
        if chance >= ROBUST_PROBABILITY:
            # not a contradiction: the draws move each weight by a share of its own value
            now = float(nearest["Current share"])
            why = (
                f" The odds are high although the level is Fragile: a random draw moves the {nearest['Weight']} "
                f"weight by at most about {100 * probabilities.spread * now:.1f} pp, far less than the "
                f"{100 * smallest:.1f} pp that change needs."
            )
        return "Fragile", f"Fragile: {who} if {change_text(nearest)}; {draws}.{why}"
    level = "Robust" if smallest >= ROBUST_CHANGE and chance >= ROBUST_PROBABILITY else "Sensitive"
    conditions = " or ".join(change_text(row) for _, row in flips.head(2).iterrows())
    return level, f"{level}: {leader} stays first unless {conditions}; {draws}."


def change_text(row: pd.Series) -> str:
    """'the Quality category weight rises above 41% (now 35%)'; at the ends of the range, 'rises to 100%'."""
    what = (
        f"the {row['Weight']} category weight" if row["Type"] == CATEGORY else f"the {row['Weight']} weight"
    )
    share, now = float(row["Nearest change at"]), float(row["Current share"])
    if share >= 1:
        move = "rises to 100%"
    elif share <= 0:
        move = "falls to 0%"
    else:
        move = f"{'rises above' if share > now else 'falls below'} {percent(share, now)}"
    return f"{what} {move} (now {percent(now)}, a change of {100 * (share - now):+.1f} pp)"
