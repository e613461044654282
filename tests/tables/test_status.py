"""How a gap was handled, in words, from the result's masks and the criterion's policy (issue 15).

One small scoring per branch; each expected sentence is the buyer's reading of that case, written out
here rather than read back from the code that writes it.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from scorecard.score import CellState, Reason, Why, score
from scorecard.tables import criteria_frame, handling_text, reason_text, reason_texts, status_text
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


# ---------------------------------------------------------------------- why a supplier is out


def test_each_reason_in_the_buyers_words(factory) -> None:
    """One record of each kind, worded; written out here, not read back from the words' code."""
    price = factory.criterion("cost", "ratio_to_best", direction="lower", missing="disqualify")
    otd = factory.criterion("otd", LINEAR, unit="%")
    iso = factory.criterion("iso", {"type": "categorical", "points": {"Yes": 100, "No": 0}})
    config = factory.config(
        price,
        otd,
        iso,
        knockouts=[{"criterion": "otd", "at_least": 95}, {"criterion": "iso", "must_be": ["Yes", "Pending"]}],
    )
    cost, on_time, certified = config.criteria
    at_least, must_be = config.knockouts
    cases = [
        (Reason(Why.FAILS_MUST_HAVE, on_time, at_least, value=90.5), "Otd must be at least 95% (is 90.5%)"),
        (Reason(Why.FAILS_MUST_HAVE, certified, must_be, value="No"), "Iso must be Yes or Pending (is No)"),
        # a value that :g would print as the limit gets the decimals that show why it fails
        (
            Reason(Why.FAILS_MUST_HAVE, on_time, at_least, value=94.9999999),
            "Otd must be at least 95% (is 94.9999999%)",
        ),
        (Reason(Why.NO_VALUE_FOR_MUST_HAVE, on_time, at_least), "Otd must be at least 95% (no data)"),
        (
            Reason(Why.NO_VALUE_FOR_MUST_HAVE, on_time, at_least, state=CellState.UNREADABLE, cell="tbc"),
            "Otd must be at least 95% (unreadable value tbc)",
        ),
        (Reason(Why.NO_VALUE_FOR_REQUIRED, cost), "no data for Cost, which is required"),
        (
            Reason(Why.NO_VALUE_FOR_REQUIRED, cost, state=CellState.UNREADABLE, cell="n/a"),
            "an unreadable value for Cost, which is required",
        ),
        (
            Reason(Why.NO_VALUE_FOR_REQUIRED, cost, state=CellState.REJECTED, cell=-5),
            "Cost is required, but -5 cannot be scored by ratio to best (a value must be above 0)",
        ),
        (Reason(Why.NOTHING_TO_SCORE), "no data on any weighted criterion"),
    ]
    for reason, words in cases:
        assert reason_text(reason) == words


def test_the_status_joins_a_suppliers_reasons_in_rule_order(factory) -> None:
    config = factory.config(
        factory.criterion("a", LINEAR, unit="%"),
        factory.criterion("b", LINEAR, missing="disqualify"),
        knockouts=[{"criterion": "a", "at_least": 50}],
    )
    result = score(factory.table({"S1": {"a": 40, "b": None}, "S2": {"a": 60, "b": 70}}), config)
    assert reason_texts(result, 0) == ("A must be at least 50% (is 40%)", "no data for B, which is required")
    assert reason_texts(result, 1) == ()
    assert (
        status_text(result, 0)
        == "Disqualified: A must be at least 50% (is 40%); no data for B, which is required"
    )
