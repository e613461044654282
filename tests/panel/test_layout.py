"""Both sheet shapes give the same consensus; notes and the buyer's own summary columns are left out; forced shapes say what is missing."""

from __future__ import annotations

import pandas as pd
import pytest

from scorecard.errors import Severity
from tests.panel.data import long_sheet, run


def wide_sheet() -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "Supplier": ["Acme Ltd", "Acme Ltd", "Borealis GmbH", "Cobalt SA"],
            "Criterion": ["Responsiveness", "Innovation", "Innovation", "Innovation"],
            "Anna": [4, 3, None, 2],
            "Anna comment": ["Same-day answers", None, None, None],
            "Ben": [1, "3", 2, None],
            "Comments - Ben": ["Two late quotes", None, None, None],
            "Cleo": [3, None, 2, 4],
        },
        dtype=object,
    )
    frame.index = range(5, 9)
    return frame


def wide_as_long() -> pd.DataFrame:
    rows = []
    for _, record in wide_sheet().iterrows():
        for evaluator in ("Anna", "Ben", "Cleo"):
            comment = record.get(f"{evaluator} comment") or record.get(f"Comments - {evaluator}")
            rows.append((evaluator, record["Supplier"], record["Criterion"], record[evaluator], comment))
    return long_sheet(rows)


def test_long_and_wide_shapes_give_the_same_consensus() -> None:
    wide = run(wide_sheet())
    long = run(wide_as_long())
    assert (wide.shape, long.shape) == ("wide", "long")
    pd.testing.assert_frame_equal(wide.consensus, long.consensus)
    pd.testing.assert_frame_equal(wide.summary, long.summary)
    assert wide.evaluators == ("Anna", "Ben", "Cleo")
    # Acme, responsiveness: 4, 1, 3 -> mean 8 / 3, spread 3, flagged, with each evaluator's comment
    assert wide.consensus.loc["Acme Ltd", "responsiveness"] == pytest.approx(8 / 3)
    d = wide.disagreements
    said = d[(d["supplier"] == "Acme Ltd") & (d["criterion"] == "responsiveness")].set_index("evaluator")
    assert (
        said.loc["Ben", "comment"] == "Two late quotes" and said.loc["Anna", "comment"] == "Same-day answers"
    )
    assert said.loc["Ben", "row"] == 5
    assert not [f for f in wide.findings if f.severity != Severity.INFO]


def test_wide_shape_with_a_notes_column_reports_it_once() -> None:
    frame = wide_sheet()
    frame["Site"] = ["Lyon plant"] * 4
    result = run(frame)
    notes = [f for f in result.findings if f.column == "Site"]
    assert len(notes) == 1 and notes[0].severity == Severity.INFO
    assert "Site" not in result.evaluators


def test_wide_shape_leaves_the_buyers_own_average_out() -> None:
    frame = wide_sheet().rename(columns={"Cleo": "Mark"})
    frame["Average"] = [2.7, 3.0, 2.0, 3.0]
    result = run(frame)
    assert result.evaluators == ("Anna", "Ben", "Mark")  # Mark is an evaluator, Average is not
    pd.testing.assert_frame_equal(result.consensus, run(wide_sheet()).consensus)
    note = next(f for f in result.findings if "not read" in f.message)
    assert "Average" in note.message and note.severity == Severity.INFO


def test_shape_can_be_forced_and_a_mismatch_says_what_is_missing() -> None:
    from scorecard.errors import ScorecardError

    with pytest.raises(ScorecardError, match="long shape the settings ask for") as error:
        run(wide_sheet(), {"shape": "long"})
    assert "evaluator" in str(error.value) and "Anna" in str(error.value)
    with pytest.raises(ScorecardError, match="does not fit either shape"):
        run(long_sheet([("x", "y")], columns=("Who", "What")))


def test_column_synonyms_from_the_settings_are_used() -> None:
    frame = long_sheet(
        [("Anna", "Acme Ltd", "Innovation", 3)], columns=("Panellist", "Bidder", "Area", "Rating")
    )
    result = run(frame, {"columns": {"evaluator": ["Panellist"], "criterion": ["Area"]}})
    assert result.consensus.loc["Acme Ltd", "innovation"] == 3
