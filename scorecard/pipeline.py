"""The pipeline, end to end: bytes -> Workbook -> Prepared -> Evaluation.

Split where the app needs it: reading depends only on the file (cached by
content); preparing (mapping, cleaning, bids, panel) depends on the file and on
which columns the settings read, not on the weights; evaluating (score and
analyses) is what reruns when a buyer moves a weight slider.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property

import pandas as pd

from scorecard import __version__
from scorecard.bids import BidResult, BidSettings, analyse_bids, default_bid_settings
from scorecard.bids.sheet import find_columns as find_bid_columns
from scorecard.config import Config
from scorecard.errors import Finding, ScorecardError, Severity
from scorecard.mapping import (
    ColumnMapping,
    MappedSuppliers,
    build_supplier_table,
    choose_supplier_sheet,
    map_columns,
    supplier_key,
)
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
    bids: BidResult | None = None
    extra_findings: tuple[Finding, ...] = ()

    @property
    def findings(self) -> tuple[Finding, ...]:
        panel = self.panel.findings if self.panel else ()
        bids = self.bids.findings if self.bids else ()
        return self.workbook.all_findings + self.suppliers.findings + bids + panel + self.extra_findings


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


@dataclass(frozen=True)
class SheetPlan:
    """Which sheet plays which part, and which criteria other sheets calculate (so no column is needed)."""

    suppliers: Sheet
    bids: Sheet | None
    fx: Sheet | None
    evaluations: Sheet | None
    calculated: frozenset[str]


def plan_sheets(workbook: Workbook, config: Config, supplier_sheet: str | None = None) -> SheetPlan:
    """Find the supplier sheet, and a bid sheet (with FX rates) and an evaluations sheet if there are any."""
    sheet = choose_supplier_sheet(workbook, config, supplier_sheet)
    taken = {sheet.name}
    bid_settings = bid_settings_for(config)
    bid_sheet = find_sheet(workbook, taken, BID_SHEET_NAMES, lambda s: looks_like_bids(s, bid_settings))
    fx_sheet = None
    calculated: set[str] = set()
    if bid_sheet is not None:
        taken.add(bid_sheet.name)
        fx_sheet = find_sheet(workbook, taken, FX_SHEET_NAMES, lambda s: bool(FX_SHEET_NAMES.search(s.name)))
        calculated |= {key for _, key in bid_settings.criteria}
    panel_settings = config.section("panel")
    evaluations = None
    if panel_settings is not None:
        evaluations = find_sheet(
            workbook, taken, PANEL_SHEET_NAMES, lambda s: readable_panel(s, panel_settings)
        )
    if evaluations is not None:
        calculated |= {c.key for c in config.criteria if c.panel}
    return SheetPlan(sheet, bid_sheet, fx_sheet, evaluations, frozenset(calculated))


def column_mapping(workbook: Workbook, config: Config, supplier_sheet: str | None = None) -> ColumnMapping:
    """The columns the scoring will read, with calculated criteria marked: what the app's mapping step shows."""
    plan = plan_sheets(workbook, config, supplier_sheet)
    return map_columns(plan.suppliers, config, provided=plan.calculated)


def bid_settings_for(config: Config) -> BidSettings:
    return config.section("bids") or default_bid_settings({c.key: c for c in config.criteria})


def prepare(workbook: Workbook, config: Config, *, supplier_sheet: str | None = None) -> Prepared:
    """Find the sheets and columns, clean the values, build the supplier table, and bring in what
    other sheets calculate: cost figures from a bid sheet, consensus ratings from a panel."""
    plan = plan_sheets(workbook, config, supplier_sheet)
    bids = None
    if plan.bids is not None:
        bids = analyse_bids(
            plan.bids.table,
            bid_settings_for(config),
            sheet=plan.bids.name,
            fx=plan.fx.table if plan.fx else None,
            fx_sheet=plan.fx.name if plan.fx else None,
        )
    mapping = map_columns(plan.suppliers, config, provided=plan.calculated)
    mapped = build_supplier_table(plan.suppliers, mapping, config)
    table, findings = mapped.table, []
    if bids is not None:
        table, found = with_calculated(table, bids.criterion_values(), bids.sheet)
        findings += found
    panel = None
    if plan.evaluations is not None:
        panel = panel_consensus(
            plan.evaluations.table,
            config.section("panel"),
            config.criteria,
            table.suppliers,
            sheet=plan.evaluations.name,
        )
        table, applied = apply_panel(table, panel)
        findings += applied
    return Prepared(workbook, mapped, table, panel, bids, tuple(findings))


BID_SHEET_NAMES = re.compile(r"bid|quot|price|rfq|rfp|tender|offer", re.IGNORECASE)
FX_SHEET_NAMES = re.compile(r"\bfx\b|exchange|currenc|rates?\b", re.IGNORECASE)
PANEL_SHEET_NAMES = re.compile(r"evaluat|panel|rating", re.IGNORECASE)


def find_sheet(
    workbook: Workbook, taken: set[str], names: re.Pattern[str], readable: Callable[[Sheet], bool]
) -> Sheet | None:
    """The first sheet not yet used that `readable` accepts, sheets named for the role first."""
    candidates = [s for s in workbook.sheets if s.name not in taken and not s.is_empty]
    candidates.sort(key=lambda s: not names.search(s.name))
    return next((s for s in candidates if readable(s)), None)


def looks_like_bids(sheet: Sheet, settings: BidSettings) -> bool:
    """Line items: supplier and unit price columns (long), or items and quantities on a bid-named sheet (wide)."""
    columns = find_bid_columns(sheet.columns, settings)
    if "supplier" in columns and "unit_price" in columns:
        return True
    has_items = "item" in columns or "description" in columns
    return bool(BID_SHEET_NAMES.search(sheet.name)) and has_items and "quantity" in columns


def readable_panel(sheet: Sheet, settings: PanelSettings) -> bool:
    try:
        detect_layout(sheet.table, settings, sheet.name)
    except ScorecardError:
        return False
    return True


def with_calculated(
    table: SupplierTable, values: pd.DataFrame, source: str
) -> tuple[SupplierTable, list[Finding]]:
    """Put figures calculated on another sheet into the supplier table by name, and say who did not match."""
    by_key = {supplier_key(str(name)): name for name in values.index}
    matches = {supplier: by_key.get(supplier_key(supplier)) for supplier in table.suppliers}
    frame = table.values.copy()
    for key in values.columns:
        frame[key] = pd.Series(
            [None if m is None else values.at[m, key] for m in matches.values()],
            index=frame.index,
            dtype=object,
        )
    matched = {m for m in matches.values() if m is not None}
    findings = [
        Finding(
            Severity.WARNING,
            f"{name} appears on this sheet but not on the supplier sheet, so it is not scored.",
            sheet=source,
            value=str(name),
            action="Add the supplier to the supplier sheet (or correct the spelling) to score it.",
        )
        for name in values.index
        if name not in matched
    ]
    findings += [
        Finding(
            Severity.WARNING,
            f"There are no lines for {supplier} on this sheet, so its figures from it show as no data.",
            sheet=source,
            value=supplier,
            action="the criteria's missing-value policies apply",
        )
        for supplier, m in matches.items()
        if m is None
    ]
    return SupplierTable(frame, table.source_rows, table.sheet, table.columns), findings


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
