"""A bid sheet in the event: read as the layout stage found it, its own totals and ranks cross-checked,
and, with no supplier list, the bid-only event (the bidders ranked on what their bids provide)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import yaml

from scorecard.bids import BidResult, BidSettings, analyse_bids, default_bid_settings
from scorecard.bids.sheet import read_bid_sheet
from scorecard.bids.tab import bid_tab_table, rank_findings, total_findings
from scorecard.clean import HintSource, decimal_evidence
from scorecard.config import Category, Config, parse_config, validated
from scorecard.errors import Finding, ScorecardError, Severity
from scorecard.layout import Role, SheetLayout
from scorecard.read import Workbook

if TYPE_CHECKING:
    from scorecard.pipeline.plan import SheetPlan


def bid_settings_for(config: Config) -> BidSettings:
    return config.section("bids") or default_bid_settings({c.key: c for c in config.criteria})


def read_bids(
    plan: SheetPlan, config: Config, workbook: Workbook | None = None
) -> tuple[BidResult, list[Finding], str | None]:
    """Analyse the bid sheet as the layout stage read it; a bid tab's own totals and ranks are cross-checked.

    A bid-only event is compared in its bids' own currency when they all share one (a city's tab in USD
    needs no EUR rate); the currency is returned then, else None. `workbook`, the file the sheet is in, is
    evidence for the decimal mark of number text its own column cannot settle, as for the supplier sheet.
    """
    layout = plan.bids_layout
    settings = bid_settings_for(config)
    table = plan.bids.table
    hint = decimal_evidence(plan.bids, workbook)
    findings: list[Finding] = []
    published_tab = isinstance(layout.detail, tuple)  # the item rows of a tab read group by group
    if published_tab:
        table, settings = bid_tab_table(plan.bids, layout, settings)
        findings += total_findings(plan.bids, layout, hint)
    else:
        # the columns the layout stage found are read as they are: the bid reader does not look again
        found = tuple((role, (header,)) for role, header in layout.columns if role != "rank")
        shape = "long" if layout.role == Role.LONG_BIDS else "wide"
        settings = replace(settings, shape=shape, columns=found + settings.columns)
    try:
        bids, currency = analysed(plan, table, settings, hint)
    except ScorecardError as stop:
        raise (in_sheet_error(stop, layout) if published_tab else stop) from None
    if published_tab:
        bids = replace(bids, findings=tuple(in_sheet_columns(f, layout) for f in bids.findings))
    if layout.column("rank"):
        findings += rank_findings(plan.bids, layout, bids.suppliers["total_cost"])
    return bids, findings, currency


def analysed(
    plan: SheetPlan, table: pd.DataFrame, settings: BidSettings, hint: HintSource
) -> tuple[BidResult, str | None]:
    """The bids analysed, in their own currency when a bid-only event's bids all share one (then returned)."""
    currency = None
    if plan.bid_only and plan.fx is None and not settings.fx_rates:
        currency = single_currency(table, settings, plan.bids.name, hint)
        if currency is not None:
            settings = replace(settings, base_currency=currency)
    bids = analyse_bids(
        table,
        settings,
        sheet=plan.bids.name,
        fx=plan.fx.table if plan.fx else None,
        fx_sheet=plan.fx.name if plan.fx else None,
        decimal_hint=hint,
    )
    return bids, currency


def in_sheet_columns(finding: Finding, layout: SheetLayout) -> Finding:
    """A finding about a bidder's price column names the column as the buyer's sheet heads it."""
    by_name = {g.name: g.price for g in layout.groups if g.price}
    if finding.column in by_name:
        return replace(finding, column=f"{by_name[finding.column]} ({finding.column})")
    return finding


def in_sheet_error(error: ScorecardError, layout: SheetLayout) -> ScorecardError:
    """A stop about a bidder's price column (a question about its decimal mark) names the column as the
    buyer's sheet heads it, as its findings do."""
    column = in_sheet_columns(Finding(Severity.ERROR, "", column=error.column), layout).column
    return ScorecardError(error.message, sheet=error.sheet, row=error.row, column=column, hint=error.hint)


def single_currency(
    table: pd.DataFrame, settings: BidSettings, sheet: str, decimal_hint: HintSource = None
) -> str | None:
    """The one currency every priced line of a bid sheet is in, when it is not the settings' base currency."""
    lines = read_bid_sheet(table, settings, sheet, decimal_hint=decimal_hint)
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


BID_ONLY_EXTRAS = Path(__file__).parents[1] / "layout" / "bid_only.yaml"


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
    sections = config.sections
    if currency and old is not None:
        sections = tuple((n, replace(v, base_currency=currency) if n == "bids" else v) for n, v in sections)
    return validated(
        replace(
            config,
            categories=provided_categories(config, provided, currency),
            knockouts=tuple(k for k in config.knockouts if k.criterion in provided),
            column_overrides=(),
            sections=sections,
        )
    )


def provided_categories(
    config: Config, provided: frozenset[str], currency: str | None
) -> tuple[Category, ...]:
    """The categories with only the criteria the bids provide (empty ones dropped); money criteria in the
    settings' base currency take the bids' own `currency` when given."""
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
    return tuple(categories)


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
