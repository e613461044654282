"""The page's tabs, which run lazily, and the widget values that must outlive a closed tab."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pandas as pd
import streamlit as st


class PageTabs:
    """The page's tabs, lazy: only the open one runs, so a weight change recomputes only what it shows.

    A title given as None gets no tab (the panel and bids tabs exist only when the
    file has those sheets).
    """

    def __init__(self, titles: Sequence[str | None], key: str = "tabs") -> None:
        shown = [title for title in titles if title]
        self.tabs = dict(zip(shown, st.tabs(shown, key=key, on_change="rerun"), strict=True))

    def opened(self, title: str) -> Any:
        """The tab to draw into when it is the open one, else None."""
        tab = self.tabs.get(title)
        return tab if tab is not None and tab.open else None


def kept(key: str, default: Any, allowed: Callable[[Any], bool] = lambda _: True) -> dict[str, Any]:
    """Widget arguments that keep the buyer's choice while its tab is closed.

    Tabs run lazily, and Streamlit forgets the value of a widget that was not
    drawn in a run; a copy under another key survives and is put back. A kept
    value that no longer fits (a supplier of the previous file) gives way to the default.
    """
    copy = f"{key}.kept"
    value = st.session_state.get(copy, default)
    st.session_state[key] = value if allowed(value) else default
    return {"key": key, "on_change": lambda: st.session_state.update({copy: st.session_state[key]})}


@contextmanager
def drawn_when_open(label: str, key: str) -> Iterator[bool]:
    """An expander whose content is built only while it is open (the body gets True then).

    Streamlit builds a closed expander's content on every rerun all the same; a table in one
    is a large part of a tab's rerun on a large event. Opening it reruns the page, and it stays
    open while its tab is closed and opened again.
    """
    copy = f"{key}.kept"  # Streamlit forgets the state of an expander its closed tab did not draw
    if key not in st.session_state and st.session_state.get(copy):
        st.session_state[key] = True
    box = st.expander(label, key=key, on_change="rerun")
    st.session_state[copy] = opened = bool(box.open)
    with box:
        yield opened


def filter_box(where: Any, label: str, options: Sequence[str], key: str, placeholder: str) -> list[str]:
    """A multiselect that narrows a table and keeps its choice while its tab is closed; none picked: all rows."""
    return where.multiselect(
        label, options, placeholder=placeholder, **kept(key, [], lambda picked: set(picked) <= set(options))
    )


def rows_with(frame: pd.DataFrame, column: str, picked: Sequence[str]) -> pd.DataFrame:
    """The rows whose `column` is one of `picked` (as text); all of them when nothing is picked."""
    return frame[frame[column].astype(str).isin(picked)] if picked else frame
