"""A chart drawn without the schema check is the same element on the page as the chart drawn by Streamlit.

`show_chart` hands Streamlit the chart with a `to_dict()` that does not validate (tests/charts validates
every chart of `scorecard.charts`); the element the browser gets must not change by a byte.
"""

from __future__ import annotations

from pathlib import Path

import altair as alt
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from scorecard import charts
from scorecard.pipeline import Evaluation
from scorecard.ui.results.chart import unchecked


def page_with_both() -> None:
    """The same two charts (a layer and a single chart) drawn as they are and through `show_chart`."""
    import altair as alt
    import pandas as pd
    import streamlit as st

    from scorecard.ui.results.chart import show_chart

    frame = pd.DataFrame({"Supplier": ["Acme", "Beta", None], "Share": [0.5, float("nan"), 0.25]})
    layer = alt.layer(
        alt.Chart().mark_bar().encode(y=alt.Y("Supplier:N"), x=alt.X("Share:Q", axis=alt.Axis(format="%"))),
        alt.Chart().mark_text(dx=3).encode(y=alt.Y("Supplier:N"), x="Share:Q", text="Share:Q"),
        data=frame,
        height=90,
    )
    single = alt.Chart(frame).mark_point().encode(x="Share:Q", y="Supplier:N")
    for chart in (layer, single):
        st.altair_chart(chart, width="stretch")
        show_chart(chart)


def test_the_page_gets_the_same_element_with_and_without_the_check() -> None:
    at = AppTest.from_function(page_with_both)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    drawn = [element.proto for element in at.get("vega_lite_chart")]
    assert len(drawn) == 4
    for plain, shown in (drawn[0:2], drawn[2:4]):
        assert shown.spec == plain.spec
        datasets = [(d.name, d.data.data) for d in plain.datasets]
        assert datasets and [(d.name, d.data.data) for d in shown.datasets] == datasets
        assert shown.SerializeToString() == plain.SerializeToString()


def test_a_drawn_chart_skips_the_schema_check_and_others_keep_it(
    evaluation: Evaluation, monkeypatch: pytest.MonkeyPatch
) -> None:
    chart = charts.stability_chart(evaluation.sensitivity.stability)
    expected = chart.to_dict()
    drawn = unchecked(charts.stability_chart(evaluation.sensitivity.stability))
    assert isinstance(drawn, alt.LayerChart)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the whole spec was validated")

    monkeypatch.setattr(alt.LayerChart, "validate", classmethod(refuse))
    assert drawn.to_dict() == expected  # same spec, never validated
    with pytest.raises(AssertionError, match="validated"):
        chart.to_dict()  # a chart not drawn still validates (tests/charts relies on it)
    assert type(chart) is alt.LayerChart


def test_a_broken_spec_still_fails_where_the_charts_are_tested() -> None:
    broken = alt.Chart(pd.DataFrame({"a": [1]}), width="wide").mark_bar().encode(x="a:Q")
    with pytest.raises(alt.utils.schemapi.SchemaValidationError):
        broken.to_dict()
    assert unchecked(broken).to_dict()["width"] == "wide"  # the page would not have caught it: the tests do


def test_a_chart_kept_between_reruns_is_changed_once(evaluation: Evaluation) -> None:
    """The Bids tab keeps its chart with its view and draws the same object on every rerun."""
    chart = charts.stability_chart(evaluation.sensitivity.stability)
    expected = chart.to_dict()
    drawn = unchecked(chart)
    kind = type(drawn)
    for _ in range(3):
        assert type(unchecked(drawn)) is kind
    assert kind.__mro__[1] is alt.LayerChart
    assert drawn.to_dict() == expected


def test_every_tab_draws_its_altair_charts_through_show_chart() -> None:
    """A chart drawn with `st.altair_chart` directly would be validated again on every rerun."""
    package = Path(__file__).resolve().parents[2] / "scorecard"
    direct = [
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if "st.altair_chart(" in path.read_text(encoding="utf-8")
    ]
    assert direct == ["ui/results/chart.py"]
