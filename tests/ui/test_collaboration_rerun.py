"""The Collaboration tab does only what it shows: segments, cards and one plan, not every plan up front."""

from __future__ import annotations

from scorecard.ui.cache import scored_cache
from tests.ui.apptest import QUALITY_WEIGHT, WEIGHT, loaded, no_apology, open_tab


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
