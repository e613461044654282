"""The engine's batched paths against the plain computations they replaced, bit for bit, on seeded
random inputs: shares and totals without masked writes, weighted scores written over the shares,
steps without `np.select`, every criterion clipped and filled at once instead of one at a time.

Each reference below is the obvious numpy (or per-criterion) computation the engine used before;
a faster path that moves a single bit fails here, not in a buyer's total.
"""

from __future__ import annotations

import pickle
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import numpy as np
import pytest

from scorecard.score import method_scores, score
from scorecard.score.engine import qualify, read_criteria, score_criteria
from scorecard.score.methods.steps import steps_scores
from scorecard.score.missing import left_out_criteria, policy_fill
from scorecard.score.scratch import KEPT_AT_MOST, scratch
from scorecard.score.supplier_arrays import SupplierArrays, transposed
from scorecard.score.weights import (
    category_averages,
    category_shares,
    gaps_in,
    shares_by_criterion,
    weighted_cells,
)
from tests.score.test_reference import random_event


def random_scores(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(criterion, supplier) scores with gaps (a few sparse rows, sometimes a whole row, -0.0 too),
    counted shares (some 0) and who has no total."""
    m, n = int(rng.integers(1, 40)), int(rng.integers(1, 300))
    scores = np.round(rng.uniform(0.0, 100.0, (m, n)), int(rng.integers(0, 4)))
    scores[rng.random((m, n)) < 0.05] = -0.0
    for j in rng.choice(m, size=int(rng.integers(0, m + 1)), replace=False):
        scores[j][rng.random(n) < rng.choice([0.02, 0.3, 1.0])] = np.nan
    counted = rng.random(m) * (rng.random(m) > 0.2)
    if not counted.any():
        counted[0] = 1.0
    counted /= counted.sum()
    return scores, counted, rng.random(n) < 0.1


def masked_shares(
    scores: np.ndarray, counted: np.ndarray, no_total: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The shares as worked out before: masked terms, numpy's own column sums, one division."""
    terms = np.where(np.isnan(scores) | no_total, 0.0, counted[:, None])
    totals = np.ascontiguousarray(terms.T).sum(axis=1)
    scored = totals > 0
    return terms / np.where(scored, totals, 1.0), scored


@pytest.mark.parametrize("seed", range(60))
def test_shares_weighted_scores_and_categories_equal_the_masked_computation(factory, seed: int) -> None:
    rng = np.random.default_rng(seed)
    scores, counted, no_total = random_scores(rng)
    expected_shares, expected_scored = masked_shares(scores, counted, no_total)
    expected_weighted = expected_shares * scores
    expected_weighted[np.isnan(scores)] = 0.0
    for gaps in (None, gaps_in(scores)):
        shares, scored = shares_by_criterion(scores, counted, no_total, gaps)
        assert shares.tobytes() == expected_shares.tobytes()
        assert scored.tolist() == expected_scored.tolist()
    categories = tuple(f"k{c}" for c in range(int(rng.integers(1, 5))))
    template = factory.config(factory.criterion("c")).criteria[0]
    criteria = tuple(  # members of a category apart as well as together
        replace(template, key=f"c{j}", category=str(rng.choice(categories))) for j in range(len(scores))
    )
    share_sums = category_shares(categories, criteria, shares)
    weighted = weighted_cells(scores, shares, gaps_in(scores), out=shares)  # written over the shares
    assert weighted is shares and weighted.tobytes() == expected_weighted.tobytes()
    expected_categories = np.full((scores.shape[1], len(categories)), np.nan)
    for k, key in enumerate(categories):
        rows = [j for j, c in enumerate(criteria) if c.category == key]
        w = np.ascontiguousarray(expected_shares[rows].T).sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            sums = np.ascontiguousarray(expected_weighted[rows].T).sum(axis=1)
            expected_categories[:, k] = np.where(w > 0, sums / w, np.nan)
    assert category_averages(share_sums, weighted).tobytes() == expected_categories.tobytes()


@pytest.mark.parametrize("seed", range(20))
def test_steps_equal_np_select(factory, seed: int) -> None:
    rng = np.random.default_rng(seed)
    direction = str(rng.choice(["higher", "lower"]))
    # the settings want better values to earn more: best limit first, points falling
    limits = sorted(
        rng.choice(np.arange(5, 95), size=int(rng.integers(1, 5)), replace=False).tolist(),
        reverse=direction == "higher",
    )
    points = sorted(rng.choice(np.arange(10, 101), size=len(limits), replace=False).tolist(), reverse=True)
    word = "at_least" if direction == "higher" else "at_most"
    steps = [{word: float(limit), "score": float(p)} for limit, p in zip(limits, points, strict=True)]
    method = {"type": "steps", "steps": steps, "otherwise": float(rng.integers(0, 10))}
    parsed = factory.config(factory.criterion("c", method, direction=direction)).criteria[0]
    shuffled = replace(
        parsed, method=replace(parsed.method, steps=tuple(rng.permutation(parsed.method.steps)))
    )
    x = rng.uniform(0, 100, 500)
    x[rng.random(500) < 0.1] = np.nan
    x[:4] = [limits[0], limits[-1], -np.inf, np.inf]
    for criterion in (parsed, shuffled):  # the first step reached wins, in whatever order they come
        m = criterion.method
        higher = direction == "higher"
        conditions = [(x >= s.limit) if higher else (x <= s.limit) for s in m.steps]
        expected = np.select(conditions, [s.points for s in m.steps], default=m.otherwise).astype(float)
        assert steps_scores(criterion, x, np.ones(500, dtype=bool))[0].tobytes() == expected.tobytes()


@pytest.mark.parametrize("seed", range(40))
def test_criteria_scored_at_once_equal_one_criterion_at_a_time(factory, seed: int) -> None:
    config, table = random_event(factory, seed)
    config = replace(config, knockouts_enabled=bool(seed % 2))
    criteria = config.criteria
    values, _ = read_criteria(table, criteria)
    left_out = left_out_criteria(criteria, values, ())
    counted = config.counted_shares(left_out) if left_out else config.counted_shares()
    field, _ = qualify(table, config, values, counted, ())
    cells, _ = score_criteria(criteria, values, field.qualified, left_out)
    for j, c in enumerate(criteria):
        if c.key in left_out:
            assert np.isnan(cells.scores[j]).all()
            continue
        v = values[c.key]
        column, _ = method_scores(c, v, field.qualified)
        fill, _ = policy_fill(c, column, v.missing, field.qualified)
        column[v.missing] = fill
        assert cells.scores[j].tobytes() == column.tobytes(), c.key
        assert (j in cells.gaps) == bool(np.isnan(column).any())
        if j in cells.gaps:
            assert cells.gaps[j].tolist() == np.isnan(column).tolist()


def test_the_results_arrays_are_made_when_read_as_c_ordered_copies(factory) -> None:
    config, table = random_event(factory, 3)
    result = score(table, config)
    assert not result.by_supplier._made  # nothing made until read
    scores = result.scores
    assert scores is result.scores  # made once
    for array in (result.scores, result.weights, result.contributions):
        # C order: a reader's row sums come out in numpy's usual order
        assert array.flags.c_contiguous and array.shape == (len(result.suppliers), len(result.criteria))
    ranked = ~np.isnan(result.totals)
    assert np.allclose(result.contributions.sum(axis=1)[ranked], result.totals[ranked])
    assert (result.contributions[~ranked] == 0).all()


def test_arrays_made_when_read_are_made_once_across_threads_and_pickle_as_arrays() -> None:
    calls = []

    def make() -> np.ndarray:
        calls.append(1)
        return np.arange(6.0).reshape(2, 3)

    arrays = SupplierArrays(cells=make, flipped=transposed(np.arange(6.0).reshape(3, 2)))
    with ThreadPoolExecutor(4) as pool:
        seen = list(pool.map(lambda _: arrays["cells"], range(16)))
    assert all(a is seen[0] for a in seen)  # every reader gets the one array kept
    copy = pickle.loads(pickle.dumps(arrays))
    assert copy["cells"].tolist() == seen[0].tolist()
    assert copy["flipped"].tolist() == [[0.0, 2.0, 4.0], [1.0, 3.0, 5.0]]
    assert copy["flipped"].flags.c_contiguous


def test_a_result_read_after_other_scorings_on_its_thread_is_unchanged(factory) -> None:
    # the engine's working array (`scratch`) is reused by the next call: nothing a result keeps may
    # refer to it, so reading a result after other scorings gives what reading it at once gave
    (config, table), (other_config, other_table) = random_event(factory, 5), random_event(factory, 6)
    first = score(table, config)
    at_once = score(table, config)
    expected = [at_once.scores.copy(), at_once.weights.copy(), at_once.contributions.copy()]
    for _ in range(3):
        score(other_table, other_config)
    for got, want in zip((first.scores, first.weights, first.contributions), expected, strict=True):
        assert got.tobytes() == want.tobytes()
    assert first.category_scores.tobytes() == at_once.category_scores.tobytes()


def test_the_working_array_is_one_per_thread_reused_and_never_kept_when_huge() -> None:
    first = scratch((3, 4))
    assert np.shares_memory(first, scratch((2, 5)))  # the same buffer, call after call
    with ThreadPoolExecutor(1) as pool:
        elsewhere = pool.submit(scratch, (3, 4)).result()
    assert not np.shares_memory(first, elsewhere)  # another thread scores with its own
    huge = scratch((1, KEPT_AT_MOST + 1))
    assert not np.shares_memory(huge, scratch((3, 4)))  # a one-off giant array is not held on to
