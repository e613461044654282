"""Consensus by hand (mean, median, trimmed mean, evaluator weights), the flag at the threshold, and the maths as properties."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorecard.errors import Severity
from scorecard.panel import (
    group_consensus,
)
from tests.panel.data import pair, run


def test_mean_by_hand() -> None:
    # (1 + 2 + 4) / 3 = 2.3333
    result = run(
        [
            ("Anna", "Acme Ltd", "Responsiveness", 1),
            ("Ben", "Acme Ltd", "Responsiveness", 2),
            ("Cleo", "Acme Ltd", "Responsiveness", 4),
        ]
    )
    assert result.consensus.loc["Acme Ltd", "responsiveness"] == pytest.approx(7 / 3)
    row = pair(result, "Acme Ltd", "responsiveness")
    assert (row["count"], row["min"], row["max"], row["spread"]) == (3, 1, 4, 3)


def test_median_by_hand_odd_and_even() -> None:
    rows = [
        ("Anna", "Acme Ltd", "Responsiveness", 1),
        ("Ben", "Acme Ltd", "Responsiveness", 2),
        ("Cleo", "Acme Ltd", "Responsiveness", 4),  # sorted 1, 2, 4 -> middle one: 2
        ("Anna", "Cobalt SA", "Innovation", 1),
        ("Ben", "Cobalt SA", "Innovation", 2),
        ("Cleo", "Cobalt SA", "Innovation", 3),
        ("Dev", "Cobalt SA", "Innovation", 4),  # (2 + 3) / 2 = 2.5
    ]
    result = run(rows, {"consensus": "median"})
    assert result.consensus.loc["Acme Ltd", "responsiveness"] == 2
    assert result.consensus.loc["Cobalt SA", "innovation"] == 2.5


def test_trimmed_mean_by_hand() -> None:
    # five ratings 0, 2, 3, 3, 4; trim 0.2 sets aside floor(0.2 x 5) = 1 at each end (0 and 4):
    # (2 + 3 + 3) / 3 = 2.6667, where the plain mean is 12 / 5 = 2.4
    five = [(name, "Acme Ltd", "Innovation", r) for name, r in zip("ABCDE", (3, 0, 4, 2, 3), strict=True)]
    # three ratings: floor(0.2 x 3) = 0 set aside, so the trimmed mean is the mean (1 + 1 + 4) / 3 = 2
    three = [(name, "Borealis GmbH", "Innovation", r) for name, r in zip("ABC", (1, 4, 1), strict=True)]
    result = run(five + three, {"consensus": "trimmed_mean", "trim_share": 0.2})
    assert result.consensus.loc["Acme Ltd", "innovation"] == pytest.approx(8 / 3)
    assert result.consensus.loc["Borealis GmbH", "innovation"] == pytest.approx(2.0)
    # trim 0.4: floor(0.4 x 5) = 2 at each end leaves the middle 3
    result = run(five, {"consensus": "trimmed_mean", "trim_share": 0.4})
    assert result.consensus.loc["Acme Ltd", "innovation"] == 3
    assert run(five).consensus.loc["Acme Ltd", "innovation"] == pytest.approx(2.4)


def test_evaluator_weights_by_hand() -> None:
    rows = [
        ("Anna", "Acme Ltd", "Innovation", 4),
        ("Ben", "Acme Ltd", "Innovation", 1),
        ("Cleo", "Acme Ltd", "Innovation", 1),
    ]
    # weighted mean: (2 x 4 + 1 x 1 + 1 x 1) / (2 + 1 + 1) = 10 / 4 = 2.5; unweighted 6 / 3 = 2
    result = run(rows, {"evaluator_weights": {"anna": 2}})  # names compare ignoring case
    assert result.consensus.loc["Acme Ltd", "innovation"] == pytest.approx(2.5)
    assert run(rows).consensus.loc["Acme Ltd", "innovation"] == pytest.approx(2.0)
    # weighted median, weights 1, 1, 3 on sorted ratings 1, 1, 4: cumulative 1, 2, 5 of 5;
    # half (2.5) is first reached at the rating 4
    result = run(rows, {"consensus": "median", "evaluator_weights": {"Anna": 3}})
    assert result.consensus.loc["Acme Ltd", "innovation"] == 4
    # weights 1, 1, 2: cumulative 1, 2, 4 of 4 lands exactly on half at the second 1: (1 + 4) / 2
    result = run(rows, {"consensus": "median", "evaluator_weights": {"Anna": 2}})
    assert result.consensus.loc["Acme Ltd", "innovation"] == 2.5


def test_weighted_trimmed_mean_by_hand() -> None:
    # ratings 0 (A), 2 (B, weight 3), 3 (C), 3 (D), 4 (E): 0 and 4 set aside;
    # (3 x 2 + 3 + 3) / (3 + 1 + 1) = 12 / 5 = 2.4
    rows = [(name, "Acme Ltd", "Innovation", r) for name, r in zip("ABCDE", (0, 2, 3, 3, 4), strict=True)]
    result = run(rows, {"consensus": "trimmed_mean", "trim_share": 0.2, "evaluator_weights": {"B": 3}})
    assert result.consensus.loc["Acme Ltd", "innovation"] == pytest.approx(2.4)


def test_weight_for_an_evaluator_who_rated_nothing_is_reported() -> None:
    result = run([("Anna", "Acme Ltd", "Innovation", 3)], {"evaluator_weights": {"Anne": 2}})
    assert any("Anne" in f.message and f.severity == Severity.WARNING for f in result.findings)


def test_disagreement_is_flagged_at_the_threshold_and_not_below() -> None:
    rows = [
        ("Anna", "Acme Ltd", "Innovation", 1),
        ("Ben", "Acme Ltd", "Innovation", 3),  # range 2: flagged
        ("Anna", "Borealis GmbH", "Innovation", 1),
        ("Ben", "Borealis GmbH", "Innovation", 2.5),  # 1.5
        ("Anna", "Cobalt SA", "Innovation", 4),
    ]  # a single rating has no spread to flag
    result = run(rows)
    assert pair(result, "Acme Ltd", "innovation")["flagged"]
    assert not pair(result, "Borealis GmbH", "innovation")["flagged"]
    assert not pair(result, "Cobalt SA", "innovation")["flagged"]
    assert set(result.disagreements["supplier"]) == {"Acme Ltd"}
    assert list(result.disagreements["evaluator"]) == ["Anna", "Ben"]
    # configurable: at 1.5 Borealis is flagged too; at 3 neither
    assert pair(run(rows, {"disagreement_range": 1.5}), "Borealis GmbH", "innovation")["flagged"]
    assert run(rows, {"disagreement_range": 3}).flagged_count == 0


ratings_strategy = st.lists(
    st.tuples(st.integers(0, 5), st.integers(0, 4), st.integers(1, 3)), min_size=0, max_size=40
)


@settings(max_examples=150, deadline=None)
@given(
    ratings_strategy, st.sampled_from(["mean", "median", "trimmed_mean"]), st.sampled_from([0.0, 0.2, 0.34])
)
def test_group_consensus_matches_a_plain_computation(rows, method, trim) -> None:
    groups = np.array([g for g, _, _ in rows], dtype=np.int64)
    values = np.array([r for _, r, _ in rows], dtype=float)
    weights = np.array([w for _, _, w in rows], dtype=float)
    stats = group_consensus(groups, values, weights, 6, method, trim)
    for g in range(6):
        mine = [(r, w) for gg, r, w in rows if gg == g]
        assert stats.count[g] == len(mine)
        if not mine:
            assert math.isnan(stats.consensus[g])
            continue
        # expand each rating by its (integer) weight: weighting is then plain repetition
        expanded = sorted(r for r, w in mine for _ in range(w))
        rs = sorted(r for r, _ in mine)
        if method == "mean":
            expected = float(np.mean(expanded))
        elif method == "median":
            expected = float(np.median(expanded))
        else:
            cut = math.floor(len(rs) * trim + 1e-9)
            # ties at a cut with different weights: the function sets aside the earlier rating (stable order)
            order = sorted(range(len(mine)), key=lambda k: mine[k][0])
            kept = [mine[k] for k in order[cut : len(mine) - cut]]
            expected = sum(r * w for r, w in kept) / sum(w for _, w in kept)
        assert stats.consensus[g] == pytest.approx(expected)
        assert min(rs) - 1e-9 <= stats.consensus[g] <= max(rs) + 1e-9
        assert (stats.lowest[g], stats.highest[g]) == (min(rs), max(rs))
