"""The pipeline, end to end: bytes -> Workbook -> Prepared -> Evaluation.

Split where the app needs it: reading depends only on the file (cached by
content); preparing (mapping, cleaning, bids, panel) depends on the file and on
which columns the settings read, not on the weights; evaluating (score and
analyses) is what reruns when a buyer moves a weight slider.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
import yaml

from scorecard import __version__
from scorecard.bids import BidResult, BidSettings, analyse_bids, default_bid_settings
from scorecard.bids.sheet import read_bid_sheet
from scorecard.bids.tab import bid_tab_table, rank_findings, total_findings
from scorecard.config import Config, parse_config, validated
from scorecard.errors import Finding, ScorecardError, Severity
from scorecard.layout import LayoutContext, LayoutOverrides, Role, SheetLayout, WorkbookLayout, detect_layout
from scorecard.layout.derive import choose_config, derive
from scorecard.layout.turned import TurnedSource, turned_sources
from scorecard.mapping import (
    Candidate,
    ColumnMapping,
    MappedSuppliers,
    build_supplier_table,
    candidate_criteria,
    choose_supplier_sheet,
    map_columns,
    settings_from_columns,
)
from scorecard.names import supplier_key
from scorecard.opportunities import OpportunityResult, find_opportunities
from scorecard.panel import PanelResult, apply_panel, panel_consensus
from scorecard.read import Sheet, Workbook, read_workbook
from scorecard.report import ReportTable
from scorecard.score import ScoreResult, score
from scorecard.sensitivity import RankProbabilities, Sensitivity, rank_probabilities, sensitivity
from scorecard.suppliers import SupplierTable
from scorecard.template import is_template_instructions


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
        panel = self.panel.findings if self.panel else ()
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


@dataclass(frozen=True)
class SheetPlan:
    """Which sheet plays which part, as the layout stage decided, and which criteria other sheets calculate.

    With bids and no supplier list (`bid_only`), `suppliers` is a list of the bidders made from the bid
    sheet, and only the criteria the bids provide are scored.
    """

    suppliers: Sheet
    bids: Sheet | None
    fx: Sheet | None
    evaluations: Sheet | None
    calculated: frozenset[str]
    layout: WorkbookLayout = field(default_factory=WorkbookLayout)
    bid_only: bool = False

    @property
    def bids_layout(self) -> SheetLayout | None:
        return self.layout.of(self.bids.name) if self.bids is not None else None

    @property
    def evaluations_layout(self) -> SheetLayout | None:
        return self.layout.of(self.evaluations.name) if self.evaluations is not None else None


def plan_sheets(
    workbook: Workbook,
    config: Config,
    supplier_sheet: str | None = None,
    overrides: LayoutOverrides | None = None,
    layout: WorkbookLayout | None = None,
) -> SheetPlan:
    """Each sheet's part, from the layout stage: the supplier list, a bid sheet (with FX rates) and a panel.

    Among several supplier lists the one whose headers match the most criteria is used; with none, a
    bid sheet alone is the event and its bidders are the suppliers.
    """
    if layout is None:  # the app hands in the layout it has shown (and cached); elsewhere it is found here
        layout = detect_layout(workbook, LayoutContext(config), overrides)
    bids_layout = layout.first(Role.LONG_BIDS, Role.WIDE_BIDS)
    bid_sheet = workbook.sheet(bids_layout.sheet) if bids_layout is not None else None
    # a matrix (criteria in rows) is read as a supplier list once `layout.derive` has turned it
    lists = [workbook.sheet(s.sheet) for s in layout.with_role(Role.SUPPLIERS, Role.MATRIX)]
    bid_only = False
    if supplier_sheet:
        sheet = workbook.sheet(supplier_sheet)
    elif lists:
        sheet = choose_supplier_sheet(workbook, config, candidates=lists)
    elif bid_sheet is None:
        raise nothing_to_score(workbook, layout, config)
    else:
        sheet, bid_only = bidder_list(bid_sheet, bids_layout, config), True
    if bid_sheet is not None and bid_sheet.name == sheet.name and not bid_only:
        bid_sheet = None  # the buyer chose the bid sheet as the supplier list
    fx_layout = layout.first(Role.FX)
    fx_sheet = workbook.sheet(fx_layout.sheet) if fx_layout is not None and bid_sheet is not None else None
    calculated: set[str] = set()
    if bid_sheet is not None:
        calculated |= {key for _, key in bid_settings_for(config).criteria}
    evaluations = None
    panel_layout = layout.first(Role.EVALUATIONS)
    if config.section("panel") is not None and panel_layout is not None and panel_layout.sheet != sheet.name:
        evaluations = workbook.sheet(panel_layout.sheet)
        calculated |= {c.key for c in config.criteria if c.panel}
    return SheetPlan(sheet, bid_sheet, fx_sheet, evaluations, frozenset(calculated), layout, bid_only)


def nothing_to_score(workbook: Workbook, layout: WorkbookLayout, config: Config) -> ScorecardError:
    """No supplier list and no bids: say how each sheet was read, and how to correct it."""
    read_as = "; ".join(layout.describe())
    return ScorecardError(
        f"No sheet in {workbook.filename} looks like a supplier list or a bid sheet. How it was read: {read_as}.",
        hint=f'A supplier list needs a "{config.supplier_column}" column and one column per criterion (download '
        "the template to see them). If a sheet was read as the wrong thing, say what it is: "
        '--sheet-role "SHEET=supplier list" on the command line, or its role under "How we read your workbook" '
        "in the app.",
    )


def bidder_list(bids: Sheet, layout: SheetLayout, config: Config) -> Sheet:
    """The bidders of a bid sheet as a supplier list (one row each, first spelling kept), for a bid-only event."""
    if layout.groups:
        names = list(layout.suppliers)
    else:
        column = layout.column("supplier")
        names = []
        seen: set[str] = set()
        for value in pd.unique(bids.table[column]) if column in bids.table else ():  # in sheet order
            text = None if value is None or value != value else " ".join(str(value).split())
            if text and supplier_key(text) not in seen:
                seen.add(supplier_key(text))
                names.append(text)
    table = pd.DataFrame({config.supplier_column: names}, dtype=object)
    table.index = pd.Index(range(1, len(names) + 1), name="row")
    return Sheet(bids.name, table, None, rows_read=len(names))


def column_mapping(
    workbook: Workbook,
    config: Config,
    supplier_sheet: str | None = None,
    overrides: LayoutOverrides | None = None,
) -> ColumnMapping:
    """The columns the scoring will read, with calculated criteria marked: what the app's mapping step shows."""
    plan = plan_sheets(workbook, config, supplier_sheet, overrides)
    if plan.bid_only:
        config = bid_only_config(config, bid_figures(plan.bids_layout, bid_settings_for(config)))
    return map_columns(plan.suppliers, config, provided=plan.calculated)


