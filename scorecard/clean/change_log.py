"""The change log of one column: every coercion as a Finding, with sheet rows, grouped where alike."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

import numpy as np
import pandas as pd

from scorecard.clean.cells import CellParts, TextBlock
from scorecard.clean.kinds import NOUN, ValueKind
from scorecard.clean.markers import tidy_text
from scorecard.errors import Finding, Severity
from scorecard.read.cells import row_list

_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def _as_found(value: object) -> str:
    if isinstance(value, bool | np.bool_):
        return "TRUE" if value else "FALSE"
    return str(value)


def cell_count(count: int) -> str:
    return f"{count:,} cell" if count == 1 else f"{count:,} cells"


def show_value(value: object) -> str:
    """A value as a buyer should read it in a message: 1234.5, 2026-12-31."""
    if isinstance(value, float | np.floating):
        return f"{float(value):.12g}"
    if isinstance(value, np.datetime64):
        if np.isnat(value):
            return "no date"
        day = value.astype("datetime64[D]")
        return str(day) if day == value else np.datetime_as_string(value, unit="s").replace("T", " ")
    return str(value)


class ChangeLog:
    """Collects one column's findings, with rows from the cells' index (1-based sheet rows)."""

    def __init__(self, parts: CellParts, index: pd.Index, sheet: str | None, column: str | None) -> None:
        self._raw = parts.raw
        self._index = index
        self._sheet = sheet
        self._column = column
        self._findings: list[Finding] = []
        self._cell_findings: list[tuple[int, Finding]] = []

    @property
    def column(self) -> str | None:
        return self._column

    def row(self, pos: int) -> int | None:
        label = self._index[pos]
        if isinstance(label, int | np.integer) and not isinstance(label, bool | np.bool_):
            return int(label)
        return None

    def found(self, pos: int) -> str:
        return _as_found(self._raw[pos])

    def add(
        self,
        severity: Severity,
        message: str,
        *,
        row: int | None = None,
        value: str | None = None,
        action: str | None = None,
    ) -> None:
        self._findings.append(
            Finding(
                severity, message, sheet=self._sheet, row=row, column=self._column, value=value, action=action
            )
        )

    def ordered(self) -> tuple[Finding, ...]:
        """Errors, then warnings about the column, then one warning per unreadable cell, then notes."""
        cells = [finding for _, finding in sorted(self._cell_findings, key=lambda item: item[0])]
        ranked = sorted(self._findings, key=lambda f: _SEVERITY_ORDER[f.severity])
        warnings_end = sum(1 for f in ranked if f.severity is not Severity.INFO)
        return (*ranked[:warnings_end], *cells, *ranked[warnings_end:])

    def invalid(self, kind: ValueKind, pos: int, reason: str) -> None:
        """Every unreadable cell gets its own warning: the buyer has to fix each one."""
        finding = Finding(
            Severity.WARNING,
            f"could not read this as {NOUN[kind]}: {reason}",
            sheet=self._sheet,
            row=self.row(pos),
            column=self._column,
            value=self.found(pos),
            action="treated as no data",
        )
        self._cell_findings.append((pos, finding))

    def rows_of(self, positions: np.ndarray) -> np.ndarray | None:
        """The sheet rows of these cells; None unless each has one (a bare Series' labels are not rows)."""
        if isinstance(self._index.dtype, np.dtype) and self._index.dtype.kind in "iu":  # sheet rows
            return self._index.to_numpy()[positions]
        rows = [self.row(int(pos)) for pos in positions]
        return None if None in rows else np.array(rows, dtype=np.int64)

    def group(
        self, severity: Severity, what: str | tuple[str, str], positions: np.ndarray, action: str
    ) -> None:
        """One finding for many identical coercions: count, a few rows, the first value as found.

        `what` follows "1 cell" / "23 cells": one phrase, or a (singular, plural) pair.
        """
        if positions.size == 0:
            return
        if isinstance(what, str):
            what = (what, what)
        first = int(positions[0])
        if positions.size == 1:
            self.add(
                severity, f"1 cell {what[0]}", row=self.row(first), value=self.found(first), action=action
            )
        else:
            rows = self.rows_of(positions)
            listed = f" ({row_list(rows)})" if rows is not None else ""
            message = f"{positions.size:,} cells {what[1]}{listed}"
            self.add(severity, message, value=self.found(first), action=action)

    def markers(self, block: TextBlock | None) -> None:
        """'n/a', 'TBD' and formula errors: say they were read as no data, and which were errors."""
        if block is None:
            return
        positions = block.where(lambda r: r.status == "marker")
        if positions.size:
            seen = [
                tidy_text(t) for t, r in zip(block.texts, block.readings, strict=True) if r.status == "marker"
            ]
            listed = ", ".join(repr(s) for s in list(dict.fromkeys(seen))[:5])
            self.group(
                Severity.INFO,
                (f"said there is no data ({listed})", f"said there is no data ({listed})"),
                positions,
                "treated as no data, not as zero",
            )
        errors = sorted({r.value for r in block.readings if r.status == "formula"})
        for error in errors:
            positions = block.where(lambda r, e=error: r.status == "formula" and r.value == e)
            what = f"the spreadsheet error {error} (a formula failed)"
            self.group(
                Severity.WARNING,
                (f"shows {what}", f"show {what}"),
                positions,
                "treated as no data; fix the formula in the workbook to use these cells",
            )


def _type_words(value: object) -> str:
    if isinstance(value, bool | np.bool_):
        return "it is TRUE/FALSE (a tick box or a formula result)"
    if isinstance(value, datetime | date | np.datetime64):
        return "it is a date"
    if isinstance(value, time):
        return "it is a time of day"
    if isinstance(value, timedelta | pd.Timedelta):
        return "it is a duration"
    return f"the cell holds a {type(value).__name__}"


def flag_natives(
    parts: CellParts, kind: ValueKind, invalid: np.ndarray, log: ChangeLog, groups: list[np.ndarray]
) -> None:
    """Cells whose Python type cannot be this kind: each is invalid, with its own warning."""
    nan_positions = set(parts.nan_pos.tolist())
    for positions in groups:
        for pos in positions.tolist():
            invalid[pos] = True
            reason = (
                "the cell holds NaN (not a number)" if pos in nan_positions else _type_words(parts.raw[pos])
            )
            log.invalid(kind, pos, reason)


def mark_strings(
    block: TextBlock, missing: np.ndarray, invalid: np.ndarray, kind: ValueKind, log: ChangeLog
) -> None:
    no_data, unreadable = block.statuses()
    missing[block.pos] |= no_data
    invalid[block.pos] |= unreadable
    for pos, reading in block.each(lambda r: r.status == "invalid"):
        log.invalid(kind, pos, reading.reason or "it cannot be read")


def union_positions(size: int, *positions: np.ndarray) -> np.ndarray:
    """Sorted positions in any of the arrays; a mask is O(n), unlike np.union1d's sort."""
    mask = np.zeros(size, dtype=bool)
    for chosen in positions:
        mask[chosen] = True
    return np.flatnonzero(mask)


def noted(block: TextBlock, note: str) -> np.ndarray:
    return block.where(lambda r: r.status == "ok" and note in r.notes)


def example_of(log: ChangeLog, positions: np.ndarray, shown: Callable[[int], str]) -> str:
    first = int(positions[0])
    return f"{log.found(first)!r} -> {shown(first)}"
