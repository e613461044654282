"""Weight stability: share ranges checked against brute force and by hand."""

from __future__ import annotations

import numpy as np
import pytest

from scorecard.score import ScoreResult, score
from scorecard.sensitivity import (
    TIE_GAP,
    Level,
    StabilityNote,
    Taker,
    WeightKind,
    sensitivity,
    totals_for_weights,
    weight_paths,
    weight_stability,
)
from scorecard.suppliers import SupplierTable
from sensitivity.problems import leader_run, linear, make_config, random_problem, two_supplier_result


def check_against_brute_force(result: ScoreResult, resolution: float, grid_points: int) -> int:
    """Every path's stays-first range matches a dense grid of full re-scores; returns paths checked."""
    stability = weight_stability(result)
    competitors = np.flatnonzero(~np.isnan(result.ranks))
    if stability.leader is None or len(competitors) < 2 or stability.tied_with:
        return 0
    leader = result.index_of(stability.leader)
    rivals = [i for i in competitors if i != leader]
    rows = {(r["kind"], r["key"]): r for _, r in stability.table.iterrows()}
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
        assert abs(row["stays_from"] - expected_low) <= tolerance, (path.label, row.to_dict())
        assert abs(row["stays_to"] - expected_high) <= tolerance, (path.label, row.to_dict())
        for end, beyond, column in (
            (low, low - 1, "taker_below"),
            (high, high + 1, "taker_above"),
        ):
            if 0 <= beyond < len(grid) and not ahead[beyond] and grid[end] != path.share:
                # just past the change, the best rival is the one named as taking over
                best = result.suppliers[rivals[int(np.argmax(totals[rivals, beyond]))]]
                if row[column] is None or not row[column].tie:
                    assert row[column] == Taker((best,)), (path.label, row.to_dict())
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
            (row["stays_from"], row["taker_below"]),
            (row["stays_to"], row["taker_above"]),
        ):
            if who is None or who.tie or row["note"] is not None:
                continue
            (name,) = who.names
            totals = totals_for_weights(result, paths[(row["kind"], row["key"])].weights(share))
            gap = totals[result.index_of(stability.leader)] - totals[result.index_of(name)]
            assert abs(gap) < 1e-9


def test_two_suppliers_exact_range_by_hand() -> None:
    # Acme - Beta = 20 t - 10 (1 - t) on the price share t: level at t = 1/3
    result = two_supplier_result()
    table = weight_stability(result).table.set_index("key")
    price = table.loc["price_score"]
    assert price["share"] == pytest.approx(0.6)
    assert price["stays_from"] == pytest.approx(1 / 3, abs=1e-12)
    assert price["stays_to"] == 1.0
    assert price["taker_below"] == Taker(("Beta",))
    assert price["taker_above"] is None
    assert price["kind"] is WeightKind.CRITERION and price["note"] is None
    assert price["change"] == pytest.approx(1 / 3 - 0.6, abs=1e-12)
    otd = table.loc["otd"]
    assert otd["stays_to"] == pytest.approx(2 / 3, abs=1e-12)
    assert otd["taker_above"] == Taker(("Beta",))


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
    row = weight_stability(result).table.set_index("key").loc["otd"]
    # Acme = (20 t + (1 - t) (2/3 * 90 + 1/3 * 90)) = 90 - 70 t; Beta = (2/3*60 + 1/3*80) = 66.67
    assert row["stays_to"] == pytest.approx((90 - 200 / 3) / 70, abs=1e-12)
    assert row["taker_above"] == Taker(("Beta",))


def test_single_qualified_supplier_is_first_at_any_share() -> None:
    config = make_config(
        {"quality": {"weight": 1, "criteria": [linear("otd", 1), linear("iso", 1, "disqualify")]}}
    )
    table = SupplierTable.from_records({"Acme": {"otd": 90, "iso": 100}, "Beta": {"otd": 99, "iso": None}})
    analysis = sensitivity(score(table, config), draws=50)
    assert analysis.stability.competitors == 1
    assert (analysis.stability.table["stays_from"] == 0).all()
    assert (analysis.stability.table["stays_to"] == 1).all()
    assert (analysis.stability.table["note"] == StabilityNote.ONLY_ONE).all()
    assert (analysis.verdict.level, analysis.verdict.leader) == (Level.ONLY, "Acme")
    probabilities = analysis.probabilities.table.set_index("supplier")
    assert probabilities.loc["Acme", "first"] == 1.0
    assert np.isnan(probabilities.loc["Beta", "first"])  # not ranked: no probability, not 0


def test_no_qualified_supplier_says_so() -> None:
    config = make_config({"quality": {"weight": 1, "criteria": [linear("iso", 1, "disqualify")]}})
    table = SupplierTable.from_records({"Acme": {"iso": None}, "Beta": {"iso": None}})
    analysis = sensitivity(score(table, config), draws=10)
    assert analysis.stability.leader is None
    assert (analysis.stability.table["note"] == StabilityNote.NO_LEADER).all()
    assert (analysis.verdict.level, analysis.verdict.leader, analysis.verdict.changes) == (
        Level.NONE,
        None,
        (),
    )
    assert analysis.probabilities.table["first"].isna().all()


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
    row = weight_stability(score(table, config)).table.set_index("key").loc["audit"]
    assert row["share"] == 0
    # Acme = 90 (1 - t) + 10 t, Beta = 80 (1 - t) + 90 t: level at t = 10 / 90
    assert row["stays_to"] == pytest.approx(1 / 9, abs=1e-12)
    assert row["stays_from"] == 0
    assert row["taker_above"] == Taker(("Beta",))


def test_weight_share_of_one_cannot_be_rescaled() -> None:
    config = make_config({"quality": {"weight": 1, "criteria": [linear("otd", 1), linear("audit", 0)]}})
    table = SupplierTable.from_records({"Acme": {"otd": 90, "audit": 10}, "Beta": {"otd": 80, "audit": 90}})
    analysis = sensitivity(score(table, config), draws=20)
    table_by_key = analysis.stability.table.set_index("key")
    assert table_by_key.loc["otd", "share"] == 1
    assert np.isnan(table_by_key.loc["otd", "stays_from"])
    assert table_by_key.loc["otd", "note"] is StabilityNote.ONLY_WEIGHTED
    assert table_by_key.loc["quality", "note"] is StabilityNote.ONLY_WEIGHTED
    assert table_by_key.loc["quality", "kind"] is WeightKind.CATEGORY
    assert table_by_key.loc["audit", "note"] is None
    # the zero-weight criterion can still be raised from 0%
    assert table_by_key.loc["audit", "stays_to"] == pytest.approx(1 / 9, abs=1e-12)


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
    row = weight_stability(result).table.set_index("key").loc["quality"]
    # Acme = 90 (1 - T) + 45 T, Beta = 50 (1 - T) + 70 T: level at T = 40 / 65
    assert row["stays_to"] == pytest.approx(40 / 65, abs=1e-12)


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
    assert (analysis.stability.table["note"] == StabilityNote.TIED).all()
    assert (analysis.verdict.level, analysis.verdict.leader, analysis.verdict.tied_with) == (
        Level.TIED,
        "Acme",
        ("Beta",),
    )
    first = analysis.probabilities.table.set_index("supplier")["first"]
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
    row = weight_stability(score(table, config)).table.set_index("key").loc["iso"]
    assert row["stays_to"] == 1.0
    assert row["taker_above"] == Taker(("Beta", "Corvid"), tie=True)


# ---------------------------------------------------------------------- rank probabilities
