"""The layout stage: what each sheet of a workbook is, and which way it runs, decided once.

Contract (for every detector and every stage after this one):
- A detector is a function `(sheet: Sheet, context: LayoutContext) -> SheetLayout | None`, registered with
  `registry.register(role, detector, priority)`. It looks at one sheet (its table, header row and raw grid
  `sheet.cells`) and returns a `SheetLayout` when the sheet has that role, else None. It never raises for an
  ordinary sheet and never reads other sheets. Higher priority is asked first; the first answer wins; a sheet
  no detector claims is `Role.UNKNOWN`.
- `detect_layout(workbook, context)` asks the detectors once per sheet and returns a `WorkbookLayout`. The
  buyer's corrections (`LayoutOverrides`: sheet name -> role) go through the same function: the named role's
  detectors are asked alone, and when none of them can read the sheet it keeps the role with what is known.
- Stages after this one (mapping, bids, panel) read `SheetLayout` and do not look at the sheet's shape again.
  `SheetLayout.describe()` is what the buyer reads, in `validate`, on the Method sheet and in the app.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal

from scorecard.errors import ScorecardError
from scorecard.layout.registry import DETECTORS, detectors_for, register

if TYPE_CHECKING:
    from scorecard.config import Config
    from scorecard.read import Sheet, Workbook

__all__ = [
    "ColumnGroup",
    "LayoutContext",
    "LayoutOverrides",
    "Role",
    "SheetLayout",
    "WorkbookLayout",
    "detect_layout",
    "parse_role",
    "register",
]


class Role(StrEnum):
    """What a sheet is, in the buyer's words (the value is what the app's select box and the CLI show)."""

    SUPPLIERS = "supplier list"
    MATRIX = "evaluation matrix"
    LONG_BIDS = "long bids"
    WIDE_BIDS = "wide bids"
    EVALUATIONS = "evaluations"
    EVALUATOR_SHEET = "evaluator sheet"
    FX = "FX rates"
    CRITERIA = "criteria"
    NOTES = "notes"
    UNKNOWN = "not used"


ROLE_TEXT = {
    Role.SUPPLIERS: "supplier list (a row per supplier)",
    Role.MATRIX: "evaluation matrix (criteria in rows, suppliers across)",
    Role.LONG_BIDS: "long bid sheet (a row per supplier and item)",
    Role.WIDE_BIDS: "wide bid tab (items in rows, columns per bidder)",
    Role.EVALUATIONS: "evaluations (a row per evaluator, supplier and criterion)",
    Role.EVALUATOR_SHEET: "one evaluator's score sheet",
    Role.FX: "exchange rates",
    Role.CRITERIA: "criteria and weights",
    Role.NOTES: "notes or instructions",
    Role.UNKNOWN: "not used",
}

# extra spellings a buyer may type after `--sheet-role "Sheet=..."`
ROLE_SPELLINGS = {
    "suppliers": Role.SUPPLIERS,
    "supplier": Role.SUPPLIERS,
    "matrix": Role.MATRIX,
    "long": Role.LONG_BIDS,
    "long bid sheet": Role.LONG_BIDS,
    "bids": Role.LONG_BIDS,
    "wide": Role.WIDE_BIDS,
    "bid tab": Role.WIDE_BIDS,
    "wide bid tab": Role.WIDE_BIDS,
    "panel": Role.EVALUATIONS,
    "evaluator": Role.EVALUATOR_SHEET,
    "fx": Role.FX,
    "exchange rates": Role.FX,
    "weights": Role.CRITERIA,
    "instructions": Role.NOTES,
    "unknown": Role.UNKNOWN,
    "ignore": Role.UNKNOWN,
    "none": Role.UNKNOWN,
}


def parse_role(text: str) -> Role:
    """A role from what a buyer typed ('wide bids', 'Bid tab', 'FX'); a ScorecardError lists the choices."""
    wanted = " ".join(text.replace("_", " ").replace("-", " ").split()).casefold()
    for role in Role:
        if role.value.casefold() == wanted:
            return role
    if wanted in ROLE_SPELLINGS:
        return ROLE_SPELLINGS[wanted]
    raise ScorecardError(
        f"{text!r} is not a sheet role Scorecard knows.",
        hint="Roles: " + ", ".join(r.value for r in Role) + ".",
    )


def data_span(rows: Iterable[object]) -> tuple[int, int] | None:
    """First and last spreadsheet row of `rows` (a table's index, or the item rows); None when there are none."""
    kind = getattr(getattr(rows, "dtype", None), "kind", "")
    if kind in ("i", "u"):  # a table's index of row numbers (200,000 on a bid sheet): numpy's min and max
        return (int(rows.min()), int(rows.max())) if len(rows) else None  # type: ignore[attr-defined]
    numbers = [int(r) for r in rows]
    return (min(numbers), max(numbers)) if numbers else None


@dataclass(frozen=True)
class ColumnGroup:
    """A supplier's (or the owner's) block of columns: a bidder's `Unit Price | Extension` pair on a bid tab,
    or a supplier's score column on a matrix. Columns are the sheet table's headers; `kind` is "supplier"
    or "owner" (the buyer's own figures: Engineer's Estimate, Budget, Baseline, Last price paid)."""

    name: str
    columns: tuple[str, ...]
    kind: Literal["supplier", "owner"] = "supplier"
    price: str | None = None  # the column holding the unit price (bid tabs)
    total: str | None = None  # the column holding the extension / amount (bid tabs)


@dataclass(frozen=True)
class SheetLayout:
    """What one sheet is and where its parts are, as decided by the layout stage (or by the buyer).

    Rows are spreadsheet row numbers (1-based, as the buyer sees them). `columns` maps a role of a column
    ("supplier", "item", "quantity", "weight", ...) to the sheet table's header. `groups` are the per-supplier
    blocks of a sheet whose suppliers run across the columns; `names_row` is the row their names are in.
    `skipped_rows` are rows read but left out of the data (subtotals, totals, rank rows), with the reason.
    """

    sheet: str
    role: Role
    orientation: Literal["rows", "columns", "none"] = "none"  # suppliers in rows, across columns, or neither
    header_row: int | None = None
    suppliers_in: str = ""  # where the suppliers are, in words: 'column "Bidder Name"', 'row 6'
    names_row: int | None = None
    groups: tuple[ColumnGroup, ...] = ()
    columns: tuple[tuple[str, str], ...] = ()
    data_rows: tuple[int, int] | None = None  # first and last row of the items / suppliers / criteria
    skipped_rows: tuple[tuple[int, str], ...] = ()
    supplier_count: int | None = None
    chosen_by: Literal["detected", "your choice"] = "detected"
    note: str = ""
    # what a stage's own rule found (e.g. the panel's column roles), handed on so that stage does not look again
    detail: object = field(default=None, compare=False, repr=False)

    @classmethod
    def of_table(
        cls, sheet: Sheet, role: Role, rows: Iterable[object] | None = None, **found: Any
    ) -> SheetLayout:
        """A sheet read as a table, with its name, header row and first and last data row filled in (the
        table's rows, or `rows` where only some are the data), so a detector says only what it found."""
        span = data_span(sheet.table.index if rows is None else rows)
        return cls(sheet.name, role, header_row=sheet.header_row, data_rows=span, **found)

    @classmethod
    def in_rows(cls, sheet: Sheet, role: Role, supplier: str | None, **found: Any) -> SheetLayout:
        """A table with a row per supplier (or per supplier and item), the suppliers named in column
        `supplier` (None: the sheet names none, an FX sheet)."""
        named = f'column "{supplier}"' if supplier else ""
        return cls.of_table(sheet, role, orientation="rows", suppliers_in=named, **found)

    def column(self, role: str) -> str | None:
        return dict(self.columns).get(role)

    @property
    def suppliers(self) -> tuple[str, ...]:
        """The suppliers named across the columns (owner groups such as an Engineer's Estimate excluded)."""
        return tuple(g.name for g in self.groups if g.kind == "supplier")

    @property
    def owner(self) -> ColumnGroup | None:
        return next((g for g in self.groups if g.kind == "owner"), None)

    def describe(self) -> str:
        """One line a buyer reads: "Sheet 'Bid Tab': wide bid tab, 8 bidders in row 6, items in rows 8-77"."""
        parts = [ROLE_TEXT[self.role].split(" (")[0]]
        who = "bidders" if self.role in (Role.LONG_BIDS, Role.WIDE_BIDS) else "suppliers"
        if self.supplier_count is not None and self.suppliers_in:
            parts.append(f"{self.supplier_count} {who} in {self.suppliers_in}")
        elif self.suppliers_in:
            parts.append(f"{who} in {self.suppliers_in}")
        elif self.header_row is not None:
            parts.append(f"header in row {self.header_row}")
        if self.owner is not None:
            parts.append(f'"{self.owner.name}" read as the baseline, not a bidder')
        if self.data_rows is not None:
            what = {Role.WIDE_BIDS: "items", Role.LONG_BIDS: "lines", Role.MATRIX: "criteria"}.get(
                self.role, "rows"
            )
            first, last = self.data_rows
            span = f"rows {first}-{last}" if last > first else f"row {first}"
            parts.append(f"data in {span}" if what == "rows" else f"{what} in {span}")
        if self.skipped_rows:
            parts.append(f"{len(self.skipped_rows)} total/subtotal row(s) left out and cross-checked")
        if self.note:
            parts.append(self.note)
        if self.chosen_by == "your choice":
            parts.append("your choice")
        return f"Sheet '{self.sheet}': " + ", ".join(parts)


@dataclass(frozen=True)
class LayoutContext:
    """What detectors may know besides the sheet: the settings (column synonyms of bids, panel, criteria),
    and the workbook the sheet is in (its other sheets and number formats settle a decimal mark that the
    sheet's own cells cannot; `detect_layout` fills it in)."""

    config: Config | None = None
    workbook: Workbook | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class LayoutOverrides:
    """The buyer's corrections: sheet name -> role. The app's select boxes and `--sheet-role` both build this."""

    roles: tuple[tuple[str, Role], ...] = ()

    @classmethod
    def parse(cls, items: list[str] | tuple[str, ...]) -> LayoutOverrides:
        """From 'Sheet name=role' texts (the command line), each checked."""
        roles = []
        for item in items:
            sheet, sep, role = item.rpartition("=")
            if not sep or not sheet.strip():
                raise ScorecardError(
                    f"{item!r} does not say which sheet has which role.",
                    hint='Write it as "Sheet name=role", e.g. "Bid Tab=wide bids".',
                )
            roles.append((sheet.strip(), parse_role(role)))
        return cls(tuple(roles))

    def role_of(self, sheet: str) -> Role | None:
        return dict(self.roles).get(sheet)


@dataclass(frozen=True)
class WorkbookLayout:
    """Every sheet's layout, in workbook order."""

    sheets: tuple[SheetLayout, ...] = field(default=())

    def of(self, sheet: str) -> SheetLayout:
        return next(s for s in self.sheets if s.sheet == sheet)

    def with_role(self, *roles: Role) -> tuple[SheetLayout, ...]:
        return tuple(s for s in self.sheets if s.role in roles)

    def first(self, *roles: Role) -> SheetLayout | None:
        found = self.with_role(*roles)
        return found[0] if found else None

    def describe(self) -> list[str]:
        return [s.describe() for s in self.sheets]


def detect_sheet(sheet: Sheet, context: LayoutContext, role: Role | None = None) -> SheetLayout:
    """Ask the detectors (only `role`'s when the buyer named it) and return the first answer."""
    asked = detectors_for(role) if role is not None else DETECTORS
    for registered in asked:
        found = registered.detect(sheet, context)
        if found is not None:
            return found if role is None else replace(found, chosen_by="your choice")
    if role is None:
        return SheetLayout(sheet.name, Role.UNKNOWN, header_row=sheet.header_row)
    return SheetLayout(
        sheet.name,
        role,
        orientation="rows" if role in (Role.SUPPLIERS, Role.LONG_BIDS, Role.EVALUATIONS) else "none",
        header_row=sheet.header_row,
        chosen_by="your choice",
    )


def detect_layout(
    workbook: Workbook, context: LayoutContext | None = None, overrides: LayoutOverrides | None = None
) -> WorkbookLayout:
    """Look at every sheet once and say what it is; the buyer's overrides win over what was detected."""
    context = replace(context or LayoutContext(), workbook=workbook)
    overrides = overrides or LayoutOverrides()
    for name, _ in overrides.roles:
        workbook.sheet(name)  # a misspelt sheet name stops here, listing the sheets
    return WorkbookLayout(tuple(detect_sheet(s, context, overrides.role_of(s.name)) for s in workbook.sheets))


# the detectors register themselves when imported; part of the stage, so imported here
from scorecard.layout import detectors as detectors  # noqa: E402
