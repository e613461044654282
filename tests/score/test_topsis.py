"""TOPSIS said exactly (issue 14): the textbook variant `topsis_classic` agrees with scikit-criteria to 1e-9,
it refuses criteria without a raw number, and under either TOPSIS no band, segment or rule reads a
weighted-sum threshold on a closeness score.
"""

from __future__ import annotations

import warnings
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from scorecard.config import AGGREGATIONS, ConfigError, load_preset, parse_config
from scorecard.pipeline import evaluate_file
from scorecard.score import score
from scorecard.sensitivity import totals_for_weights
from scorecard.suppliers import SupplierTable
from scorecard.tables import criteria_report, method_lines, opportunity_tables, ranking_table

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "sample_event.xlsx"
BANDS = [
    {"name": "Approved", "from": 80, "to": 100},
    {"name": "Conditional", "from": 50, "to": 80},
    {"name": "Exit", "from": 0, "to": 50},
]


def numeric_criterion(key: str, weight: float, direction: str, method: str) -> dict[str, Any]:
    spec: dict[str, Any] = {"key": key, "weight": weight, "direction": direction, "missing": "worst"}
    if method == "linear":
        spec["method"] = (
            {"type": "linear", "worst": 0, "best": 1000}
            if direction == "higher"
            else {
                "type": "linear",
                "worst": 1000,
                "best": 0,
            }
        )
    else:
        spec["method"] = method
    return spec


def random_classic_problem(seed: int) -> tuple[dict[str, Any], dict[str, dict[str, float]]]:
    rng = np.random.default_rng(seed)
    m = int(rng.integers(2, 7))
    criteria = [
        numeric_criterion(
            f"c{j}",
            float(rng.integers(1, 10)),
            str(rng.choice(["higher", "lower"])),
            str(rng.choice(["linear", "min_max", "ratio_to_best"])),
        )
        for j in range(m)
    ]
    n = int(rng.integers(3, 12))
    records = {f"S{i}": {c["key"]: float(rng.uniform(1, 999)) for c in criteria} for i in range(n)}
    return {"quality": {"weight": 1, "criteria": criteria}}, records


def scikit_criteria_closeness(
    records: dict[str, dict[str, float]], criteria: list[dict[str, Any]]
) -> np.ndarray:
    """Textbook TOPSIS by scikit-criteria: vector-normalised raw matrix, then TOPSIS with the weights."""
    skcriteria = pytest.importorskip("skcriteria")
    from skcriteria.agg.topsis import TOPSIS
    from skcriteria.preprocessing.scalers import VectorScaler

    matrix = np.array([[records[s][c["key"]] for c in criteria] for s in records])
    objectives = [max if c["direction"] == "higher" else min for c in criteria]
    weights = np.array([c["weight"] for c in criteria], dtype=float)
    weights /= weights.sum()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # it advises against minimised criteria; the maths is defined
        dm = VectorScaler(target="matrix").transform(skcriteria.mkdm(matrix, objectives, weights=weights))
        return TOPSIS().evaluate(dm).e_.similarity


@pytest.mark.parametrize("seed", range(40))
def test_topsis_classic_equals_scikit_criteria(seed: int) -> None:
    categories, records = random_classic_problem(seed)
    config = parse_config(
        {"name": "t", "aggregation": "topsis_classic", "categories": categories, "bands": BANDS}
    )
    result = score(SupplierTable.from_records(records), config)
    assert result.is_topsis
    expected = scikit_criteria_closeness(records, categories["quality"]["criteria"])
    np.testing.assert_allclose(result.totals / 100, expected, rtol=0, atol=1e-9)
    # the robustness analysis re-scores on the same geometry: at today's weights it gives today's totals
    np.testing.assert_allclose(totals_for_weights(result, result.base_weights), result.totals, atol=1e-9)


