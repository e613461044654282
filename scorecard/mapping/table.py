"""The supplier table: each mapped column cleaned, rows without a name excluded, duplicates told apart.

Every supplier row read is either scored or listed as excluded with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from scorecard.clean import CleanColumn, HintSource, ValueKind, clean_column, decimal_evidence
from scorecard.config import Config, Criterion
from scorecard.errors import Finding, ScorecardError, Severity
from scorecard.mapping.columns import SUPPLIER, ColumnMapping, require_columns
from scorecard.names import supplier_key
from scorecard.read import Exclusion, LeftOut, Sheet, Workbook
from scorecard.read.cells import row_list
from scorecard.suppliers import SupplierTable


@dataclass(frozen=True)
class MappedSuppliers:
    """The map stage's output: the supplier table, the rows left out and why, and what was noticed."""

    table: SupplierTable
    mapping: ColumnMapping
    exclusions: tuple[
        Exclusion, ...
    ]  # every row read but not scored, with its reason (none dropped silently)
    findings: tuple[Finding, ...]
    rows_read: int
    sheet_rows: pd.DataFrame  # every column of the scored suppliers' rows, raw, indexed by supplier name


def build_supplier_table(
    sheet: Sheet, mapping: ColumnMapping, config: Config, workbook: Workbook | None = None
) -> MappedSuppliers:
    """Clean each mapped column and assemble the supplier table (criteria without a column are no data;
    the pipeline puts in what other sheets calculate). `workbook`, the file the sheet is in, is evidence
    for the decimal mark of a column that cannot tell by itself."""
    findings = require_columns(mapping, config)
    table = sheet.table
    names = clean_column(
        table[mapping.supplier.column], ValueKind.IDENTIFIER, sheet=sheet.name, column=mapping.supplier.column
    )
    findings.extend(names.findings)
    keep, exclusions, unnamed = named_rows(sheet, mapping, names)
    findings.extend(unnamed)
    display, repeated = told_apart({row: str(names.values[row]) for row in keep}, sheet.name, mapping)
    findings.extend(repeated)
    columns: dict[str, pd.Series] = {}
    decimal_hint = decimal_evidence(sheet, workbook)
    for criterion in config.criteria:
        columns[criterion.key], found = criterion_values(sheet, mapping, criterion, keep, decimal_hint)
        findings.extend(found)
    frame = pd.DataFrame(columns, index=keep)
    frame.index = pd.Index([display[r] for r in keep], name="supplier")
    supplier_table = SupplierTable(
        frame,
        source_rows=tuple(int(r) for r in keep),
        sheet=sheet.name,
        columns=tuple((m.key, m.column) for m in mapping.criteria if m.column),
        absent=frozenset(m.key for m in mapping.not_found if m.key != SUPPLIER),
    )
    sheet_rows = table.loc[keep].set_axis(frame.index, axis=0)
    return MappedSuppliers(
        supplier_table, mapping, tuple(exclusions), tuple(findings), sheet.rows_read, sheet_rows
    )


def named_rows(
    sheet: Sheet, mapping: ColumnMapping, names: CleanColumn
) -> tuple[list[int], list[Exclusion], list[Finding]]:
    """The rows with a supplier name (scored), and the rows excluded: those the reading left out and those
    with values but no name, each with its reason and a finding."""
    exclusions = list(sheet.excluded_rows)
    keep: list[int] = []
    findings: list[Finding] = []
    for row, name, missing in zip(sheet.table.index, names.values, names.missing, strict=True):
        if not missing and name is not None:
            keep.append(row)
            continue
        exclusions.append(Exclusion(int(row), LeftOut.NO_SUPPLIER_NAME))
        findings.append(
            Finding(
                Severity.WARNING,
                "This row has values but no supplier name, so it was not scored.",
                sheet=sheet.name,
                row=int(row),
                column=mapping.supplier.column,
                action="listed as excluded",
            )
        )
    return keep, exclusions, findings


