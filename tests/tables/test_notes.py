"""The scoring's notes in the buyer's words (the Method sheet's Note lines), from typed `Note` records."""

from __future__ import annotations

from scorecard.score import Note, NoteKind, score
from scorecard.tables import note_lines, note_text

LINEAR = {"type": "linear", "worst": 0, "best": 100}


def test_each_note_in_the_buyers_words(factory) -> None:
    config = factory.config(
        factory.criterion("a", "min_max"), factory.criterion("cost", "ratio_to_best", direction="lower")
    )
    result = score(factory.table({"S1": {"a": 7, "cost": 10}, "S2": {"a": 8, "cost": 20}}), config)
    a, cost = config.criteria
    cases = [
        (
            Note(NoteKind.SAME_VALUE, a, 7.0),
            "A: every qualified supplier with data has the same value (7), so they all score 100 on it (there "
            "is nothing to tell them apart); it cannot change their order.",
        ),
        (
            Note(NoteKind.NOBODY_USABLE, a),
            "A: no supplier has a usable value, so nobody can be compared on it.",
        ),
        (
            Note(NoteKind.DISQUALIFIED_SET_THE_BAR, a),
            "A: no qualified supplier has a usable value, so the disqualified suppliers' values set the bar instead.",
        ),
        (
            Note(NoteKind.WEIGHT_ZERO_NOT_REQUIRED, cost),
            "Cost has weight 0, so a missing value does not disqualify anyone; it is only flagged.",
        ),
        (Note(NoteKind.METHOD, a, text="halved"), "halved"),
    ]
    for note, words in cases:
        assert note_text(result, note) == words
    assert note_text(result, Note(NoteKind.OUT_OF_DOMAIN, cost)).startswith(
        "Cost: 0 or below cannot be scored"
    )
    assert note_text(result, Note(NoteKind.TOPSIS_FALLBACK)).startswith("TOPSIS needs at least two qualified")


def test_a_left_out_criterion_says_why_and_where_its_weight_went(factory) -> None:
    config = factory.config(
        factory.criterion("a", LINEAR), factory.criterion("b", LINEAR), factory.criterion("c", LINEAR)
    )
    result = score(
        factory.table({"S1": {"a": 80, "b": 50, "c": None}, "S2": {"a": 40, "b": 60, "c": None}}), config
    )
    (key, words), *_ = note_lines(result)
    assert key == "c"
    assert words.startswith("No supplier has data on C, so it was left out; its weight (")
    assert "was shared among A, B in" in words
    assert result.notes[0].kind is NoteKind.LEFT_OUT
