"""Shared test helpers: a seeded factory for small configs and supplier tables built in code.

Kept small and generic on purpose: fixtures that only one stage needs live in
that stage's test file. Every generated table is reproducible from its seed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pytest

from scorecard.config import Config, Criterion, parse_config
from scorecard.suppliers import SupplierTable

DEFAULT_BANDS: list[dict[str, Any]] = [
    {"name": "Green", "from": 70, "to": 100, "colour": "#1a7f37"},
    {"name": "Amber", "from": 40, "to": 70, "colour": "#f2c94c"},
    {"name": "Red", "from": 0, "to": 40, "colour": "#d64545"},
]


class Factory:
    """Builds config data, configs and supplier tables; one instance is shared by all tests."""

    @staticmethod
    def criterion(
        key: str,
        method: str | Mapping[str, Any] = "min_max",
        *,
        category: str = "quality",
        weight: float = 1,
        direction: str = "higher",
        missing: str = "worst",
        **extra: Any,
    ) -> dict[str, Any]:
        """One criterion as YAML-ready data; `category` is taken out again by `config_data`."""
        return {
            "category": category,
            "key": key,
            "direction": direction,
            "weight": weight,
            "method": dict(method) if isinstance(method, Mapping) else method,
            "missing": missing,
            **extra,
        }

    @staticmethod
    def config_data(
        *criteria: Mapping[str, Any],
        category_weights: Mapping[str, float] | None = None,
        knockouts: Sequence[Mapping[str, Any]] = (),
        bands: Sequence[Mapping[str, Any]] | None = None,
        **top: Any,
    ) -> dict[str, Any]:
        """A whole config as data: criteria grouped into their categories (weight 1 each unless given)."""
        categories: dict[str, dict[str, Any]] = {}
        for spec in criteria:
            item = dict(spec)
            category = item.pop("category", "quality")
            weight = (category_weights or {}).get(category, 1)
            categories.setdefault(category, {"weight": weight, "criteria": []})["criteria"].append(item)
        data: dict[str, Any] = {
            "name": "Test settings",
            "categories": categories,
            "bands": [dict(b) for b in (bands if bands is not None else DEFAULT_BANDS)],
        }
        if knockouts:
            data["knockouts"] = [dict(k) for k in knockouts]
        data.update(top)
        return data

    def config(self, *criteria: Mapping[str, Any], **kwargs: Any) -> Config:
        """A validated Config from criterion specs (see `criterion`)."""
        return parse_config(self.config_data(*criteria, **kwargs), "the test settings")

    @staticmethod
    def table(records: Mapping[str, Mapping[str, object]]) -> SupplierTable:
        """A supplier table from {supplier: {criterion key: value}}."""
        return SupplierTable.from_records(records)

    @staticmethod
    def column(key: str, values: Sequence[object], names: Sequence[str] | None = None) -> SupplierTable:
        """A one-criterion table: suppliers S1, S2, ... (or `names`) with the given values."""
        names = names or [f"S{i + 1}" for i in range(len(values))]
        return SupplierTable.from_records({n: {key: v} for n, v in zip(names, values, strict=True)})

    @staticmethod
    def generated_table(
        config: Config,
        suppliers: int = 8,
        seed: int = 0,
        missing_rate: float = 0.1,
        invalid_rate: float = 0.0,
    ) -> SupplierTable:
        """Plausible values for every criterion of `config`, reproducible from `seed`.

        Numbers are drawn around each method's own range (so steps, targets and
        linear bounds are all exercised); `missing_rate` blanks cells and
        `invalid_rate` puts unreadable text in them.
        """
        rng = np.random.default_rng(seed)
        records: dict[str, dict[str, object]] = {}
        for i in range(suppliers):
            row: dict[str, object] = {}
            for criterion in config.criteria:
                roll = rng.random()
                if roll < missing_rate:
                    row[criterion.key] = None
                elif roll < missing_rate + invalid_rate:
                    row[criterion.key] = "n/a - see comments"
                else:
                    row[criterion.key] = plausible_value(criterion, rng)
            records[f"Supplier {i + 1:02d}"] = row
        return SupplierTable.from_records(records)


def plausible_value(criterion: Criterion, rng: np.random.Generator) -> object:
    """One value a real bid sheet could hold for this criterion."""
    method = criterion.method
    if method.kind == "categorical":
        labels = [label for label, _ in method.points]
        return labels[rng.integers(len(labels))]
    if method.kind == "linear":
        low, high = sorted((method.worst, method.best))
        span = high - low
        return round(float(rng.uniform(low - 0.2 * span, high + 0.2 * span)), 3)
    if method.kind == "target":
        return round(
            float(
                rng.uniform(method.target - 1.5 * method.tolerance, method.target + 1.5 * method.tolerance)
            ),
            3,
        )
    if method.kind == "steps":
        limits = [s.limit for s in method.steps]
        span = max(max(limits) - min(limits), 1.0)
        return round(float(rng.uniform(min(limits) - span, max(limits) + span)), 3)
    scale = 100_000 if criterion.kind == "money" else 100
    return round(float(rng.uniform(0.5, 3.0) * scale), 2)


@pytest.fixture(scope="session")
def factory() -> Factory:
    """The shared builder of configs and supplier tables (session-scoped, so hypothesis can use it)."""
    return Factory()
