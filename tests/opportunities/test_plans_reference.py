"""Improvement plans equal plans worked out the slow, obvious way: every what-if a full `score.score`.

The reference below is the plan's rule written plainly (which gaps are
candidates, what each aims at, which are kept, what closing them together
does), with each what-if scored by `rescore` (a changed copy of the table
through the engine). The plans module must give exactly the same numbers, on
seeded random events with every scoring method, knock-outs, every
missing-value policy, blanks, unreadable cells, ties, weighted sum and TOPSIS.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from scorecard.opportunities import find_opportunities, settings_for
from scorecard.opportunities.best import best_in_class
from scorecard.opportunities.plans import Rescore, improvement_plans, rescore
from scorecard.opportunities.segments import EPS
from scorecard.opportunities.whatif import WhatIfScorer
from scorecard.score import score
from scorecard.tables import plan_sentences
from tests.opportunities.test_whatif import random_event


def reference_plan(result, table, i: int, best, max_gaps: int, steps: int) -> tuple[list, list[Rescore]]:
    """Supplier i's gaps as (column, target, outcome) and its cumulative what-ifs, each scored in full."""
    supplier, total = result.suppliers[i], float(result.totals[i])
    candidates = []
    for j, criterion in enumerate(result.criteria):
        if criterion.key not in best or result.base_weights[j] <= 0:
            continue
        missing = bool(result.missing[i, j])
        if not missing and result.scores[i, j] >= best[criterion.key].score - EPS:
            continue  # at best in class already
        score_today = 0.0 if np.isnan(result.scores[i, j]) else result.scores[i, j]
        estimate = round(result.weights[i, j] * (best[criterion.key].score - score_today), 9)
        exact = result.config.aggregation == "weighted_sum" and not np.isnan(result.scores[i, j])
        candidates.append((-estimate, j, exact))
    candidates.sort()
    # a present value's estimate is exact under the weighted sum: only the largest need scoring
    exact = [j for _, j, is_exact in candidates if is_exact][:max_gaps]
    tried = exact + [j for _, j, is_exact in candidates if not is_exact]
    found = []
    for j in tried:
        key = result.criteria[j].key
        target = target_value(best[key], result.raw.iat[i, j], bool(result.missing[i, j]))
        outcome = rescore(result, table, supplier, {key: target})
        if outcome.total - total > EPS:
            found.append((-round(outcome.total - total, 9), j, target, outcome))
    gaps = [(j, target, outcome) for _, j, target, outcome in sorted(found, key=lambda f: f[:2])][:max_gaps]
    together = [gaps[0][2]] if gaps else []
    for k in range(2, min(steps, len(gaps)) + 1):
        changes = {result.criteria[j].key: target for j, target, _ in gaps[:k]}
        together.append(rescore(result, table, supplier, changes))
    return gaps, together


def target_value(best, current: object, missing: bool) -> object:
    """Of the values reaching the best score, the nearest (the first of equally near); the least extreme one
    for a blank or a text; the first when they are not numbers."""
    if best.numbers is None:
        return best.value
    if missing or not isinstance(current, (int, float)) or isinstance(current, bool):
        return best.values[-1]
    with np.errstate(over="ignore"):
        distance = [abs(float(v) - float(current)) for v in best.values]
    return best.values[int(np.argmin(distance))]


def same(a: Rescore, b: Rescore) -> bool:
    totals = a.total == b.total or (math.isnan(a.total) and math.isnan(b.total))
    return totals and (a.band, a.rank, a.others_move) == (b.band, b.rank, b.others_move)


def same_value(a: object, b: object) -> bool:
    return type(a) is type(b) and (a == b or (a != a and b != b))


def punched(table, rng, share: float):
    """The table with some cells blank, unreadable ("n/a") or copied from another supplier (ties)."""
    frame = table.values.copy()
    n = len(frame)
    for key in frame.columns:
        column = frame[key].astype(object).to_numpy(copy=True)
        roll = rng.random(n)
        column[roll < share] = None
        column[(roll >= share) & (roll < share * 1.3)] = "n/a"
        ties = (roll >= share * 1.3) & (roll < share * 3)
        column[ties] = column[rng.integers(n, size=int(ties.sum()))]
        frame[key] = column if frame[key].dtype == object else _numbers_or_objects(column)
    return type(table)(frame, source_rows=table.source_rows, sheet=table.sheet)