def settings_for_file(workbook: Workbook, config: Config, supplier_sheet: str | None = None) -> Config:
    """The settings as given; or, when the file holds none of their weighted columns but has columns
    that can be scored (numbers, yes/no), settings built from those columns, named as such."""
    plan = plan_sheets(workbook, config, supplier_sheet)
    mapping = map_columns(plan.suppliers, config, provided=plan.calculated)
    shares = config.effective_weights()
    if mapping.supplier.column is None or any(
        shares[m.key] > 0 and (m.column is not None or m.how == "calculated") for m in mapping.criteria
    ):
        return config
    candidates = candidate_criteria(plan.suppliers, mapping)
    return settings_from_columns(config, candidates) if candidates else config


def bid_settings_for(config: Config) -> BidSettings:
    return config.section("bids") or default_bid_settings({c.key: c for c in config.criteria})


def prepare(
    workbook: Workbook,
    config: Config,
    *,
    supplier_sheet: str | None = None,
    overrides: LayoutOverrides | None = None,
) -> Prepared:
    """Find the sheets and columns, clean the values, build the supplier table, and bring in what
    other sheets calculate: cost figures from a bid sheet, consensus ratings from a panel."""
    plan = plan_sheets(workbook, config, supplier_sheet, overrides)
    if plan.suppliers.is_empty and not plan.suppliers.excluded_rows:
        raise no_suppliers_yet(plan.suppliers.name)
    original = config
    findings: list[Finding] = []
    bids, bid_only, currency = None, None, None
    if plan.bids is not None:
        bids, found, currency = read_bids(plan, config)
        findings += found
    extras: tuple[str, ...] = ()
    if plan.bid_only:
        bid_only = bid_figures(plan.bids_layout, bid_settings_for(config))
        extras = bid_extras(bids, config, bid_only)
        config = bid_only_config(config, bid_only, currency, extras)
        findings.append(bid_only_finding(plan, config, bid_only | set(extras), original))
    mapping = map_columns(plan.suppliers, config, provided=plan.calculated | set(extras))
    mapped = build_supplier_table(plan.suppliers, mapping, config)
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


