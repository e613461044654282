"""The page and a bid sheet's number text: quantities and prices like "1.000" and "1.250" that nothing in the
workbook settles stop the page with the question (no ranking from a guess); the same sheet with a column
writing '0,75' is scored, with the bidder that is cheapest by hand in the lead."""

from __future__ import annotations

import pytest

from scorecard.config import load_preset
from scorecard.errors import ScorecardError
from scorecard.pipeline import evaluate_file
from tests.bids.test_decimal_evidence import BY_HAND, workbook
from tests.ui.apptest import loaded


@pytest.mark.slow  # the page runs twice: about 10 s
def test_an_unsettled_bid_column_stops_the_page_with_the_question() -> None:
    data = workbook()
    with pytest.raises(ScorecardError) as expected:
        evaluate_file(data, "bids.xlsx", load_preset("default"))
    at = loaded(data, "bids.xlsx")
    shown = [e.value.replace("\\", "") for e in at.error]  # as the buyer reads it: markdown escapes off
    assert any(str(expected.value) in message for message in shown), shown
    question = next(m for m in shown if "thousands separator or a decimal mark" in m)
    assert "Quantity" in question and "'1.000' in row 2" in question
    assert not at.metric  # no ranking from a guess


@pytest.mark.slow  # the page runs twice: about 10 s
def test_a_bid_column_the_sheet_settles_is_scored() -> None:
    at = loaded(workbook(extra=("Weight (kg)", "0,75")), "bids.xlsx")
    assert not at.error, [e.value for e in at.error]
    leader = min(BY_HAND, key=BY_HAND.__getitem__)
    assert any(leader in str(m.value) for m in at.metric), [m.value for m in at.metric]
