"""The verdict as data: the level, the leader's odds and the nearest changes, and a large field (its sentence:
tests/tables/test_robustness.py)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

from scorecard.config import CATEGORIES
from scorecard.score import ScoreResult, score
from scorecard.sensitivity import Level, WeightKind, sensitivity
from scorecard.suppliers import SupplierTable
from sensitivity.problems import linear, make_config


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
    verdict = analysis.verdict
    assert (verdict.level, verdict.leader, verdict.draws) == (Level.FRAGILE, "Acme", 500)
    assert verdict.first_place == analysis.probabilities.first_place("Acme")
    (nearest,) = verdict.changes
    assert (nearest.weight, nearest.category, nearest.taker, nearest.tie) == (
        "On-time delivery",
        False,
        ("Beta",),
        False,
    )
    assert (nearest.now, nearest.at) == (pytest.approx(0.10), pytest.approx(0.12, abs=1e-12))
    assert nearest.change == pytest.approx(nearest.at - nearest.now, abs=1e-12)
    table = analysis.stability.table.set_index("key")
    assert table.loc["price_score", "stays_from"] == pytest.approx(0.55, abs=1e-12)
    assert table.loc["quality", "stays_to"] == pytest.approx(0.45, abs=1e-12)


def three_suppliers() -> ScoreResult:
    """Acme leads on cost; three one-criterion categories, so each category is named once, as its criterion."""
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
    return score(table, config)


def test_verdict_robust_case_names_the_two_nearest_changes() -> None:
    analysis = sensitivity(three_suppliers(), draws=500)
    nearest = analysis.stability.table.iloc[0]
    assert (
        nearest["kind"] is WeightKind.CRITERION
    )  # one-criterion categories are named once, as the criterion
    verdict = analysis.verdict
    assert (verdict.level, verdict.leader, verdict.first_place) == (Level.ROBUST, "Acme", 1.0)
    assert len(verdict.changes) == 2 and not any(c.category for c in verdict.changes)
    assert verdict.changes[0].weight == nearest["weight"]
    assert verdict.changes[0].change == nearest["change"]


def otd_and_iso(iso_weight: float) -> ScoreResult:
    """Every supplier has 100 on ISO 9001: Acme's lead on on-time delivery is lost only to a tie, at 0%."""
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
    return score(table, config)


@pytest.mark.parametrize(("iso_weight", "level", "changes"), [(1, Level.ROBUST, 2), (49, Level.FRAGILE, 1)])
def test_verdict_when_the_lead_is_only_lost_to_a_tie_at_the_end_of_the_range(
    iso_weight: int, level: Level, changes: int
) -> None:
    verdict = sensitivity(otd_and_iso(iso_weight), draws=200).verdict
    assert (verdict.level, len(verdict.changes)) == (level, changes)
    otd = verdict.changes[0]
    assert (otd.weight, otd.at, otd.now) == ("On-time delivery", 0.0, pytest.approx(1 / (1 + iso_weight)))
    # at 0% every supplier has 100: Acme only shares first place with the other two
    assert otd.tie and otd.taker == ("Beta", "Corvid")


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
    analysis = sensitivity(otd_and_iso(49), draws=200)
    assert analysis.level == Level.FRAGILE
    assert analysis.probabilities.first_place("Acme") >= 0.9
    # a draw moves the 2% weight by at most 25% of its value (0.5 pp), never the 2.0 pp the change needs
    assert analysis.verdict.odds_disagree
    assert sensitivity(close_race(), draws=500).verdict.odds_disagree is False
