"""What the buyer reads (the method lines and tables: tests/tables/test_panel.py): a sheet read from a workbook, the default preset."""

from __future__ import annotations

import pytest

from scorecard.config import parse_config
from scorecard.errors import Severity
from scorecard.panel import (
    panel_consensus,
)
from tests.panel.data import SHEET, SUPPLIERS, long_sheet, pair, run


def test_an_evaluations_sheet_read_from_a_workbook() -> None:
    """The reading stage's frame (header texts, sheet row numbers, raw cells) goes straight in."""
    import io

    import openpyxl

    from scorecard.read import read_workbook

    book = openpyxl.Workbook()
    book.active.title = "Suppliers"
    book.active.append(["Supplier", "Price"])
    sheet = book.create_sheet(SHEET)
    sheet.append(["Panel ratings, 0 = Unacceptable to 4 = Excellent"])
    sheet.append([])
    sheet.append(
        ["Supplier", "Criterion", "Anna", "Anna comment", "Ben", "Ben comment", "Cleo", "Cleo comment"]
    )
    sheet.append(["Acme Ltd", "Responsiveness", 4, "Same-day answers", 1, "Two late quotes", 3, None])
    sheet.append(["Acme Lmtd", "Innovation", 2, None, 2, None, 2, None])
    sheet.append(["Borealis GmbH", "Innovation", "n/a", None, 3, None, "", None])
    data = io.BytesIO()
    book.save(data)
    frame = read_workbook(data.getvalue(), "event.xlsx").sheet(SHEET).table
    result = run(frame)
    assert result.shape == "wide" and result.evaluators == ("Anna", "Ben", "Cleo")
    assert result.consensus.loc["Acme Ltd", "responsiveness"] == pytest.approx(8 / 3)
    assert result.consensus.loc["Borealis GmbH", "innovation"] == 3  # n/a and blank are not rated
    unknown = next(f for f in result.findings if f.severity == Severity.ERROR)
    assert (unknown.sheet, unknown.row, unknown.value) == (SHEET, 5, "Acme Lmtd")
    assert set(result.disagreements["row"]) == {4}


def test_the_default_preset_takes_a_panel_on_a_1_to_5_scale() -> None:
    """What the sample event needs: the default preset's relationship ratings marked panel-rated."""
    import yaml

    from scorecard.config import CONFIG_DIR

    data = yaml.safe_load((CONFIG_DIR / "default.yaml").read_text())
    for criterion in data["categories"]["srm_fit"]["criteria"]:
        criterion["panel"] = True
    data["panel"] = {
        "scale": {"min": 1, "max": 5, "descriptors": {1: "Poor", 3: "Acceptable", 5: "Excellent"}}
    }
    config = parse_config(data, "default with a panel")
    panel_settings = config.section("panel")
    assert panel_settings.disagreement_range == 2  # half the width of 1-5
    frame = long_sheet(
        [
            ("Buyer", "Acme Ltd", "Responsiveness (1-5)", 5),
            ("Quality engineer", "Acme Ltd", "Responsiveness", 2),
            ("Plant manager", "Acme Ltd", "Partnership", 4),  # a synonym of collaboration
        ]
    )
    result = panel_consensus(frame, panel_settings, config.criteria, SUPPLIERS, sheet=SHEET)
    assert result.consensus.loc["Acme Ltd", "responsiveness"] == 3.5
    assert result.consensus.loc["Acme Ltd", "collaboration"] == 4
    assert pair(result, "Acme Ltd", "responsiveness")["flagged"]  # 5 - 2 = 3 >= 2
