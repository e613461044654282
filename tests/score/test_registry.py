"""The method and aggregation registries: every name the settings accept has exactly one unit, and a
new unit is found by the engine from its registration alone."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from scorecard.config import AGGREGATIONS, METHOD_KINDS
from scorecard.score import METHODS, RELATIVE_METHODS, Note, NoteKind, method_scores, read_values, score
from scorecard.score.aggregation import AGGREGATORS
from scorecard.score.aggregation import register as register_aggregation
from scorecard.score.engine import side_by_side
from scorecard.score.methods import Domain, ScoringMethod, register
from scorecard.score.weights import category_scores, members_of, supplier_shares
from scorecard.suppliers import SupplierTable


def test_every_method_the_settings_accept_has_one_unit() -> None:
    assert set(METHODS) == set(METHOD_KINDS)
    assert all(method.kind == kind for kind, method in METHODS.items())


def test_every_aggregation_the_settings_accept_has_one_unit() -> None:
    assert set(AGGREGATORS) == set(AGGREGATIONS)


def test_relative_methods_are_one_frozenset_read_from_the_registry() -> None:
    assert isinstance(RELATIVE_METHODS, frozenset)
    assert {"min_max", "ratio_to_best", "log_ratio"} == RELATIVE_METHODS  # the field sets their bar


def test_a_name_registered_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="twice"):
        register(ScoringMethod("min_max", METHODS["min_max"].scores))
    with pytest.raises(ValueError, match="twice"):
        register_aggregation("topsis", AGGREGATORS["topsis"])


def test_a_new_method_is_used_from_its_registration_alone(factory, monkeypatch) -> None:
    """What adding a method means: one scoring function registered under its name."""
    monkeypatch.setitem(
        METHODS,
        "half",
        ScoringMethod(
            "half", lambda criterion, x, field: (x / 2, ["halved"]), domain=lambda c: Domain.ABOVE_ZERO
        ),
    )
    criterion = factory.config(factory.criterion("c", "min_max")).criteria[0]
    criterion = replace(criterion, method=replace(criterion.method, kind="half"))
    values = read_values(pd.Series([50.0, 300.0, None]), criterion)
    scores, notes = method_scores(criterion, values, np.ones(3, dtype=bool))
    assert scores[:2].tolist() == [25.0, 100.0]  # clipped to 0-100 by the shared rule, not by the unit
    assert np.isnan(scores[2]) and notes == [Note(NoteKind.METHOD, criterion, text="halved")]


@pytest.mark.parametrize(
    ("domain", "rejected"),
    [(Domain.ABOVE_ZERO, [True, True, False, False]), (Domain.ZERO_OR_MORE, [True, False, False, False])],
)
def test_a_domain_rejects_what_its_method_cannot_divide_by(domain: Domain, rejected: list[bool]) -> None:
    assert domain.rejects(np.array([-1.0, 0.0, 0.5, np.nan])).tolist() == rejected


def test_supplier_shares_sum_to_one_over_what_each_supplier_was_scored_on() -> None:
    scores = np.array([[50.0, 80.0, 20.0], [np.nan, 60.0, 40.0], [10.0, 10.0, 10.0], [np.nan] * 3])
    counted = np.array([0.5, 0.3, 0.2])
    shares, scored = supplier_shares(scores, counted, no_total=np.array([False, False, True, False]))
    # by hand: the second supplier's 0.3 and 0.2 over their sum 0.5; the third is out for missing data
    expected = [[0.5, 0.3, 0.2], [0.0, 0.6, 0.4], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]
    assert np.allclose(shares, expected, rtol=0, atol=1e-12)
    assert scored.tolist() == [True, True, False, False]


def test_category_scores_are_the_same_whether_members_sit_together_or_apart(factory) -> None:
    together = factory.config(
        factory.criterion("a", "min_max", category="cost"),
        factory.criterion("b", "min_max", category="cost"),
        factory.criterion("c", "min_max", category="quality"),
    ).criteria
    apart = (together[0], together[2], together[1])
    assert members_of("cost", together) == slice(0, 2)
    assert members_of("cost", apart).tolist() == [True, False, True]
    shares = np.array([[0.25, 0.25, 0.5]])
    weighted = shares * np.array([[40.0, 80.0, 10.0]])
    by_slice = category_scores(("cost", "quality"), together, shares, weighted)
    by_mask = category_scores(("cost", "quality"), apart, shares[:, [0, 2, 1]], weighted[:, [0, 2, 1]])
    assert by_slice.tolist() == by_mask.tolist() == [[60.0, 10.0]]


def test_the_result_keeps_the_table_only_when_its_columns_are_the_criteria(factory) -> None:
    config = factory.config(factory.criterion("a", "min_max"), factory.criterion("b", "min_max"))
    exact = SupplierTable(pd.DataFrame({"a": [1.0], "b": [2.0]}, index=["S1"]))
    wider = SupplierTable(pd.DataFrame({"b": [2.0], "x": ["note"], "a": [1.0]}, index=["S1"]))
    assert score(exact, config).raw is exact.values
    raw = score(wider, config).raw
    assert list(raw.columns) == ["a", "b"] and raw.to_numpy().tolist() == [[1.0, 2.0]]
    assert score(wider, config).raw is raw  # worked out once per table, not once per score
    assert side_by_side([], 3).shape == (3, 0)


def test_shares_as_set_are_carried_in_the_result_and_agree_with_the_settings(factory) -> None:
    config = factory.config(
        factory.criterion("a", "min_max", weight=3), factory.criterion("b", "min_max", weight=1)
    )
    result = score(factory.table({"S1": {"a": 1, "b": 2}, "S2": {"a": 2, "b": 1}}), config)
    assert result.set_shares.tolist() == pytest.approx([3 / 4, 1 / 4])  # weights 3 and 1 in one category
    assert result.set_shares.tolist() == pytest.approx([config.counted_shares()[k] for k in ("a", "b")])
