"""Map stage: find each criterion's column in the buyer's sheet, then build the supplier table.

Columns are matched by the criterion's column name, label, key and synonyms,
ignoring case, spacing, punctuation and units in brackets, so "On-time
delivery (%)", "ON TIME DELIVERY" and "OTD" all work. The buyer's own choices
(config `column_overrides`, or the app's mapping step) win. The mapping used is
part of the result, and every supplier row read is either scored or listed as
excluded with its reason.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from scorecard.clean import CleanColumn, ValueKind, clean_column, normalise_header
from scorecard.config import Config, Criterion
from scorecard.errors import Finding, ScorecardError, Severity
from scorecard.names import supplier_key
from scorecard.read import Sheet, Workbook
from scorecard.report import ReportTable
from scorecard.suppliers import SupplierTable

SUPPLIER = "supplier"
SUPPLIER_SHEET_NAME = re.compile(r"\b(suppliers?|vendors?|bidders?|scorecard|evaluation)\b")


@dataclass(frozen=True)
class ColumnMatch:
    """Where one criterion's values come from, and how that was decided."""

    key: str
    label: str
    column: str | None
    how: str  # "column name", "synonym", "your choice", or "not found"
    suggestions: tuple[str, ...] = ()


@dataclass(frozen=True)
class ColumnMapping:
    """The supplier sheet and the column chosen for the supplier name and each criterion."""

    sheet: str
    supplier: ColumnMatch
    criteria: tuple[ColumnMatch, ...]

    def column_for(self, key: str) -> str | None:
        return next((m.column for m in self.criteria if m.key == key), None)

    @property
    def not_found(self) -> tuple[ColumnMatch, ...]:
        return tuple(m for m in (self.supplier, *self.criteria) if m.column is None and m.how != "calculated")

    def report_table(self) -> ReportTable:
        rows = [
            (m.label, m.column or "(not found)", m.how, ", ".join(m.suggestions))
            for m in (self.supplier, *self.criteria)
        ]
        frame = pd.DataFrame(rows, columns=["Criterion", "Column used", "Found by", "Other candidates"])
        return ReportTable("Column mapping", frame, intro=(f'Columns read from sheet "{self.sheet}".',))


@dataclass(frozen=True)
class MappedSuppliers:
    """The map stage's output: the supplier table, the rows left out and why, and what was noticed."""

    table: SupplierTable
    mapping: ColumnMapping
    exclusions: pd.DataFrame  # Row, Supplier, Reason
    findings: tuple[Finding, ...]
    rows_read: int
    sheet_rows: pd.DataFrame  # every column of the scored suppliers' rows, raw, indexed by supplier name


def names_for(criterion: Criterion) -> list[str]:
    return [criterion.column, criterion.label, criterion.key.replace("_", " "), *criterion.synonyms]


def match_column(
    names: list[str], headers: tuple[str, ...], override: str | None, sheet: str, key: str, label: str
) -> ColumnMatch:
    """The header that matches one of `names` (first name first), or suggestions when none does."""
    if override:
        if override not in headers:
            raise ScorecardError(
                f'The settings say to read {label} from column "{override}", but there is no such column.',
                sheet=sheet,
                hint=f"Columns in this sheet: {', '.join(headers)}.",
            )
        return ColumnMatch(key, label, override, "your choice")
    normalised = {h: normalise_header(h) for h in headers}
    for position, name in enumerate(names):
        wanted = normalise_header(name)
        for header, norm in normalised.items():
            if wanted and norm == wanted:
                return ColumnMatch(key, label, header, "column name" if position < 3 else "synonym")
    return ColumnMatch(key, label, None, "not found", suggest(names, headers))


def suggest(names: list[str], headers: tuple[str, ...], limit: int = 3) -> tuple[str, ...]:
    """Headers that look closest to what was looked for: typos, extra words, plural forms."""
    scores: dict[str, float] = {}
    for header in headers:
        norm_header = normalise_header(header)
        words = set(norm_header.split())
        best = 0.0
        for name in names:
            norm_name = normalise_header(name)
            ratio = difflib.SequenceMatcher(None, norm_name, norm_header).ratio()
            overlap = len(words & set(norm_name.split())) / max(len(set(norm_name.split())), 1)
            best = max(best, ratio, 0.9 * overlap)
        if best >= 0.6:
            scores[header] = best
    return tuple(sorted(scores, key=lambda h: -scores[h])[:limit])


