"""A finding about a made sheet's row names the buyer's own sheet and row it was read from."""

from __future__ import annotations

import pandas as pd

from scorecard.errors import Finding, Severity
from scorecard.read import Sheet
from scorecard.read.provenance import SOURCE_COLUMNS, at_source


def made_sheet() -> Sheet:
    table = pd.DataFrame(
        {
            "Supplier": ["Acme", "Bolt"],
            "Rating": [9, "good"],
            SOURCE_COLUMNS[0]: ["Eval 1", "Eval 2"],
            SOURCE_COLUMNS[1]: [7, 12],
        },
        index=pd.Index([2, 3], name="row"),
    )
    return Sheet("Evaluations", table, 1)


def test_findings_on_made_rows_move_to_their_source_and_others_stay() -> None:
    own = Sheet("Suppliers", pd.DataFrame({"Supplier": ["Acme"]}, index=pd.Index([2], name="row")), 1)
    findings = [
        Finding(Severity.WARNING, "off the scale", sheet="Evaluations", row=2, column="Rating", value="9"),
        Finding(Severity.WARNING, "not a number", sheet="Evaluations", row=3, column="Rating"),
        Finding(Severity.INFO, "about the whole made sheet", sheet="Evaluations"),
        Finding(Severity.INFO, "a row the made sheet does not have", sheet="Evaluations", row=40),
        Finding(Severity.INFO, "the buyer's own sheet", sheet="Suppliers", row=2, column="Supplier"),
    ]
    moved = at_source(findings, [own, made_sheet()], "Supplier")
    assert [(f.sheet, f.row, f.column) for f in moved] == [
        ("Eval 1", 7, "Acme"),
        ("Eval 2", 12, "Bolt"),
        ("Evaluations", None, None),
        ("Evaluations", 40, None),
        ("Suppliers", 2, "Supplier"),
    ]
    assert moved[0].value == "9" and moved[0].message == "off the scale"
    assert at_source(findings, [own], "Supplier") == findings  # no made sheet: nothing moves
