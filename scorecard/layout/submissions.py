"""Several submissions per supplier: keep one quote each by a stated rule, list the others.

E-sourcing exports (and buyers' own logs of revised quotes) hold a row per
response: a supplier that resubmitted appears two or three times, with a
`Round`, `Version` or `Submitted at` column and sometimes an `Is best` or
`Final` flag. Ranking those rows as separate suppliers ("Acme (row 13)") is
wrong: the buyer compares suppliers. The rule, stated in every finding:
a row marked superseded or withdrawn (a Status column) never counts while another does; then
the flagged row if exactly one row of the supplier is flagged, else the latest round (or version),
else the latest submission date, else the last row.
The rows set aside are listed in Data quality with their sheet and row.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, datetime

import pandas as pd

from scorecard.clean import parse_yes_no
from scorecard.errors import Finding, Severity
from scorecard.layout import Role, WorkbookLayout
from scorecard.names import HeaderKeys, supplier_key
from scorecard.read import Exclusion, LeftOut, Sheet, Workbook

FLAG = (
    "is best",
    "best",
    "final",
    "is final",
    "current",
    "is current",
    "latest",
    "is latest",
    "selected",
    "awarded quote",
    "active",
)
ROUND = (
    "round",
    "bid round",
    "quote round",
    "version",
    "revision",
    "rev",
    "iteration",
    "submission",
    "response round",
)
STATUS = ("status", "response status", "quote status", "bid status", "submission status")
REPLACED = frozenset(
    {"superseded", "replaced", "withdrawn", "draft", "revised", "cancelled", "canceled", "obsolete", "old"}
)
WHEN = (
    "submitted at",
    "submitted",
    "submission date",
    "submitted on",
    "date submitted",
    "response date",
    "last updated",
    "updated at",
    "modified",
    "date",
    "timestamp",
    "received",
)


@dataclass(frozen=True)
class Rule:
    """The columns that decide which submission counts, as found on the sheet."""

    flag: str | None
    round: str | None
    when: str | None
    status: str | None = None

    def words(self) -> str:
        parts = []
        if self.status:
            parts.append(f'a row not marked superseded or withdrawn in "{self.status}"')
        if self.flag:
            parts.append(f'the row flagged in "{self.flag}"')
        if self.round:
            parts.append(f'the latest "{self.round}"')
        if self.when:
            parts.append(f'the latest "{self.when}"')
        parts.append("the last row")
        return ", else ".join(parts)


def rule_for(sheet: Sheet) -> Rule | None:
    headers = HeaderKeys(sheet.columns)
    found = Rule(
        headers.first(FLAG),
        headers.first(ROUND),
        headers.first(WHEN),
        replaced_status(sheet, headers.first(STATUS)),
    )
    return found if (found.flag or found.round or found.when or found.status) else None


def replaced_status(sheet: Sheet, column: str | None) -> str | None:
    """A status column counts only when it marks some row superseded or withdrawn (not 'Approved', 'Active')."""
    if column is None:
        return None
    values = {str(v).strip().casefold() for v in sheet.table[column] if v is not None}
    return column if values & REPLACED else None


def one_submission_each(workbook: Workbook, layout: WorkbookLayout) -> tuple[Workbook, list[Finding]]:
    """Each supplier list with resubmissions reduced to one row per supplier; the others as findings."""
    findings: list[Finding] = []
    sheets = list(workbook.sheets)
    for sheet_layout in layout.with_role(Role.SUPPLIERS):
        supplier = sheet_layout.column("supplier")
        index = workbook.sheet_names.index(sheet_layout.sheet)
        sheet = sheets[index]
        if supplier is None or sheet.is_empty:
            continue
        rule = rule_for(sheet)
        if rule is None:
            continue
        reduced, found = keep_one(sheet, supplier, rule)
        sheets[index] = reduced
        findings += found
    return replace(workbook, sheets=tuple(sheets)), findings


def keep_one(sheet: Sheet, supplier: str, rule: Rule) -> tuple[Sheet, list[Finding]]:
    """Keep one row per supplier name by the rule; the rows set aside become excluded rows and findings."""
    table = sheet.table
    groups: dict[str, list[int]] = {}
    for row, name in table[supplier].items():
        if name is not None and str(name).strip():
            groups.setdefault(supplier_key(str(name)), []).append(row)
    set_aside: list[tuple[int, int]] = []  # (row set aside, row kept)
    for rows in groups.values():
        if len(rows) > 1:
            kept = chosen(table, rows, rule)
            set_aside += [(r, kept) for r in rows if r != kept]
    if not set_aside:
        return sheet, []
    findings = [
        Finding(
            Severity.WARNING,
            f"{table.at[row, supplier]} submitted more than once; this row is an earlier or replaced submission, "
            f"so row {kept} is scored instead (rule: {rule.words()}).",
            sheet=sheet.name,
            row=int(row),
            column=supplier,
            value=str(table.at[row, supplier]),
            action=f"not scored; row {kept} is scored instead",
        )
        for row, kept in set_aside
    ]
    dropped = {r for r, _ in set_aside}
    excluded = sheet.excluded_rows + tuple(
        Exclusion(int(r), LeftOut.EARLIER_SUBMISSION, supplier=str(table.at[r, supplier]), scored_row=int(k))
        for r, k in set_aside
    )
    return (
        replace(sheet, table=table.loc[[r for r in table.index if r not in dropped]], excluded_rows=excluded),
        findings,
    )


def chosen(table: pd.DataFrame, rows: list[int], rule: Rule) -> int:
    """The row that counts for one supplier: not superseded, then flagged, else latest round, else latest
    date, else last."""
    for narrowed in (current_rows, flagged_rows):
        rows = narrowed(table, rows, rule)
        if len(rows) == 1:
            return rows[0]
    for column, key in ((rule.round, round_number), (rule.when, moment)):
        if column is None:
            continue
        keys = [(key(table.at[r, column]), position, r) for position, r in enumerate(rows)]
        known = [k for k in keys if k[0] is not None]
        if known:
            return max(known)[2]
    return rows[-1]


def current_rows(table: pd.DataFrame, rows: list[int], rule: Rule) -> list[int]:
    """The rows whose status does not say they were replaced (all of them when every one was, or no status)."""
    if not rule.status:
        return rows
    current = [r for r in rows if str(table.at[r, rule.status] or "").strip().casefold() not in REPLACED]
    return current or rows


def flagged_rows(table: pd.DataFrame, rows: list[int], rule: Rule) -> list[int]:
    """The rows flagged as the one that counts (Is best, Final: Yes); all of them when none is."""
    if not rule.flag:
        return rows
    flagged = [r for r in rows if parse_yes_no(table.at[r, rule.flag]) == "Yes"]
    return flagged or rows


def round_number(value: object) -> float | None:
    """2, '2', 'Round 2', 'R2', 'v3', 'Rev. B' -> a number that orders the rounds."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    text = str(value).strip().casefold()
    digits = "".join(ch if ch.isdigit() or ch == "." else " " for ch in text).split()
    if digits:
        try:
            return float(digits[-1])
        except ValueError:
            return None
    last = text.split()[-1] if text.split() else ""
    return float(ord(last) - ord("a") + 1) if len(last) == 1 and last.isalpha() else None


def moment(value: object) -> float | None:
    """A submission time as a number that orders them (dates, date-times, ISO text, Excel serials)."""
    if isinstance(value, datetime):
        return value.timestamp()
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day).timestamp()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str) and value.strip():
        parsed = pd.to_datetime(value.strip(), errors="coerce", dayfirst=False)
        return None if pd.isna(parsed) else parsed.timestamp()
    return None
