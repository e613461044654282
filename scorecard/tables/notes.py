"""The scoring's notes in the buyer's words, for the Method sheet, from the result's typed `Note`s."""

from __future__ import annotations

from scorecard.config import Criterion
from scorecard.score import Note, NoteKind, ScoreResult, domain_problem, left_out_share

TOPSIS_FALLBACK = (
    "TOPSIS needs at least two qualified suppliers that differ on a weighted criterion to tell them apart; "
    "here they do not, so totals are the weighted sum of the criterion scores instead."
)
PHRASES = {
    NoteKind.NOBODY_USABLE: "no supplier has a usable value, so nobody can be compared on it.",
    NoteKind.DISQUALIFIED_SET_THE_BAR: (
        "no qualified supplier has a usable value, so the disqualified suppliers' values set the bar instead."
    ),
    NoteKind.ALL_ZERO: (
        "every qualified supplier with data has 0, so they all score 100 on it (there is nothing to divide "
        "by); it cannot change their order."
    ),
    NoteKind.NO_AVERAGE: (
        "no qualified supplier has data to take an average from, so its missing values are left out and "
        "the other criteria re-weighted."
    ),
}


def note_lines(result: ScoreResult) -> list[tuple[str, str]]:
    """Every note as (criterion key or '', words), in the order the scoring made them."""
    return [(note.key, note_text(result, note)) for note in result.notes]


def note_text(result: ScoreResult, note: Note) -> str:
    """One note in words: what was noticed, and what it does to the scores."""
    c = note.criterion
    if note.kind is NoteKind.TOPSIS_FALLBACK:
        return TOPSIS_FALLBACK
    if note.kind is NoteKind.METHOD or c is None:
        return note.text  # a registered method's own words
    if note.kind is NoteKind.LEFT_OUT:
        return left_out_text(result, c)
    if note.kind is NoteKind.WEIGHT_ZERO_NOT_REQUIRED:
        return f"{c.label} has weight 0, so a missing value does not disqualify anyone; it is only flagged."
    if note.kind is NoteKind.OUT_OF_DOMAIN:
        return f"{c.label}: {domain_problem(c)}; those values are flagged. Check those cells."
    if note.kind is NoteKind.SAME_VALUE:
        return (
            f"{c.label}: every qualified supplier with data has the same value ({note.value:g}), so they all "
            "score 100 on it (there is nothing to tell them apart); it cannot change their order."
        )
    return f"{c.label}: {PHRASES[note.kind]}"


def left_out_text(result: ScoreResult, criterion: Criterion) -> str:
    """A criterion left out for everyone: why, and where its weight went."""
    why = "The file has no column for" if criterion.key in result.absent else "No supplier has data on"
    return f"{why} {criterion.label}, so it was left out; {left_out_share(result.config, criterion, result.left_out)}"
