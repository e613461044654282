"""Figures another sheet calculates (bid totals, panel consensus) put into the supplier table by name,
with the differences and the unmatched names said; and which bidders an award may go to."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from scorecard.errors import Finding, Severity
from scorecard.names import legal_form_pairing, paired_names
from scorecard.score import ScoreResult
from scorecard.suppliers import SupplierTable
from scorecard.tables import status_text


def with_calculated(
    table: SupplierTable, values: pd.DataFrame, source: str
) -> tuple[SupplierTable, list[Finding]]:
    """Put figures calculated on another sheet into the supplier table by name, and say who did not match.

    The calculated figure wins; where the supplier sheet also has a figure for it that differs, a
    warning names both sources and both values, so the buyer sees which one was scored.
    """
    given = [str(name) for name in values.index]
    pairs = paired_names(table.suppliers, given)
    known_as = {k: values.index[g] for g, (k, _) in pairs.items()}
    matches = {supplier: known_as.get(k) for k, supplier in enumerate(table.suppliers)}
    frame = table.values.copy()
    columns = dict(table.columns)
    findings: list[Finding] = []
    for key in values.columns:
        calculated = pd.Series(
            [None if m is None else values.at[m, key] for m in matches.values()],
            index=frame.index,
            dtype=object,
        )
        if key in columns and key in frame.columns:
            findings += differences(frame[key], calculated, table, columns[key], source)
        frame[key] = calculated
    findings += pairing_findings(values.index, pairs, table.suppliers, matches, source)
    absent = table.absent - set(values.columns)
    return SupplierTable(frame, table.source_rows, table.sheet, table.columns, absent), findings


def pairing_findings(
    given: pd.Index,
    pairs: dict[int, tuple[int, bool]],
    suppliers: Sequence[str],
    matches: dict[str, object],
    source: str,
) -> list[Finding]:
    """Names paired by their legal form (said), names on `source` that match no supplier, and suppliers
    with no line on it."""
    findings = [
        legal_form_pairing(str(given[g]), suppliers[k], source) for g, (k, form) in pairs.items() if form
    ]
    matched = {m for m in matches.values() if m is not None}
    findings += [
        Finding(
            Severity.WARNING,
            f"{name} appears on this sheet but not on the supplier sheet, so it is not scored.",
            sheet=source,
            value=str(name),
            action="Add the supplier to the supplier sheet (or correct the spelling) to score it.",
        )
        for name in given
        if name not in matched
    ]
    findings += [
        Finding(
            Severity.WARNING,
            f"There are no lines for {supplier} on this sheet, so its figures from it show as no data.",
            sheet=source,
            value=supplier,
            action="the criteria's missing-value policies apply",
        )
        for supplier, m in matches.items()
        if m is None
    ]
    return findings


def differences(
    sheet_values: pd.Series, calculated: pd.Series, table: SupplierTable, column: str, source: str
) -> list[Finding]:
    """A warning for each supplier whose supplier-sheet figure differs from the one calculated on `source`."""
    found = pd.to_numeric(sheet_values.astype(object), errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    worked = pd.to_numeric(calculated.astype(object), errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    differ = ~np.isnan(found) & ~np.isclose(found, worked, rtol=1e-6, atol=1e-9, equal_nan=False)
    return [
        Finding(
            Severity.WARNING,
            f'{column} for {supplier}: the supplier sheet says {found[i]:,.6g}, but sheet "{source}" '
            + ("has no figure for it" if np.isnan(worked[i]) else f"calculates {worked[i]:,.6g}")
            + "; the calculated figure is scored.",
            sheet=table.sheet,
            row=table.source_rows[i] if table.source_rows else None,
            column=column,
            value=str(sheet_values.iloc[i]),
            action=f'used the figure from sheet "{source}"',
        )
        for i, supplier in enumerate(sheet_values.index)
        if differ[i]
    ]


def award_eligibility(result: ScoreResult, bidders: pd.Index) -> dict[str, str]:
    """Bidders that may not be awarded, with why: disqualified or unscored by the scoring, or not on the
    supplier sheet (never evaluated). Names pair as `with_calculated` pairs them (`paired_names`)."""
    names = [str(bidder) for bidder in bidders]
    pairs = paired_names(result.suppliers, names)
    barred = {}
    for g, bidder in enumerate(names):
        i = pairs[g][0] if g in pairs else None
        if i is None:
            barred[bidder] = "not on the supplier sheet, so not evaluated"
        elif not result.qualified[i] or np.isnan(result.totals[i]):
            barred[bidder] = status_text(result, i)
    return barred
