"""The supplier table: each mapped column cleaned, rows without a name excluded, duplicates told apart.

Every supplier row read is either scored or listed as excluded with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from scorecard.clean import CleanColumn, ValueKind, clean_column
from scorecard.config import Config, Criterion
from scorecard.errors import Finding, ScorecardError, Severity
from scorecard.mapping.columns import SUPPLIER, ColumnMapping, require_columns
from scorecard.names import supplier_key
from scorecard.read import Sheet
from scorecard.suppliers import SupplierTable


@dataclass(frozen=True)
class MappedSuppliers:
    """The map stage's output: the supplier table, the rows left out and why, and what was noticed."""

    table: SupplierTable
    mapping: ColumnMapping
    exclusions: pd.DataFrame  # Row, Supplier, Reason
    findings: tuple[Finding, ...]
    rows_read: int
    sheet_rows: pd.DataFrame  # every column of the scored suppliers' rows, raw, indexed by supplier name


def build_supplier_table(sheet: Sheet, mapping: ColumnMapping, config: Config) -> MappedSuppliers:
    """Clean each mapped column and assemble the supplier table (criteria without a column are no data;
    the pipeline puts in what other sheets calculate)."""
    findings = require_columns(mapping, config)
    table = sheet.table
    names = clean_column(
        table[mapping.supplier.column], ValueKind.IDENTIFIER, sheet=sheet.name, column=mapping.supplier.column
    )
    findings.extend(names.findings)
    exclusions = [(row, None, reason) for row, reason in sheet.excluded_rows]
    keep = []
    for row, name, missing in zip(table.index, names.values, names.missing, strict=True):
        if missing or name is None:
            exclusions.append((row, None, "no supplier name"))
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
        else:
            keep.append(row)
    display = {row: str(names.values[row]) for row in keep}
    groups: dict[str, list[int]] = {}
    for row in keep:
        groups.setdefault(supplier_key(display[row]), []).append(row)
    for rows in groups.values():
        if len(rows) > 1:
            listed = ", ".join(str(r) for r in rows)
            for row in rows:
                findings.append(
                    Finding(
                        Severity.WARNING,
                        f"Supplier {display[row]!r} appears in rows {listed}; each row is scored separately under its row number.",
                        sheet=sheet.name,
                        row=int(row),
                        column=mapping.supplier.column,
                        value=display[row],
                        action=f"scored as '{display[row]} (row {row})'",
                    )
                )
                display[row] = f"{display[row]} (row {row})"
    columns: dict[str, pd.Series] = {}
    for criterion in config.criteria:
        column = mapping.column_for(criterion.key)
        if column is None:
            columns[criterion.key] = pd.Series([None] * len(keep), index=keep, dtype=object)
            continue
        cleaned = clean_column(
            table.loc[keep, column], ValueKind(criterion.kind), sheet=sheet.name, column=column
        )
        errors = [f for f in cleaned.findings if f.severity == Severity.ERROR]
        if errors:
            raise column_errors(errors, sheet.name, column)
        findings.extend(cleaned.findings)
        findings.extend(currency_findings(criterion, cleaned.currency, sheet.name, column))
        columns[criterion.key] = engine_column(cleaned, table.loc[keep, column], ValueKind(criterion.kind))
    frame = pd.DataFrame(columns, index=keep)
    frame.index = pd.Index([display[r] for r in keep], name="supplier")
    supplier_table = SupplierTable(
        frame,
        source_rows=tuple(int(r) for r in keep),
        sheet=sheet.name,
        columns=tuple((m.key, m.column) for m in mapping.criteria if m.column),
        absent=frozenset(m.key for m in mapping.not_found if m.key != SUPPLIER),
    )
    exclusion_frame = pd.DataFrame(exclusions, columns=["Row", "Supplier", "Reason"])
    sheet_rows = table.loc[keep].set_axis(frame.index, axis=0)
    return MappedSuppliers(
        supplier_table, mapping, exclusion_frame, tuple(findings), sheet.rows_read, sheet_rows
    )


NUMERIC_KINDS = frozenset({ValueKind.NUMBER, ValueKind.MONEY, ValueKind.PERCENT})
SHOWN_ERRORS = 3


def column_errors(errors: list[Finding], sheet: str, column: str) -> ScorecardError:
    """Every error the cleaning found in one column (the first few in full, then how many more), then the hint."""
    # an error that asks the buyer a question (which decimal mark?) carries the question in its action
    sentences = [
        sentence(e.message)
        + (" " + sentence(e.action.removeprefix("not scored: ")) if e.action and "?" in e.action else "")
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
