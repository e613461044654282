"""First place and its lead over the runner-up, rounded once for every surface."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scorecard.score.ranks import TIE_DECIMALS

NEAR_TIE_POINTS = 1.0  # a lead of less than this many points reads as a near tie, with its odds


@dataclass(frozen=True)
class Lead:
    """First place and its lead over the runner-up, rounded ONCE: every surface (banner, metric, Method
    sheet, command line) prints these fields, so a buyer never reads two different gaps.

    Totals are rounded to `digits` decimals (1, more while the two would print the same) and the
    gap is the difference of the printed totals, so the sentence adds up on paper.
    """

    leader: str | None
    runner_up: str | None
    leader_total: float  # as printed
    runner_up_total: float  # as printed; NaN without a runner-up
    gap: float  # leader_total - runner_up_total, in score points; NaN without a runner-up
    digits: int
    tied: tuple[str, ...] = ()  # everyone sharing first place (empty when one supplier leads alone)
    ranked: int = 0

    @property
    def points(self) -> str:
        """The gap as printed everywhere ('4.2'); '–' when there is no runner-up."""
        return "–" if np.isnan(self.gap) else f"{self.gap:.{self.digits}f}"

    @property
    def near_tie(self) -> bool:
        """A lead under NEAR_TIE_POINTS: a win on paper that weight choices could easily undo."""
        return not self.tied and self.runner_up is not None and self.gap < NEAR_TIE_POINTS

    def total_text(self, total: float) -> str:
        return f"{total:.{self.digits}f}"


def lead_of(totals: np.ndarray, ranks: np.ndarray, order: np.ndarray, suppliers: tuple[str, ...]) -> Lead:
    """The Lead of a ranking (see Lead): the one place where the lead is rounded."""
    ranked = [int(i) for i in order if not np.isnan(ranks[i])]
    if not ranked:
        return Lead(None, None, np.nan, np.nan, np.nan, 1)
    first = ranked[0]
    tied = tuple(suppliers[i] for i in ranked if ranks[i] == 1)
    if len(tied) > 1:
        top = round(float(totals[first]), 1)
        return Lead(suppliers[first], None, top, np.nan, np.nan, 1, tied, len(ranked))
    if len(ranked) == 1:
        return Lead(suppliers[first], None, round(float(totals[first]), 1), np.nan, np.nan, 1, (), 1)
    second = ranked[1]
    digits, top, runner_up, gap = printed_gap(float(totals[first]), float(totals[second]))
    return Lead(suppliers[first], suppliers[second], top, runner_up, gap, digits, (), len(ranked))


def printed_gap(first: float, second: float) -> tuple[int, float, float, float]:
    """Two totals as printed and the gap between them: (digits, first, second, first - second).

    One decimal, more while the two would print the same (a photo finish must not read "0.0
    ahead"); the gap is the difference of the printed totals, so what a buyer reads adds up.
    Every sentence that states a gap between two totals uses this rule.
    """
    digits = 1
    while digits < TIE_DECIMALS and round(first, digits) == round(second, digits):
        digits += 1
    a, b = round(first, digits), round(second, digits)
    return digits, a, b, round(a - b, digits)