def map_columns(sheet: Sheet, config: Config, provided: Collection[str] = ()) -> ColumnMapping:
    """Find the supplier column and each criterion's column.

    Criteria in `provided` are calculated on another sheet: they need no column here, but a column
    that exists is still read, so the pipeline can compare it with the calculated value.
    """
    headers = sheet.columns
    overrides = dict(config.column_overrides)
    supplier = match_column(
        [config.supplier_column, "Supplier", *config.supplier_synonyms],
        headers,
        overrides.get(SUPPLIER),
        sheet.name,
        SUPPLIER,
        "Supplier name",
    )
    matches = []
    for criterion in config.criteria:
        match = match_column(
            names_for(criterion),
            headers,
            overrides.get(criterion.key),
            sheet.name,
            criterion.key,
            criterion.label,
        )
        if match.column is None and criterion.key in provided:
            # another sheet calculates it; a column on this sheet, when there is one, is still read and compared
            match = ColumnMatch(criterion.key, criterion.label, None, "calculated")
        matches.append(match)
    return ColumnMapping(sheet.name, supplier, tuple(matches))


def choose_supplier_sheet(
    workbook: Workbook,
    config: Config,
    preferred: str | None = None,
    candidates: list[Sheet] | None = None,
) -> Sheet:
    """The sheet that holds the suppliers: among `candidates` (the supplier lists the layout stage found,
    else every sheet), the one whose headers match the most criteria."""
    if preferred:
        return workbook.sheet(preferred)
    # a sheet with headers and no rows yet (an untouched template) is a candidate: the pipeline then says
    # plainly that there are no suppliers yet, instead of that no sheet looks like a supplier list
    candidates = [s for s in (workbook.sheets if candidates is None else candidates) if len(s.columns)]
    scored = []
    for sheet in candidates:
        # rank sheets on names alone: an override names a column of one sheet and would fail on the others
        mapping = map_columns(sheet, replace(config, column_overrides=()))
        found = sum(m.column is not None for m in mapping.criteria)
        # ties go to a sheet with rows, then a visible sheet, then one named like a supplier list
        named = bool(SUPPLIER_SHEET_NAME.search(normalise_header(sheet.name)))
        scored.append(
            (mapping.supplier.column is not None, found, not sheet.is_empty, not sheet.hidden, named, sheet)
        )
    best = max(scored, key=lambda t: t[:5], default=None)
    if best is None or (not best[0] and best[1] == 0):
        raise ScorecardError(
            f"No sheet in {workbook.filename} looks like a supplier list.",
            hint=f'Add a sheet with a "{config.supplier_column}" column and one column per criterion (download the template to see them).',
        )
    return best[5]


def required_keys(config: Config) -> set[str]:
    """Criteria that cannot be scored without their column: weighted ones, and knock-outs while they apply
    (a knock-out with no data disqualifies, unless it says `if_missing: pass`)."""
    weights = config.effective_weights()
    keys = {k for k, w in weights.items() if w > 0}
    if config.knockouts_enabled:
        keys |= {rule.criterion for rule in config.knockouts if rule.if_missing != "pass"}
    return keys


NOT_A_SUPPLIER_LIST = 0.25  # below this share of the criteria found, the sheet is some other list


def require_columns(mapping: ColumnMapping, config: Config) -> list[Finding]:
    """Stop when the supplier column, a weighted criterion's column or a knock-out's column is missing;
    note the others (they show 'no data')."""
    required = required_keys(config)
    weights = config.effective_weights()
    missing = [m for m in mapping.not_found if m.key == SUPPLIER or m.key in required]
    if missing:
        found = sum(m.column is not None for m in mapping.criteria)
        expected = sum(m.how != "calculated" for m in mapping.criteria)
        if expected and found < NOT_A_SUPPLIER_LIST * expected:
            raise ScorecardError(
                f'Sheet "{mapping.sheet}" does not look like a supplier list for the preset '
                f"{config.name} ({found} of {expected} columns found).",
                sheet=mapping.sheet,
                hint="Download this preset's template to see the columns it reads, choose the sheet that "
                "lists the suppliers, or pick another preset.",
            )
        lines = []
        for m in missing:
            looked = (
                names_for(config.criterion(m.key))
                if m.key != SUPPLIER
                else [config.supplier_column, *config.supplier_synonyms]
            )
            why = " (a must-have)" if m.key != SUPPLIER and weights.get(m.key, 0) == 0 else ""
            line = f"{m.label}{why} (looked for: {', '.join(dict.fromkeys(looked))})"
            if m.suggestions:
                line += f"; closest: {', '.join(m.suggestions)}"
            lines.append(line)
        raise ScorecardError(
            "Some columns the scoring needs were not found: " + " | ".join(lines) + ".",
            sheet=mapping.sheet,
            hint="Rename the columns in the sheet, pick them in the app's mapping step, or add them under column_overrides in the settings.",
        )
    notes = []
    for m in mapping.not_found:
        pass_rule = config.knockouts_enabled and any(rule.criterion == m.key for rule in config.knockouts)
        extra = " Its must-have lets a supplier without data pass." if pass_rule else ""
        notes.append(
            Finding(
                Severity.INFO,
                f"No column for {m.label}; it has weight 0, so every supplier shows 'no data' for it.{extra}",
                sheet=mapping.sheet,
            )
        )
    return notes


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
    sentences = [sentence(e.message) for e in errors[:SHOWN_ERRORS]]
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
