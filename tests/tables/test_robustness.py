"""The Sensitivity and Rank probabilities sheets, built from the robustness analysis."""

from __future__ import annotations

import pytest

from scorecard.sensitivity import sensitivity
from scorecard.tables import robustness_tables
from tests.sensitivity.test_verdict import close_race


def test_report_tables_for_the_workbook() -> None:
    analysis = sensitivity(close_race(), draws=100)
    tables = robustness_tables(analysis)
    assert [t.title for t in tables] == ["Sensitivity", "Rank probabilities"]
    sheet = tables[0]
    assert sheet.intro[0] == analysis.verdict
    assert any("100 weight draws (seed 7)" in line for line in sheet.intro)
    assert {"Current share", "Stays first from", "Stays first up to"} <= set(sheet.frame.columns)
    assert sheet.format_of("Current share") == "percent"
    assert tables[1].format_of("First place") == "percent"
    # on-time delivery is 2 points of share away from a new leader: highlighted
    highlighted = sheet.frame.loc[sheet.highlight["Change needed (pp of share)"], "Weight"].tolist()
    assert highlighted == ["On-time delivery"]
    # weight changes in percentage points, as on the page: +2.0, not +2.0% (which reads as 2% of the weight)
    otd = sheet.frame.set_index("Weight").loc["On-time delivery", "Change needed (pp of share)"]
    assert otd == pytest.approx(
        100 * analysis.stability.table.set_index("Weight").loc["On-time delivery", "Change needed"]
    )
    assert sheet.format_of("Change needed (pp of share)") == "number"
    assert list(tables[1].frame["Supplier"]) == ["Acme", "Beta"]
