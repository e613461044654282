"""A plan's two tables, Gaps and What closing the gaps does, with a buyer's headings, typed so that plans stack
into one table (the plan itself, `scorecard.opportunities.plans.ImprovementPlan`, holds only numbers)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from scorecard.config import CATEGORIES
from scorecard.words import format_value, join_words

if TYPE_CHECKING:
    from scorecard.opportunities.plans import Gap, ImprovementPlan
    from scorecard.opportunities.whatif import Rescore

GAP_COLUMNS = [
    "Gap",
    "Criterion",
    "Category",
    "Today",
    "Best in class",
    "Score today",
    "Best-in-class score",
    "Points worth",
    "Total if closed",
    "Rank if closed",
    "Cumulative total",
    "Cumulative band",
    "Cumulative rank",
]
WHAT_IF_COLUMNS = [
    "Gaps closed",
    "Criteria",
    "Total",
    "Change",
    "Band",
    "Rank",
    "Other suppliers' scores move",
]
INTEGER_COLUMNS = {"Gap", "Rank if closed", "Cumulative rank", "Gaps closed", "Rank"}
NUMBER_COLUMNS = {
    "Score today",
    "Best-in-class score",
    "Points worth",
    "Total if closed",
    "Cumulative total",
    "Total",
    "Change",
}


def typed_empty(columns: list[str]) -> pd.DataFrame:
    """An empty table whose columns already have the types a filled one has, so tables stack cleanly."""
    return pd.DataFrame(
        {
            name: pd.Series(
                dtype="Int64" if name in INTEGER_COLUMNS else float if name in NUMBER_COLUMNS else "str"
            )
            for name in columns
        }
    )


def gap_frame(plan: ImprovementPlan) -> pd.DataFrame:
    """The plan's Gaps table (GAP_COLUMNS), largest gap first."""
    return gap_rows(plan.gaps, plan.steps)


def what_if_frame(plan: ImprovementPlan) -> pd.DataFrame:
    """The plan's What-if table (WHAT_IF_COLUMNS): closing gaps 1, 1-2, 1-2-3 together."""
    return what_if_rows(plan.gaps, plan.steps, plan.total)


def gap_rows(gaps: Sequence[Gap], steps: Sequence[Rescore]) -> pd.DataFrame:
    """The Gaps table: one row per gap, largest first, with the cumulative what-if beside the first ones."""
    if not gaps:
        return typed_empty(GAP_COLUMNS)
    row_data = []
    for n, gap in enumerate(gaps, start=1):
        cumulative = steps[n - 1] if n <= len(steps) else None
        row_data.append(
            {
                "Gap": n,
                "Criterion": gap.criterion.label,
                "Category": CATEGORIES[gap.criterion.category],
                "Today": "no data" if gap.missing else format_value(gap.today_value, gap.criterion),
                "Best in class": format_value(gap.target, gap.criterion),
                "Score today": gap.score_today,
                "Best-in-class score": gap.best_score,
                "Points worth": gap.worth,
                "Total if closed": gap.outcome.total,
                "Rank if closed": gap.outcome.rank,
                "Cumulative total": cumulative.total if cumulative else float("nan"),
                "Cumulative band": cumulative.band if cumulative else None,
                "Cumulative rank": cumulative.rank if cumulative else None,
            }
        )
    rows = pd.DataFrame(row_data, columns=GAP_COLUMNS)
    for column in ("Gap", "Rank if closed", "Cumulative rank"):
        rows[column] = pd.array(rows[column].tolist(), dtype="Int64")
    return rows


def what_if_rows(gaps: Sequence[Gap], steps: Sequence[Rescore], total: float) -> pd.DataFrame:
    """The What-if table: closing gaps 1, 1-2, 1-2-3 ... together."""
    if not steps:
        return typed_empty(WHAT_IF_COLUMNS)
    return pd.DataFrame(
        {
            "Gaps closed": pd.array(range(1, len(steps) + 1), dtype="Int64"),
            "Criteria": [join_words([g.criterion.label for g in gaps[:k]]) for k in range(1, len(steps) + 1)],
            "Total": [s.total for s in steps],
            "Change": [s.total - total for s in steps],
            "Band": [s.band for s in steps],
            "Rank": pd.array([s.rank for s in steps], dtype="Int64"),
            "Other suppliers' scores move": ["Yes" if s.others_move else "No" for s in steps],
        },
        columns=WHAT_IF_COLUMNS,
    )
