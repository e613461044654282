"""The workbook the pipeline reads is laid out once per run (with the settings' column names and the buyer's
sheet roles) and that decision is handed on: finding the settings and preparing do not detect it again."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorecard import pipeline
from scorecard.cli import main
from scorecard.layout import detect_layout
from scorecard.pipeline import plan
from tests.layout.published import questcdn_bid_tab


@pytest.fixture
def layouts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the pipeline's layout step was asked about, one entry per call."""
    asked: list[str] = []

    def counted(workbook, context=None, overrides=None):
        asked.append(workbook.filename)
        return detect_layout(workbook, context, overrides)

    monkeypatch.setattr(plan, "detect_layout", counted)
    return asked


@pytest.mark.parametrize("command", ["score", "validate"])
def test_the_command_line_lays_the_workbook_out_once(
    command: str, tmp_path: Path, layouts: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "tab.xlsx"
    path.write_bytes(questcdn_bid_tab().data)
    extra = ["--output", str(tmp_path / "out.xlsx")] if command == "score" else []
    assert main([command, str(path), "--sheet-role", "Bid Tab=wide bids", *extra]) == 0
    assert layouts == ["tab.xlsx"]
    said = capsys.readouterr().out
    if command == "validate":  # the role the buyer gave is the one shown
        assert "Sheet 'Bid Tab': wide bid tab" in said and "your choice" in said


def test_evaluate_file_lays_the_workbook_out_once(layouts: list[str]) -> None:
    tab = questcdn_bid_tab()
    evaluation = pipeline.evaluate_file(tab.data, "tab.xlsx", None)
    assert layouts == ["tab.xlsx"]
    assert evaluation.result.leader == tab.lowest
