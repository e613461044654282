"""The engine against a plain, supplier-by-supplier computation on seeded random events.

The reference below follows the methods as the Method sheet describes them to a buyer, one
cell at a time in Python, with no numpy and no code from `scorecard.score`: if the vectorised
engine (float blocks, answer codes, row sums by column, lazy reasons) drifts from the
definitions, the totals, contributions, ranks or bands differ here.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from scorecard.config import Config, Criterion
from scorecard.score import score
from scorecard.suppliers import SupplierTable

LABELS = {"Gold": 100.0, "Silver": 60.0, "Bronze": 20.0}
CATEGORY_KEYS = ("cost", "quality", "risk")
POLICIES = ("worst", "neutral", "exclude", "disqualify")


def random_method(rng: np.random.Generator, direction: str) -> dict[str, Any] | str:
    kind = str(rng.choice(["min_max", "ratio_to_best", "linear", "target", "steps", "categorical"]))
    if kind == "linear":
        return (
            {"type": "linear", "worst": 20, "best": 80}
            if direction == "higher"
            else {"type": "linear", "worst": 80, "best": 20}
        )
    if kind == "steps" and direction == "lower":
        return "min_max"
    if kind == "target":
        return {"type": "target", "target": 50, "tolerance": 25}
    if kind == "steps":
        return {
            "type": "steps",
            "steps": [{"at_least": 70, "score": 100}, {"at_least": 40, "score": 60}],
            "otherwise": 10,
        }
    if kind == "categorical":
        return {"type": "categorical", "points": dict(LABELS)}
    return kind


def random_event(factory, seed: int) -> tuple[Config, SupplierTable]:
    rng = np.random.default_rng(seed)
    specs = []
    for j in range(int(rng.integers(3, 9))):
        direction = str(rng.choice(["higher", "lower"]))
        method = random_method(rng, direction)
        specs.append(
            factory.criterion(
                f"c{j}",
                method,
                category=str(rng.choice(CATEGORY_KEYS)),
                weight=int(rng.integers(1, 6)),
                direction=direction,
                missing=str(rng.choice(POLICIES)),
            )
        )
    numeric = [
        s["key"]
        for s in specs
        if not (isinstance(s["method"], dict) and s["method"]["type"] == "categorical")
    ]
    labelled = [s["key"] for s in specs if s["key"] not in numeric]
    knockouts = []
    if numeric and rng.random() < 0.7:
        knockouts.append(
            {"criterion": numeric[0], "at_least": 30, "if_missing": str(rng.choice(["disqualify", "pass"]))}
        )
    if labelled and rng.random() < 0.7:
        knockouts.append({"criterion": labelled[0], "must_be": ["Gold", "Silver"], "if_missing": "pass"})
    category_weights = {key: int(rng.integers(1, 5)) for key in CATEGORY_KEYS}
    config = factory.config(*specs, knockouts=knockouts, category_weights=category_weights)
    n = int(rng.integers(5, 60))
    records: dict[str, dict[str, object]] = {}
    for i in range(n):
        row: dict[str, object] = {}
        for s in specs:
            roll = rng.random()
            if s["key"] in labelled:
                row[s["key"]] = (
                    None if roll < 0.08 else ("Tin" if roll < 0.12 else str(rng.choice(list(LABELS))))
                )
            else:
                row[s["key"]] = (
                    None if roll < 0.08 else round(float(rng.uniform(1, 100)), int(rng.integers(0, 4)))
                )
        records[f"Supplier {i:02d}"] = row
    # every criterion keeps values from at least two suppliers, so none is left out for everyone
    for s in specs:
        for name in ("Supplier 00", "Supplier 01"):
            records[name][s["key"]] = "Gold" if s["key"] in labelled else float(rng.uniform(1, 100))
    return config, factory.table(records)


# ---------------------------------------------------------------- the reference, cell by cell


def value_of(criterion: Criterion, cell: object) -> float | None:
    """The number a cell counts as, or None (blank, or a label outside the points table)."""
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return None
    if criterion.method.kind == "categorical":
        return {label.casefold(): p for label, p in criterion.method.points}.get(str(cell).strip().casefold())
    return float(cell)


def cell_score(criterion: Criterion, x: float, field: list[float]) -> float:
    """The method's sentence, for one value; `field` holds the bar-setting values."""
    m, higher = criterion.method, criterion.direction == "higher"
    if m.kind == "min_max":
        lo, hi = min(field), max(field)
        if hi == lo:
            raw = 100.0 if x == lo or (x > lo if higher else x < lo) else 0.0
        else:
            raw = 100 * (x - lo) / (hi - lo) if higher else 100 * (hi - x) / (hi - lo)
    elif m.kind == "ratio_to_best":
        raw = 100 * x / max(field) if higher else 100 * min(field) / x
    elif m.kind == "linear":
        raw = 100 * (x - m.worst) / (m.best - m.worst)
    elif m.kind == "target":
        raw = 100 * (1 - abs(x - m.target) / m.tolerance)
    elif m.kind == "steps":
        raw = next((s.points for s in m.steps if x >= s.limit), m.otherwise)
    else:
        raw = x
    return min(100.0, max(0.0, raw))


