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
from typing import Literal

import numpy as np
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
from scorecard.tables import findings_frame as findings_frame  # re-exported: the app imports it from here
from scorecard.template import is_template_instructions


@dataclass(frozen=True)
class CriterionSource:
    """Where one criterion's values come from: a supplier-sheet column, a bid sheet, a panel, or nowhere."""

    kind: Literal["column", "bids", "panel", "missing"]
    sheet: str | None = None
    column: str | None = None
    how: str = ""  # how the column was found: "column name", "synonym", "your choice"

    def describe(self) -> str:
        """The source in the buyer's words: the Criteria sheet, the Method sheet and `validate` all say this."""
        if self.kind == "column":
            return f'sheet "{self.sheet}", column "{self.column}"'
        if self.kind == "bids":
            return f'calculated from bid sheet "{self.sheet}"'
        if self.kind == "panel":
            return f'panel consensus on sheet "{self.sheet}"'
        return "not in the file (no data)"


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
        documentation = {s.name for s in self.workbook.sheets if is_template_instructions(s.columns)}
        read = tuple(f for f in self.workbook.all_findings if f.sheet not in documentation)
        return read + self.suppliers.findings + bids + panel + self.extra_findings

    @cached_property
    def sources(self) -> dict[str, CriterionSource]:
        """Each criterion's source, by key: what another sheet calculates wins over a supplier-sheet column."""
        bid_keys = set(self.bids.criterion_values().columns) if self.bids else set()
        panel_keys = {c.key for c in self.panel.criteria} if self.panel else set()
        sources = {}
        for m in self.suppliers.mapping.criteria:
            if m.key in panel_keys:
                sources[m.key] = CriterionSource("panel", self.panel.sheet)
            elif m.key in bid_keys:
                sources[m.key] = CriterionSource("bids", self.bids.sheet)
            elif m.column is not None:
                sources[m.key] = CriterionSource("column", self.suppliers.mapping.sheet, m.column, m.how)
            else:
                sources[m.key] = CriterionSource("missing")
        return sources


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
        # a headers-only Evaluations sheet (the template, not filled in yet) still says the panel rates
        # those criteria: they show as not rated, rather than as columns missing from the supplier sheet
        evaluations = find_sheet(
            workbook,
            taken,
            PANEL_SHEET_NAMES,
            lambda s: readable_panel(s, panel_settings),
            headers_only=True,
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
    if plan.suppliers.is_empty and not plan.suppliers.excluded_rows:
        raise no_suppliers_yet(plan.suppliers.name)
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
    workbook: Workbook,
    taken: set[str],
    names: re.Pattern[str],
    readable: Callable[[Sheet], bool],
    *,
    headers_only: bool = False,
) -> Sheet | None:
    """The first sheet not yet used that `readable` accepts, sheets named for the role first.

    With `headers_only`, a sheet with headers and no rows counts too, when it is named for the role.
    """

    def usable(s: Sheet) -> bool:
        if not s.is_empty:
            return True
        return headers_only and bool(s.columns) and bool(names.search(s.name))

    candidates = [s for s in workbook.sheets if s.name not in taken and usable(s)]
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
    """Put figures calculated on another sheet into the supplier table by name, and say who did not match.

    The calculated figure wins; where the supplier sheet also has a figure for it that differs, a
    warning names both sources and both values, so the buyer sees which one was scored.
    """
    by_key = {supplier_key(str(name)): name for name in values.index}
    matches = {supplier: by_key.get(supplier_key(supplier)) for supplier in table.suppliers}
    frame = table.values.copy()
    columns = dict(table.columns)
    findings: list[Finding] = []
    for key in values.columns:
        calculated = pd.Series(
            [None if m is None else values.at[m, key] for m in matches.values()],
            index=frame.index,
            dtype=object,
        )
        if key in columns and key in frame.columns:
            findings += differences(frame[key], calculated, table, columns[key], source)
        frame[key] = calculated
    matched = {m for m in matches.values() if m is not None}
    findings += [
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


def differences(
    sheet_values: pd.Series, calculated: pd.Series, table: SupplierTable, column: str, source: str
) -> list[Finding]:
    """A warning for each supplier whose supplier-sheet figure differs from the one calculated on `source`."""
    found = pd.to_numeric(sheet_values.astype(object), errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    worked = pd.to_numeric(calculated.astype(object), errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    differ = ~np.isnan(found) & ~np.isclose(found, worked, rtol=1e-6, atol=1e-9, equal_nan=False)
    return [
        Finding(
            Severity.WARNING,
            f'{column} for {supplier}: the supplier sheet says {found[i]:,.6g}, but sheet "{source}" '
            + ("has no figure for it" if np.isnan(worked[i]) else f"calculates {worked[i]:,.6g}")
            + "; the calculated figure is scored.",
            sheet=table.sheet,
            row=table.source_rows[i] if table.source_rows else None,
            column=column,
            value=str(sheet_values.iloc[i]),
            action=f'used the figure from sheet "{source}"',
        )
        for i, supplier in enumerate(sheet_values.index)
        if differ[i]
    ]


def no_suppliers_yet(sheet: str) -> ScorecardError:
    return ScorecardError(
        f'There are no suppliers yet on sheet "{sheet}": it has the column headers but no supplier rows.',
        sheet=sheet,
        hint="Add one row per supplier under the headers (the template's Instructions sheet shows an example for each column), then load the file again.",
    )


def require_suppliers(prepared: Prepared) -> None:
    """Stop before scoring when no row is left to score, saying how many rows were left out and why."""
    if len(prepared.table.suppliers):
        return
    mapped = prepared.suppliers
    sheet = mapped.mapping.sheet
    if mapped.exclusions.empty:
        raise no_suppliers_yet(sheet)
    reasons = mapped.exclusions["Reason"].astype(str).value_counts()
    why = "; ".join(f"{count} {reason}" for reason, count in reasons.items())
    raise ScorecardError(
        f'There are no suppliers to score on sheet "{sheet}": all {len(mapped.exclusions)} row(s) were excluded ({why}).',
        sheet=sheet,
        hint="Fill in the supplier name on each row (run 'validate' to list the rows), then load the file again.",
    )


def evaluate(prepared: Prepared, config: Config) -> Evaluation:
    """Score the prepared suppliers with the given settings (weights may differ from preparation)."""
    require_suppliers(prepared)
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
    return evaluate(prepare_file(data, filename, config, supplier_sheet=supplier_sheet), config)


def prepare_file(
    data: bytes, filename: str, config: Config, *, supplier_sheet: str | None = None
) -> Prepared:
    """Read and prepare a file without scoring it: what `validate` reports."""
    return prepare(read_workbook(data, filename), config, supplier_sheet=supplier_sheet)