def told_apart(
    display: dict[int, str], sheet: str, mapping: ColumnMapping
) -> tuple[dict[int, str], list[Finding]]:
    """Suppliers named twice (by the one name rule, `names.supplier_key`) are each scored under their row
    number, with a warning per row: nobody is merged or dropped silently."""
    groups: dict[str, list[int]] = {}
    for row, name in display.items():
        groups.setdefault(supplier_key(name), []).append(row)
    shown = dict(display)
    findings: list[Finding] = []
    for rows in (rows for rows in groups.values() if len(rows) > 1):
        for row in rows:
            findings.append(
                Finding(
                    Severity.WARNING,
                    f"Supplier {display[row]!r} appears in {row_list(rows)}; each row is scored separately under its row number.",
                    sheet=sheet,
                    row=int(row),
                    column=mapping.supplier.column,
                    value=display[row],
                    action=f"scored as '{display[row]} (row {row})'",
                )
            )
            shown[row] = f"{display[row]} (row {row})"
    return shown, findings


def criterion_values(
    sheet: Sheet,
    mapping: ColumnMapping,
    criterion: Criterion,
    keep: list[int],
    decimal_hint: HintSource,
) -> tuple[pd.Series, list[Finding]]:
    """One criterion's cleaned values for the scored rows, as the engine reads them (all no data when the
    criterion has no column); an error in the column stops the run with every error named."""
    column = mapping.column_for(criterion.key)
    if column is None:
        return pd.Series([None] * len(keep), index=keep, dtype=object), []
    raw = sheet.table.loc[keep, column]
    cleaned = clean_column(
        raw, ValueKind(criterion.kind), sheet=sheet.name, column=column, decimal_hint=decimal_hint
    )
    errors = [f for f in cleaned.findings if f.severity == Severity.ERROR]
    if errors:
        raise column_errors(errors, sheet.name, column)
    findings = [*cleaned.findings, *currency_findings(criterion, cleaned.currency, sheet.name, column)]
    return engine_column(cleaned, raw, ValueKind(criterion.kind)), findings


NUMERIC_KINDS = frozenset({ValueKind.NUMBER, ValueKind.MONEY, ValueKind.PERCENT})
SHOWN_ERRORS = 3


def column_errors(errors: list[Finding], sheet: str, column: str) -> ScorecardError:
    """Every error the cleaning found in one column (the first few in full, then how many more), then the hint."""
    # an error that asks the buyer a question (which decimal mark?) carries the question in its action
    sentences = [
        sentence(e.message) + (" " + sentence(question(e.action)) if e.action and "?" in e.action else "")
        for e in errors[:SHOWN_ERRORS]
    ]
    if len(errors) > SHOWN_ERRORS:
        sentences.append(f"And {len(errors) - SHOWN_ERRORS} more problem(s) like these in this column.")
    return ScorecardError(
        " ".join(sentences),
        sheet=sheet,
        row=errors[0].row if len(errors) == 1 else None,
        column=column,
        hint="Correct the column and load the file again.",
    )


def question(action: str) -> str:
    """The question a finding's action asks, as a sentence of its own ('Is the point ...?')."""
    asked = action.removeprefix("not scored: ")
    return asked[:1].upper() + asked[1:]


def sentence(text: str) -> str:
    """Text ending with a full stop, so messages run one after another do not merge."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def engine_column(cleaned: CleanColumn, raw: pd.Series, kind: ValueKind) -> pd.Series:
    """A cleaned column as the engine reads it: float64 (NaN = no data) for a readable numeric column,
    which the engine takes as it is; object otherwise, with an unreadable cell's text kept so the
    engine flags it 'unreadable' rather than 'no data'."""
    invalid = cleaned.invalid.to_numpy(dtype=bool)
    missing = cleaned.missing.to_numpy(dtype=bool) & ~invalid
    if kind in NUMERIC_KINDS and not invalid.any():
        numbers = pd.to_numeric(cleaned.values.astype(object), errors="coerce").astype("float64")
        return numbers.where(~missing, np.nan)
    values = cleaned.values.astype(object)
    if invalid.any():
        values = values.where(~invalid, raw.astype(object))
    return values.where(~missing, None)


def currency_findings(criterion: Criterion, currency: str | None, sheet: str, column: str) -> list[Finding]:
    """Values in another currency than the criterion's are not comparable: say so loudly."""
    unit = criterion.unit.upper()
    if criterion.kind == "money" and currency and unit and currency != unit:
        return [
            Finding(
                Severity.WARNING,
                f"{criterion.label} is set up in {unit}, but the values in this column are in {currency}; they were read as they are.",
                sheet=sheet,
                column=column,
                action="Convert them, or change the criterion's unit in the settings.",
            )
        ]
    return []
