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
from typing import Literal

from scorecard import __version__
from scorecard.bids import BidResult
from scorecard.config import Config
from scorecard.errors import Finding, ScorecardError
from scorecard.layout import LayoutOverrides, WorkbookLayout
from scorecard.layout.derive import choose_config, derive
from scorecard.layout.turned import TurnedSource, turned_sources
from scorecard.mapping import (
    Candidate,
    ColumnMapping,
    MappedSuppliers,
    build_supplier_table,
    candidate_criteria,
    map_columns,
    settings_from_columns,
)
from scorecard.opportunities import OpportunityResult, find_opportunities
from scorecard.panel import PanelResult, apply_panel, panel_consensus
from scorecard.pipeline.bid_event import (
    BID_ONLY_EXTRAS,
    bid_extras,
    bid_figures,
    bid_only_config,
    bid_only_finding,
    bid_settings_for,
    read_bids,
)
from scorecard.pipeline.calculated import award_eligibility, with_calculated
from scorecard.pipeline.plan import SheetPlan, laid_out, plan_sheets
from scorecard.read import Workbook, read_workbook
from scorecard.read.provenance import at_source
from scorecard.report import ReportTable
from scorecard.score import ScoreResult, score
from scorecard.sensitivity import RankProbabilities, Sensitivity, rank_probabilities, sensitivity
from scorecard.suppliers import SupplierTable
from scorecard.template import is_template_instructions

__all__ = [  # what the app, the command line and the tests import from here
    "BID_ONLY_EXTRAS",
    "CriterionSource",
    "Evaluation",
    "Prepared",
    "SheetPlan",
    "column_mapping",
    "evaluate",
    "evaluate_file",
    "laid_out",
    "plan_sheets",
    "prepare",
    "prepare_file",
    "read_file",
    "settings_for_file",
]