def read_bids(plan: SheetPlan, config: Config) -> tuple[BidResult, list[Finding], str | None]:
    """Analyse the bid sheet as the layout stage read it; a bid tab's own totals and ranks are cross-checked.

    A bid-only event is compared in its bids' own currency when they all share one (a city's tab in USD
    needs no EUR rate); the currency is returned then, else None.
    """
    layout = plan.bids_layout
    settings = bid_settings_for(config)
    table = plan.bids.table
    findings: list[Finding] = []
    published_tab = isinstance(layout.detail, tuple)  # the item rows of a tab read group by group
    if published_tab:
        table, settings = bid_tab_table(plan.bids, layout, settings)
        findings += total_findings(plan.bids, layout)
    else:
        # the columns the layout stage found are read as they are: the bid reader does not look again
        found = tuple((role, (header,)) for role, header in layout.columns if role != "rank")
        shape = "long" if layout.role == Role.LONG_BIDS else "wide"
        settings = replace(settings, shape=shape, columns=found + settings.columns)
    currency = None
    if plan.bid_only and plan.fx is None and not settings.fx_rates:
        currency = single_currency(table, settings, plan.bids.name)
        if currency is not None:
            settings = replace(settings, base_currency=currency)
    bids = analyse_bids(
        table,
        settings,
        sheet=plan.bids.name,
        fx=plan.fx.table if plan.fx else None,
        fx_sheet=plan.fx.name if plan.fx else None,
    )
    if published_tab:
        bids = replace(bids, findings=tuple(in_sheet_columns(f, layout) for f in bids.findings))
    if layout.column("rank"):
        findings += rank_findings(plan.bids, layout, bids.suppliers["total_cost"])
    return bids, findings, currency


def in_sheet_columns(finding: Finding, layout: SheetLayout) -> Finding:
    """A finding about a bidder's price column names the column as the buyer's sheet heads it."""
    by_name = {g.name: g.price for g in layout.groups if g.price}
    if finding.column in by_name:
        return replace(finding, column=f"{by_name[finding.column]} ({finding.column})")
    return finding


def single_currency(table: pd.DataFrame, settings: BidSettings, sheet: str) -> str | None:
    """The one currency every priced line of a bid sheet is in, when it is not the settings' base currency."""
    lines = read_bid_sheet(table, settings, sheet)
    used = {lines.currencies[c] for c in np.unique(lines.currency[lines.price_present])}
    if len(used) == 1 and settings.base_currency not in used:
        return used.pop()
    return None


def bid_figures(layout: SheetLayout | None, settings: BidSettings) -> frozenset[str]:
    """Criteria a bid sheet alone can provide: cost and coverage always, lead time and savings when given."""
    columns = dict(layout.columns) if layout is not None else {}
    has_baseline = "baseline_price" in columns or (layout is not None and layout.owner is not None)
    needs = {
        "average_lead_time": "lead_time" in columns,
        "value_coverage": has_baseline,
        "savings_vs_baseline": has_baseline,
        "savings_vs_baseline_percent": has_baseline,
        "savings_vs_incumbent": "incumbent" in columns,
    }
    return frozenset(key for figure, key in settings.criteria if needs.get(figure, True))


BID_ONLY_EXTRAS = Path(__file__).parent / "layout" / "bid_only.yaml"


def bid_extras(bids: BidResult | None, config: Config, provided: frozenset[str]) -> tuple[str, ...]:
    """Figures a bid tab alone adds to the ranking (see bid_only.yaml): coverage when some bidder left items
    out, average lead time when the sheet gives lead times; never one the settings already score."""
    if bids is None:
        return ()
    keys = {c.key for c in config.criteria} | set(provided)
    coverage = pd.to_numeric(bids.suppliers["coverage"], errors="coerce")
    lead = pd.to_numeric(bids.suppliers["average_lead_time"], errors="coerce")
    wanted = {"coverage": bool((coverage < 100 - 1e-9).any()), "average_lead_time": bool(lead.notna().any())}
    return tuple(figure for figure, needed in wanted.items() if needed and figure not in keys)


