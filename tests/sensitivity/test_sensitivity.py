"""Weight stability, rank probabilities and the verdict, checked against brute force and the engine."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

from scorecard.config import CATEGORIES, Config, parse_config
from scorecard.errors import ScorecardError
from scorecard.score import ScoreResult, competition_ranks, score, topsis_totals
from scorecard.sensitivity import (
    TIE_GAP,
    RankCounts,
    perturbed_weights,
    rank_probabilities,
    sensitivity,
    totals_for_weights,
    weight_paths,
    weight_stability,
)
from scorecard.suppliers import SupplierTable

BANDS = [{"name": "All", "from": 0, "to": 100}]


def linear(key: str, weight: float, missing: str = "worst", **extra: Any) -> dict[str, Any]:
    """A criterion scored 0-100 straight from its value, so that tests can set scores directly."""
    return {
        "key": key,
        "weight": weight,
        "method": {"type": "linear", "worst": 0, "best": 100},
        "missing": missing,
        **extra,
    }


def make_config(categories: dict[str, Any], aggregation: str = "weighted_sum", **extra: Any) -> Config:
    return parse_config(
        {"name": "test", "aggregation": aggregation, "categories": categories, "bands": BANDS, **extra}
    )


def random_problem(seed: int, aggregation: str = "weighted_sum") -> tuple[ScoreResult, SupplierTable]:
    """A small random scoring: 1-3 categories, 1-3 criteria each, some zero weights, gaps of every policy."""
    rng = np.random.default_rng(seed)
    categories: dict[str, Any] = {}
    keys: list[str] = []
    for cat in rng.choice(list(CATEGORIES), size=int(rng.integers(1, 4)), replace=False):
        criteria = []
        for k in range(int(rng.integers(1, 4))):
            key = f"c{len(keys)}"
            keys.append(key)
            weight = float(rng.integers(1, 10)) if k == 0 else float(rng.choice([0, 1, 3, 5, 8]))
            missing = str(rng.choice(["worst", "exclude", "exclude", "neutral"]))
            if rng.random() < 0.5:
                criteria.append(linear(key, weight, missing))
            else:
                criteria.append({"key": key, "weight": weight, "method": "min_max", "missing": missing})
        categories[str(cat)] = {"weight": float(rng.integers(1, 10)), "criteria": criteria}
    config = make_config(categories, aggregation)
    n = int(rng.integers(2, 9))
    records = {
        f"S{i}": {key: (None if rng.random() < 0.2 else float(rng.uniform(0, 100))) for key in keys}
        for i in range(n)
    }
    table = SupplierTable.from_records(records)
    return score(table, config), table


def weights_config(config: Config, weights: np.ndarray) -> Config:
    """The same config with these effective criterion weights (category weight = its criteria's sum)."""
    criteria = {c.key: float(w) for c, w in zip(config.criteria, weights, strict=True)}
    categories = {cat.key: sum(criteria[c.key] for c in cat.criteria) for cat in config.categories}
    return config.with_weights(categories, criteria)


def leader_run(grid: np.ndarray, ahead: np.ndarray, start: int) -> tuple[int, int]:
    """The contiguous run of grid points around `start` where the leader is ahead alone."""
    low = high = start
    while low > 0 and ahead[low - 1]:
        low -= 1
    while high < len(grid) - 1 and ahead[high + 1]:
        high += 1
    return low, high


# ---------------------------------------------------------------------- re-scoring


@pytest.mark.parametrize("aggregation", ["weighted_sum", "topsis"])
@pytest.mark.parametrize("seed", range(12))
def test_rescoring_reproduces_the_engine(seed: int, aggregation: str) -> None:
    result, table = random_problem(seed, aggregation)
    assert np.allclose(
        totals_for_weights(result, result.base_weights), result.totals, equal_nan=True, atol=1e-9
    )
    rng = np.random.default_rng(seed + 100)
    other = result.base_weights * rng.uniform(0.2, 3.0, size=len(result.base_weights))
    other /= other.sum()
    rescored = score(table, weights_config(result.config, other))
    assert np.allclose(rescored.base_weights, other)
    assert np.allclose(totals_for_weights(result, other), rescored.totals, equal_nan=True, atol=1e-9)
    # many weight vectors at once give the same as one at a time
    many = np.stack([result.base_weights, other], axis=1)
    assert np.allclose(totals_for_weights(result, many)[:, 1], rescored.totals, equal_nan=True, atol=1e-9)


@pytest.mark.parametrize("seed", range(8))
def test_topsis_rescoring_matches_topsis_totals_with_reweighted_matrix(seed: int) -> None:
    result, _ = random_problem(seed, "topsis")
    rng = np.random.default_rng(seed)
    w = rng.uniform(0, 1, size=len(result.criteria))
    used = ~np.isnan(result.scores)
    per_supplier = np.where(used, w, 0.0)
    sums = per_supplier.sum(axis=1, keepdims=True)
    per_supplier = np.divide(per_supplier, sums, out=np.zeros_like(per_supplier), where=sums > 0)
    reference = ~np.isnan(result.ranks)
    expected = np.where(sums[:, 0] > 0, topsis_totals(result.scores, per_supplier, reference), np.nan)
    assert np.allclose(totals_for_weights(result, w), expected, equal_nan=True, atol=1e-9)


def test_rescoring_follows_the_engine_when_topsis_cannot_compare() -> None:
    """One qualified supplier: the engine uses the weighted sum, and so must the re-scoring."""
    config = make_config(
        {"quality": {"weight": 1, "criteria": [linear("a", 1), linear("b", 2)]}},
        aggregation="topsis",
        knockouts=[{"criterion": "a", "at_least": 50}],
    )
    frame = pd.DataFrame({"a": [90.0, 10.0, 20.0], "b": [20.0, 80.0, 40.0]}, index=["Only", "Out1", "Out2"])
    result = score(SupplierTable(frame), config)
    assert np.allclose(totals_for_weights(result, result.base_weights), result.totals)
    assert weight_stability(result).method.startswith("Weighted sum")


def test_rescoring_keeps_no_total_for_a_supplier_out_for_missing_data() -> None:
    config = make_config(
        {"quality": {"weight": 1, "criteria": [linear("a", 1), linear("b", 1, "disqualify")]}}
    )
    frame = pd.DataFrame({"a": [90.0, 40.0, 60.0], "b": [np.nan, 50.0, 70.0]}, index=["NoB", "S2", "S3"])
    result = score(SupplierTable(frame), config)
    assert np.isnan(result.totals[0])
    assert np.allclose(totals_for_weights(result, result.base_weights), result.totals, equal_nan=True)
    assert np.isnan(totals_for_weights(result, np.array([1.0, 0.0]))[0])


# ---------------------------------------------------------------------- weight stability


def check_against_brute_force(result: ScoreResult, resolution: float, grid_points: int) -> int:
    """Every path's stays-first range matches a dense grid of full re-scores; returns paths checked."""
    stability = weight_stability(result)
    competitors = np.flatnonzero(~np.isnan(result.ranks))
    if stability.leader is None or len(competitors) < 2 or stability.tied_with:
        return 0
    leader = result.index_of(stability.leader)
    rivals = [i for i in competitors if i != leader]
    rows = {(r["Type"], r["Key"]): r for _, r in stability.table.iterrows()}
    checked = 0
    for path in weight_paths(result):
        row = rows[(path.kind, path.key)]
        if path.others is None:
            continue
        grid = np.union1d(np.linspace(0, 1, grid_points)[1:-1], [path.share])
        weights = np.stack([path.weights(t) for t in grid], axis=1)
        totals = totals_for_weights(result, weights)
        ahead = totals[leader] - totals[rivals].max(axis=0) > TIE_GAP
        start = int(np.flatnonzero(grid == path.share)[0])
        assert ahead[start]
        low, high = leader_run(grid, ahead, start)
        step = 1 / (grid_points - 1)
        tolerance = step + resolution
        expected_low = 0.0 if low == 0 else grid[low]
        expected_high = 1.0 if high == len(grid) - 1 else grid[high]
        assert abs(row["Stays first from"] - expected_low) <= tolerance, (path.label, row.to_dict())
        assert abs(row["Stays first up to"] - expected_high) <= tolerance, (path.label, row.to_dict())
        for end, beyond, column in (
            (low, low - 1, "Taken over below by"),
            (high, high + 1, "Taken over above by"),
        ):
            if 0 <= beyond < len(grid) and not ahead[beyond] and grid[end] != path.share:
                # just past the change, the best rival is the one named as taking over
                best = result.suppliers[rivals[int(np.argmax(totals[rivals, beyond]))]]
                if not row[column].endswith("(tie)"):
                    assert row[column] == best, (path.label, row.to_dict())
        checked += 1
    return checked


@pytest.mark.parametrize("seed", range(40))
def test_weighted_sum_stability_matches_brute_force(seed: int) -> None:
    result, _ = random_problem(seed)
    check_against_brute_force(result, resolution=1e-9, grid_points=4001)


@pytest.mark.parametrize("seed", range(15))
def test_topsis_stability_matches_brute_force(seed: int) -> None:
    result, _ = random_problem(seed, "topsis")
    check_against_brute_force(result, resolution=1e-3, grid_points=2001)


def test_brute_force_checks_actually_ran() -> None:
    """Guard against a random generator that only makes trivial problems."""
    checked = sum(check_against_brute_force(random_problem(s)[0], 1e-9, 401) for s in range(40))
    assert checked > 100


@pytest.mark.parametrize("seed", range(30))
def test_weighted_sum_changes_are_exact_ties(seed: int) -> None:
    """At the reported share the leader and the supplier taking over are level, to 1e-9 points."""
    result, _ = random_problem(seed)
    stability = weight_stability(result)
    paths = {(p.kind, p.key): p for p in weight_paths(result)}
    for _, row in stability.table.iterrows():
        for share, who in (
            (row["Stays first from"], row["Taken over below by"]),
            (row["Stays first up to"], row["Taken over above by"]),
        ):
            if not who or who.endswith("(tie)") or row["Note"]:
                continue
            totals = totals_for_weights(result, paths[(row["Type"], row["Key"])].weights(share))
            gap = totals[result.index_of(stability.leader)] - totals[result.index_of(who)]
            assert abs(gap) < 1e-9


def two_supplier_result(aggregation: str = "weighted_sum") -> ScoreResult:
    """Acme wins on cost (60%), Beta on quality (40%); Acme leads 64 to 56."""
    config = make_config(
        {
            "cost": {"weight": 60, "criteria": [linear("price_score", 1, label="Price")]},
            "quality": {"weight": 40, "criteria": [linear("otd", 1, label="On-time delivery")]},
        },
        aggregation,
    )
    table = SupplierTable.from_records(
        {"Acme": {"price_score": 80, "otd": 40}, "Beta": {"price_score": 60, "otd": 50}}
    )
    return score(table, config)


def test_two_suppliers_exact_range_by_hand() -> None:
    # Acme - Beta = 20 t - 10 (1 - t) on the price share t: level at t = 1/3
    result = two_supplier_result()
    table = weight_stability(result).table.set_index("Key")
    price = table.loc["price_score"]
    assert price["Current share"] == pytest.approx(0.6)
    assert price["Stays first from"] == pytest.approx(1 / 3, abs=1e-12)
    assert price["Stays first up to"] == 1.0
    assert price["Taken over below by"] == "Beta"
    assert price["Taken over above by"] == ""
    assert price["Change needed"] == pytest.approx(1 / 3 - 0.6, abs=1e-12)
    otd = table.loc["otd"]
    assert otd["Stays first up to"] == pytest.approx(2 / 3, abs=1e-12)
    assert otd["Taken over above by"] == "Beta"


def test_left_out_criterion_gives_a_ratio_of_linear_functions() -> None:
    """Beta has no on-time delivery (left out): its total is constant, Acme's moves; solved exactly."""
    config = make_config(
        {
            "cost": {"weight": 50, "criteria": [linear("price_score", 1)]},
            "quality": {"weight": 50, "criteria": [linear("otd", 1, "exclude"), linear("defects", 1)]},
        }
    )
    table = SupplierTable.from_records(
        {
            "Acme": {"price_score": 90, "otd": 20, "defects": 90},
            "Beta": {"price_score": 60, "otd": None, "defects": 80},
        }
    )
    result = score(table, config)
    assert result.leader == "Acme"
    row = weight_stability(result).table.set_index("Key").loc["otd"]
    # Acme = (20 t + (1 - t) (2/3 * 90 + 1/3 * 90)) = 90 - 70 t; Beta = (2/3*60 + 1/3*80) = 66.67
    assert row["Stays first up to"] == pytest.approx((90 - 200 / 3) / 70, abs=1e-12)
    assert row["Taken over above by"] == "Beta"


def test_single_qualified_supplier_is_first_at_any_share() -> None:
    config = make_config(
        {"quality": {"weight": 1, "criteria": [linear("otd", 1), linear("iso", 1, "disqualify")]}}
    )
    table = SupplierTable.from_records({"Acme": {"otd": 90, "iso": 100}, "Beta": {"otd": 99, "iso": None}})
    analysis = sensitivity(score(table, config), draws=50)
    assert analysis.stability.competitors == 1
    assert (analysis.stability.table["Stays first from"] == 0).all()
    assert (analysis.stability.table["Stays first up to"] == 1).all()
    assert analysis.verdict == "Only Acme is qualified and scored, so it is first whatever the weights."
    probabilities = analysis.probabilities.table.set_index("Supplier")
    assert probabilities.loc["Acme", "First place"] == 1.0
    assert np.isnan(probabilities.loc["Beta", "First place"])  # not ranked: no probability, not 0


def test_no_qualified_supplier_says_so() -> None:
    config = make_config({"quality": {"weight": 1, "criteria": [linear("iso", 1, "disqualify")]}})
    table = SupplierTable.from_records({"Acme": {"iso": None}, "Beta": {"iso": None}})
    analysis = sensitivity(score(table, config), draws=10)
    assert analysis.stability.leader is None
    assert analysis.verdict.startswith("No verdict")
    assert analysis.probabilities.table["First place"].isna().all()


def test_zero_weight_criterion_can_be_raised() -> None:
    config = make_config(
        {
            "cost": {"weight": 1, "criteria": [linear("price_score", 1)]},
            "quality": {"weight": 1, "criteria": [linear("otd", 1), linear("audit", 0)]},
        }
    )
    table = SupplierTable.from_records(
        {
            "Acme": {"price_score": 90, "otd": 90, "audit": 10},
            "Beta": {"price_score": 80, "otd": 80, "audit": 90},
        }
    )
    row = weight_stability(score(table, config)).table.set_index("Key").loc["audit"]
    assert row["Current share"] == 0
    # Acme = 90 (1 - t) + 10 t, Beta = 80 (1 - t) + 90 t: level at t = 10 / 90
    assert row["Stays first up to"] == pytest.approx(1 / 9, abs=1e-12)
    assert row["Stays first from"] == 0
    assert row["Taken over above by"] == "Beta"


def test_weight_share_of_one_cannot_be_rescaled() -> None:
    config = make_config({"quality": {"weight": 1, "criteria": [linear("otd", 1), linear("audit", 0)]}})
    table = SupplierTable.from_records({"Acme": {"otd": 90, "audit": 10}, "Beta": {"otd": 80, "audit": 90}})
    analysis = sensitivity(score(table, config), draws=20)
    table_by_key = analysis.stability.table.set_index("Key")
    assert table_by_key.loc["otd", "Current share"] == 1
    assert np.isnan(table_by_key.loc["otd", "Stays first from"])
    assert "nothing to rescale" in table_by_key.loc["otd", "Note"]
    assert table_by_key.loc["quality", "Note"].startswith("The only weighted category")
    # the zero-weight criterion can still be raised from 0%
    assert table_by_key.loc["audit", "Stays first up to"] == pytest.approx(1 / 9, abs=1e-12)


def test_category_keeps_its_internal_split() -> None:
    config = make_config(
        {
            "cost": {"weight": 50, "criteria": [linear("price_score", 1)]},
            "quality": {"weight": 50, "criteria": [linear("otd", 3), linear("defects", 1)]},
        }
    )
    table = SupplierTable.from_records(
        {
            "Acme": {"price_score": 90, "otd": 40, "defects": 60},
            "Beta": {"price_score": 50, "otd": 80, "defects": 40},
        }
    )
    result = score(table, config)
    path = next(p for p in weight_paths(result) if p.key == "quality")
    assert np.allclose(path.towards, [0, 0.75, 0.25])
    assert np.allclose(path.weights(path.share), result.base_weights)
    row = weight_stability(result).table.set_index("Key").loc["quality"]
    # Acme = 90 (1 - T) + 45 T, Beta = 50 (1 - T) + 70 T: level at T = 40 / 65
    assert row["Stays first up to"] == pytest.approx(40 / 65, abs=1e-12)


def test_tie_for_first_means_the_leader_is_not_first_alone() -> None:
    config = make_config({"quality": {"weight": 1, "criteria": [linear("otd", 1), linear("defects", 1)]}})
    table = SupplierTable.from_records(
        {
            "Acme": {"otd": 90, "defects": 50},
            "Beta": {"otd": 50, "defects": 90},
            "Corvid": {"otd": 10, "defects": 10},
        }
    )
    analysis = sensitivity(score(table, config), draws=100)
    assert analysis.stability.tied_with == ("Beta",)
    assert analysis.verdict.startswith("Tied: Acme and Beta share first place")
    first = analysis.probabilities.table.set_index("Supplier")["First place"]
    assert first.sum() == pytest.approx(1.0)
    assert first["Corvid"] == 0


def test_a_lead_lost_only_at_full_share_is_a_tie() -> None:
    """Everyone has ISO 9001: at 100% on it, all are level; that is named as a tie, not a takeover."""
    config = make_config(
        {"quality": {"weight": 1, "criteria": [linear("otd", 1), linear("iso", 1)]}},
    )
    table = SupplierTable.from_records(
        {"Acme": {"otd": 90, "iso": 100}, "Beta": {"otd": 70, "iso": 100}, "Corvid": {"otd": 60, "iso": 100}}
    )
    row = weight_stability(score(table, config)).table.set_index("Key").loc["iso"]
    assert row["Stays first up to"] == 1.0
    assert row["Taken over above by"] == "Beta and Corvid (tie)"


# ---------------------------------------------------------------------- rank probabilities


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
    ranked = table["Current rank"].notna()
    assert table.loc[~ranked, "First place"].isna().all()
    if ranked.any():
        assert table.loc[ranked, "First place"].sum() == pytest.approx(1.0)
        assert (table.loc[ranked, "Top 3"] >= table.loc[ranked, "First place"]).all()
        assert (table.loc[ranked, "Best rank"] <= table.loc[ranked, "Median rank"]).all()
        assert (table.loc[ranked, "Median rank"] <= table.loc[ranked, "Worst rank"]).all()
        assert (table.loc[ranked, "Worst rank"] <= ranked.sum()).all()


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
    table = rank_probabilities(result, draws=200, seed=7).table.set_index("Supplier")
    for i, name in enumerate(result.suppliers):
        if competitors[i]:
            assert table.loc[name, "First place"] == pytest.approx(wins[i] / 200)
            assert table.loc[name, "Top 3"] == pytest.approx(top3[i] / 200)


def test_different_seeds_give_different_draws_and_no_spread_gives_todays_ranks() -> None:
    result = two_supplier_result()
    assert not np.array_equal(
        perturbed_weights(result.base_weights, 10, 0.25, 1),
        perturbed_weights(result.base_weights, 10, 0.25, 2),
    )
    table = rank_probabilities(result, draws=50, spread=0.0).table.set_index("Supplier")
    assert table.loc["Acme", "First place"] == 1.0
    assert table.loc["Beta", "Worst rank"] == 2 and table.loc["Beta", "Best rank"] == 2


def test_rank_probabilities_refuse_nonsense_settings() -> None:
    result = two_supplier_result()
    with pytest.raises(ScorecardError, match="at least 1"):
        rank_probabilities(result, draws=0)
    with pytest.raises(ScorecardError, match="below 100%"):
        rank_probabilities(result, spread=1.0)


# ---------------------------------------------------------------------- verdict and report


def close_race() -> ScoreResult:
    """Acme leads Beta narrowly on price; the on-time delivery weight (10%) flips it at 12%.

    On the on-time delivery share t (price at 2/3 of the rest): Acme - Beta =
    (1 - t) * 2/3 * 5 - t * 220/9, level at t = 0.12. Price would have to fall
    from 60% to 55% and the Quality category rise from 40% to 45%: both further.
    """
    config = make_config(
        {
            "cost": {"weight": 60, "criteria": [linear("price_score", 1, label="Price")]},
            "quality": {
                "weight": 40,
                "criteria": [
                    linear("defects", 30, label="Defect rate"),
                    linear("otd", 10, label="On-time delivery"),
                ],
            },
        }
    )
    table = SupplierTable.from_records(
        {
            "Acme": {"price_score": 70, "defects": 50, "otd": 50},
            "Beta": {"price_score": 65, "defects": 50, "otd": 50 + 220 / 9},
        }
    )
    return score(table, config)


def test_verdict_names_the_criterion_that_flips_a_close_race() -> None:
    analysis = sensitivity(close_race(), draws=500)
    assert analysis.verdict.startswith(
        "Fragile: Beta takes first place if the On-time delivery weight rises above 12% (now 10%, a change of +2.0 pp)"
    )
    assert "Acme ranks first in" in analysis.verdict
    table = analysis.stability.table.set_index("Key")
    assert table.loc["price_score", "Stays first from"] == pytest.approx(0.55, abs=1e-12)
    assert table.loc["quality", "Stays first up to"] == pytest.approx(0.45, abs=1e-12)


def test_verdict_robust_case_names_the_two_nearest_changes() -> None:
    config = make_config(
        {
            "cost": {"weight": 35, "criteria": [linear("price_score", 1, label="Total cost")]},
            "quality": {"weight": 45, "criteria": [linear("otd", 1, label="On-time delivery")]},
            "risk": {"weight": 20, "criteria": [linear("fin", 1, label="Financial risk")]},
        }
    )
    table = SupplierTable.from_records(
        {
            "Acme": {"price_score": 90, "otd": 80, "fin": 50},
            "Beta": {"price_score": 40, "otd": 75, "fin": 90},
            "Corvid": {"price_score": 50, "otd": 30, "fin": 40},
        }
    )
    analysis = sensitivity(score(table, config), draws=500)
    nearest = analysis.stability.table.iloc[0]
    assert nearest["Type"] == "Criterion"  # one-criterion categories are named once, as the criterion
    assert analysis.verdict.startswith("Robust: Acme stays first unless the ")
    assert f"the {nearest['Weight']} weight" in analysis.verdict
    assert "Acme ranks first in 100% of 500 weight draws" in analysis.verdict


@pytest.mark.parametrize(
    ("iso_weight", "expected"),
    [
        (
            1,
            "Robust: Acme stays first unless the On-time delivery weight falls to 0% (now 50%, a change of "
            "-50.0 pp) or the ISO 9001 weight rises to 100% (now 50%, a change of +50.0 pp)",
        ),
        (
            49,
            # with two criteria, ISO 9001 rising to 100% is on-time delivery falling to 0%
            "Fragile: Acme only shares first place with Beta and Corvid if the On-time delivery weight falls "
            "to 0% (now 2%, a change of -2.0 pp)",
        ),
    ],
)
def test_verdict_when_the_lead_is_only_lost_to_a_tie_at_the_end_of_the_range(
    iso_weight: int, expected: str
) -> None:
    config = make_config(
        {
            "quality": {
                "weight": 1,
                "criteria": [
                    linear("otd", 1, label="On-time delivery"),
                    linear("iso", iso_weight, label="ISO 9001"),
                ],
            }
        }
    )
    table = SupplierTable.from_records(
        {"Acme": {"otd": 90, "iso": 100}, "Beta": {"otd": 70, "iso": 100}, "Corvid": {"otd": 60, "iso": 100}}
    )
    assert sensitivity(score(table, config), draws=200).verdict.startswith(expected)


def test_report_tables_for_the_workbook() -> None:
    analysis = sensitivity(close_race(), draws=100)
    tables = analysis.report_tables()
    assert [t.title for t in tables] == ["Sensitivity", "Rank probabilities"]
    sheet = tables[0]
    assert sheet.intro[0] == analysis.verdict
    assert any("100 weight draws (seed 7)" in line for line in sheet.intro)
    assert {"Current share", "Stays first from", "Stays first up to"} <= set(sheet.frame.columns)
    assert sheet.format_of("Current share") == "percent"
    assert tables[1].format_of("First place") == "percent"
    # on-time delivery is 2 points of share away from a new leader: highlighted
    highlighted = sheet.frame.loc[sheet.highlight["Change needed (pp of share)"], "Weight"].tolist()
    assert highlighted == ["On-time delivery"]
    # weight changes in percentage points, as on the page: +2.0, not +2.0% (which reads as 2% of the weight)
    otd = sheet.frame.set_index("Weight").loc["On-time delivery", "Change needed (pp of share)"]
    assert otd == pytest.approx(
        100 * analysis.stability.table.set_index("Weight").loc["On-time delivery", "Change needed"]
    )
    assert sheet.format_of("Change needed (pp of share)") == "number"
    assert list(tables[1].frame["Supplier"]) == ["Acme", "Beta"]


# ---------------------------------------------------------------------- speed


def large_result(n: int = 500, m: int = 25, seed: int = 1) -> ScoreResult:
    rng = np.random.default_rng(seed)
    keys = [f"c{j}" for j in range(m)]
    categories: dict[str, Any] = {}
    for k, cat in enumerate(CATEGORIES):
        chunk = keys[k * m // 5 : (k + 1) * m // 5]
        categories[cat] = {
            "weight": float(rng.integers(1, 10)),
            "criteria": [linear(key, float(rng.integers(1, 10)), "exclude") for key in chunk],
        }
    values = rng.uniform(0, 100, size=(n, m))
    values[rng.random((n, m)) < 0.05] = np.nan
    frame = pd.DataFrame(values, columns=keys, index=[f"Supplier {i}" for i in range(n)])
    return score(SupplierTable(frame), make_config(categories))


def test_500_suppliers_25_criteria_2000_draws_covers_the_whole_field() -> None:
    """The large event is analysed in full: every path, every competitor, every draw (speed is in benchmarks/)."""
    result = large_result()
    analysis = sensitivity(result)
    assert len(analysis.stability.table) == 30  # 25 criteria and 5 categories
    probabilities = analysis.probabilities
    assert probabilities.draws == 2000
    assert len(probabilities.table) == int((~np.isnan(result.ranks)).sum())


def test_a_fragile_level_with_high_odds_says_why_they_differ() -> None:
    """The issue's case: "Fragile" beside "first in 99.9% of draws" must not read as a contradiction."""
    config = make_config(
        {
            "quality": {
                "weight": 1,
                "criteria": [linear("otd", 1, label="On-time delivery"), linear("iso", 49, label="ISO 9001")],
            }
        }
    )
    table = SupplierTable.from_records(
        {"Acme": {"otd": 90, "iso": 100}, "Beta": {"otd": 70, "iso": 100}, "Corvid": {"otd": 60, "iso": 100}}
    )
    analysis = sensitivity(score(table, config), draws=200)
    assert analysis.level == "Fragile"
    assert analysis.probabilities.first_place("Acme") >= 0.9
    # a draw moves the 2% weight by at most 25% of its value (0.5 pp), never the 2.0 pp the change needs
    assert "The odds are high although the level is Fragile" in analysis.verdict
    assert "at most about 0.5 pp, far less than the 2.0 pp" in analysis.verdict
    # and the level is data, not the verdict's first word parsed back
    assert analysis.verdict.startswith(analysis.level + ":")
