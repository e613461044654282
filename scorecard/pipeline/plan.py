"""Which sheet plays which part, from the layout stage's one decision: the supplier list, a bid sheet
(with its FX rates) and a panel; with bids and no supplier list, the bidders become the suppliers."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from scorecard.config import Config
from scorecard.errors import Finding, ScorecardError, Severity
from scorecard.layout import LayoutContext, LayoutOverrides, Role, SheetLayout, WorkbookLayout, detect_layout
from scorecard.mapping import choose_supplier_sheet
from scorecard.names import supplier_key
from scorecard.pipeline.bid_event import bid_settings_for
from scorecard.read import Sheet, Workbook


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
    unrated: str | None = None  # an evaluations sheet with its headers but no ratings yet: not used, said

    @property
    def unrated_finding(self) -> Finding | None:
        """A panel sheet with no ratings yet leaves the panel criteria to the supplier sheet: said once."""
        if self.unrated is None:
            return None
        return Finding(
            Severity.INFO,
            f'Sheet "{self.unrated}" has its column headers but no ratings yet, so the panel-rated criteria '
            "are read from the supplier sheet's columns where it has them.",
            sheet=self.unrated,
            action="Add one row per rating under the headers when the panel has rated, then load the file again.",
        )

    @property
    def bids_layout(self) -> SheetLayout | None:
        return self.layout.of(self.bids.name) if self.bids is not None else None

    @property
    def evaluations_layout(self) -> SheetLayout | None:
        return self.layout.of(self.evaluations.name) if self.evaluations is not None else None


def laid_out(workbook: Workbook, config: Config, overrides: LayoutOverrides | None = None) -> WorkbookLayout:
    """The layout stage's decision for the workbook the pipeline reads (matrices already turned by `derive`),
    with the settings' column names and the buyer's sheet roles: asked once per run and handed on."""
    return detect_layout(workbook, LayoutContext(config), overrides)


def plan_sheets(
    workbook: Workbook,
    config: Config,
    supplier_sheet: str | None = None,
    overrides: LayoutOverrides | None = None,
    layout: WorkbookLayout | None = None,
) -> SheetPlan:
    """Each sheet's part, from the layout stage: the supplier list, a bid sheet (with FX rates) and a panel.

    Among several supplier lists the one whose headers match the most criteria is used; with none, a
    bid sheet alone is the event and its bidders are the suppliers. `layout` is the decision already taken
    (`laid_out`, or the one the app has shown); `overrides` only matter when it is not given.
    """
    if layout is None:
        layout = laid_out(workbook, config, overrides)
    bids_layout = layout.first(Role.LONG_BIDS, Role.WIDE_BIDS)
    bid_sheet = workbook.sheet(bids_layout.sheet) if bids_layout is not None else None
    sheet, bid_only = supplier_list(workbook, config, layout, supplier_sheet)
    if bid_sheet is not None and bid_sheet.name == sheet.name and not bid_only:
        bid_sheet = None  # the buyer chose the bid sheet as the supplier list
    fx_layout = layout.first(Role.FX)
    fx_sheet = workbook.sheet(fx_layout.sheet) if fx_layout is not None and bid_sheet is not None else None
    calculated: set[str] = set()
    if bid_sheet is not None:
        calculated |= {key for _, key in bid_settings_for(config).criteria}
    evaluations, unrated = panel_sheet(workbook, config, layout, sheet.name)
    if evaluations is not None:
        calculated |= {c.key for c in config.criteria if c.panel}
    return SheetPlan(
        sheet, bid_sheet, fx_sheet, evaluations, frozenset(calculated), layout, bid_only, unrated
    )


def supplier_list(
    workbook: Workbook, config: Config, layout: WorkbookLayout, chosen: str | None
) -> tuple[Sheet, bool]:
    """The sheet of suppliers: the buyer's choice, else the best of the supplier lists (a matrix is one once
    `derive` has turned it), else the bidders of a bid sheet (True: a bid-only event)."""
    if chosen:
        return workbook.sheet(chosen), False
    lists = [workbook.sheet(s.sheet) for s in layout.with_role(Role.SUPPLIERS, Role.MATRIX)]
    if lists:
        return choose_supplier_sheet(workbook, config, candidates=lists), False
    bids_layout = layout.first(Role.LONG_BIDS, Role.WIDE_BIDS)
    if bids_layout is None:
        raise nothing_to_score(workbook, layout, config)
    return bidder_list(workbook.sheet(bids_layout.sheet), bids_layout, config), True


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


def panel_sheet(
    workbook: Workbook, config: Config, layout: WorkbookLayout, suppliers: str
) -> tuple[Sheet | None, str | None]:
    """The evaluations sheet the panel criteria are read from, if any; and the name of one that has its
    headers but no ratings yet (not read: the panel has not rated, which is not "rated nobody")."""
    found = layout.first(Role.EVALUATIONS)
    if config.section("panel") is None or found is None or found.sheet == suppliers:
        return None, None
    evaluations = workbook.sheet(found.sheet)
    return (None, evaluations.name) if evaluations.is_empty else (evaluations, None)
