"""How a gap was handled, in words, from the result's masks and the criterion's policy (issue 15).

One small scoring per branch; each expected sentence is the buyer's reading of that case, written out
here rather than read back from the code that writes it.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from scorecard.score import score
from scorecard.tables import criteria_frame, handling_text
from scorecard.tables.quality import blank_cells_frame

LINEAR = {"type": "linear", "worst": 0, "best": 100}


def scored_gap(
    factory, b_value: object, missing: str, *, weight: float = 1, absent: bool = False, others=None
):
    """S1 has `b_value` on b; S2 and S3 have data (`others`, default 50 and 70); a always has data."""
    config = factory.config(
        factory.criterion("a", LINEAR), factory.criterion("b", LINEAR, weight=weight, missing=missing)
    )
    b2, b3 = others if others is not None else (50, 70)
    table = factory.table({"S1": {"a": 60, "b": b_value}, "S2": {"a": 40, "b": b2}, "S3": {"a": 80, "b": b3}})
    if absent:
        table = replace(table, absent=frozenset({"b"}))  # the mapping stage leaves the column blank
    return score(table, config)


CASES = {
    "a value is there": (dict(b_value=55, missing="worst"), ""),
    "blank, worst": (
        dict(b_value=None, missing="worst"),
        "no data: scores 0 (the worst score) and is flagged",
    ),
    "text, worst": (
        dict(b_value="see notes", missing="worst"),
        "unreadable value: scores 0 (the worst score) and is flagged",
    ),
    "blank, weight 0": (
        dict(b_value=None, missing="worst", weight=0),
        "no data: not counted (weight 0), flagged only",
    ),
    "nobody has data": (
        dict(b_value=None, missing="worst", others=(None, None)),
        "no data: left out for every supplier (no supplier has data on it), its weight shared within its category",
    ),
    "no column": (
        dict(b_value=None, missing="worst", absent=True, others=(None, None)),
        "no column in the file: left out, its weight shared within its category",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_gap_reads_as_what_was_done_with_it(factory, case: str) -> None:
    spec, expected = CASES[case]
    result = scored_gap(factory, **spec)
    assert handling_text(result, 0, 1) == expected
    assert handling_text(result, 0, 0) == ""  # a's value is there
    # the Criteria sheet says the same, and "ok" where nothing was missing
    data = criteria_frame(result).set_index(["Supplier", "Criterion"])["Data"]
    assert data[("S1", "B")] == (expected or "ok")


def test_the_data_quality_sheet_lists_blank_cells_with_the_same_words_but_not_a_missing_column(
    factory,
) -> None:
    blank = scored_gap(factory, None, "worst")
    rows = blank_cells_frame(blank)
    assert rows["What was done"].tolist() == ["no data: scores 0 (the worst score) and is flagged"]
    assert rows["Severity"].tolist() == ["warning"]  # counted: a change to the buyer's data
    assert (
        len(blank_cells_frame(scored_gap(factory, None, "worst", absent=True, others=(None, None)))) == 0
    )  # said once, elsewhere
    assert blank_cells_frame(scored_gap(factory, None, "worst", weight=0))["Severity"].tolist() == ["info"]
