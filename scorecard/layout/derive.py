"""Settings and sheets the workbook itself implies: the one step between the layout and the map stage.

A buyer's own evaluation workbook already says how to score it: an evaluation
matrix has its criteria, weights and scale; evaluator sheets make a panel; a
criteria sheet lists criterion, weight and direction; an e-sourcing export
holds one current quote per supplier among its resubmissions. `derive` turns
those sheets into what the rest of the pipeline reads (suppliers in rows, a
long evaluations table, one row per supplier) and builds the settings they
imply. `choose_config` is the one rule for which settings are used: a preset
or settings file the buyer chose explicitly wins, else the file's own, else
the default preset. The command line and the app both call it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from scorecard.config import Config, load_preset
from scorecard.errors import Finding, ScorecardError, Severity
from scorecard.layout import LayoutContext, LayoutOverrides, Role, WorkbookLayout, detect_layout
from scorecard.layout.matrix import Matrix, read_matrix
from scorecard.layout.matrix_totals import cross_check, unreadable_scores
from scorecard.layout.own_settings import DEFAULT_PRESET, DerivedCriterion, settings_from, unique_labels
from scorecard.layout.preset_columns import preset_columns
from scorecard.layout.price_sheet import price_sheet, summary_check, with_price
from scorecard.layout.turned import supplier_sheet, transposed_shape, turned_finding
from scorecard.names import header_key, supplier_key
from scorecard.read import Sheet, Workbook
from scorecard.read.provenance import SOURCE_COLUMNS


@dataclass(frozen=True)
class Derived:
    """The workbook as the pipeline reads it, the settings the file implies (or None), and how it was seen."""

    workbook: Workbook
    config: Config | None
    layout: WorkbookLayout
    source: str = ""  # the sheets the settings come from, in words

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.workbook.findings


def choose_config(derived: Derived, chosen: Config | None) -> Config:
    """The settings to score with: the buyer's explicit choice, else the file's own, else the default preset."""
    if chosen is not None:
        return chosen
    if derived.config is not None:
        return derived.config
    return load_preset(DEFAULT_PRESET)


def derive(
    workbook: Workbook, layout: WorkbookLayout | None = None, overrides: LayoutOverrides | None = None
) -> Derived:
    """Turn the sheets the file's own layout implies into suppliers-in-rows sheets, and build its settings.

    The buyer's sheet roles (`overrides`, from `--sheet-role` or the app's select boxes) are applied here,
    before anything is turned, so a correction can make or unmake an evaluation matrix the same way on
    the command line and in the app (both call this)."""
    layout = layout or detect_layout(workbook, LayoutContext(), overrides)
    refuse_unreadable_shape(workbook, layout)
    matrices = [
        m
        for s in layout.with_role(Role.MATRIX, Role.EVALUATOR_SHEET)
        if (m := read_matrix(workbook.sheet(s.sheet))) is not None
    ]
    if matrices:
        return from_matrices(workbook, layout, matrices)
    from scorecard.layout.criteria_sheet import from_criteria_sheet
    from scorecard.layout.submissions import one_submission_each

    workbook, found = one_submission_each(workbook, layout)
    criteria = from_criteria_sheet(workbook, layout)
    if criteria is not None:
        config, source, notes = criteria
        found = [*found, *notes]
        if config is not None:
            return Derived(with_findings(workbook, found), config, layout, source)
    columns = preset_columns(workbook, layout)
    if columns is not None:
        config, source, notes = columns
        return Derived(with_findings(workbook, (*found, *notes)), config, layout, source)
    return Derived(with_findings(workbook, found), None, layout)


READABLE = (
    Role.SUPPLIERS,
    Role.MATRIX,
    Role.EVALUATOR_SHEET,
    Role.LONG_BIDS,
    Role.WIDE_BIDS,
    Role.EVALUATIONS,
)


def refuse_unreadable_shape(workbook: Workbook, layout: WorkbookLayout) -> None:
    """When no sheet can be read but one looks turned round, say so in the sheet's own terms (where the
    suppliers seem to be), not "add a Supplier column"."""
    if layout.with_role(*READABLE):
        return
    for sheet in workbook.sheets:
        shape = transposed_shape(sheet)
        if shape:
            raise ScorecardError(
                f"{shape}, but it could not be read as an evaluation matrix: no column is headed like the "
                "criteria (Criterion, Criteria, Requirement) and no Weight column adds up to 100%.",
                sheet=sheet.name,
                hint='Head the column of criteria "Criterion" and add a "Weight" column (in % or points), '
                "keeping one column of scores per supplier with its name at the top; then load the file again.",
            )


def with_findings(workbook: Workbook, findings: tuple[Finding, ...] | list[Finding]) -> Workbook:
    return replace(workbook, findings=workbook.findings + tuple(findings)) if findings else workbook


# --------------------------------------------------------------------------- matrices and evaluator sheets


def from_matrices(workbook: Workbook, layout: WorkbookLayout, matrices: list[Matrix]) -> Derived:
    """One matrix: scored with its own criteria and weights. Several with the same criteria: a panel."""
    findings: list[Finding] = []
    panel = same_grid(matrices)
    price = price_sheet(workbook, layout, {supplier_key(n) for m in matrices for n in m.suppliers})
    if len(panel) >= 2:
        sheets, criteria, found = panel_sheets(workbook, panel)
        findings += found
        findings += [f for m in panel for f in cross_check(m)]
        source = "evaluator sheets " + ", ".join(f'"{m.sheet}"' for m in panel)
        scale = panel[0].scale
        quality_points = panel[0].most_points
    else:
        matrix = max(matrices, key=lambda m: len(m.criteria) * len(m.suppliers))
        sheets, criteria, found = one_matrix(workbook, matrix, matrices)
        findings += found
        source = f'sheet "{matrix.sheet}"'
        scale = matrix.scale
        quality_points = matrix.most_points
    if price is not None:
        sheets, criteria, found = with_price(workbook, sheets, criteria, price, quality_points)
        findings += found
        source += f' and the prices on sheet "{price.name}"'
        findings += summary_check(workbook, layout, sheets[0], criteria, scale)
    new_workbook = replace(workbook, sheets=in_place(workbook, sheets))
    config = settings_from(
        criteria,
        name=f"From your file: {workbook.filename}",
        description=f"Criteria, weights and rating scale read from {source} of {workbook.filename}.",
        panel_scale=scale if len(panel) >= 2 else None,
    )
    findings.append(
        Finding(
            Severity.INFO,
            f"The criteria and weights were read from {source}: {len(config.criteria)} criteria, "
            + ", ".join(
                f"{c.label} {w:.0%}"
                for c, w in zip(config.criteria, config.counted_shares().values(), strict=True)
            )
            + ".",
            action="used as the settings (change them in the app or download them as a settings file)",
        )
    )
    return Derived(with_findings(new_workbook, findings), config, layout, source)


def one_matrix(
    workbook: Workbook, matrix: Matrix, matrices: list[Matrix]
) -> tuple[list[Sheet], list[DerivedCriterion], list[Finding]]:
    """The matrix scored with its own criteria, weights and scale, turned round; other matrices (with other
    criteria) are named as not scored."""
    findings = [turned_finding(matrix), *cross_check(matrix), *unreadable_scores(matrix)]
    if matrix.weight_column is not None and not any((c.weight or 0) > 0 for c in matrix.criteria):
        findings.append(
            Finding(
                Severity.WARNING,
                "The weight column has no weight above 0, so every criterion counts the same.",
                sheet=matrix.sheet,
                row=matrix.names_row,
                action="set the weights in the app's sidebar, or fill in the column and load the file again",
            )
        )
    criteria = [
        DerivedCriterion(
            c.label,
            float(w),
            method={"type": "linear", "worst": matrix.scale[0], "best": matrix.scale[1]},
            unit=f"{matrix.scale[0]:g}-{matrix.scale[1]:g}",
            kind="number",
            section=c.section,
        )
        for c, w in zip(matrix.criteria, matrix.weights, strict=True)
    ]
    labels = tuple(unique_labels([c.label for c in criteria]))
    criteria = [replace(c, label=label) for c, label in zip(criteria, labels, strict=True)]
    findings += [
        Finding(
            Severity.WARNING,
            f'This sheet is also an evaluation matrix, but its criteria differ from sheet "{matrix.sheet}", '
            "which is the one scored.",
            sheet=other.sheet,
            action="not scored",
        )
        for other in matrices
        if other is not matrix
    ]
    return [supplier_sheet(matrix, labels, workbook.sheet(matrix.sheet).cells)], criteria, findings


def same_grid(matrices: list[Matrix]) -> list[Matrix]:
    """The matrices that share the first one's criteria and suppliers (by name): one per evaluator. Sheets with
    the same criteria for other suppliers (lot 1, lot 2) are not a panel."""
    if len(matrices) < 2:
        return []
    criteria = {header_key(c.label) for c in matrices[0].criteria}
    suppliers = {supplier_key(n) for n in matrices[0].suppliers}
    group = [
        m
        for m in matrices
        if len(criteria & {header_key(c.label) for c in m.criteria}) >= 0.8 * len(criteria)
        and len(suppliers & {supplier_key(n) for n in m.suppliers}) >= 0.8 * len(suppliers)
    ]
    return group if len(group) >= 2 else []


def panel_sheets(
    workbook: Workbook, matrices: list[Matrix]
) -> tuple[list[Sheet], list[DerivedCriterion], list[Finding]]:
    """Evaluator sheets as the panel stage reads them: a long evaluations table and a supplier list."""
    findings: list[Finding] = []
    first = matrices[0]
    labels = unique_labels([c.label for c in first.criteria])
    by_key = {header_key(c.label): label for c, label in zip(first.criteria, labels, strict=True)}
    rows = []
    suppliers: dict[str, str] = {}
    for matrix in matrices:
        findings += evaluator_scores(matrix, first, by_key, suppliers, rows)
    records = pd.DataFrame(rows, columns=EVALUATION_COLUMNS, dtype=object)
    sheets = made_sheets(
        workbook,
        {
            "Suppliers": pd.DataFrame({"Supplier": list(suppliers.values())}, dtype=object),
            "Evaluations": records,
        },
    )
    low, high = first.scale
    criteria = [
        DerivedCriterion(
            label,
            float(w),
            method={"type": "linear", "worst": low, "best": high},
            unit=f"{low:g}-{high:g}",
            kind="number",
            panel=True,
            section=c.section,
        )
        for c, w, label in zip(first.criteria, first.weights, labels, strict=True)
    ]
    return sheets, criteria, findings


def evaluator_scores(
    matrix: Matrix, first: Matrix, by_key: dict[str, str], suppliers: dict[str, str], rows: list[tuple]
) -> list[Finding]:
    """One evaluator's sheet as evaluation rows (added to `rows`; suppliers named as first spelt), with what
    differs from the first evaluator's sheet (weights, a criterion it does not have) said."""
    findings: list[Finding] = []
    evaluator = matrix.evaluator or matrix.sheet
    same = len(matrix.criteria) == len(first.criteria) and np.allclose(matrix.weights, first.weights)
    if not same:
        findings.append(
            matrix.finding(
                Severity.WARNING,
                f'The weights (or multipliers) on this sheet differ from those on sheet "{first.sheet}"; '
                f'the ones on "{first.sheet}" are used.',
                "weights taken from the first evaluator sheet",
            )
        )
    for criterion in matrix.criteria:
        label = by_key.get(header_key(criterion.label))
        if label is None:
            message = (
                f'Criterion {criterion.label!r} is not on sheet "{first.sheet}", so its scores are not used.'
            )
            findings.append(matrix.finding(Severity.WARNING, message, "not scored", criterion.row))
            continue
        for name, score, typed in zip(matrix.suppliers, criterion.scores, criterion.cells, strict=True):
            suppliers.setdefault(supplier_key(name), name)
            # a cell that is not a number ('good', 'n/a') goes to the panel as typed: it says what it makes of it
            rating = typed if score is None and isinstance(typed, str) else score
            rows.append(
                (evaluator, suppliers[supplier_key(name)], label, rating, matrix.sheet, criterion.row)
            )
    findings.append(
        matrix.finding(
            Severity.INFO,
            f"Read as {evaluator}'s scores: {len(matrix.criteria)} criteria x {len(matrix.suppliers)} suppliers "
            f"({matrix.columns_text()}).",
            "part of the evaluator panel",
            matrix.names_row,
        )
    )
    return findings


