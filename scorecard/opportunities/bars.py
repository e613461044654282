"""The bar a relative method (min-max, ratio to best, log ratio) measures a criterion against, and whether
one supplier's new value moves it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scorecard.config import Criterion


@dataclass(frozen=True)
class Bar:
    """What a relative method measures against on one criterion: the lowest and highest qualified values.

    The two lowest and two highest are kept so that the bar without any one
    supplier is known at once (it is the second value when that supplier holds the first).
    """

    lows: tuple[float, float]
    highs: tuple[float, float]
    count: int  # qualified suppliers with a usable value

    @classmethod
    def of(cls, numbers: np.ndarray, reference: np.ndarray) -> Bar | None:
        pool = np.sort(numbers[reference])
        if not pool.size:
            return None
        second_low = pool[1] if pool.size > 1 else np.nan
        second_high = pool[-2] if pool.size > 1 else np.nan
        return cls((float(pool[0]), float(second_low)), (float(pool[-1]), float(second_high)), int(pool.size))

    def ends_without(self, value: float, counted: bool) -> tuple[float, float] | None:
        """The lowest and highest values once a supplier holding `value` leaves; None if nobody is left."""
        if not counted:
            return self.lows[0], self.highs[0]
        if self.count == 1:
            return None
        low = self.lows[1] if value == self.lows[0] else self.lows[0]
        high = self.highs[1] if value == self.highs[0] else self.highs[0]
        return low, high


def bar_sides(criterion: Criterion) -> tuple[bool, bool]:
    """Which ends of the field a relative method reads: (lowest, highest)."""
    kind, higher = criterion.method.kind, criterion.direction == "higher"
    if kind == "min_max":
        return True, True
    if kind == "ratio_to_best":
        return not higher, higher
    return True, False  # log_ratio: the lowest value
