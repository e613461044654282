"""Shared by the engine's tests: one-criterion scoring, score comparison, the two-criterion settings."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from scorecard.score import score

LINEAR_0_100 = {"type": "linear", "worst": 0, "best": 100}


def one_criterion_scores(factory, method: Any, values: list[object], **spec: Any) -> list[float]:
    """Scores of suppliers S1..Sn on a single criterion `c`."""
    config = factory.config(factory.criterion("c", method, **spec))
    result = score(factory.column("c", values), config)
    return result.scores[:, 0].tolist()


def assert_scores(actual: list[float], expected: list[float]) -> None:
    assert len(actual) == len(expected)
    for got, want in zip(actual, expected, strict=True):
        if want is None or (isinstance(want, float) and math.isnan(want)):
            assert math.isnan(got)
        else:
            assert got == pytest.approx(want, abs=1e-9)


def assert_contributions_add_up(result) -> None:
    scored = ~np.isnan(result.totals)
    assert np.all(np.abs(result.contributions[scored].sum(axis=1) - result.totals[scored]) <= 1e-9)
    assert np.all(result.contributions[~scored] == 0)


def two_criteria(factory, missing_b: str = "worst", **kwargs: Any):
    return factory.config(
        factory.criterion("a", LINEAR_0_100, weight=1),
        factory.criterion("b", LINEAR_0_100, weight=1, missing=missing_b),
        **kwargs,
    )