def fails(rule, criterion: Criterion, cell: object, x: float | None) -> bool:
    if x is None and criterion.method.kind != "categorical":
        return False
    if rule.must_be:
        text = None if cell is None else str(cell).strip()
        return text is not None and text.casefold() not in {m.casefold() for m in rule.must_be}
    return x < rule.at_least if rule.at_least is not None else x > rule.at_most


def reference(config: Config, table: SupplierTable) -> dict[str, list[Any]]:
    criteria, names = config.criteria, list(table.values.index)
    cells = {c.key: list(table.values[c.key]) for c in criteria}
    x = {c.key: [value_of(c, v) for v in cells[c.key]] for c in criteria}
    share = {}
    category_total = sum(cat.weight for cat in config.categories)
    for cat in config.categories:
        inside = sum(c.weight for c in cat.criteria)
        for c in cat.criteria:
            share[c.key] = cat.weight / category_total * c.weight / inside
    failed, no_data = [False] * len(names), [False] * len(names)
    for rule in config.knockouts:
        c = config.criterion(rule.criterion)
        for i in range(len(names)):
            blank = cells[c.key][i] is None if rule.must_be else x[c.key][i] is None
            failed[i] |= fails(rule, c, cells[c.key][i], x[c.key][i])
            no_data[i] |= blank and rule.if_missing == "disqualify"
    for c in criteria:
        if c.missing == "disqualify":
            for i in range(len(names)):
                no_data[i] |= x[c.key][i] is None
    qualified = [not (f or d) for f, d in zip(failed, no_data, strict=True)]
    scores: dict[str, list[float | None]] = {}
    for c in criteria:
        field = [v for v, q in zip(x[c.key], qualified, strict=True) if v is not None and q]
        field = field or [v for v in x[c.key] if v is not None]
        own = [None if v is None else cell_score(c, v, field) for v in x[c.key]]
        pool = [s for s, q in zip(own, qualified, strict=True) if s is not None and q]
        fill = {"worst": 0.0, "neutral": sum(pool) / len(pool) if pool else None}.get(c.missing)
        scores[c.key] = [fill if s is None else s for s in own]
    totals, contributions = [], []
    for i in range(len(names)):
        counted = {c.key: share[c.key] for c in criteria if scores[c.key][i] is not None}
        if no_data[i] and not failed[i]:
            totals.append(None)
            contributions.append([0.0] * len(criteria))
            continue
        weight = sum(counted.values())
        parts = [scores[c.key][i] * counted[c.key] / weight if c.key in counted else 0.0 for c in criteria]
        totals.append(min(100.0, max(0.0, sum(parts))))
        contributions.append(parts)
    rankable = [t for t, q in zip(totals, qualified, strict=True) if q and t is not None]
    ranks = [
        1 + sum(round(o, 9) > round(t, 9) for o in rankable) if q and t is not None else None
        for t, q in zip(totals, qualified, strict=True)
    ]
    bands = [
        next(
            (
                b.name
                for b in config.bands
                if b.lower <= round(t, 9) < b.upper or (b.upper == 100 and t >= 100)
            ),
            None,
        )
        if r is not None
        else None
        for t, r in zip(totals, ranks, strict=True)
    ]
    return {
        "totals": totals,
        "contributions": contributions,
        "ranks": ranks,
        "bands": bands,
        "qualified": qualified,
    }


@pytest.mark.parametrize("seed", range(60))
def test_engine_equals_a_supplier_by_supplier_computation(factory, seed: int) -> None:
    config, table = random_event(factory, seed)
    result = score(table, config)
    expected = reference(config, table)
    assert result.qualified.tolist() == expected["qualified"]
    for got, want in zip(result.totals.tolist(), expected["totals"], strict=True):
        assert (math.isnan(got) and want is None) or got == pytest.approx(want, abs=1e-9)
    assert result.contributions.tolist() == [
        pytest.approx(row, abs=1e-9) for row in expected["contributions"]
    ]
    assert [None if math.isnan(r) else int(r) for r in result.ranks.tolist()] == expected["ranks"]
    assert [b.name if b else None for b in result.bands] == expected["bands"]
    # the reasons name every supplier out, and only those
    assert [bool(r) for r in result.reasons] == [
        not q or math.isnan(t) for q, t in zip(result.qualified, result.totals, strict=True)
    ]
