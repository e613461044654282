"""The pipeline, end to end: bytes -> Workbook -> Prepared -> Evaluation.

Split where the app needs it: reading depends only on the file (cached by
content); preparing (mapping, cleaning, bids, panel) depends on the file and on
which columns the settings read, not on the weights; evaluating (score and
analyses) is what reruns when a buyer moves a weight slider.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property

import pandas as pd

from scorecard import __version__
from scorecard.config import Config
from scorecard.errors import Finding, ScorecardError
from scorecard.mapping import MappedSuppliers, build_supplier_table, choose_supplier_sheet, map_columns
from scorecard.opportunities import OpportunityResult, find_opportunities
from scorecard.panel import PanelResult, PanelSettings, apply_panel, detect_layout, panel_consensus
from scorecard.read import Sheet, Workbook, read_workbook
from scorecard.report import ReportTable
from scorecard.score import ScoreResult, score
from scorecard.sensitivity import Sensitivity, sensitivity
from scorecard.suppliers import SupplierTable


@dataclass(frozen=True)
class Prepared:
    """Everything that depends on the file and the column settings, but not on the weights.

    `table` is what gets scored: the supplier sheet's values, with panel consensus
    ratings in place of panel-rated criteria.
    """

    workbook: Workbook
    suppliers: MappedSuppliers
    table: SupplierTable
    panel: PanelResult | None = None
    extra_findings: tuple[Finding, ...] = ()

    @property
    def findings(self) -> tuple[Finding, ...]:
        panel = self.panel.findings if self.panel else ()
        return self.workbook.all_findings + self.suppliers.findings + panel + self.extra_findings


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
    def sensitivity(self) -> Sensitivity:
        """How robust the ranking is to the weights: stability ranges, rank probabilities, verdict."""
        return sensitivity(self.result)

    @cached_property
    def opportunities(self) -> OpportunityResult:
        """Segments, collaboration opportunities and improvement plans (importance from the supplier sheet)."""
        return find_opportunities(self.result, self.prepared.table, self.prepared.suppliers.sheet_rows)

    @cached_property
    def report_tables(self) -> list[ReportTable]:
        """Every table of the scored workbook, in order, after Ranking, Criteria and Method."""
        from scorecard import tables

        return tables.evaluation_tables(self)


def prepare(workbook: Workbook, config: Config, *, supplier_sheet: str | None = None) -> Prepared:
    """Find the supplier sheet and columns, clean the values, and build the supplier table."""
    sheet = choose_supplier_sheet(workbook, config, supplier_sheet)
    panel_settings = config.section("panel")
    evaluations = find_evaluations_sheet(workbook, panel_settings, sheet.name) if panel_settings else None
    panel_keys = {c.key for c in config.criteria if c.panel} if evaluations else set()
    mapping = map_columns(sheet, config, provided=panel_keys)
    mapped = build_supplier_table(sheet, mapping, config)
    if evaluations is None:
        return Prepared(workbook, mapped, mapped.table)
    panel = panel_consensus(
        evaluations.table, panel_settings, config.criteria, mapped.table.suppliers, sheet=evaluations.name
    )
    table, applied = apply_panel(mapped.table, panel)
    return Prepared(workbook, mapped, table, panel, applied)


def find_evaluations_sheet(workbook: Workbook, settings: PanelSettings, supplier_sheet: str) -> Sheet | None:
    """The sheet of evaluators' ratings, if any: one whose columns the panel can read, by name first."""
    candidates = [s for s in workbook.sheets if s.name != supplier_sheet and not s.is_empty]
    candidates.sort(key=lambda s: not re.search(r"evaluat|panel|rating", s.name, re.IGNORECASE))
    for candidate in candidates:
        try:
            detect_layout(candidate.table, settings, candidate.name)
        except ScorecardError:
            continue
        return candidate
    return None


def evaluate(prepared: Prepared, config: Config) -> Evaluation:
    """Score the prepared suppliers with the given settings (weights may differ from preparation)."""
    return Evaluation(prepared, config, score(prepared.table, config))


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
