"""Scoring methods: hand-computed scores for every method, their domains, degenerate fields, and the field that sets a relative method's bar."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from scorecard.score import Note, NoteKind, score
from scorecard.tables import handling_text, note_lines
from tests.score.support import (
    assert_scores,
    one_criterion_scores,
)

HAND_COMPUTED = [
    pytest.param("min_max", [10, 20, 40], "higher", [0, 100 / 3, 100], id="min_max-higher"),
    pytest.param("min_max", [10, 20, 40], "lower", [100, 200 / 3, 0], id="min_max-lower"),
    pytest.param("min_max", [-10, 0, 10], "higher", [0, 50, 100], id="min_max-negatives-and-zero"),
    # Crown Commercial's example: bids of 15k, 10k and 30k score 0.667, 1 and 0.333 of the points
    pytest.param(
        "ratio_to_best", [15_000, 10_000, 30_000], "lower", [200 / 3, 100, 100 / 3], id="ratio_to_best-lower"
    ),
    pytest.param("ratio_to_best", [50, 100, 25, 0], "higher", [50, 100, 25, 0], id="ratio_to_best-higher"),
    pytest.param(
        {"type": "linear", "worst": 30, "best": 90},
        [30, 60, 90, 120, 0],
        "higher",
        [0, 50, 100, 100, 0],
        id="linear-clips-outside-the-bounds",
    ),
    pytest.param(
        {"type": "linear", "worst": 1500, "best": 50},
        [775, 50, 2000, -3],
        "lower",
        [50, 100, 0, 100],
        id="linear-lower",
    ),
    pytest.param(
        {"type": "target", "target": 80, "tolerance": 25},
        [80, 90, 70, 55, 110],
        "higher",
        [100, 60, 60, 0, 0],
        id="target-falls-linearly-either-side",
    ),
    pytest.param(
        {
            "type": "steps",
            "steps": [{"at_least": 98, "score": 100}, {"at_least": 95, "score": 70}],
            "otherwise": 30,
        },
        [99, 98, 96.5, 95, 94.99],
        "higher",
        [100, 100, 70, 70, 30],
        id="steps-higher-boundaries-included",
    ),
    pytest.param(
        {"type": "steps", "steps": [{"at_most": 4, "score": 80}, {"at_most": 1, "score": 100}]},
        [0.5, 1, 3, 4, 5],
        "lower",
        [100, 100, 80, 80, 0],
        id="steps-lower",
    ),
    pytest.param(
        {"type": "categorical", "points": {"Low": 100, "Medium": 60, "High": 10}},
        ["low", " High ", "Medium"],
        "higher",
        [100, 10, 60],
        id="categorical-ignores-case-and-spaces",
    ),
    pytest.param(
        {"type": "categorical", "points": {"Yes": 100, "No": 0}},
        [True, False, "yes"],
        "higher",
        [100, 0, 100],
        id="yes_no-accepts-booleans-from-the-clean-stage",
    ),
    pytest.param(
        {"type": "log_ratio", "a": 2},
        [100, 150, 200, 400],
        "lower",
        [100, 100 * (1 - math.log(1.5) / math.log(2)), 0, 0],
        id="log_ratio",
    ),
]


@pytest.mark.parametrize(("method", "values", "direction", "expected"), HAND_COMPUTED)
def test_each_method_by_hand(
    factory, method: Any, values: list[object], direction: str, expected: list[float]
) -> None:
    assert_scores(one_criterion_scores(factory, method, values, direction=direction), expected)


def test_all_suppliers_equal_score_100_with_a_note(factory) -> None:
    config = factory.config(factory.criterion("a", "min_max"))
    result = score(factory.column("a", [7, 7, 7]), config)
    assert result.scores[:, 0].tolist() == [100, 100, 100]
    assert result.ranks.tolist() == [1, 1, 1]
    assert any("same value (7)" in text and "score 100" in text for _, text in note_lines(result))


def test_notes_are_typed_records(factory) -> None:
    """The engine keeps what it noticed (kind, criterion, figure); the words are written in scorecard.tables."""
    config = factory.config(
        factory.criterion("a", "min_max"), factory.criterion("cost", "ratio_to_best", direction="lower")
    )
    result = score(factory.table({"S1": {"a": 7, "cost": 0}, "S2": {"a": 7, "cost": 100}}), config)
    a, cost = config.criteria
    assert Note(NoteKind.SAME_VALUE, a, 7.0) in result.notes
    assert Note(NoteKind.OUT_OF_DOMAIN, cost) in result.notes
    assert all(isinstance(note, Note) for note in result.notes)


def test_a_single_supplier_is_best_on_every_relative_method(factory) -> None:
    config = factory.config(
        factory.criterion("a", "min_max"),
        factory.criterion("b", "ratio_to_best", direction="lower"),
        factory.criterion("c", {"type": "log_ratio", "a": 2}, direction="lower"),
    )
    result = score(factory.table({"Only": {"a": 3, "b": 1200, "c": 5}}), config)
    assert result.scores.tolist() == [[100, 100, 100]]
    assert result.totals[0] == pytest.approx(100, abs=1e-9) and result.ranks.tolist() == [1]
    assert result.bands[0].name == "Green"


def test_ratio_lower_rejects_zero_and_negatives_and_flags_them(factory) -> None:
    config = factory.config(factory.criterion("cost", "ratio_to_best", direction="lower"))
    result = score(factory.column("cost", [0, -5, 200, 100]), config)
    assert_scores(result.scores[:, 0].tolist(), [0, 0, 50, 100])
    assert result.invalid[:, 0].tolist() == [True, True, False, False]
    assert any("0 or below cannot be scored" in text for _, text in note_lines(result))


def test_log_ratio_rejects_zero_and_negatives_and_steps_take_them(factory) -> None:
    config = factory.config(
        factory.criterion("price", {"type": "log_ratio", "a": 2}, direction="lower", missing="exclude"),
        factory.criterion(
            "margin", {"type": "steps", "steps": [{"at_least": 0, "score": 100}], "otherwise": 20}, weight=0
        ),
    )
    result = score(
        factory.table({"S1": {"price": 0, "margin": -3}, "S2": {"price": 50, "margin": 0}}), config
    )
    assert np.isnan(result.scores[0, 0]) and result.invalid[0, 0]
    assert result.scores[:, 1].tolist() == [20, 100]
    assert handling_text(result, 0, 0).startswith(
        "0 cannot be scored by log ratio (a value must be above 0): is left out"
    )


def test_ratio_higher_accepts_zero_but_not_negatives(factory) -> None:
    config = factory.config(factory.criterion("a", "ratio_to_best"))
    result = score(factory.column("a", [0, -1, 50]), config)
    assert result.scores[:, 0].tolist() == [0, 0, 100]
    assert result.invalid[:, 0].tolist() == [False, True, False]
    assert any("below 0 cannot be scored" in text for _, text in note_lines(result))


def test_ratio_higher_with_every_value_zero_gives_100_with_a_note(factory) -> None:
    config = factory.config(factory.criterion("a", "ratio_to_best"))
    result = score(factory.column("a", [0, 0]), config)
    assert result.scores[:, 0].tolist() == [100, 100]
    assert any("has 0" in text for _, text in note_lines(result))


def test_relative_methods_fall_back_to_the_whole_field_when_nobody_qualifies(factory) -> None:
    config = factory.config(
        factory.criterion("cost", "min_max", direction="lower"),
        factory.criterion("iso", {"type": "categorical", "points": {"Yes": 100, "No": 0}}),
        knockouts=[{"criterion": "iso", "must_be": "Yes"}],
    )
    result = score(
        factory.table({"S1": {"cost": 100, "iso": "No"}, "S2": {"cost": 200, "iso": "No"}}), config
    )
    assert not result.qualified.any()
    assert result.scores[:, 0].tolist() == [100, 0]
    assert not result.missing.any()
    assert any("disqualified suppliers' values set the bar" in text for _, text in note_lines(result))


def test_disqualified_suppliers_do_not_set_the_bar(factory) -> None:
    config = factory.config(
        factory.criterion("cost", "min_max", direction="lower"),
        factory.criterion("iso", {"type": "categorical", "points": {"Yes": 100, "No": 0}}),
        knockouts=[{"criterion": "iso", "must_be": "Yes"}],
    )
    records = {
        "A": {"cost": 100, "iso": "Yes"},
        "B": {"cost": 200, "iso": "Yes"},
        "Cheap but uncertified": {"cost": 10, "iso": "No"},
    }
    result = score(factory.table(records), config)
    assert result.scores[:, 0].tolist() == [100, 0, 100]  # clipped: it cannot score above the best
    assert result.ranks[:2].tolist() == [1, 2]


def test_categorical_points_are_the_same_for_repeated_labels(factory) -> None:
    config = factory.config(
        factory.criterion("risk", {"type": "categorical", "points": {"Low": 100, "High": 0}})
    )
    result = score(factory.column("risk", ["low", "High", " LOW ", None, "odd", "High"]), config)
    assert_scores(result.scores[:, 0].tolist(), [100, 0, 100, 0, 0, 0])
    assert result.invalid[:, 0].tolist() == [False, False, False, False, True, False]
