"""The bid totals chart: the bid result's totals, lowest first, partial bids marked."""

from __future__ import annotations

import pytest

from scorecard import charts
from scorecard.pipeline import Evaluation


def test_bid_totals_are_the_bid_results_lowest_first_with_partial_bids_marked(
    sample_evaluation: Evaluation,
) -> None:
    bids = sample_evaluation.prepared.bids
    assert bids is not None
    frame = charts.bid_totals(bids)
    suppliers = bids.suppliers
    assert list(frame["Total cost"]) == sorted(suppliers["total_cost"].dropna())
    for _, row in frame.iterrows():
        quoted = suppliers.loc[row["Supplier"], "items_quoted"]
        requested = suppliers.loc[row["Supplier"], "items_requested"]
        if row["Bid"] != charts.NOT_ELIGIBLE:
            assert (row["Bid"] == "Partial bid") == (quoted < requested)
        assert row["Coverage"] == pytest.approx(suppliers.loc[row["Supplier"], "coverage"] / 100)
    assert (frame["Bid"] == "Partial bid").any()  # the sample has partial bids
    spec = charts.bid_totals_chart(bids).to_dict()
    assert spec["encoding"]["x"]["field"] == "Total cost"
    assert spec["encoding"]["y"]["sort"] == list(frame["Supplier"])
