"""The page and the clean stage: a number column nothing can settle stops with the question, in the buyer's
words; one the sheet settles is scored, and the reading is listed in Data quality."""

from __future__ import annotations

from pathlib import Path

import pytest
from workbooks import DEFAULT_HEADER, default_row, xlsx_bytes

from scorecard.config import load_preset
from scorecard.errors import ScorecardError
from scorecard.pipeline import evaluate_file
from tests.ui.apptest import loaded

APP = str(Path(__file__).resolve().parents[2] / "app.py")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def event(defects: tuple[str, str], responsiveness: tuple[object, object]) -> bytes:
    """Two suppliers of the default template, with the defect rates and ratings written as text."""
    rows = [DEFAULT_HEADER, default_row("Acme", cost=90_000), default_row("Beta")]
    at_defects = DEFAULT_HEADER.index("Defect rate (ppm)")
    at_rating = DEFAULT_HEADER.index("Responsiveness (1-5)")
    for row, defect, rating in zip(rows[1:], defects, responsiveness, strict=True):
        row[at_defects], row[at_rating] = defect, rating
    return xlsx_bytes({"Suppliers": rows})


@pytest.mark.slow  # the page runs twice: about 10 s
def test_an_ambiguous_column_stops_the_page_with_the_question() -> None:
    data = event(("1.200", "3.400"), ("4,5", "3.5"))  # the sheet shows both marks: nothing settles '1.200'
    with pytest.raises(ScorecardError) as expected:
        evaluate_file(data, "event.xlsx", load_preset("default"))
    at = loaded(data, "event.xlsx")
    shown = [e.value.replace("\\", "") for e in at.error]  # as the buyer reads it: markdown escapes off
    assert any(str(expected.value) in message for message in shown), shown
    question = next(m for m in shown if "thousands separator or a decimal mark" in m)
    assert "Defect rate (ppm)" in question and "'1.200' in row 2" in question
    assert not at.metric  # no ranking from a guess
    assert not any("Sorry, something went wrong" in m for m in shown)


@pytest.mark.slow  # the page runs twice: about 5 s
def test_a_column_the_sheet_settles_is_scored_and_the_reading_is_shown() -> None:
    data = event(("1.200", "3.400"), ("4,5", 4))  # '4,5' elsewhere: a decimal comma sheet
    expected = evaluate_file(data, "event.xlsx", load_preset("default"))
    assert expected.prepared.suppliers.table.values["defect_rate"].tolist() == [1200.0, 3400.0]
    at = loaded(data, "event.xlsx")
    assert not at.error, [e.value for e in at.error]
    assert at.metric  # the leader and its margin
    at.session_state["tabs"] = "Data quality"
    at.run()
    tables = [t.value for t in at.dataframe if "What we noticed" in t.value.columns]
    assert len(tables) == 1
    noticed = tables[0]
    reading = noticed[noticed["What we noticed"].str.contains("followed by three digits", regex=False)]
    assert len(reading) == 1 and reading["Severity"].iloc[0] == "warning"  # counted in the banner
    assert any("Responsiveness (1-5)" in str(cell) for cell in reading.to_numpy().ravel())
