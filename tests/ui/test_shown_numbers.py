"""Every number in a table the page shows is written out: none reads blank because of its type."""

from __future__ import annotations

import pandas as pd
from pandas.io.formats.style import Styler

from scorecard.pipeline import Evaluation
from scorecard.report import ReportTable
from scorecard.tables import plan_tables
from scorecard.ui.results.tables import styled


def shown_tables(evaluation: Evaluation) -> list[ReportTable]:
    """The workbook's tables and, per supplier, the plan tables the Collaboration tab shows."""
    found = evaluation.opportunities
    tables = list(evaluation.report_tables)
    for supplier in evaluation.result.suppliers:
        tables += plan_tables(found, supplier)
    return tables


def display_values(look: Styler) -> pd.DataFrame:
    """The texts a Styler puts in each cell, as Streamlit reads them (`_translate`'s display values)."""
    look._compute()
    body = look._translate(False, False)["body"]
    rows = [[cell["display_value"] for cell in row if cell.get("type") == "td"] for row in body]
    return pd.DataFrame(rows, columns=look.data.columns, index=look.data.index)


def test_every_number_shown_through_a_styler_is_written(evaluation: Evaluation) -> None:
    checked = 0
    for table in shown_tables(evaluation):
        look = styled(table)
        if not isinstance(look, Styler):
            continue
        texts = display_values(look)
        for column in table.frame.columns:
            values = table.frame[column]
            if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
                continue
            for value, text in zip(values, texts[column], strict=True):
                if pd.notna(value):
                    checked += 1
                    assert str(text).strip(), (table.title, column, value)
    assert checked > 100  # the sample's tables have many such numbers


def test_whole_numbers_are_shown_as_whole_numbers(evaluation: Evaluation) -> None:
    """A rank, a gap's number, a count: shown and written as 1, 2, 3 (not 1.0 nor blank)."""
    for table in shown_tables(evaluation):
        for column in table.frame.columns:
            if pd.api.types.is_integer_dtype(table.frame[column]):
                assert table.format_of(column) == "integer", (table.title, column)