def with_bid_extras(config: Config, extras: tuple[str, ...]) -> Config:
    """The settings with the bid-only criteria of bid_only.yaml added to their cost category (data, not code)."""
    if not extras:
        return config
    added = yaml.safe_load(BID_ONLY_EXTRAS.read_text(encoding="utf-8"))
    data = config.to_dict()
    categories = data["categories"]
    home = added["category"] if added["category"] in categories else next(iter(categories))
    categories[home]["criteria"] = [
        *categories[home]["criteria"],
        *(c for c in added["criteria"] if c["key"] in extras),
    ]
    return parse_config(data, f"{config.name} with the bid sheet's own figures")


def bid_only_config(
    config: Config, provided: frozenset[str], currency: str | None = None, extras: tuple[str, ...] = ()
) -> Config:
    """The settings of a bid-only event: only the criteria the bids provide, weights shared among them.

    Knock-outs on criteria left out are left out too; money criteria take the bids' own currency.
    """
    config = with_bid_extras(config, extras)
    provided = provided | set(extras)
    if not provided:
        raise ScorecardError(
            f"The workbook has bids but no supplier list, and the settings ({config.name}) have no criterion "
            "the bids can provide (such as total cost of ownership).",
            hint="Choose a preset with a total cost criterion, or add a supplier sheet.",
        )
    old = config.section("bids")
    base = old.base_currency if old is not None else None
    categories = []
    for category in config.categories:
        kept = tuple(
            replace(c, unit=currency) if currency and c.unit.strip().upper() in {base or "", "EUR"} else c
            for c in category.criteria
            if c.key in provided
        )
        if kept:
            categories.append(replace(category, criteria=kept))
    sections = config.sections
    if currency and old is not None:
        sections = tuple((n, replace(v, base_currency=currency) if n == "bids" else v) for n, v in sections)
    return validated(
        replace(
            config,
            categories=tuple(categories),
            knockouts=tuple(k for k in config.knockouts if k.criterion in provided),
            column_overrides=(),
            sections=sections,
        )
    )


def bid_only_finding(plan: SheetPlan, config: Config, provided: frozenset[str], original: Config) -> Finding:
    """Say that the bidders are the suppliers, what they are ranked on, and which criteria were left out."""
    used = ", ".join(c.label for c in config.criteria if c.key in provided)
    left = [c.label for c in original.criteria if c.key not in provided]
    return Finding(
        Severity.INFO,
        f"The workbook has bids but no supplier list, so the {len(plan.suppliers.table)} bidders on sheet "
        f'"{plan.bids.name}" are the suppliers, ranked on what the bids provide: {used}. '
        + (
            f"Left out, with no source in this file ({len(left)} of the settings' criteria): {', '.join(left)}; "
            "their weight is shared among the criteria scored."
            if left
            else ""
        ),
        sheet=plan.bids.name,
        action="bidders scored as suppliers",
    )


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
    absent = table.absent - set(values.columns)
    return SupplierTable(frame, table.source_rows, table.sheet, table.columns, absent), findings


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


def award_eligibility(result: ScoreResult, bidders: pd.Index) -> dict[str, str]:
    """Bidders that may not be awarded, with why: disqualified or unscored by the scoring, or not on the
    supplier sheet (never evaluated). Names match as `with_calculated` matches them (supplier_key)."""
    scored = {supplier_key(name): i for i, name in enumerate(result.suppliers)}
    barred = {}
    for bidder in bidders.astype(str):
        i = scored.get(supplier_key(bidder))
        if i is None:
            barred[bidder] = "not on the supplier sheet, so not evaluated"
        elif not result.qualified[i] or np.isnan(result.totals[i]):
            barred[bidder] = result.status(i)
    return barred


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
    config = settings_for_file(workbook, config, supplier_sheet)
    return evaluate(prepare(workbook, config, supplier_sheet=supplier_sheet, overrides=roles), config)


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
