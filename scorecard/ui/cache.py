"""The scored event kept between reruns: one evaluation per (file, sheet, settings), one workbook per choice.

`evaluate` itself is quick, but the analyses hanging off an `Evaluation`
(sensitivity, opportunities, report tables, each a cached property) are not,
and a new `Evaluation` on every rerun threw them away: the Collaboration tab
took over 2 s to redraw after any click. Keeping the evaluation per settings
means a tab computes what it shows once per settings, and moving a weight
back finds everything already done. The download's workbook is built on the
first click and kept with its evaluation.

A plain bounded dict keyed by the settings themselves (`Config` is frozen and
hashable) rather than `st.cache_resource`'s hashing of arguments: keys compare
exactly and nothing is pickled. The dict itself is one Streamlit resource, so
"Clear cache" (and the tests, between pages) empties it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

import streamlit as st

from scorecard.config import Config
from scorecard.export import write_scored_workbook
from scorecard.pipeline import Evaluation, Prepared, evaluate


@dataclass
class Scored:
    """One evaluation and the workbooks built from it (with and without the input sheets)."""

    evaluation: Evaluation
    workbooks: dict[bool, bytes] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


class EvaluationCache:
    """The last `size` evaluations, least recently used dropped first; safe across the app's sessions."""

    def __init__(self, size: int = 12) -> None:
        self.size = size
        self.entries: OrderedDict[Hashable, Scored] = OrderedDict()
        self.lock = threading.Lock()

    def evaluation(self, key: Hashable, build: Callable[[], Evaluation]) -> Evaluation:
        """The evaluation stored under `key`, built (outside the lock) when there is none."""
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
                return entry.evaluation
        built = build()
        with self.lock:
            entry = self.entries.setdefault(key, Scored(built))  # another session may have been first
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)
            return entry.evaluation

    def workbook(self, evaluation: Evaluation, *, input_sheets: bool) -> bytes:
        """The scored workbook of this evaluation, written once per choice of input sheets."""
        with self.lock:
            entry = next((e for e in self.entries.values() if e.evaluation is evaluation), None)
        if entry is None:  # no longer kept: write it, keep nothing
            return write_scored_workbook(evaluation, input_sheets=input_sheets)
        with entry.lock:  # two clicks at once write it once
            if input_sheets not in entry.workbooks:
                entry.workbooks[input_sheets] = write_scored_workbook(evaluation, input_sheets=input_sheets)
            return entry.workbooks[input_sheets]

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


@st.cache_resource(show_spinner=False)
def scored_cache() -> EvaluationCache:
    """The app's one cache, held as a Streamlit resource so that clearing Streamlit's caches clears it too."""
    return EvaluationCache()


def evaluate_cached(digest: str, sheet: str, config: Config, prepared: Prepared) -> Evaluation:
    """The evaluation of this file's prepared suppliers under these settings, kept between reruns.

    `prepared` is fully determined by the file's digest, the sheet and the
    settings' column part (see `steps.prepare_cached`), so those are the key.
    """
    return scored_cache().evaluation((digest, sheet, config), lambda: evaluate(prepared, config))


def scored_workbook(evaluation: Evaluation, *, input_sheets: bool = True) -> bytes:
    """The download's bytes: built on the first click for these settings, then reused."""
    return scored_cache().workbook(evaluation, input_sheets=input_sheets)
