"""A buyer's messy workbook scores exactly like a clean version of itself.

The messy twin has what real supplier sheets have: title rows, renamed headers
(synonyms, odd case, units), currency strings in the European style, percentages
written three ways, yes/no as x and ticks, 'N/A', 'n.a.', '-', 'TBD' and blanks,
non-breaking spaces, numbers stored as text, a blank row, a row without a
supplier name, a totals row, a hidden row and a hidden column. Every difference
must be absorbed by reading and cleaning, and said in a finding; the totals,
ranks, bands and statuses must be identical, to the last bit.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from workbooks import DEFAULT_HEADER, xlsx_bytes

from scorecard.config import load_preset
from scorecard.errors import Severity
from scorecard.pipeline import evaluate_file
from scorecard.read import read_workbook
from scorecard.tables import ranking_frame
from scorecard.tables.mapping import exclusion_reason

NBSP = "\xa0"

CLEAN_ROWS: list[list[object]] = [
    ["Acme GmbH", 101234.5, 60, 12, 30, "Low", "Yes", 97, 200, "Yes", 60, 50, "Yes", 4, 4, 4],
    ["Beta Ltd", 98500, 45, None, 35, "Medium", "No", 95, 1234, "Yes", 55, 45, "No", 3, None, 4],
    ["Gamma SA", 101250, 30, 6, 20, "High", "Yes", 96, 150, "Yes", None, 60, "Yes", 5, 3, 3],
    ["Delta Inc", 99000, 90, 12, 50, "Low", "Yes", 98, 300, "No", 70, 40, "Yes", 4, 5, None],
    ["Epsilon", 100500.25, 60, 18, 80, "Medium", None, 92.5, 250, "Yes", 65, 55, "Yes", 2, 4, 5],
    ["00123", 97000, 60, 12, 40, "Low", "Yes", 90, 100, "Yes", 75, 35, "Yes", 4, 4, 4],
]

MESSY_HEADER = [
    "Vendor",
    "TCO",
    f"Payment{NBSP}terms",
    "PRICE HOLD",
    "Credit risk",
    "Geo risk",
    "BCP",
    "OTD [%]",
    "PPM",
    "ISO9001",
    "ESG score",
    "CO2 intensity",
    "ISO14001",
    "Responsiveness",
    "Innovation",
    "Collaboration",
    "Buyer notes",
]
MESSY_ROWS: list[list[object]] = [
    [
        f"{NBSP}Acme GmbH ",
        "101.234,50 €",
        " 60 ",
        "12",
        30,
        " low",
        "x",
        "97%",
        "200",
        "✓",
        60,
        "50",
        "yes",
        4,
        "4",
        4,
        "incumbent",
    ],
    [
        "Beta Ltd",
        "€ 98.500",
        "45",
        "TBD",
        "35",
        "MEDIUM",
        "no",
        0.95,
        f"1{NBSP}234",
        "Y",
        "55",
        45,
        "n",
        3,
        "N/A",
        "4",
        None,
    ],
    ["Gamma SA", "EUR 101.250", 30, "6", "20", "High", "Yes", 96, 150, "yes", "-", 60, "✓", 5, 3, "3", "new"],
    [
        "Delta Inc",
        "99.000,00 €",
        "90",
        12,
        50,
        "Low ",
        "✓",
        "98 %",
        300,
        "no",
        "70",
        "40",
        "x",
        "4",
        5,
        "n.a.",
        None,
    ],
    [
        "Epsilon",
        "100.500,25 €",
        60,
        "18",
        "80",
        "medium",
        None,
        "0.925",
        250,
        "Y",
        65,
        55,
        "Yes",
        2,
        4,
        5,
        None,
    ],
    [
        "00123",
        "97.000 €",
        "60",
        "12",
        "40",
        "LOW",
        "yes",
        "90",
        "100",
        "yes",
        "75",
        "35",
        "yes",
        "4",
        "4",
        "4",
        None,
    ],
]
NAMELESS_ROW: list[object] = [
    None,
    "1.000 €",
    30,
    12,
    10,
    "Low",
    "Yes",
    99,
    10,
    "Yes",
    90,
    10,
    "Yes",
    5,
    5,
    5,
    "?",
]
TOTALS_ROW: list[object] = ["Total", "597.484,75 €"]


def clean_workbook() -> bytes:
    return xlsx_bytes({"Suppliers": [DEFAULT_HEADER, *CLEAN_ROWS]})


def messy_workbook(cost_column: Sequence[object] | None = None) -> bytes:
    """The same suppliers as a buyer's workbook: titles, synonyms, text everywhere, hidden bits."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Evaluation"
    sheet.append(["Supplier evaluation – Packaging 2026"])
    sheet.append(["Prepared by category management; figures as received from suppliers"])
    sheet.append([])
    sheet.append(MESSY_HEADER)
    rows = [list(r) for r in MESSY_ROWS]
    if cost_column is not None:
        for row, cost in zip(rows, cost_column, strict=True):
            row[1] = cost
    for position, row in enumerate(rows):
        sheet.append(row)
        if position == 2:
            sheet.append([])  # a blank row in the middle of the table
            sheet.append(NAMELESS_ROW)
    sheet.append(TOTALS_ROW)
    sheet.row_dimensions[sheet.max_row - 1].hidden = True  # the last supplier's row
    sheet.column_dimensions["O"].hidden = True  # Innovation
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def config():
    return load_preset("default")