@dataclass(frozen=True)
class CriterionSource:
    """Where one criterion's values come from: a supplier-sheet column, a bid sheet, a panel, or nowhere."""

    kind: Literal["column", "bids", "panel", "missing"]
    sheet: str | None = None
    column: str | None = None
    how: str = ""  # how the column was found: "column name", "synonym", "your choice"
    turned: TurnedSource | None = None  # an evaluation matrix read turned round: its row and cells

    def describe(self) -> str:
        """The source in the buyer's words: the Criteria sheet, the Method sheet and `validate` all say this."""
        if self.turned is not None:
            return self.turned.where
        if self.kind == "column":
            return f'sheet "{self.sheet}", column "{self.column}"'
        if self.kind == "bids":
            return f'calculated from bid sheet "{self.sheet}"'
        if self.kind == "panel":
            return f'panel consensus on sheet "{self.sheet}"'
        return "not in the file: left out, its weight shared within its category"

    def cell(self, sheet: str | None, row: int, column: str) -> str:
        """One supplier's value on the Criteria sheet: the cell a buyer would look in (on a turned matrix,
        the supplier's column in the criterion's row; the supplier sheet's row is that column's number)."""
        found = dict(self.turned.cells).get(row) if self.turned is not None else None
        return found or f'{sheet} / row {row} / "{column}"'


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
    layout: WorkbookLayout = field(default_factory=WorkbookLayout)
    # a bid tab alone: the criteria the bids provide (the event is scored on these only), else None
    bid_only: frozenset[str] | None = None
    base_currency: str | None = None  # a bid-only event's own currency, when it differs from the settings'
    bid_extras: tuple[str, ...] = ()  # figures a bid-only event adds (coverage, lead time: bid_only.yaml)

    def event_config(self, config: Config) -> Config:
        """The settings this event is scored with: a bid tab alone is scored on what its bids provide."""
        if self.bid_only is None:
            return config
        return bid_only_config(config, self.bid_only, self.base_currency, self.bid_extras)

    @property
    def findings(self) -> tuple[Finding, ...]:
        # a rating read from an evaluator sheet is named on that sheet, not on the table made from it
        panel = tuple(at_source(self.panel.findings, self.workbook.sheets, "Supplier")) if self.panel else ()
        bids = self.bids.findings if self.bids else ()
        documentation = {s.name for s in self.workbook.sheets if is_template_instructions(s.columns)}
        read = tuple(f for f in self.workbook.all_findings if f.sheet not in documentation)
        return read + self.suppliers.findings + bids + panel + self.extra_findings

    @property
    def left_out(self) -> tuple[str, ...]:
        """Criteria with no source in the file, in settings order: left out, their weight shared."""
        return tuple(c for c, source in self.sources.items() if source.kind == "missing")

    @cached_property
    def candidates(self) -> tuple[Candidate, ...]:
        """Columns nobody asked for that could be scored: offered, never scored unasked."""
        return candidate_criteria(self.workbook.sheet(self.suppliers.mapping.sheet), self.suppliers.mapping)

    @cached_property
    def sources(self) -> dict[str, CriterionSource]:
        """Each criterion's source, by key: what another sheet calculates wins over a supplier-sheet column."""
        bid_keys = set(self.bids.criterion_values().columns) | set(self.bid_extras) if self.bids else set()
        panel_keys = {c.key for c in self.panel.criteria} if self.panel else set()
        sources = {}
        turned = turned_sources(self.workbook, self.layout, self.suppliers.mapping.sheet)
        for m in self.suppliers.mapping.criteria:
            if m.key in panel_keys:
                sources[m.key] = CriterionSource("panel", self.panel.sheet)
            elif m.key in bid_keys:
                sources[m.key] = CriterionSource("bids", self.bids.sheet)
            elif m.column is not None:
                sheet = self.suppliers.mapping.sheet
                sources[m.key] = CriterionSource("column", sheet, m.column, m.how, turned.get(m.column))
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

    @property
    def first_place(self) -> float | None:
        """The leader's odds of staying first under random weight changes, when its lead is a near tie
        (None otherwise: a clear lead needs no odds, and the draws are not run for it)."""
        lead = self.result.lead
        if not lead.near_tie or lead.leader is None:
            return None
        return self.probabilities.first_place(lead.leader)

    @property
    def headline(self) -> str:
        """The leader sentence every surface shows (banner, command line, Method sheet)."""
        from scorecard.tables import leader_sentence

        return leader_sentence(self.result, self.first_place)

    @cached_property
    def bids(self) -> BidResult | None:
        """The bids with award scenarios among the suppliers the scoring lets through (`award_eligibility`)."""
        bids = self.prepared.bids
        if bids is None or not bids.settings.award_only_qualified:
            return bids
        return bids.for_award(award_eligibility(self.result, bids.suppliers.index))

    @cached_property
    def sensitivity(self) -> Sensitivity:
        """How robust the ranking is to the weights: stability ranges, rank probabilities, verdict."""
        return sensitivity(self.result, probabilities=self.probabilities)

    @cached_property
    def probabilities(self) -> RankProbabilities:
        """Rank probabilities under random weight draws: drawn once, quoted by the headline and the tab."""
        return rank_probabilities(self.result)

    @cached_property
    def opportunities(self) -> OpportunityResult:
        """Segments, collaboration opportunities and improvement plans (importance from the supplier sheet)."""
        return find_opportunities(self.result, self.prepared.table, self.prepared.suppliers.sheet_rows)

    @cached_property
    def report_tables(self) -> list[ReportTable]:
        """Every table of the scored workbook, in order, after Ranking, Criteria and Method."""
        from scorecard import tables

        return tables.evaluation_tables(self)


def column_mapping(
    workbook: Workbook,
    config: Config,
    supplier_sheet: str | None = None,
    overrides: LayoutOverrides | None = None,
    layout: WorkbookLayout | None = None,
) -> ColumnMapping:
    """The columns the scoring will read, with calculated criteria marked: what the app's mapping step shows."""
    plan = plan_sheets(
        workbook, config, supplier_sheet, layout=layout or laid_out(workbook, config, overrides)
    )
    if plan.bid_only:
        config = bid_only_config(config, bid_figures(plan.bids_layout, bid_settings_for(config)))
    return map_columns(plan.suppliers, config, provided=plan.calculated)


def settings_for_file(
    workbook: Workbook,
    config: Config,
    supplier_sheet: str | None = None,
    layout: WorkbookLayout | None = None,
) -> Config:
    """The settings as given; or, when the file holds none of their weighted columns but has columns
    that can be scored (numbers, yes/no), settings built from those columns, named as such."""
    plan = plan_sheets(workbook, config, supplier_sheet, layout=layout or laid_out(workbook, config))
    mapping = map_columns(plan.suppliers, config, provided=plan.calculated)
    shares = config.counted_shares()
    if mapping.supplier.column is None or any(
        shares[m.key] > 0 and (m.column is not None or m.how == "calculated") for m in mapping.criteria
    ):
        return config
    candidates = candidate_criteria(plan.suppliers, mapping)
    checkable = {m.key for m in mapping.criteria if m.column is not None}
    return settings_from_columns(config, candidates, checkable) if candidates else config


