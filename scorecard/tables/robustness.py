"""How robust the ranking is, as a buyer reads it: the Sensitivity and Rank probabilities sheets."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from scorecard.report import ColumnFormat, ReportTable
from scorecard.sensitivity.rescoring import CHANGE_PP, FRAGILE_CHANGE

if TYPE_CHECKING:
    from scorecard.sensitivity.verdict import Sensitivity


def robustness_tables(sensitivity: Sensitivity) -> list[ReportTable]:
    """The `Sensitivity` sheet (per criterion and category) and the `Rank probabilities` sheet."""
    intro = (
        sensitivity.verdict,
        sensitivity.stability.method,
        "Rank probabilities: " + sensitivity.probabilities.method,
    )
    share_formats: list[tuple[str, ColumnFormat]] = [
        (name, "percent")
        for name in (
            "Current share",
            "Stays first from",
            "Stays first up to",
            "Nearest change at",
        )
    ] + [(CHANGE_PP, "number")]
    stability = sensitivity.stability.table.drop(columns=["Key"])
    # weight changes read in percentage points (pp) of share, as on the page and in the verdict
    fragile = stability["Change needed"].abs() < FRAGILE_CHANGE
    stability = stability.rename(columns={"Change needed": CHANGE_PP})
    stability[CHANGE_PP] = 100 * stability[CHANGE_PP].astype(float)
    # the weights a small change away from a new leader stand out in the sheet
    highlight = pd.DataFrame(False, index=stability.index, columns=stability.columns)
    highlight[CHANGE_PP] = fragile.to_numpy(dtype=bool, na_value=False)
    probability_formats: list[tuple[str, ColumnFormat]] = [
        ("Current rank", "integer"),
        ("First place", "percent"),
        ("Top 3", "percent"),
        ("Best rank", "integer"),
        ("Median rank", "number"),
        ("Worst rank", "integer"),
    ]
    return [
        ReportTable("Sensitivity", stability, intro, tuple(share_formats), highlight=highlight),
        ReportTable(
            "Rank probabilities",
            sensitivity.probabilities.table,
            (sensitivity.verdict, sensitivity.probabilities.method),
            tuple(probability_formats),
        ),
    ]
