"""One number style: the page's texts and the workbook's number formats follow the same rules."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from openpyxl import load_workbook

from scorecard import numbers
from scorecard.export import write_tables
from scorecard.report import ReportTable


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (672475.84, "672,476"),
        (615576, "615,576"),
        (1000, "1,000"),
        (999.5, "999.50"),
        (850.5, "850.50"),
        (-1234.5, "-1,235"),
        (2.675, "2.68"),
        (0, "0.00"),
        (float("nan"), ""),
    ],
)
def test_money_has_separators_and_decimals_only_below_a_thousand(amount: float, text: str) -> None:
    """Halves round away from zero: LibreOffice showed -1234.5 as "-1,235" with the workbook's format."""
    assert numbers.money_text(amount) == text


def test_scores_weights_points_and_other_numbers() -> None:
    assert [numbers.score_text(v) for v in (86.44, 100, 0.05)] == ["86.4", "100.0", "0.1"]
    assert [numbers.percent_text(v) for v in (0.35, 1 / 3, 1)] == ["35.0%", "33.3%", "100.0%"]
    assert [numbers.points_text(v) for v in (5.25, 4.064, 1.143, 0.8)] == ["5.25", "4.06", "1.14", "0.80"]
    assert [numbers.number_text(v) for v in (3, 2.333, 1200.5, 12.25)] == ["3.0", "2.33", "1,200.5", "12.25"]


def test_the_workbook_uses_the_same_formats() -> None:
    frame = pd.DataFrame(
        {"Supplier": ["A"], "Total cost": [672475.84], "Score": [86.44], "Share": [0.35], "Change": [4.064]}
    )
    table = ReportTable(
        "Check",
        frame,
        formats=(("Total cost", "money"), ("Score", "score"), ("Share", "percent"), ("Change", "points")),
    )
    book = load_workbook(io.BytesIO(write_tables([table])))
    sheet = book["Check"]
    header_row = next(r for r in sheet.iter_rows() if any(c.value == "Supplier" for c in r))
    columns = {c.value: c.column_letter for c in header_row}
    row = header_row[0].row + 1
    formats = {
        name: sheet[f"{columns[name]}{row}"].number_format
        for name in ("Total cost", "Score", "Share", "Change")
    }
    assert formats == {
        "Total cost": "[>=1000]#,##0;[<=-1000]-#,##0;#,##0.00",
        "Score": "0.0",
        "Share": "0.0%",
        "Change": "0.00",
    }


@pytest.mark.parametrize(
    ("value", "other", "start", "decimals"),
    [
        (66.6667, 66.7, 1, 2),  # 66.7 and 66.7 at one decimal
        (79.96, 80, 1, 2),  # 80.0 and 80.0
        (33.3, 50, 1, 1),  # already apart
        (-0.02, 0, 1, 2),  # "-0.0" reads as "0.0"
        (0.35, 0.35, 1, 1),  # equal figures keep the start
        (35.00004, 35, 0, 5),
    ],
)
def test_close_figures_get_the_decimals_that_tell_them_apart(
    value: float, other: float, start: int, decimals: int
) -> None:
    assert numbers.decimals_apart(value, other, start) == decimals


def test_a_share_in_a_sentence_reads_apart_from_the_one_beside_it() -> None:
    assert numbers.percent(0.35) == "35%"
    assert numbers.percent(0.3504, 0.35) == "35.04%"
    assert numbers.percent(0.3500004, 0.35) == "35.00004%"  # three decimals were not always enough


@given(st.floats(0, 1), st.floats(0, 1))
def test_two_different_shares_never_read_alike_in_a_sentence(share: float, other: float) -> None:
    """'rises above 35.04% (now 35.00%)': each printed against the other, in the right order."""
    assume(abs(share - other) >= 1e-15)  # closer than MOST_DECIMALS can show: they read alike, by design
    mine, theirs = float(numbers.percent(share, other)[:-1]), float(numbers.percent(other, share)[:-1])
    assert (mine < theirs) == (share < other)
    assert mine != theirs


def test_numpy_numbers_are_written_like_python_ones() -> None:
    """pandas' Styler hands an Int64 column's cells over as numpy.int64: they read as numbers, not blank."""
    import numpy as np

    for value, python in ((np.int64(1234), 1234), (np.int32(3), 3), (np.float32(2.5), 2.5)):
        for text in numbers.TEXT.values():
            assert text(value) == text(python) != ""
    assert not numbers.finite(np.bool_(True)) and not numbers.finite(True)
