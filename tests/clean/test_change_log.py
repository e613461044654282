"""The change log: what each finding says about a cell of another type, and which rows it names."""

from __future__ import annotations

from datetime import time, timedelta

import pandas as pd
import pytest

from scorecard.clean import ValueKind, clean_column
from scorecard.errors import Severity
from tests.clean.columns import column, only, values


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        (time(8, 30), "it is a time of day"),
        (timedelta(days=2), "it is a duration"),
        (object(), "holds a object"),
    ],
)
def test_cells_of_other_types_in_a_number_column_say_what_they_are(cell: object, reason: str) -> None:
    result = column([cell, 5], ValueKind.NUMBER)
    assert values(result) == [None, 5.0]
    assert reason in only(result.findings, Severity.WARNING, "could not read").message


def test_findings_name_a_row_only_when_the_index_holds_sheet_rows() -> None:
    series = pd.Series(["n/a", "TBD", "x"], index=["a", "b", "c"], dtype=object)
    result = clean_column(series, ValueKind.NUMBER, sheet="S", column="C")
    noted = only(result.findings, Severity.INFO, "said there is no data")
    assert noted.message.endswith(
        "there is no data ('n/a', 'TBD')"
    )  # labels that are not sheet rows are not listed
    assert only(result.findings, Severity.WARNING, "could not read").row is None
