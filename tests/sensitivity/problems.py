"""Small scoring problems for the sensitivity tests: configs, random events, weight vectors."""

from __future__ import annotations

from typing import Any

import numpy as np

from scorecard.config import CATEGORIES, Config, parse_config
from scorecard.score import ScoreResult, score
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
