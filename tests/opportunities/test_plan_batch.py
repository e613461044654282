"""The plans' batch steps equal the plainer computations they replaced, on seeded random inputs.

Each step that was made cheaper for all suppliers' plans at once (candidate gaps
sorted row by row, plan objects made when first read) is compared
with the way it was worked out before, written out here.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from scorecard.opportunities import settings_for, whatif_totals
from scorecard.opportunities.best import BestInClass, best_in_class
from scorecard.opportunities.closing import (
    by_rounded_worth,
    by_target,
    candidate_cells,
    float_picks,
    target_picks,
)
from scorecard.opportunities.plans import ImprovementPlan, improvement_plans
from scorecard.opportunities.whatif import WhatIfScorer
from scorecard.score import read_values, score, usable_values
from tests.opportunities.test_whatif import random_event, same


def candidates_by_one_sort(
    below: np.ndarray, estimates: np.ndarray, exact: np.ndarray, max_exact: int
) -> tuple[np.ndarray, np.ndarray]:
    """The candidate gaps as worked out before: every gap in one sort by (row, not exact, -estimate,
    column), then each row's exact ones cut at `max_exact`."""
    rows, columns = np.nonzero(below)
    is_exact = exact[rows, columns]
    order = np.lexsort((columns, -estimates[rows, columns], ~is_exact, rows))
    rows, columns, is_exact = rows[order], columns[order], is_exact[order]
    starts = np.searchsorted(rows, rows, side="left")
    keep = ~is_exact | (np.arange(len(rows)) - starts < max_exact)
    return rows[keep], columns[keep]


@pytest.mark.parametrize("seed", range(4))
def test_candidate_gaps_are_those_of_one_sort(seed: int) -> None:
    rng = np.random.default_rng(seed)
    for _ in range(400):
        n, m = int(rng.integers(0, 14)), int(rng.integers(0, 10))
        below = rng.random((n, m)) < rng.random()
        # ties, zeros of both signs and NaN (a weight that is not a number) among the estimates
        values = rng.choice([0.0, -0.0, 1.0, 2.5, 3.0, np.nan], size=(n, m))
        estimates = np.round(values * rng.choice([1.0, 0.1, 7.0], size=(n, m)), 9)
        exact = rng.random((n, m)) < 0.6
        max_exact = int(rng.integers(0, 5))
        found = candidate_cells(below, estimates, exact, max_exact)
        expected = candidates_by_one_sort(below, estimates, exact, max_exact)
        assert np.array_equal(found[0], expected[0]) and np.array_equal(found[1], expected[1])
        assert found[0].dtype == expected[0].dtype and found[1].dtype == expected[1].dtype


@pytest.mark.parametrize("seed", range(4))
def test_float_columns_targets_picked_together_as_column_by_column(seed: int) -> None:
    rng = np.random.default_rng(seed)
    pool = [0.0, -0.0, 1.0, 2.0, 3.0, -1.5, 1e308, -1e308, np.inf, -np.inf]  # ties, both zeros, the limits
    for _ in range(300):
        columns = [
            np.array(rng.choice(pool, size=int(rng.integers(1, 7)))) for _ in range(int(rng.integers(1, 5)))
        ]
        count = int(rng.integers(0, 30))
        where = rng.integers(0, len(columns), size=count).astype(np.intp)
        cells = rng.choice([*pool, np.nan], size=count)
        missing = np.isnan(cells) | (rng.random(count) < 0.2)
        found = float_picks(columns, where, cells, missing)
        expected = np.zeros(count, dtype=np.intp)
        for c, numbers in enumerate(columns):
            best = BestInClass(100.0, tuple(numbers.tolist()))
            at = where == c
            expected[at] = target_picks(best, cells[at], missing[at], numeric=True)
        assert np.array_equal(found, expected) and found.dtype == expected.dtype


