"""Fixtures of the chart tests: a small scored event built in code, and the sample workbook evaluated.

Charts draw the result's own numbers: stacked bars add up to the score, gaps add up to the score gap,
and the analysis charts draw the analyses' tables (stability, rank probabilities, segments, bid totals).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scorecard.config import load_preset
from scorecard.pipeline import Evaluation, evaluate_file
from scorecard.score import ScoreResult, score
from scorecard.suppliers import SupplierTable

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "sample_event.xlsx"


@pytest.fixture(scope="module")
def suppliers(factory) -> SupplierTable:
    """The five suppliers the `result` fixture scores."""
    return factory.table(
        {
            "Acme": {"price": 100, "terms": 60, "otd": 97, "iso": "Yes", "rating": 4},
            "Beta": {"price": 90, "terms": 30, "otd": 92, "iso": "Yes", "rating": 3},
            "Gamma": {"price": 120, "terms": 90, "otd": 99, "iso": "Yes", "rating": None},
            "Delta": {"price": 80, "terms": 90, "otd": 99, "iso": "No", "rating": 5},
            "Echo": {"price": 130, "terms": 45, "otd": 85, "iso": "Yes", "rating": 2},
        }
    )


@pytest.fixture(scope="module")
def result(factory, suppliers: SupplierTable) -> ScoreResult:
    """Five suppliers over three categories, one knocked out, one with a left-out criterion."""
    config = factory.config(
        factory.criterion("price", "ratio_to_best", category="cost", weight=3, direction="lower"),
        factory.criterion("terms", {"type": "linear", "worst": 30, "best": 90}, category="cost", weight=1),
        factory.criterion("otd", {"type": "linear", "worst": 80, "best": 100}, category="quality", weight=2),
        factory.criterion(
            "iso", {"type": "categorical", "points": {"Yes": 100, "No": 0}}, category="quality", weight=1
        ),
        factory.criterion("rating", "min_max", category="srm_fit", weight=1, missing="exclude"),
        category_weights={"cost": 50, "quality": 30, "srm_fit": 20},
        knockouts=[{"criterion": "iso", "must_be": "Yes"}],
    )
    return score(suppliers, config)


@pytest.fixture(scope="module")
def sample_evaluation() -> Evaluation:
    """The sample workbook scored with the default preset: it has bids, a panel and importance columns."""
    return evaluate_file(SAMPLE.read_bytes(), SAMPLE.name, load_preset("default"))
