"""An evaluation matrix's own TOTAL and Rank rows, checked against the weighted sum of its scores.

A buyer's matrix adds up weight x score itself (a SUMPRODUCT row, sometimes divided by 100 or by the top
of the scale) and often ranks the suppliers by it. Those rows are left out of the criteria; here they are
compared with what the sheet's own scores and weights give, so a formula that misses a row is named.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pandas as pd

from scorecard.errors import Finding, Severity
from scorecard.layout.matrix import CHECK_TOLERANCE, Matrix, SummaryRow
from scorecard.read import column_letter

CROSS_CHECKED = "left out of the criteria and cross-checked"  # what is done with the sheet's own total rows


def cross_check(matrix: Matrix) -> list[Finding]:
    """Compare the sheet's TOTAL and Rank rows with the weighted sum of its own scores and weights.

    A total row may be Σ weight x score, that divided by 100 or by the sum of the weights, or the plain
    sum of the scores; the convention that fits every supplier is taken. Where none fits, each differing
    supplier is named with both figures; a rank row is compared with the order of the weighted sums.
    """
    findings: list[Finding] = []
    sums = matrix.weighted_sums()
    weights = matrix.weights
    conventions = {
        "the sum of weight x score": sums,
        "the sum of weight x score / 100": sums / 100,
        "the sum of weight x score / the top of the scale": sums / matrix.scale[1],
        "the weighted average of the scores": sums / weights.sum() if weights.sum() else sums,
        "the plain sum of the scores": np.nansum(matrix.scores, axis=0),
    }
    for summary in matrix.summaries:
        found = np.array([math.nan if v is None else v for v in summary.values], dtype=float)
        present = ~np.isnan(found)
        if not present.any():
            continue
        if summary.kind == "rank":
            findings += rank_check(matrix, summary, found, sums)
            continue
        fits = [
            name
            for name, ours in conventions.items()
            if np.allclose(found[present], ours[present], rtol=CHECK_TOLERANCE, atol=0.01)
        ]
        if fits:
            message = f"The sheet's own {summary.label!r} row matches {fits[0]} for every supplier."
            findings.append(matrix.finding(Severity.INFO, message, CROSS_CHECKED, summary.row))
            continue
        differ = present & ~np.isclose(found, sums, rtol=CHECK_TOLERANCE, atol=0.01)
        findings += [
            matrix.finding(
                Severity.WARNING,
                f"The sheet's {summary.label!r} for {matrix.suppliers[i]} is {found[i]:,.4g}, but its scores and "
                f"weights give {sums[i]:,.4g} (sum of weight x score); the formula may not cover every "
                "criterion row. Scorecard scores the criteria rows themselves.",
                f"check the formula in cell {column_letter(matrix.supplier_columns[i])}{summary.row}",
                summary.row,
                i,
                found[i],
            )
            for i in np.flatnonzero(differ)
        ]
    return findings


def rank_check(matrix: Matrix, summary: SummaryRow, found: np.ndarray, sums: np.ndarray) -> list[Finding]:
    """The sheet's rank row against the order of the weighted sums (ties share a rank)."""
    ours = pd.Series(sums).rank(method="min", ascending=False).to_numpy()
    differ = [i for i in range(len(found)) if not math.isnan(found[i]) and found[i] != ours[i]]
    if not differ:
        message = f"The sheet's own {summary.label!r} row agrees with the order of the weighted scores."
        return [matrix.finding(Severity.INFO, message, CROSS_CHECKED, summary.row)]
    return [
        matrix.finding(
            Severity.WARNING,
            f"The sheet ranks {matrix.suppliers[i]} {found[i]:g}, but its weighted scores put it "
            f"{ours[i]:g}; the rank formula may point at the wrong cells.",
            "the ranking shown is worked out from the scores and weights",
            summary.row,
            i,
            found[i],
        )
        for i in differ
    ]


def unreadable_scores(matrix: Matrix) -> list[Finding]:
    """Score cells with text that is not a number ('good', 'tbc'): each said at its cell, as no score.

    Used for a matrix scored on its own; an evaluator sheet's cells go to the panel as typed, which says so.
    """
    findings = []
    for criterion in matrix.criteria:
        for i, (score, typed) in enumerate(zip(criterion.scores, criterion.cells, strict=True)):
            if score is None and isinstance(typed, str):
                finding = matrix.finding(
                    Severity.WARNING,
                    f"{matrix.suppliers[i]}'s score for {criterion.label!r} is not a number, so it counts as no "
                    "score (the settings' rule for missing values applies).",
                    "enter a number on the scale",
                    criterion.row,
                    i,
                )
                findings.append(replace(finding, value=typed))
    return findings
