"""A chart drawn on the page without Altair checking its spec again on every rerun.

`st.altair_chart` turns a chart into its Vega-Lite spec with `chart.to_dict()`,
which validates the whole spec against the Vega-Lite JSON schema: about 10 ms a
chart at the sample's size, as much as building it, on every rerun of its tab.
The charts in `scorecard.charts` are fixed shapes filled with data, and
tests/charts validates each of them against the schema (`to_dict()` there still
validates), so the page draws them with a `to_dict()` that skips that check.
Everything else (Streamlit's theme, its Arrow datasets, the spec) is what
`st.altair_chart` does with the chart itself: tests/ui/test_chart.py compares
the two elements.
"""

from __future__ import annotations

import functools
from typing import Any, TypeVar

import altair as alt
import streamlit as st

Drawn = TypeVar("Drawn", bound=alt.TopLevelMixin)
UNCHECKED_KINDS: set[type] = set()  # the classes `unchecked_kind` made: a chart of one is not changed again


@functools.cache
def unchecked_kind(kind: type[Drawn]) -> type[Drawn]:
    """A subclass of the chart's class whose `to_dict()` does not validate (one per class, made once)."""

    def to_dict(self: Drawn, validate: bool = True, **kwargs: Any) -> dict[str, Any]:
        return kind.to_dict(self, validate=False, **kwargs)

    made = type(f"Unchecked{kind.__name__}", (kind,), {"to_dict": to_dict, "__doc__": kind.__doc__})
    UNCHECKED_KINDS.add(made)
    return made


def unchecked(chart: Drawn) -> Drawn:
    """`chart` itself, turned into a spec without the schema check from now on.

    Not a copy: copying a layered chart deep-copies its layers (a few ms), and the page builds most
    charts for the one draw. The object keeps its data and properties; only its class changes, once:
    a chart kept between reruns (the Bids tab's) is drawn again as it is.
    """
    if type(chart) in UNCHECKED_KINDS:
        return chart
    # SchemaBase keeps every attribute set on it as a chart property: the class is set on the object itself
    object.__setattr__(chart, "__class__", unchecked_kind(type(chart)))
    return chart


def show_chart(chart: alt.TopLevelMixin) -> None:
    """Draw a chart of `scorecard.charts`, built for this draw, across the column's width (validated by
    its tests, not here)."""
    st.altair_chart(unchecked(chart), width="stretch")