def _numbers_or_objects(column: np.ndarray) -> np.ndarray:
    """A numeric column stays float when it holds only numbers and blanks (as the map stage hands it)."""
    if all(v is None or isinstance(v, float) for v in column):
        return np.array([np.nan if v is None else v for v in column], dtype=float)
    return column


CASES = [(seed, aggregation) for seed in range(8) for aggregation in ("weighted_sum", "topsis")]


@pytest.mark.parametrize(("seed", "aggregation"), CASES)
def test_plans_equal_the_reference(seed: int, aggregation: str) -> None:
    rng_size = np.random.default_rng(100 + seed)
    table, config, rng = random_event(100 + seed, int(rng_size.integers(3, 16)), aggregation)
    if seed % 2:
        table = punched(table, rng, 0.06)
    result = score(table, config)
    best, settings = best_in_class(result), settings_for(config).plans
    plans = improvement_plans(result, table, result.suppliers, best, settings)
    assert list(plans) == list(result.suppliers)
    compared = 0
    for i, supplier in enumerate(result.suppliers):
        plan = plans[supplier]
        if np.isnan(result.ranks[i]):
            assert plan.gaps == () and plan.steps == () and plan.rank is None
            continue
        gaps, together = reference_plan(result, table, i, best, settings.max_gaps, settings.what_if_steps)
        assert [g.column for g in plan.gaps] == [j for j, _, _ in gaps], (seed, supplier)
        for gap, (j, target, outcome) in zip(plan.gaps, gaps, strict=True):
            assert same_value(gap.target, target), (seed, supplier, j, gap.target, target)
            assert same(gap.outcome, outcome), (seed, supplier, j, gap.outcome, outcome)
            assert gap.total_today == float(result.totals[i])
        assert len(plan.steps) == len(together)
        assert all(same(a, b) for a, b in zip(plan.steps, together, strict=True)), (seed, supplier)
        compared += len(gaps)
    assert compared or not any(~np.isnan(result.ranks)), "no gap compared: the case tests nothing"


def test_reference_cases_cover_every_path(monkeypatch) -> None:
    """The cases above hold what-ifs that move nobody else, ones that move only the average suppliers
    without data get, ones that move a bar, and ones scored in full, so the comparison covers each way a
    what-if can be worked out."""
    averaged, original = [], WhatIfScorer.moved_average

    def counted(self, key, rows, value, holder=None):
        holds, points, averages = original(self, key, rows, value, holder)
        averaged.append(int(holds.sum()))
        return holds, points, averages

    monkeypatch.setattr(WhatIfScorer, "moved_average", counted)
    moved = kept = 0
    for seed, aggregation in CASES:
        if aggregation != "weighted_sum":
            continue
        rng_size = np.random.default_rng(100 + seed)
        table, config, rng = random_event(100 + seed, int(rng_size.integers(3, 16)), aggregation)
        if seed % 2:
            table = punched(table, rng, 0.06)
        result = score(table, config)
        plans = improvement_plans(
            result, table, result.suppliers, best_in_class(result), settings_for(config).plans
        )
        outcomes = [g.outcome for p in plans.values() for g in p.gaps]
        moved += sum(o.others_move for o in outcomes)
        kept += sum(not o.others_move for o in outcomes)
    assert moved and kept and sum(averaged)


def test_a_plan_on_its_own_equals_the_same_plan_worked_out_with_the_others() -> None:
    """The page works out only the plan it shows; the workbook all those up front: the same numbers."""
    table, config, _ = random_event(7, 12, "weighted_sum")
    result = score(table, config)
    alone = find_opportunities(result, table, None)
    supplier = result.suppliers[int(result.ranked_order[1])]
    shown = alone.plan(supplier)
    assert "plans" not in alone.__dict__  # nothing else was worked out
    together = find_opportunities(result, table, None)
    assert supplier in together.plans
    other = together.plans[supplier]
    assert (shown.gaps, shown.steps) == (other.gaps, other.steps)
    assert plan_sentences(shown, result) == plan_sentences(other, result)
    assert together.plan(supplier) is other
