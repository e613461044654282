"""One supplier's improvement plan on its own: a workbook that can be sent to that supplier.

The file is reopened with openpyxl and every cell, sheet name and document
property is searched for the other suppliers' names: none may appear.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from scorecard.config import load_preset
from scorecard.export import write_tables
from scorecard.pipeline import Evaluation, evaluate_file
from scorecard.report import ReportTable
from scorecard.tables import gap_frame, plan_sentences, plan_tables, ranking_frame

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "sample_event.xlsx"


@pytest.fixture(scope="module")
def evaluation() -> Evaluation:
    return evaluate_file(SAMPLE.read_bytes(), SAMPLE.name, load_preset("default"))


def everything_written(data: bytes) -> str:
    """All text a recipient could find in the workbook: sheet names, cells, document properties."""
    book = load_workbook(io.BytesIO(data))
    parts = list(book.sheetnames)
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            parts += [str(value) for value in row if value is not None]
    properties = book.properties
    parts += [str(value) for value in (properties.title, properties.subject, properties.description) if value]
    return "\n".join(parts)


@pytest.mark.parametrize("position", [0, 1, 7, -1])
def test_a_suppliers_plan_names_no_other_supplier(evaluation: Evaluation, position: int) -> None:
    suppliers = list(ranking_frame(evaluation.result)["Supplier"])
    supplier = suppliers[position]
    text = everything_written(write_tables(plan_tables(evaluation.opportunities, supplier)))
    assert supplier in text
    others = [name for name in suppliers if name != supplier and name in text]
    assert not others, f"{supplier}'s plan names {others}"


def test_the_plan_workbook_holds_the_plans_numbers(evaluation: Evaluation) -> None:
    supplier = ranking_frame(evaluation.result)["Supplier"].iloc[1]
    tables = plan_tables(evaluation.opportunities, supplier)
    book = load_workbook(io.BytesIO(write_tables(tables)))
    assert book.sheetnames == [table.title for table in tables]
    plan = evaluation.opportunities.plan(supplier)
    sheet = book[tables[0].title]
    rows = list(sheet.iter_rows(values_only=True))
    header_row = next(i for i, row in enumerate(rows) if row[0] == "Gap")
    header = list(rows[header_row])
    written = rows[header_row + 1 : header_row + 1 + len(gap_frame(plan))]
    assert [row[header.index("Criterion")] for row in written] == list(gap_frame(plan)["Criterion"])
    assert [row[header.index("Points worth")] for row in written] == pytest.approx(
        list(gap_frame(plan)["Points worth"])
    )
    # the plan's sentences are in the intro lines above the table
    intro = [row[0] for row in rows[:header_row] if row[0]]
    assert intro[0] == f"Improvement plan for {supplier}"
    sentences = plan_sentences(plan, evaluation.result)
    assert list(sentences) == intro[1 : 1 + len(sentences)]


def test_write_tables_writes_only_the_tables_given(factory) -> None:
    table = ReportTable("Only this", factory.table({"Acme": {"price": 1}}).values.reset_index())
    book = load_workbook(io.BytesIO(write_tables([table])))
    assert book.sheetnames == ["Only this"]
