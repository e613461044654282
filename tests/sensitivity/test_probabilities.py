"""Rank probabilities: weight draws, reproducible, checked against a loop over draws."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from scorecard.errors import ScorecardError
from scorecard.score import competition_ranks
from scorecard.sensitivity import (
    RankCounts,
    perturbed_weights,
    rank_probabilities,
    totals_for_weights,
)
from scorecard.sensitivity.probabilities import tie_ranks
from sensitivity.problems import random_problem, two_supplier_result


def test_perturbed_weights_keep_zero_weights_and_sum_to_one() -> None:
    base = np.array([0.5, 0.0, 0.3, 0.2])
    weights = perturbed_weights(base, 500, 0.25, seed=3)
    assert weights.shape == (4, 500)
    assert np.allclose(weights.sum(axis=0), 1)
    assert (weights[1] == 0).all()
    assert np.array_equal(weights, perturbed_weights(base, 500, 0.25, seed=3))
    # before renormalising each weight moves by at most 25%; after it, a little more at worst
    ratio = weights[[0, 2, 3]] / base[[0, 2, 3], None]
    assert ratio.min() > 0.75 / 1.25 and ratio.max() < 1.25 / 0.75


@pytest.mark.parametrize("draws", [199, 200])
def test_vectorised_rank_counts_match_the_engine_draw_by_draw(draws: int) -> None:
    rng = np.random.default_rng(5)
    totals = np.round(rng.uniform(0, 10, size=(12, draws)), 0)  # rounded: plenty of ties, first place too
    ranked = RankCounts.of(totals)
    everyone = np.ones(12, dtype=bool)
    ranks = np.stack([competition_ranks(totals[:, k], everyone) for k in range(draws)], axis=1)
    winners = ranks == 1
    assert winners.sum(axis=0).max() > 1  # the case of a shared first place is exercised
    assert np.allclose(ranked.first, (winners / winners.sum(axis=0)).sum(axis=1))
    assert ranked.first.sum() == pytest.approx(draws)
    assert np.allclose(ranked.share_at_most(3), (ranks <= 3).mean(axis=1))
    assert np.array_equal(ranked.best(), ranks.min(axis=1))
    assert np.array_equal(ranked.worst(), ranks.max(axis=1))
    assert np.array_equal(ranked.median(), np.median(ranks, axis=1))


@pytest.mark.parametrize("aggregation", ["weighted_sum", "topsis"])
@pytest.mark.parametrize("seed", range(6))
def test_rank_probabilities_are_reproducible_and_consistent(seed: int, aggregation: str) -> None:
    result, _ = random_problem(seed, aggregation)
    first = rank_probabilities(result, draws=300, seed=11)
    again = rank_probabilities(result, draws=300, seed=11)
    pd.testing.assert_frame_equal(first.table, again.table)
    table = first.table
    ranked = table["rank"].notna()
    assert table.loc[~ranked, "first"].isna().all()
    if ranked.any():
        assert table.loc[ranked, "first"].sum() == pytest.approx(1.0)
        assert (table.loc[ranked, "top3"] >= table.loc[ranked, "first"]).all()
        assert (table.loc[ranked, "best"] <= table.loc[ranked, "median"]).all()
        assert (table.loc[ranked, "median"] <= table.loc[ranked, "worst"]).all()
        assert (table.loc[ranked, "worst"] <= ranked.sum()).all()


def test_rank_probabilities_match_a_loop_over_draws() -> None:
    result, _ = random_problem(4)
    draws = perturbed_weights(np.asarray(result.base_weights), 200, 0.25, seed=7)
    competitors = ~np.isnan(result.ranks)
    wins = np.zeros(len(result.suppliers))
    top3 = np.zeros(len(result.suppliers))
    for k in range(200):
        ranks = competition_ranks(totals_for_weights(result, draws[:, k]), competitors)
        winners = ranks == 1
        wins[winners] += 1 / winners.sum()
        top3[ranks <= 3] += 1
    table = rank_probabilities(result, draws=200, seed=7).table.set_index("supplier")
    for i, name in enumerate(result.suppliers):
        if competitors[i]:
            assert table.loc[name, "first"] == pytest.approx(wins[i] / 200)
            assert table.loc[name, "top3"] == pytest.approx(top3[i] / 200)


def test_different_seeds_give_different_draws_and_no_spread_gives_todays_ranks() -> None:
    result = two_supplier_result()
    assert not np.array_equal(
        perturbed_weights(result.base_weights, 10, 0.25, 1),
        perturbed_weights(result.base_weights, 10, 0.25, 2),
    )
    table = rank_probabilities(result, draws=50, spread=0.0).table.set_index("supplier")
    assert table.loc["Acme", "first"] == 1.0
    assert table.loc["Beta", "worst"] == 2 and table.loc["Beta", "best"] == 2


def test_rank_probabilities_refuse_nonsense_settings() -> None:
    result = two_supplier_result()
    with pytest.raises(ScorecardError, match="at least 1"):
        rank_probabilities(result, draws=0)
    with pytest.raises(ScorecardError, match="below 100%"):
        rank_probabilities(result, spread=1.0)


# ---------------------------------------------------------------------- verdict and report


@pytest.mark.parametrize(("suppliers", "draws"), [(1, 4), (2, 3), (9, 40)])
def test_tie_ranks_are_competition_ranks_row_by_row(suppliers: int, draws: int) -> None:
    rng = np.random.default_rng(suppliers)
    rows = np.sort(np.round(rng.uniform(0, 3, size=(draws, suppliers)), 0), axis=1)[:, ::-1]
    expected = np.stack([competition_ranks(row, np.ones(suppliers, dtype=bool)) for row in rows])
    assert np.array_equal(tie_ranks(np.ascontiguousarray(-rows)), expected)
