"""Competition ranks, ties, and bands (100 belongs to the top band; float noise moves nobody)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecard.config import Band
from scorecard.score import TIE_DECIMALS, band_for, bands_for, competition_ranks, score
from scorecard.score.ranks import scale_of
from scorecard.tables import ranking_frame
from tests.score.support import (
    LINEAR_0_100,
)


def test_ranks_follow_competition_ranking(factory) -> None:
    config = factory.config(factory.criterion("a", LINEAR_0_100))
    result = score(factory.column("a", [90, 80, 80, 70]), config)
    assert result.ranks.tolist() == [1, 2, 2, 4]
    assert ranking_frame(result)["Rank"].tolist() == [1, 2, 2, 4]
    assert result.leader == "S1"


def test_competition_ranks_ignores_float_noise_and_unrankable() -> None:
    totals = np.array([0.1 + 0.2, 0.3, 50.0, np.nan, 99.0])
    rankable = np.array([True, True, True, False, False])
    ranks = competition_ranks(totals, rankable)
    assert ranks[:3].tolist() == [2, 2, 1]
    assert np.isnan(ranks[3:]).all()
    assert np.isnan(competition_ranks(totals, np.zeros(5, dtype=bool))).all()


def test_a_tie_at_the_top_has_no_single_leader_in_rank_but_ranks_by_name(factory) -> None:
    config = factory.config(factory.criterion("a", LINEAR_0_100))
    result = score(factory.column("a", [70, 70], names=["Beta", "alpha"]), config)
    assert result.ranks.tolist() == [1, 1]
    assert ranking_frame(result)["Supplier"].tolist() == ["alpha", "Beta"]


# --------------------------------------------------------------------------- bands

BANDS = (
    Band("Strategic partner", 80, 100, "#1a7f37"),
    Band("Preferred", 65, 80, "#74c476"),
    Band("Exit", 0, 65, "#d64545"),
)


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (100.0, "Strategic partner"),
        (80.0, "Strategic partner"),
        (79.999, "Preferred"),
        (65, "Preferred"),
        (0, "Exit"),
    ],
)
def test_band_boundaries(total: float, band: str) -> None:
    assert band_for(total, BANDS).name == band


def test_no_band_without_a_total() -> None:
    assert band_for(float("nan"), BANDS) is None


def test_a_perfect_supplier_lands_in_the_top_band_and_a_disqualified_one_in_none(factory) -> None:
    config = factory.config(
        factory.criterion("a", LINEAR_0_100), knockouts=[{"criterion": "a", "at_least": 10}]
    )
    result = score(factory.column("a", [100, 50, 5]), config)
    assert result.totals[0] == 100
    assert [b.name if b else None for b in result.bands] == ["Green", "Amber", None]
    assert ranking_frame(result)["Band"].tolist()[:2] == ["Green", "Amber"]


@given(totals=st.lists(st.one_of(st.just(float("nan")), st.floats(min_value=-5, max_value=105)), max_size=30))
def test_bands_for_all_suppliers_at_once_agree_with_one_at_a_time(totals: list[float]) -> None:
    gapped = (Band("Top", 80, 100, "#000"), Band("Low", 0, 40, "#111"))  # 40-80 is in no band
    for bands in (BANDS, gapped):
        assert bands_for(np.array(totals), bands) == [band_for(t, bands) for t in totals]
        scale = scale_of(bands)  # the plans name what-ifs' bands from it
        assert scale.names[scale.codes(np.array(totals))].tolist() == [
            b.name if (b := band_for(t, bands)) else None for t in totals
        ]
    nothing = scale_of(())
    assert nothing.names[nothing.codes(np.array(totals))].tolist() == [None] * len(totals)


def ranks_by_search(totals: np.ndarray, rankable: np.ndarray) -> np.ndarray:
    """The earlier computation: 1 + how many are ahead, found by a binary search per supplier."""
    ranks = np.full(len(totals), np.nan)
    if rankable.any():
        keys = np.round(totals[rankable], TIE_DECIMALS)
        descending = np.sort(keys)[::-1]
        ranks[rankable] = np.searchsorted(-descending, -keys, side="left") + 1
    return ranks


@pytest.mark.parametrize("seed", range(20))
def test_competition_ranks_equal_the_binary_search_on_seeded_totals(seed: int) -> None:
    rng = np.random.default_rng(seed)
    for _ in range(50):
        n = int(rng.integers(1, 80))
        ties = rng.choice([0.0, -0.0, 100.0, 80.0, 79.99999999999999, 33.333333333, 50.0000000001], n)
        totals = ties if rng.random() < 0.5 else rng.random(n) * 100
        totals = np.where(rng.random(n) < 0.1, np.nan, totals)
        rankable = ~np.isnan(totals) & (rng.random(n) < 0.9)
        assert np.array_equal(
            competition_ranks(totals, rankable), ranks_by_search(totals, rankable), equal_nan=True
        )
