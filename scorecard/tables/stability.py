"""The stability table in words: a weight's type, who takes over past each end of its range, and the
note, from the stage's typed table (`sensitivity.StabilityResult`: `WeightKind`, `Taker`, `StabilityNote`).
The Sensitivity sheet and the robustness chart both read them from here."""

from __future__ import annotations

import pandas as pd

from scorecard.sensitivity import StabilityNote, StabilityResult, Taker, WeightKind
from scorecard.words import join_words

KIND_WORDS = {WeightKind.CRITERION: "Criterion", WeightKind.CATEGORY: "Category"}
TIE_MARK = " (tie)"  # after the names of rivals that only draw level with the leader


def taker_text(taker: Taker | None, nobody: str = "") -> str:
    """'Beta'; 'Beta and Corvid (tie)' when they only draw level; `nobody` when no one takes over."""
    if not isinstance(taker, Taker):  # None: nobody (pandas may hand NaN for it)
        return nobody
    return join_words(taker.names) + (TIE_MARK if taker.tie else "")


def note_text(stability: StabilityResult, kind: WeightKind, note: StabilityNote | None) -> str:
    """Why a weight's row has no range, or an open one; '' when the range says it all."""
    leader = stability.leader
    if not isinstance(note, StabilityNote):
        return ""
    if note is StabilityNote.NO_LEADER:
        return "No supplier is qualified and scored, so there is no leader to test."
    if note is StabilityNote.ONLY_ONE:
        return f"Only {leader} is qualified and scored: it is first at any share."
    if note is StabilityNote.TIED:
        return f"{leader} is tied for first place with {join_words(stability.tied_with)} already."
    if note is StabilityNote.STAYS_FIRST:
        return f"{leader} stays first at any share of this weight."
    return (
        f"The only weighted {KIND_WORDS[kind].lower()}: every other weight is 0, so there is nothing to rescale; "
        "the ranking follows it alone."
    )


def stability_words(stability: StabilityResult) -> pd.DataFrame:
    """The stability table with its type, takers and note written out (same rows, same order)."""
    table = stability.table.copy()
    table["kind"] = [KIND_WORDS[kind] for kind in stability.table["kind"]]
    for column in ("taker_below", "taker_above"):
        table[column] = [taker_text(taker) for taker in stability.table[column]]
    table["note"] = [
        note_text(stability, kind, note)
        for kind, note in zip(stability.table["kind"], stability.table["note"], strict=True)
    ]
    return table