@pytest.mark.parametrize("aggregation", ["weighted_sum", "topsis"])
def test_plans_read_from_the_shelf_equal_the_constructors(aggregation: str) -> None:
    table, config, _ = random_event(5, 30, aggregation)
    result = score(table, config)
    best, settings = best_in_class(result), settings_for(config).plans
    plans = improvement_plans(result, table, result.suppliers, best, settings)
    ranked_count = int((~np.isnan(result.ranks)).sum())
    assert any(plan.rank is None for plan in plans.values()) or not np.isnan(result.ranks).any()
    for i, (supplier, plan) in enumerate(plans.items()):
        band = result.bands[i]
        ranked = not np.isnan(result.ranks[i])
        expected = ImprovementPlan(
            supplier,
            i,
            float(result.totals[i]),
            band.name if band else None,
            int(result.ranks[i]) if ranked else None,
            ranked_count if ranked else 0,
            aggregation if ranked else "weighted_sum",
        )
        for name in ("supplier", "row", "total", "band", "rank", "ranked_count", "aggregation"):
            found, wanted = getattr(plan, name), getattr(expected, name)
            assert type(found) is type(wanted) and (found == wanted or (found != found and wanted != wanted))
        # every field is set (a field added to the class with a default must be set by the batch too)
        assert set(vars(plan)) >= {f.name for f in dataclasses.fields(ImprovementPlan)}
        assert (plan.book is None) == (not ranked)
        with pytest.raises(dataclasses.FrozenInstanceError):
            plan.total = 0.0  # type: ignore[misc]