def test_the_two_topsis_variants_differ_and_each_says_which_it_is() -> None:
    categories, records = random_classic_problem(3)
    table = SupplierTable.from_records(records)
    ours = score(
        table, parse_config({"name": "t", "aggregation": "topsis", "categories": categories, "bands": BANDS})
    )
    classic = score(
        table,
        parse_config(
            {"name": "t", "aggregation": "topsis_classic", "categories": categories, "bands": BANDS}
        ),
    )
    assert not np.allclose(ours.totals, classic.totals)
    assert "criterion scores" in AGGREGATIONS["topsis"] and "raw values" in AGGREGATIONS["topsis_classic"]
    assert "Hwang and Yoon" in AGGREGATIONS["topsis_classic"]


def test_topsis_classic_refuses_criteria_without_a_raw_number() -> None:
    with pytest.raises(ConfigError, match="topsis_classic") as raised:
        parse_config(
            {
                "name": "t",
                "aggregation": "topsis_classic",
                "categories": {
                    "quality": {
                        "weight": 1,
                        "criteria": [
                            numeric_criterion("price", 1, "lower", "ratio_to_best"),
                            {
                                "key": "iso",
                                "label": "ISO 9001",
                                "weight": 1,
                                "method": {"type": "categorical", "points": {"Yes": 100, "No": 0}},
                            },
                        ],
                    }
                },
                "bands": BANDS,
            }
        )
    assert "ISO 9001" in str(raised.value) and "aggregation: topsis" in raised.value.hint
    # the app's method switch bypasses parsing: the engine asks the same question
    with pytest.raises(ConfigError, match="topsis_classic"):
        config = load_preset("default")
        evaluate_file(SAMPLE.read_bytes(), SAMPLE.name, replace(config, aggregation="topsis_classic"))


@pytest.mark.parametrize("aggregation", ["topsis", "topsis_classic"])
def test_under_topsis_bands_segments_and_rules_read_the_weighted_score(aggregation: str) -> None:
    categories, records = random_classic_problem(5)
    config = parse_config({"name": "t", "aggregation": aggregation, "categories": categories, "bands": BANDS})
    result = score(SupplierTable.from_records(records), config)
    weighted = (result.weights * np.nan_to_num(result.scores)).sum(axis=1)  # computed apart from the engine
    np.testing.assert_allclose(result.performance, weighted, atol=1e-9)
    for i, band in enumerate(result.bands):
        expected = next(
            b["name"]
            for b in BANDS
            if b["from"] <= round(weighted[i], 9) < b["to"] or (b["to"] == 100 and weighted[i] >= 100)
        )
        assert band.name == expected, (i, result.totals[i], weighted[i])
    assert not np.allclose(result.totals, weighted)  # so reading the total would have given other bands
    ranking = ranking_table(result)
    assert "Weighted score" in ranking.frame.columns
    assert "not score x weight" in criteria_report(result).intro[0]


def test_the_samples_segments_under_topsis_use_the_weighted_score() -> None:
    """The issue's case: under TOPSIS every supplier became 'Approved' and the leader fell to 'Develop'.
    Bands and segments now read the weighted score, the same under both aggregations."""
    sample = SAMPLE.read_bytes()
    config = load_preset("default")
    plain = evaluate_file(sample, SAMPLE.name, config)
    topsis = evaluate_file(sample, SAMPLE.name, replace(config, aggregation="topsis"))
    assert topsis.result.is_topsis
    assert [b and b.name for b in topsis.result.bands] == [b and b.name for b in plain.result.bands]

    def segments(evaluation) -> dict[str, str]:
        frame = next(t.frame for t in opportunity_tables(evaluation.opportunities) if t.title == "Segments")
        return dict(zip(frame["Supplier"], frame["Segment"], strict=True))

    assert segments(topsis) == segments(plain)
    method = dict(method_lines(topsis))
    assert "Bands and segments" in method and "Category columns" in method
    assert "which the bands read" in method["Score under TOPSIS"]