def assert_same_scores(messy, clean) -> None:
    """Identical to the bit: totals, ranks, bands, statuses, every criterion score and value."""
    assert messy.result.suppliers == clean.result.suppliers
    np.testing.assert_array_equal(messy.result.totals, clean.result.totals)
    np.testing.assert_array_equal(messy.result.ranks, clean.result.ranks)
    np.testing.assert_array_equal(messy.result.scores, clean.result.scores)
    pd.testing.assert_frame_equal(ranking_frame(messy.result), ranking_frame(clean.result))


def test_messy_workbook_scores_exactly_like_its_clean_twin(config):
    messy = evaluate_file(messy_workbook(), "messy.xlsx", config)
    clean = evaluate_file(clean_workbook(), "clean.xlsx", config)
    assert_same_scores(messy, clean)
    assert ranking_frame(clean.result)["Band"].notna().any()  # the comparison covers bands, not only blanks


def test_the_messy_twin_says_what_was_done(config):
    messy = evaluate_file(messy_workbook(), "messy.xlsx", config)
    messages = " | ".join(f.message for f in messy.findings)
    mapped = messy.prepared.suppliers
    assert mapped.mapping.sheet == "Evaluation"
    assert {m.how for m in mapped.mapping.criteria} == {"synonym", "column name"}
    assert "header row is row 4" in messages
    assert "totals row" in messages
    assert "no supplier name" in messages
    assert "hidden in the workbook" in messages  # the hidden supplier row and the hidden column
    assert "Column O is hidden" in messages
    assert "fractions among percent points" in messages
    assert "no data" in messages
    assert any(f.severity == Severity.INFO and f.column == "TCO" for f in messy.findings)
    assert not any(f.severity == Severity.ERROR for f in messy.findings)


def test_row_accounting_across_the_messy_cases(config):
    messy = evaluate_file(messy_workbook(), "messy.xlsx", config).prepared.suppliers
    assert (
        messy.rows_read == 8
    )  # six suppliers, the nameless row and the totals row; the blank row is not a row read
    assert messy.rows_read == len(messy.table.suppliers) + len(messy.exclusions)
    assert sorted(exclusion_reason(e) for e in messy.exclusions) == ["no supplier name", "totals row (Total)"]
    clean = evaluate_file(clean_workbook(), "clean.xlsx", config).prepared.suppliers
    assert clean.rows_read == len(clean.table.suppliers) == 6 and not clean.exclusions


def test_dollar_amounts_score_like_plain_numbers_with_a_currency_warning(config):
    """'$101,234.50' style (decimal point, thousands comma) in a EUR criterion: read as written, flagged."""
    dollars = [f"${c:,.2f}" for c in (101234.5, 98500, 101250, 99000, 100500.25, 97000)]
    messy = evaluate_file(messy_workbook(dollars), "usd.xlsx", config)
    clean = evaluate_file(clean_workbook(), "clean.xlsx", config)
    assert_same_scores(messy, clean)
    assert any("in USD" in f.message and f.severity == Severity.WARNING for f in messy.findings)


def test_semicolon_csv_with_decimal_commas_scores_like_the_clean_twin(config):
    lines = [";".join(MESSY_HEADER)]
    for row in MESSY_ROWS:
        cells = [
            "" if v is None else (str(v).replace(".", ",") if isinstance(v, float) else str(v)) for v in row
        ]
        lines.append(";".join(cells))
    lines.append("Total;597.484,75 €")
    data = ("\ufeff" + "\r\n".join(["Supplier evaluation", "", *lines]) + "\r\n").encode("utf-8")
    messy = evaluate_file(data, "messy.csv", config)
    clean = evaluate_file(clean_workbook(), "clean.xlsx", config)
    assert_same_scores(messy, clean)


# --------------------------------------------------------------------------- properties


@settings(max_examples=60, deadline=None)
@given(
    titles=st.lists(st.sampled_from(["Supplier evaluation", "Prepared by: buyer", ""]), max_size=3),
    costs=st.lists(st.integers(min_value=1, max_value=10_000_000), min_size=1, max_size=12),
    blanks=st.lists(st.integers(min_value=0, max_value=12), max_size=4),
    totals=st.sampled_from([None, "Total", "TOTAL:", "Grand total", "Sub-total"]),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_every_row_is_read_once_under_its_own_row_number(titles, costs, blanks, totals, delimiter):
    """Whatever sits above, between and below the suppliers, each supplier row comes out once, with
    its spreadsheet row number, and rows read = suppliers + rows left out."""
    lines = [title for title in titles]
    header_line = len(lines) + 1
    lines.append(delimiter.join(["Supplier", "Cost"]))
    expected: dict[int, tuple[str, str]] = {}
    for n, cost in enumerate(costs):
        if n in blanks:
            lines.append("")
        lines.append(delimiter.join([f"Supplier {n}", str(cost)]))
        expected[len(lines)] = (f"Supplier {n}", str(cost))
    if totals:
        lines.append(delimiter.join([totals, str(sum(costs))]))
    sheet = read_workbook("\n".join(lines).encode(), "bids.csv").sheets[0]
    assert sheet.header_row == header_line
    assert {row: (s, c) for row, s, c in sheet.table.itertuples()} == expected
    assert sheet.rows_read == len(costs) + (1 if totals else 0)
    assert len(sheet.excluded_rows) == (1 if totals else 0)
