"""The Ranking tab and what changed: ranked and unranked suppliers, moves after a change, tables that fit."""

from __future__ import annotations

import pandas as pd

from scorecard.config import load_preset
from scorecard.pipeline import evaluate_file
from scorecard.report import ReportTable
from scorecard.tables import ranking_frame, status_text
from scorecard.ui.results import FITS_ON_SCREEN, without_quiet_columns
from tests.ui.apptest import (
    QUALITY_WEIGHT,
    SAMPLE,
    WEIGHT,
    loaded,
    no_apology,
    open_tab,
    plain,
    table_with,
)


def test_knocked_out_suppliers_are_listed_apart_with_their_reasons(sample: bytes) -> None:
    at = loaded(sample)
    result = evaluate_file(sample, SAMPLE.name, load_preset("default")).result
    expected = {
        result.suppliers[i]: status_text(result, i)
        for i in range(len(result.suppliers))
        if result.rank_of(i) is None
    }
    assert expected, "the sample should have knocked-out suppliers"
    unranked = table_with(at, "Score (for information)")
    assert dict(zip(unranked["Supplier"], unranked["Status"], strict=True)) == expected
    ranked = table_with(at, "Band")
    assert list(ranked["Supplier"]) == [s for s in ranking_frame(result)["Supplier"] if s not in expected]


def test_a_weight_change_shows_who_moved_and_the_new_leader(sample: bytes, leaders: tuple[str, str]) -> None:
    at = loaded(sample)
    assert "Move" not in table_with(at, "Band").columns  # nothing to compare with yet
    at.slider(key=WEIGHT).set_value(QUALITY_WEIGHT)
    at.run()
    assert not at.exception
    config = load_preset("default")
    before = evaluate_file(sample, SAMPLE.name, config).result
    after = evaluate_file(sample, SAMPLE.name, config.with_weights({"quality": QUALITY_WEIGHT})).result
    ranked = table_with(at, "Band")
    old_rank = {s: before.rank_of(before.index_of(s)) for s in before.suppliers}
    for supplier, rank, move in zip(ranked["Supplier"], ranked["Rank"], ranked["Move"], strict=True):
        places = old_rank[supplier] - rank  # counted here from the two rankings, not from the page's module
        assert move == ("=" if places == 0 else f"▲ {places}" if places > 0 else f"▼ {-places}")
    assert any(m != "=" for m in ranked["Move"])
    notes = [plain(i.value) for i in at.main.info]
    assert any(f"the leader is now {leaders[1]} (was {leaders[0]})" in n for n in notes), notes
    # against the preset's weights, the same moves (the preset is where the slider started)
    at.toggle(key="changes.against_preset").set_value(True)
    at.run()
    assert list(table_with(at, "Band")["Move"]) == list(ranked["Move"])
    assert after.leader == leaders[1]


def test_a_wide_table_leaves_out_only_columns_that_say_nothing() -> None:
    columns = {f"Figure {n}": [float(n), 2.0] for n in range(FITS_ON_SCREEN)}
    frame = pd.DataFrame(
        {"Supplier": ["A", "B"], **columns, "Freight": [0.0, 0.0], "Note": ["", None], "Duty": [0.0, 1.5]}
    )
    table = ReportTable("Wide", frame, formats=(("Freight", "money"), ("Duty", "money")))
    shown, quiet = without_quiet_columns(table)
    assert quiet == ["Freight", "Note"]
    assert list(shown.frame.columns) == ["Supplier", *columns, "Duty"]
    assert dict(shown.formats) == {"Duty": "money"}
    narrow = ReportTable("Narrow", frame[["Supplier", "Freight"]])
    assert without_quiet_columns(narrow) == (narrow, [])  # a table that fits is shown whole


def test_overview_and_data_quality_tabs_render(sample: bytes) -> None:
    at = loaded(sample)
    open_tab(at, "Overview")
    assert len(at.get("vega_lite_chart")) == 2  # heat map and scatter
    assert at.selectbox(key="overview.x").value == "cost"
    assert at.selectbox(key="overview.y").value == "quality"
    open_tab(at, "Data quality")
    findings = table_with(at, "What we noticed")
    evaluation = evaluate_file(sample, SAMPLE.name, load_preset("default"))
    assert len(findings) >= len(evaluation.findings)
    severity = findings["Severity"].iloc[0]
    at.multiselect(key="quality.severity").set_value([severity])
    at.run()
    assert set(table_with(at, "What we noticed")["Severity"]) == {severity}
    no_apology(at)
