"""The pipeline, end to end: bytes -> Workbook -> Prepared -> Evaluation.

Split where the app needs it: reading depends only on the file (cached by
content); preparing (mapping, cleaning, bids, panel) depends on the file and on
which columns the settings read, not on the weights; evaluating (score and
analyses) is what reruns when a buyer moves a weight slider.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property

import pandas as pd

from scorecard import __version__
from scorecard.config import Config
from scorecard.errors import Finding
from scorecard.mapping import MappedSuppliers, build_supplier_table, choose_supplier_sheet, map_columns
from scorecard.opportunities import OpportunityResult, find_opportunities
from scorecard.read import Workbook, read_workbook
from scorecard.report import ReportTable
from scorecard.score import ScoreResult, score


@dataclass(frozen=True)
class Prepared:
    """Everything that depends on the file and the column settings, but not on the weights."""

    workbook: Workbook
    suppliers: MappedSuppliers

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.workbook.all_findings + self.suppliers.findings


@dataclass(frozen=True)
class Evaluation:
    """A scored event: the prepared data, the settings used, the result and the analyses built on it."""

    prepared: Prepared
    config: Config
    result: ScoreResult
    created: datetime = field(default_factory=lambda: datetime.now(UTC))
    version: str = __version__

    @property
    def workbook(self) -> Workbook:
        return self.prepared.workbook

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.prepared.findings

    @cached_property
    def opportunities(self) -> OpportunityResult:
        """Segments, collaboration opportunities and improvement plans (importance from the supplier sheet)."""
        mapped = self.prepared.suppliers
        return find_opportunities(self.result, mapped.table, mapped.sheet_rows)

    @cached_property
    def report_tables(self) -> list[ReportTable]:
        """Every table of the scored workbook, in order, after Ranking, Criteria and Method."""
        from scorecard import tables

        return tables.evaluation_tables(self)


def prepare(workbook: Workbook, config: Config, *, supplier_sheet: str | None = None) -> Prepared:
    """Find the supplier sheet and columns, clean the values, and build the supplier table."""
    sheet = choose_supplier_sheet(workbook, config, supplier_sheet)
    mapping = map_columns(sheet, config)
    mapped = build_supplier_table(sheet, mapping, config)
    return Prepared(workbook, mapped)


def evaluate(prepared: Prepared, config: Config) -> Evaluation:
    """Score the prepared suppliers with the given settings (weights may differ from preparation)."""
    return Evaluation(prepared, config, score(prepared.suppliers.table, config))


def evaluate_file(
    data: bytes,
    filename: str,
    config: Config,
    *,
    supplier_sheet: str | None = None,
    overrides: Mapping[str, str] | None = None,
) -> Evaluation:
    """The whole pipeline for the command line and tests."""
    if overrides:
        config = config.with_overrides(overrides)
    workbook = read_workbook(data, filename)
    return evaluate(prepare(workbook, config, supplier_sheet=supplier_sheet), config)


def findings_frame(findings: tuple[Finding, ...]) -> pd.DataFrame:
    """Findings as a table: the Data quality sheet and the app's list."""
    return pd.DataFrame(
        [(f.severity.value, f.sheet, f.row, f.column, f.value, f.message, f.action) for f in findings],
        columns=["Severity", "Sheet", "Row", "Column", "Value found", "What we noticed", "What was done"],
    )
