"""The Ranking chart: category points add up to each ranked supplier's score."""

from __future__ import annotations

import pytest

from scorecard import charts
from scorecard.config import CATEGORIES
from scorecard.score import ScoreResult
from scorecard.tables import ranking_frame


def test_category_points_add_up_to_each_ranked_suppliers_score(result: ScoreResult) -> None:
    frame = charts.category_contributions(result)
    totals = frame.groupby("Supplier", sort=False)["Points"].sum()
    for name, points in totals.items():
        assert points == pytest.approx(result.totals[result.index_of(name)], abs=1e-9)
    # ranked suppliers only, best first; the knocked-out supplier is shown apart, not in the bars
    assert list(dict.fromkeys(frame["Supplier"])) == list(ranking_frame(result)["Supplier"][:4])
    assert "Delta" not in set(frame["Supplier"])
    assert set(frame["Category"]) == {CATEGORIES[k] for k in result.category_keys}


def test_category_points_respect_the_limit(result: ScoreResult) -> None:
    frame = charts.category_contributions(result, limit=2)
    assert list(dict.fromkeys(frame["Supplier"])) == list(ranking_frame(result)["Supplier"][:2])
