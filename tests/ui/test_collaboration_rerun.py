"""The Collaboration tab does only what it shows: segments, cards and one plan, not every plan up front."""

from __future__ import annotations

from scorecard import charts
from scorecard.charts.segments import threshold_layers
from scorecard.config import load_preset
from scorecard.pipeline import evaluate_file
from scorecard.tables import segment_frame
from scorecard.ui.cache import scored_cache
from tests.ui.apptest import QUALITY_WEIGHT, SAMPLE, WEIGHT, loaded, no_apology, open_tab


def test_the_tab_works_out_only_the_plan_it_shows(sample: bytes) -> None:
    scored_cache().clear()
    at = loaded(sample)
    open_tab(at, "Collaboration opportunities")
    at.slider(key=WEIGHT).set_value(QUALITY_WEIGHT)  # a new setting: a new evaluation, drawn by this tab
    at.run()
    no_apology(at)
    shown = at.selectbox(key="opportunities.plan_supplier").value
    drawn = [
        entry.evaluation.opportunities
        for entry in scored_cache().entries.values()
        if "opportunities" in entry.evaluation.__dict__
    ]
    assert drawn
    for found in drawn:
        assert "plans" not in found.__dict__  # the workbook's plans wait for the download
        assert len(found.single_plans) == 1  # the plan shown on that rerun
    assert list(drawn[-1].single_plans) == [shown]


def test_the_segment_chart_keeps_its_fixed_layers_between_weight_settings(sample: bytes) -> None:
    """The lines and segment names are built once per settings and reused on the next weight change; a
    chart drawn in between must not change them (Altair copies a layer when it layers it)."""
    first = evaluate_file(sample, SAMPLE.name, load_preset("default")).opportunities
    before = charts.segmentation_chart(first).to_dict()
    heavier = load_preset("default").with_weights({"quality": QUALITY_WEIGHT})
    other = evaluate_file(sample, SAMPLE.name, heavier).opportunities
    assert not segment_frame(other)["Performance"].equals(segment_frame(first)["Performance"])
    hits = threshold_layers.cache_info().hits
    moved = charts.segmentation_chart(other).to_dict()
    assert charts.segmentation_chart(first).to_dict() == before
    assert moved != before  # the suppliers moved
    assert threshold_layers.cache_info().hits > hits  # the fixed layers were reused
