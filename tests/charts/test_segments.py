"""The segmentation chart: quadrant lines at the configured thresholds; unknown importance is not drawn at 0."""

from __future__ import annotations

import pytest

from scorecard import charts
from scorecard.opportunities import find_opportunities
from scorecard.pipeline import Evaluation
from scorecard.score import ScoreResult
from scorecard.suppliers import SupplierTable
from scorecard.tables import segment_frame
from tests.charts.specs import drawn_rows, layers_by_mark


def test_segmentation_chart_has_quadrant_lines_at_the_configured_thresholds(
    sample_evaluation: Evaluation,
) -> None:
    found = sample_evaluation.opportunities
    grid = found.settings.segments
    spec = charts.segmentation_chart(found).to_dict()
    marks = layers_by_mark(spec)
    rule_positions = set()
    for rule in marks["rule"]:
        for row in drawn_rows(spec, rule):
            rule_positions |= {("x", row["x"])} if "x" in row else {("y", row["y"])}
    assert ("x", grid.performance_threshold) in rule_positions
    assert ("y", grid.importance_threshold) in rule_positions
    assert ("x", grid.exit_below) in rule_positions
    points = marks["circle"][0]
    assert points["encoding"]["x"]["field"] == "Performance"
    assert points["encoding"]["y"]["field"] == "Importance"
    colour = points["encoding"]["color"]
    assert colour["field"] == "Segment"
    assert colour["scale"]["domain"] == [name for _, name in grid.names]
    assert {t["field"] for t in points["encoding"]["tooltip"]} >= {"Supplier", "Segment", "Band"}
    drawn = {row["Supplier"]: row for row in drawn_rows(spec, points)}
    segments = segment_frame(found).set_index("Supplier")
    for name, row in drawn.items():
        assert row["Performance"] == pytest.approx(segments.loc[name, "Performance"])
        assert row["Segment"] == segments.loc[name, "Segment"]
    # quadrant names written on the chart are the configured names
    texts = {row["Segment"] for layer in marks["text"] for row in drawn_rows(spec, layer)}
    assert grid.name("strategic_partner") in texts and grid.name("develop") in texts


def test_suppliers_with_unknown_importance_are_left_off_the_segment_chart(
    factory, result: ScoreResult
) -> None:
    table = factory.table(
        {
            "Acme": {"price": 100, "terms": 60, "otd": 97, "iso": "Yes", "rating": 4},
            "Beta": {"price": 90, "terms": 30, "otd": 92, "iso": "Yes", "rating": 3},
            "Gamma": {"price": 120, "terms": 90, "otd": 99, "iso": "Yes", "rating": None},
            "Delta": {"price": 80, "terms": 90, "otd": 99, "iso": "No", "rating": 5},
            "Echo": {"price": 130, "terms": 45, "otd": 85, "iso": "Yes", "rating": 2},
        }
    )
    found = find_opportunities(result, table, None)  # no importance columns at all
    assert charts.segment_positions(found).empty  # never drawn at importance 0
    charts.segmentation_chart(found).to_dict()  # still a valid chart, with its lines


def test_the_parts_made_once_are_not_changed_by_drawing_another_event(
    sample_evaluation: Evaluation, suppliers: SupplierTable, result: ScoreResult
) -> None:
    """Axes, colours, title and lines are kept between reruns (per settings and left edge): drawing
    another event, with other suppliers, must leave the sample's chart as it was."""
    found = sample_evaluation.opportunities
    first = charts.segmentation_chart(found).to_dict()
    other = charts.segmentation_chart(find_opportunities(result, suppliers, None))
    drawn = other.to_dict(validate=False)  # as the page draws it
    drawn["layer"][0]["encoding"]["x"]["scale"]["domain"][
        0
    ] = -1.0  # a spec is a new dict, never the kept parts
    assert charts.segmentation_chart(found).to_dict() == first
    assert first["height"] == 440 and all("height" not in layer for layer in first["layer"])
    lowest = min(
        found.settings.segments.exit_below,
        found.settings.segments.performance_threshold,
        charts.segment_positions(found)["Performance"].min(),
    )
    left = first["layer"][-1]["encoding"]["x"]["scale"]["domain"][0]
    assert left % 10 == 0 and max(0, lowest - 15) < left <= lowest - 5
