"""Columns to criteria: each criterion's column (or why there is none), the supplier sheet, and when to stop.

Columns are matched by the criterion's column name, label, key and synonyms,
ignoring case, spacing, punctuation and units in brackets, so "On-time
delivery (%)", "ON TIME DELIVERY" and "OTD" all work. The buyer's own choices
(config `column_overrides`, or the app's mapping step) win.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, replace

from scorecard.clean import normalise_header
from scorecard.config import Config, Criterion, unit_suffix
from scorecard.errors import Finding, ScorecardError, Severity
from scorecard.mapping.headers import SHOWN_CHARS, HeaderIndex, names_for, shown_headers
from scorecard.mapping.switched_off import SKIP_MUST_HAVE, switched_off_findings
from scorecard.read import Sheet, Workbook
from scorecard.score import left_out_share
from scorecard.words import plural

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
    certain: bool = False  # the first suggestion fits and is close enough to pre-select


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


def match_column(
    index: HeaderIndex,
    names: list[str],
    override: str | None,
    key: str,
    label: str,
    criterion: Criterion | None = None,
) -> ColumnMatch:
    """The header that matches one of `names` (first name first), or suggestions when none does."""
    if override:
        if override not in index.headers:
            raise ScorecardError(
                f'The settings say to read {label} from column "{override[:SHOWN_CHARS]}", but there is no such column.',
                sheet=index.sheet.name,
                hint=f"Columns in this sheet: {shown_headers(index.headers)}.",
            )
        return ColumnMatch(key, label, override, "your choice")
    found = index.find(names)
    if found is not None:
        header, position = found
        return ColumnMatch(key, label, header, "column name" if position < 3 else "synonym")
    suggestions, certain = index.suggest(names, criterion)
    return ColumnMatch(key, label, None, "not found", suggestions, certain)


def map_columns(sheet: Sheet, config: Config, provided: Collection[str] = ()) -> ColumnMapping:
    """Find the supplier column and each criterion's column.

    Criteria in `provided` are calculated on another sheet: they need no column here, but a column
    that exists is still read, so the pipeline can compare it with the calculated value.
    """
    index = HeaderIndex(sheet)
    overrides = dict(config.column_overrides)
    supplier = match_column(
        index,
        [config.supplier_column, "Supplier", *config.supplier_synonyms],
        overrides.get(SUPPLIER),
        SUPPLIER,
        "Supplier name",
    )
    matches = []
    for criterion in config.criteria:
        match = match_column(
            index,
            names_for(criterion),
            overrides.get(criterion.key),
            criterion.key,
            criterion.label,
            criterion,
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


def unchecked_must_haves(mapping: ColumnMapping, config: Config) -> list[str]:
    """Criteria with a must-have that applies to a supplier without data, but no column in the file:
    leaving them out would let every supplier through a gate nobody checked."""
    if not config.knockouts_enabled:
        return []
    absent = {m.key for m in mapping.not_found}
    return list(
        dict.fromkeys(
            r.criterion for r in config.knockouts if r.criterion in absent and r.if_missing != "pass"
        )
    )


def require_columns(mapping: ColumnMapping, config: Config) -> list[Finding]:
    """Stop only when the supplier column is missing, a must-have cannot be checked, or no weighted
    criterion is left; every other criterion without a column is left out, and said so, as is every
    must-have the buyer switched off."""
    if mapping.supplier.column is None:
        raise missing_supplier_column(mapping, config)
    weights = config.counted_shares()
    absent = [m for m in mapping.not_found if m.key != SUPPLIER]
    absent_keys = {m.key for m in absent}
    if not any(w > 0 for k, w in weights.items() if k not in absent_keys):
        raise nothing_to_score(mapping, config, absent)
    unchecked = unchecked_must_haves(mapping, config)
    if unchecked:
        raise must_have_without_column(mapping, config, unchecked)
    notes = [left_out_note(mapping, config, m, tuple(absent_keys), weights[m.key]) for m in absent]
    return [*switched_off_findings(config, mapping.sheet), *notes]


def nothing_to_score(mapping: ColumnMapping, config: Config, absent: list[ColumnMatch]) -> ScorecardError:
    """None of the weighted criteria has a column: say what was looked for, and the closest columns."""
    looked = "; ".join(
        f"{m.label} (closest: {shown_headers(m.suggestions)})" if m.suggestions else m.label
        for m in absent[:6]
    )
    return ScorecardError(
        f'Sheet "{mapping.sheet}" has none of the columns the settings {config.name} score on, so '
        f"there is nothing to score with. Looked for: {looked}"
        + (f" and {len(absent) - 6} more." if len(absent) > 6 else "."),
        sheet=mapping.sheet,
        hint="Pick the columns in the app's mapping step, add them under column_overrides in the "
        "settings, choose another preset, or download this preset's template to see its columns.",
    )


def left_out_note(
    mapping: ColumnMapping, config: Config, match: ColumnMatch, left_out: tuple[str, ...], share_as_set: float
) -> Finding:
    """A criterion without a column, left out: where its weight went, and a column that might hold it."""
    criterion = config.criterion(match.key)
    if share_as_set > 0:
        text = f"No column for {match.label} in the file, so it is left out; {left_out_share(config, criterion, left_out)}"
    else:
        text = f"No column for {match.label}; it has weight 0, so it is shown as left out and does not count."
    if config.knockouts_enabled and any(rule.criterion == match.key for rule in config.knockouts):
        text += " Its must-have lets a supplier without data pass."
    if match.suggestions:
        text += (
            f" A column that might hold it: {shown_headers(match.suggestions)} (not used unless you pick it)."
        )
    return Finding(
        Severity.INFO,
        text,
        sheet=mapping.sheet,
        action="left out; pick a column in the mapping step (or column_overrides) to score it",
    )


def missing_supplier_column(mapping: ColumnMapping, config: Config) -> ScorecardError:
    looked = ", ".join(dict.fromkeys([config.supplier_column, *config.supplier_synonyms]))
    closest = f" Closest: {', '.join(mapping.supplier.suggestions)}." if mapping.supplier.suggestions else ""
    return ScorecardError(
        f'Sheet "{mapping.sheet}" has no column with the supplier names (looked for: {looked}).{closest}',
        sheet=mapping.sheet,
        hint='Rename the column to "Supplier", pick it in the app\'s mapping step, or add it under '
        "column_overrides (supplier: YOUR COLUMN) in the settings.",
    )


def must_have_without_column(mapping: ColumnMapping, config: Config, keys: list[str]) -> ScorecardError:
    """A must-have whose column is absent: say which, and how to switch it off (app and command line)."""
    parts = []
    for key in keys:
        c = config.criterion(key)
        rule = next(r for r in config.knockouts if r.criterion == key)
        match = next(m for m in mapping.criteria if m.key == key)
        closest = f"; closest column: {shown_headers(match.suggestions)}" if match.suggestions else ""
        parts.append(
            f'"{rule.describe(c.label, unit_suffix(c.unit))}" (looked for: {", ".join(dict.fromkeys(names_for(c)))}{closest})'
        )
    options = " ".join(f"{SKIP_MUST_HAVE} {key}" for key in keys)
    return ScorecardError(
        f'Sheet "{mapping.sheet}" has no column for {plural(len(keys), "must-have")} of the settings {config.name}, '
        f"so {'it' if len(keys) == 1 else 'they'} cannot be checked: "
        + "; ".join(parts)
        + f". Scoring without {'it' if len(keys) == 1 else 'them'} would let every supplier pass a check nobody made.",
        sheet=mapping.sheet,
        hint="To go on, for each one: pick the column that holds it (in the app's column step, or under "
        'column_overrides in the settings), or switch the must-have off (in the app: "Switch this must-have '
        f'off"; on the command line: {options}). A must-have switched off is named in every report.',
    )