EVALUATION_COLUMNS = ["Evaluator", "Supplier", "Criterion", "Rating", *SOURCE_COLUMNS]


def made_sheets(workbook: Workbook, tables: dict[str, pd.DataFrame]) -> list[Sheet]:
    """Tables made from the file (a panel's supplier list and evaluations) as sheets with a header in row 1
    and a name no sheet of the file has, so the scored workbook shows what was read."""
    names = [s.name for s in workbook.sheets]
    sheets = []
    for wanted, table in tables.items():
        table.index = pd.Index(range(2, len(table) + 2), name="row")
        sheets.append(
            Sheet(free_name(wanted, names), table, 1, rows_read=len(table), cells=table_grid(table))
        )
    return sheets


def in_place(workbook: Workbook, sheets: list[Sheet]) -> tuple[Sheet, ...]:
    """The workbook's sheets with those of the same name replaced where they are, and new ones at the end
    (evaluator sheets stay, so the layout still lists them; the pipeline reads the new panel sheets)."""
    by_name = {s.name: s for s in sheets}
    kept = tuple(by_name.pop(s.name, s) for s in workbook.sheets)
    return kept + tuple(by_name.values())


def table_grid(table: pd.DataFrame) -> list[list[object]]:
    """A made table as a grid (header, then rows), so the scored workbook shows what was read."""
    return [list(table.columns), *table.to_numpy(dtype=object).tolist()]


def free_name(wanted: str, taken: list[str]) -> str:
    name, n = wanted, 2
    while name in taken:
        name, n = f"{wanted} ({n})", n + 1
    return name