def prepare(
    workbook: Workbook,
    config: Config,
    *,
    supplier_sheet: str | None = None,
    overrides: LayoutOverrides | None = None,
    layout: WorkbookLayout | None = None,
) -> Prepared:
    """Find the sheets and columns, clean the values, build the supplier table, and bring in what
    other sheets calculate: cost figures from a bid sheet, consensus ratings from a panel.

    `layout` is the layout stage's decision when the caller has it already (with `overrides` applied);
    without it the workbook is laid out here, once."""
    plan = plan_sheets(
        workbook, config, supplier_sheet, layout=layout or laid_out(workbook, config, overrides)
    )
    if plan.suppliers.is_empty and not plan.suppliers.excluded_rows:
        raise no_suppliers_yet(plan.suppliers.name)
    original = config
    unrated = plan.unrated_finding  # an evaluations sheet the panel has not filled in yet, said once
    findings: list[Finding] = [unrated] if unrated else []
    bids, bid_only, currency = None, None, None
    if plan.bids is not None:
        bids, found, currency = read_bids(plan, config, workbook)
        findings += found
    extras: tuple[str, ...] = ()
    if plan.bid_only:
        bid_only = bid_figures(plan.bids_layout, bid_settings_for(config))
        extras = bid_extras(bids, config, bid_only)
        config = bid_only_config(config, bid_only, currency, extras)
        findings.append(bid_only_finding(plan, config, bid_only | set(extras), original))
    mapping = map_columns(plan.suppliers, config, provided=plan.calculated | set(extras))
    mapped = build_supplier_table(plan.suppliers, mapping, config, workbook)
    table = mapped.table
    if bids is not None:
        values = bids.criterion_values()
        for figure in extras:
            values[figure] = bids.suppliers[figure].astype(float)
        table, found = with_calculated(table, values, bids.sheet)
        findings += found
    panel = None
    if plan.evaluations is not None:
        panel = panel_consensus(
            plan.evaluations.table,
            config.section("panel"),
            config.criteria,
            table.suppliers,
            sheet=plan.evaluations.name,
            layout=plan.evaluations_layout.detail,
        )
        table, applied = apply_panel(table, panel)
        findings += applied
    return Prepared(
        workbook, mapped, table, panel, bids, tuple(findings), plan.layout, bid_only, currency, extras
    )


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
    if not mapped.exclusions:
        raise no_suppliers_yet(sheet)
    from scorecard.tables.mapping import exclusions_frame  # the reasons in the buyer's words

    reasons = exclusions_frame(mapped.exclusions)["Reason"].value_counts()
    why = "; ".join(f"{count} {reason}" for reason, count in reasons.items())
    raise ScorecardError(
        f'There are no suppliers to score on sheet "{sheet}": all {len(mapped.exclusions)} row(s) were excluded ({why}).',
        sheet=sheet,
        hint="Fill in the supplier name on each row (run 'validate' to list the rows), then load the file again.",
    )


def evaluate(prepared: Prepared, config: Config) -> Evaluation:
    """Score the prepared suppliers with the given settings (weights may differ from preparation)."""
    require_suppliers(prepared)
    config = prepared.event_config(config)
    return Evaluation(prepared, config, score(prepared.table, config))


def evaluate_file(
    data: bytes,
    filename: str,
    config: Config | None,
    *,
    supplier_sheet: str | None = None,
    overrides: Mapping[str, str] | None = None,
    roles: LayoutOverrides | None = None,
) -> Evaluation:
    """The whole pipeline for the command line and tests (config None: the file's own settings, else the default)."""
    workbook, config = read_file(data, filename, config, roles)
    if overrides:
        config = config.with_overrides(overrides)
    layout = laid_out(workbook, config, roles)  # decided once: the settings' columns and the buyer's roles
    config = settings_for_file(workbook, config, supplier_sheet, layout)
    return evaluate(prepare(workbook, config, supplier_sheet=supplier_sheet, layout=layout), config)


def prepare_file(
    data: bytes,
    filename: str,
    config: Config | None,
    *,
    supplier_sheet: str | None = None,
    roles: LayoutOverrides | None = None,
) -> Prepared:
    """Read and prepare a file without scoring it: what `validate` reports (`roles`: the buyer's sheet roles)."""
    workbook, config = read_file(data, filename, config, roles)
    return prepare(workbook, config, supplier_sheet=supplier_sheet, overrides=roles)


def read_file(
    data: bytes, filename: str, config: Config | None, roles: LayoutOverrides | None = None
) -> tuple[Workbook, Config]:
    """Read a file as the pipeline scores it (matrices turned, resubmissions reduced: layout.derive, with the
    buyer's sheet roles) and choose its settings by the one rule: the buyer's explicit choice (`config`), else
    the file's own, else the default."""
    workbook = read_workbook(data, filename)
    derived = derive(workbook, overrides=roles)
    return derived.workbook, choose_config(derived, config)
