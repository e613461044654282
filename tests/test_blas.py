"""The analyses' small products run on one BLAS thread, and give the same numbers as on several."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from typing import Any

import numpy as np
import pandas as pd
import pytest
from threadpoolctl import threadpool_info, threadpool_limits

from scorecard import blas
from scorecard.config import CATEGORIES
from scorecard.score import ScoreResult, score
from scorecard.sensitivity import sensitivity
from scorecard.suppliers import SupplierTable
from tests.sensitivity.problems import linear, make_config


def blas_threads() -> list[int]:
    return [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]


needs_blas = pytest.mark.skipif(not blas_threads(), reason="numpy's BLAS is not one threadpoolctl can set")


@needs_blas
def test_one_thread_inside_and_the_threads_given_back_after() -> None:
    with threadpool_limits(2, user_api="blas"):
        before = blas_threads()
        assert before and all(n >= 1 for n in before)
        with blas.one_blas_thread():
            assert set(blas_threads()) == {1}
        assert blas_threads() == before


def large_event(seed: int, aggregation: str) -> ScoreResult:
    """300 suppliers x 24 criteria with 5% gaps: products large enough for OpenBLAS to use its threads."""
    rng = np.random.default_rng(seed)
    keys = [f"c{i}" for i in range(24)]
    categories: dict[str, Any] = {
        category: {
            "weight": float(rng.integers(1, 10)),
            "criteria": [
                linear(key, float(rng.integers(1, 10)), str(rng.choice(["worst", "exclude"])))
                for key in keys[6 * n : 6 * n + 6]
            ],
        }
        for n, category in enumerate(list(CATEGORIES)[:4])
    }
    records = {
        f"S{i}": {key: None if rng.random() < 0.05 else float(rng.uniform(0, 100)) for key in keys}
        for i in range(300)
    }
    return score(SupplierTable.from_records(records), make_config(categories, aggregation))


@needs_blas
@pytest.mark.parametrize(("seed", "aggregation"), [(1, "weighted_sum"), (2, "weighted_sum"), (3, "topsis")])
def test_the_analysis_is_the_same_on_one_thread_as_on_two(
    seed: int, aggregation: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = large_event(seed, aggregation)
    on_one = sensitivity(result, draws=2000)

    class NoLimit:
        def limit(self, **kwargs: object) -> nullcontext[None]:
            return nullcontext()

    monkeypatch.setattr(blas, "loaded_libraries", NoLimit)
    with threadpool_limits(2, user_api="blas"):
        assert set(blas_threads()) == {2}
        on_two = sensitivity(result, draws=2000)
    pd.testing.assert_frame_equal(on_one.probabilities.table, on_two.probabilities.table, check_exact=True)
    pd.testing.assert_frame_equal(on_one.stability.table, on_two.stability.table, check_exact=True)
    assert on_one.verdict == on_two.verdict


def test_the_libraries_are_looked_up_again_after_an_import(monkeypatch: pytest.MonkeyPatch) -> None:
    first = blas.loaded_libraries()
    assert blas.loaded_libraries() is first
    monkeypatch.setitem(sys.modules, "a_module_that_brings_its_own_blas", object())
    assert blas.loaded_libraries() is not first