def by_rounding_each(rows: np.ndarray, worth: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """The largest gaps' order as worked out before: every worth rounded by Python's `round`."""
    rounded = np.array([-round(w, 9) for w in worth.tolist()])
    return np.lexsort((columns, rounded, rows))


@pytest.mark.parametrize("seed", range(4))
def test_gaps_ordered_by_rounded_worth_as_when_each_was_rounded(seed: int) -> None:
    rng = np.random.default_rng(seed)
    for _ in range(300):
        size = int(rng.integers(0, 40))
        rows = np.sort(rng.integers(0, 4, size))
        columns = rng.permutation(size)  # a supplier's gaps are on different criteria
        # worths on and around the rounding's half-way points, equal ones, and far apart ones
        base = rng.choice([0.1234567895, 2.5, 7.000000001, 7.0000000015, 33.3333333335], size)
        nudge = rng.choice([0.0, 1e-12, -1e-12, 4e-10, -6e-10, 1e-9, 3e-9], size)
        worth = base + nudge
        found, expected = by_rounded_worth(rows, worth, columns), by_rounding_each(rows, worth, columns)
        assert np.array_equal(found, expected), (rows, worth, columns)


def test_a_categorical_target_cell_reads_as_a_column_holding_just_that_cell() -> None:
    """A categorical target is read from its answer; before, from a one-cell column through `read_values`."""
    table, config, _ = random_event(2, 12, "weighted_sum")
    result = score(table, config)
    scorer = WhatIfScorer(result, table)
    categorical = [c for c in result.criteria if c.method.kind == "categorical"]
    assert categorical
    cells = [
        "Yes",
        " no ",
        "YES",
        True,
        False,
        np.bool_(True),
        None,
        float("nan"),
        "",
        "   ",
        3,
        "Level 5",
        "n/a",
    ]
    for criterion in categorical:
        for value in cells:
            found = scorer.read_cell(criterion.key, value)
            expected = usable_values(criterion, read_values(pd.Series([value], dtype=object), criterion))[0]
            assert np.array_equal(found.numbers, expected.numbers, equal_nan=True), (criterion.key, value)
            for name in ("labels", "missing", "invalid"):
                assert np.array_equal(getattr(found, name), getattr(expected, name)), (
                    criterion.key,
                    value,
                    name,
                )
            assert (found.rejected is None) == (expected.rejected is None)


@pytest.mark.parametrize("seed", range(3))
def test_topsis_what_ifs_in_small_stacks_equal_those_in_one(seed: int, monkeypatch) -> None:
    """TOPSIS what-ifs go in stacks of a bounded size: where the stacks are cut changes nothing."""
    table, config, rng = random_event(seed, 20, "topsis")
    result = score(table, config)
    keys = [c.key for c in result.criteria if c.key not in {k.criterion for k in config.knockouts}]
    variants = [
        (
            int(rng.integers(len(result.suppliers))),
            {key: table.values[key].iloc[int(rng.integers(len(result.suppliers)))]},
        )
        for key in rng.choice(keys, size=25)
    ]
    in_one = WhatIfScorer(result, table).rescore_batch(variants)
    n, m = result.scores.shape
    monkeypatch.setattr(whatif_totals, "TABLE_CELLS", 3 * n * m)  # three tables a stack
    in_threes = WhatIfScorer(result, table).rescore_batch(variants)
    assert all(same(a, b) for a, b in zip(in_threes, in_one, strict=True))
    assert sum(outcome.others_move for outcome in in_one) > 0  # the stacks were used


@pytest.mark.parametrize("seed", range(5))
def test_topsis_what_ifs_from_todays_distances_equal_whole_tables(seed: int) -> None:
    """A TOPSIS what-if that keeps the field is worked out from today's geometry and distances, its
    changed columns (and a row whose cell gains or loses a score) again: bit for bit a whole table's."""
    table, config, rng = random_event(100 + seed, 30, "topsis")
    result = score(table, config)
    scorer = WhatIfScorer(result, table)
    keys = [c.key for c in result.criteria if c.key not in {k.criterion for k in config.knockouts}]
    by_columns: dict[tuple[int, ...], list] = {}
    for _ in range(40):
        i = int(rng.integers(len(result.suppliers)))
        chosen = rng.choice(keys, size=int(rng.integers(1, 3)), replace=False)
        changes = {
            key: None if rng.random() < 0.2 else table.values[key].iloc[int(rng.integers(len(table.values)))]
            for key in chosen
        }
        patch = scorer.columns(i, changes)
        if patch is not None:
            by_columns.setdefault(tuple(sorted(patch)), []).append((i, patch))
    kept = 0
    for columns, variants in by_columns.items():
        from_today = scorer.sums.kept_field(variants, list(columns))
        whole = scorer.sums.stack_outcomes(variants)
        for fast, full in zip(from_today, whole, strict=True):
            if fast is not None:
                kept += 1
                assert same(fast, full), (columns, fast, full)
    assert kept > 20  # the path is taken, lone columns and blanks among them
    assert any(len(columns) == 1 for columns in by_columns)


@pytest.mark.parametrize("seed", range(24))
def test_a_held_value_reads_and_scores_as_when_read_on_its_own(seed: int) -> None:
    """The plans take a best-in-class value's reading and score from the ranked supplier holding it
    (`WhatIfScorer.cell` with `BestInClass.rows`) instead of reading and scoring the value on its own:
    the same numbers, blanks and flags, and the same score against today's bar, bit for bit, on seeded
    random events with every method, blanks, unreadable cells, booleans, texts and integers."""
    from tests.opportunities.test_best_in_class import varied
    from tests.opportunities.test_plans_reference import punched

    rng_size = np.random.default_rng(900 + seed)
    table, config, rng = random_event(900 + seed, int(rng_size.integers(2, 40)), "weighted_sum")
    table = varied(punched(table, rng, share=float(rng.choice([0.0, 0.05, 0.2]))), rng)
    result = score(table, config)
    scorer = WhatIfScorer(result, table)
    checked, best = 0, best_in_class(result, table)
    for criterion in result.criteria:
        found = best.get(criterion.key)
        if found is None:
            continue
        assert len(found.rows) == len(found.values)
        for value, row in zip(found.values, found.rows, strict=True):
            assert not np.isnan(result.ranks[row])  # a ranked supplier holds it
            alone = scorer.read_cell(criterion.key, value)
            held, points = scorer.cell(criterion.key, value, row)
            for name in ("numbers", "missing", "invalid"):
                np.testing.assert_array_equal(getattr(held, name), getattr(alone, name), strict=True)
            assert (held.rejected is None or not held.rejected.any()) and (
                alone.rejected is None or not alone.rejected.any()
            )
            assert points == scorer.cell_points(criterion, alone), (criterion.key, value)
            checked += 1
    assert checked or np.isnan(result.ranks).all()


@pytest.mark.parametrize("seed", range(12))
def test_variants_known_to_move_others_equal_the_general_batch(seed: int) -> None:
    """`rescore_moving` (the changes known to move only the own row are not decided again, no variant
    is tried on its own row first) gives what `rescore_batch` gives, on variants closing two or three
    gaps of which one moves others' scores, under the weighted sum and TOPSIS."""
    aggregation = "topsis" if seed % 3 == 2 else "weighted_sum"
    table, config, rng = random_event(700 + seed, 25, aggregation)
    result = score(table, config)
    best = best_in_class(result, table)
    scorer = WhatIfScorer(result, table)
    variants, own = [], []
    for i in rng.permutation(len(result.suppliers)).tolist():
        keys = [c.key for c in result.criteria if c.key in best]
        chosen = [keys[k] for k in rng.choice(len(keys), size=min(3, len(keys)), replace=False)]
        changes = {key: best[key].values[-1] for key in chosen}
        known, moves = {}, False
        for key, value in changes.items():
            holds, points = scorer.own_row_scores(key, np.array([i]), value)
            if holds[0] and scorer.row_path:
                known[scorer.column_of[key]] = points
            else:
                moves = True
        if moves:
            variants.append((i, changes))
            own.append(known)
    assert variants
    moving, general = scorer.rescore_moving(variants, own), scorer.rescore_batch(variants)
    assert len(moving) == len(general) == len(variants)
    assert all(same(a, b) for a, b in zip(moving, general, strict=True)), (moving, general)


@pytest.mark.parametrize("seed", range(16))
def test_a_moved_average_sums_as_the_whole_new_column_does(seed: int) -> None:
    """A what-if moving the average that suppliers without data get ('neutral') is summed from the rows
    it changes, known without comparing columns (`averaged_rows`): the same outcome as the whole new
    column through `changed_rows` and as a full re-score, and every blank row's new total bit for bit."""
    from scorecard.opportunities.rescore import rescore
    from tests.opportunities.test_whatif import same

    table, config, _ = random_event(800 + seed, 30, "weighted_sum")
    result = score(table, config)
    best, scorer = best_in_class(result, table), WhatIfScorer(result, table)
    checked = 0
    for j, criterion in enumerate(result.criteria):
        missing = result.missing[:, j]
        if criterion.missing != "neutral" or criterion.key not in best or not missing.any():
            continue
        value = best[criterion.key].values[0]
        for i in np.flatnonzero(~missing & result.qualified).tolist():
            holds, points, averages = scorer.moved_average(criterion.key, np.array([i]), value)
            if not holds[0]:
                continue
            column = result.scores[:, j].copy()
            column[i] = points
            column[missing] = averages[0]
            fast = scorer.sums.averaged_rows(np.array([i]), np.array([j]), np.array([points]), averages)[0]
            assert same(fast, scorer.sums.changed_rows([(i, {j: column})])[0])
            assert same(fast, rescore(result, table, result.suppliers[i], {criterion.key: value}))
            blanks = np.flatnonzero(missing)
            scores = result.scores[blanks]
            scores[:, j] = averages[0]
            k = np.arange(len(blanks))
            found = scorer.sums.patched_totals(blanks, k, np.full(len(k), j), np.full(len(k), averages[0]))
            expected = scorer.sums.row_totals(blanks, scores)
            np.testing.assert_array_equal(found[0], expected[0], strict=True)
            np.testing.assert_array_equal(found[1], expected[1], strict=True)
            checked += 1
    assert checked or not any(c.missing == "neutral" for c in result.criteria)


@pytest.mark.parametrize("seed", range(16))
def test_a_criterion_marked_own_row_only_moves_only_the_own_row_for_every_held_value(seed: int) -> None:
    """`WhatIfScorer.own_row_only` lets the plans skip `own_row_scores` for such a criterion's held
    values: for every held value and every supplier it decides the same (moves only the own row, at the
    holder's score); and the criteria it leaves out include ones where some supplier's row does not."""
    table, config, _ = random_event(1000 + seed, 25, "weighted_sum")
    result = score(table, config)
    best, scorer = best_in_class(result, table), WhatIfScorer(result, table)
    everyone = np.arange(len(result.suppliers))
    for j, criterion in enumerate(result.criteria):
        if criterion.key not in best or not scorer.own_row_only[j]:
            continue
        for value, row in zip(best[criterion.key].values, best[criterion.key].rows, strict=True):
            holds, points = scorer.own_row_scores(criterion.key, everyone, value)
            assert holds.all(), (criterion.key, value)
            assert points == result.scores[row, j]
    assert not scorer.own_row_only.all()


@pytest.mark.parametrize("seed", range(20))
def test_gaps_by_target_are_those_found_by_searching_each_pair(seed: int) -> None:
    """`by_target` (one sort) gives each (criterion, target) pair's gaps as searching for the pair did:
    the same pairs, each with the same positions in order."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(0, 60))
    columns, picks = rng.integers(0, 7, size=n), rng.integers(0, 3, size=n)
    expected = {
        (j, pick): np.flatnonzero((columns == j) & (picks == pick)).tolist()
        for j, pick in dict.fromkeys(zip(columns.tolist(), picks.tolist(), strict=True))
    }
    found = {(j, pick): at.tolist() for j, pick, at in by_target(columns, picks)}
    assert found == expected


@pytest.mark.parametrize("seed", range(6))
def test_a_moved_column_is_worked_out_once_and_equals_a_fresh_one(seed: int) -> None:
    """A plan's steps close a gap that moved others' scores again: its column is kept (read-only) and
    equals working it out afresh, for every supplier and criterion."""
    table, config, _ = random_event(1100 + seed, 12, "weighted_sum")
    result = score(table, config)
    best, scorer = best_in_class(result, table), WhatIfScorer(result, table)
    for j, criterion in enumerate(result.criteria):
        if criterion.key not in best:
            continue
        value = best[criterion.key].values[-1]
        for i in range(len(result.suppliers)):
            first = scorer.moved_column(i, criterion.key, value)
            assert scorer.moved_column(i, criterion.key, value) is first
            fresh = scorer.column_scores(criterion, scorer.values_with(criterion.key, i, value))
            np.testing.assert_array_equal(first, fresh, strict=True)
            assert not first.flags.writeable
            assert j == scorer.column_of[criterion.key]


@pytest.mark.parametrize("seed", range(10))
def test_a_moved_average_column_equals_the_column_worked_out_afresh(seed: int) -> None:
    """After `moved_average`, a step closing the same gap builds its column from the new score and the
    blanks' new average: bit for bit the column the engine's functions work out afresh."""
    table, config, _ = random_event(1200 + seed, 30, "weighted_sum")
    result = score(table, config)
    best, scorer = best_in_class(result, table), WhatIfScorer(result, table)
    checked = 0
    for criterion in result.criteria:
        if criterion.missing != "neutral" or criterion.key not in best:
            continue
        value = best[criterion.key].values[0]
        everyone = np.arange(len(result.suppliers))
        holds, _, _ = scorer.moved_average(criterion.key, everyone, value)
        for i in np.flatnonzero(holds).tolist():
            found = scorer.moved_column(i, criterion.key, value)
            fresh = scorer.column_scores(criterion, scorer.values_with(criterion.key, i, value))
            np.testing.assert_array_equal(found, fresh, strict=True)
            checked += 1
    assert checked or not any(c.missing == "neutral" for c in result.criteria)
