"""Fixtures of the page's AppTests: empty caches per test, the sample, its leaders and its evaluation.

Expected leaders and messages are computed with the core on the same inputs,
so the tests check that the page shows what the pipeline decided (and that a
weight change re-scores without re-reading), not a copy of its numbers.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import streamlit as st

from scorecard.config import load_preset
from scorecard.pipeline import Evaluation, evaluate_file
from tests.ui.apptest import QUALITY_WEIGHT, SAMPLE


@pytest.fixture(autouse=True)
def fresh_caches() -> Iterator[None]:
    """Each test starts with empty caches, so call counts and timings do not leak between tests."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture(scope="module")
def sample() -> bytes:
    return SAMPLE.read_bytes()


@pytest.fixture(scope="module")
def leaders(sample: bytes) -> tuple[str, str]:
    """The sample's leader with the default preset, and with the tests' cost weight (they must differ)."""
    config = load_preset("default")
    before = evaluate_file(sample, SAMPLE.name, config).result.leader
    after = evaluate_file(sample, SAMPLE.name, config.with_weights({"quality": QUALITY_WEIGHT})).result.leader
    assert before and after and before != after, "the sample no longer changes leader with this weight"
    return before, after


@pytest.fixture(scope="module")
def evaluation(sample: bytes) -> Evaluation:
    """The sample scored with the default preset: what the analysis tabs must show."""
    return evaluate_file(sample, SAMPLE.name, load_preset("default"))
