"""The Compare tab: suppliers side by side and why one ranks above another."""

from __future__ import annotations

import pytest

from scorecard.config import load_preset
from scorecard.pipeline import evaluate_file
from scorecard.tables import ranking_frame
from tests.ui.apptest import (
    QUALITY_WEIGHT,
    SAMPLE,
    WEIGHT,
    loaded,
    open_tab,
    plain,
    table_with,
)


def test_compare_explains_the_gap_between_the_leader_and_the_runner_up(sample: bytes) -> None:
    at = loaded(sample)
    open_tab(at, "Compare")
    result = evaluate_file(sample, SAMPLE.name, load_preset("default")).result
    first, second = list(ranking_frame(result)["Supplier"][:2])
    assert at.multiselect(key="compare.suppliers").value == [first, second]
    assert plain(at.subheader[0].value) == f"Why {first} ranks above {second}"
    gap = table_with(at, "Difference")
    total = gap[gap["Criterion"] == "Total"].iloc[0]
    expected = result.totals[result.index_of(first)] - result.totals[result.index_of(second)]
    assert total["Difference"] == pytest.approx(expected, abs=1e-9)


def test_the_buyers_comparison_survives_a_weight_change(sample: bytes) -> None:
    at = loaded(sample)
    open_tab(at, "Compare")
    names = at.multiselect(key="compare.suppliers").options
    at.multiselect(key="compare.suppliers").set_value([names[4], names[2], names[3]])
    at.run()
    at.slider(key=WEIGHT).set_value(QUALITY_WEIGHT)
    at.run()
    assert at.multiselect(key="compare.suppliers").value == [names[4], names[2], names[3]]
    open_tab(at, "Ranking")
    open_tab(at, "Compare")  # and a trip to another tab, where the widget is not drawn
    assert at.multiselect(key="compare.suppliers").value == [names[4], names[2], names[3]]
    # with three suppliers, the buyer picks which two to explain; by default the two best of them
    result = evaluate_file(
        sample, SAMPLE.name, load_preset("default").with_weights({"quality": QUALITY_WEIGHT})
    ).result
    best_two = sorted([names[4], names[2], names[3]], key=lambda n: -result.totals[result.index_of(n)])[:2]
    assert [at.selectbox(key="compare.first").value, at.selectbox(key="compare.second").value] == best_two


def test_compare_says_what_to_pick_when_the_choice_cannot_be_compared(sample: bytes) -> None:
    at = loaded(sample)
    open_tab(at, "Compare")
    names = at.multiselect(key="compare.suppliers").options
    at.multiselect(key="compare.suppliers").set_value([names[0]])
    at.run()
    assert "Pick at least two suppliers." in [plain(i.value) for i in at.info]
    assert not at.get("vega_lite_chart")  # no chart of one supplier against nobody
    at.multiselect(key="compare.suppliers").set_value(names[:3])
    at.run()
    at.selectbox(key="compare.second").set_value(at.selectbox(key="compare.first").value)
    at.run()
    assert "Pick two different suppliers to explain the gap between them." in [
        plain(i.value) for i in at.info
    ]
    assert not any(s.value.startswith(("Why ", "How ")) for s in at.subheader)
