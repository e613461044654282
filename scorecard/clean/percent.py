"""Percent columns: plain fractions (0.95) and percent points (95) reconciled per column."""

from __future__ import annotations

import numpy as np

from scorecard.clean.change_log import ChangeLog, show_value
from scorecard.errors import Severity


def reconcile_percent(values: np.ndarray, bare: np.ndarray, log: ChangeLog) -> None:
    """Decide per column whether plain numbers are fractions (0.95) or percent points (95).

    If every plain number is within [-1, 1] and at least one is strictly inside
    (or a written 'x%' above 1 sits alongside), they are fractions: x100. If some
    plain number is beyond 1, plain numbers are percent points, except that a
    small value whose x100 falls among the column's other values (from half the
    smallest to twice the largest) is far likelier a fraction: 0.97 next to 96
    and 98 is 97%, while 0.5 next to 2 and 3 stays 0.5%. That mix gets a warning.
    """
    plain = bare & ~np.isnan(values)
    if not plain.any():
        return
    magnitude = np.abs(values)
    written = ~bare & ~np.isnan(values)  # values given with a % sign
    if (magnitude[plain] <= 1).all():
        _all_plain_within_one(values, plain, written, log)
    else:
        _fractions_among_points(values, plain, written, log)


def _all_plain_within_one(values: np.ndarray, plain: np.ndarray, written: np.ndarray, log: ChangeLog) -> None:
    """Plain numbers all within [-1, 1]: fractions, unless every one is 0 or 1 (then 1 is ambiguous)."""
    magnitude = np.abs(values)
    if (magnitude[plain] < 1).any() or (magnitude[written] > 1).any():
        changed = np.flatnonzero(plain & (values != 0))
        values[plain] *= 100
        if changed.size:
            first = int(changed[0])
            log.group(
                Severity.INFO,
                ("was a fraction", "were fractions"),
                changed,
                f"read {log.found(first)} as {show_value(values[first])}%: every plain number in this column "
                "is between 0 and 1",
            )
        return
    ones = np.flatnonzero(plain & (magnitude == 1))
    log.group(
        Severity.WARNING,
        ("is 1, which could mean 100% or 1%", "are 1, which could mean 100% or 1%"),
        ones,
        "read as 1%; write 100% if that is meant",
    )


def _fractions_among_points(
    values: np.ndarray, plain: np.ndarray, written: np.ndarray, log: ChangeLog
) -> None:
    """Percent points, except small values whose x100 sits among the others: those are fractions."""
    magnitude = np.abs(values)
    points = magnitude[(plain & (magnitude > 1)) | (written & (values != 0))]
    low, high = float(points.min()) / 2, float(points.max()) * 2
    small = plain & (magnitude <= 1) & (values != 0)
    fraction = small.copy()
    fraction[small] = (magnitude[small] * 100 >= low) & (magnitude[small] * 100 <= high)
    if not fraction.any():
        return
    kept = np.flatnonzero(small & ~fraction)
    converted = np.flatnonzero(fraction)
    first = int(converted[0])
    found = log.found(first)
    values[fraction] *= 100
    log.group(
        Severity.WARNING,
        (
            "looks like a fraction among percent points",
            "look like fractions among percent points",
        ),
        converted,
        f"read {found} as {show_value(values[first])}%, not {found}%: as a fraction it sits with the column's "
        f"other values ({show_value(points.min())} to {show_value(points.max())}); check it",
    )
    if kept.size:
        last = int(kept[0])
        log.group(
            Severity.WARNING,
            (
                "is between 0 and 1 in a column of percent points",
                "are between 0 and 1 in a column of percent points",
            ),
            kept,
            f"kept {log.found(last)} as {show_value(values[last])}%: as a fraction it would not fit the other values",
        )
