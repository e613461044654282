"""The result's (supplier, criterion) arrays, each made the first time it is read.

The engine works one row per criterion (each criterion is scored in one piece, and each
supplier's sums are whole-row additions, see `sums`), while every reader indexes
(supplier, criterion). Turning a 10,000 x 30 array around is a strided copy into 2.4 MB
of fresh memory, and a score whose caller reads only the totals and ranks (a slider
move's ranking, a what-if, the benchmark) never needs the per-cell arrays; so each is
made when first read, as the same C-ordered array the engine used to hand over (readers
that sum its rows get numpy's usual order), and what it was made from is let go then.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

Maker = Callable[[], np.ndarray]


def transposed(by_criterion: np.ndarray) -> Maker:
    """How to make the (supplier, criterion) copy of a (criterion, supplier) array."""
    return lambda: by_criterion.T.copy()


def per_supplier(like: np.ndarray) -> np.ndarray:
    """A fresh (supplier, criterion) array seen as (criterion, supplier), like `like`: what is worked
    out one row per criterion is written straight into the layout readers index (its `.T`)."""
    return np.empty(like.shape[::-1]).T


class SupplierArrays:
    """Named arrays made once, on first read, from the makers given; safe to read from several threads
    (the app shares one result between reruns): two first reads may both make the array, and both
    get the one that was kept."""

    def __init__(self, **makers: Maker) -> None:
        self._makers = dict(makers)
        self._made: dict[str, np.ndarray] = {}

    def promise(self, name: str, make: Maker) -> None:
        """One more array, made when first read (added by the engine before anyone reads this)."""
        self._makers[name] = make

    def __getitem__(self, name: str) -> np.ndarray:
        made = self._made.get(name)
        if made is not None:
            return made
        make = self._makers.get(name)
        if make is None:  # another thread made it in between (it stores before letting go)
            return self._made[name]
        made = self._made.setdefault(name, make())
        self._makers.pop(name, None)
        return made

    def __getstate__(self) -> dict[str, np.ndarray]:
        """Pickled as the arrays themselves (makers are closures)."""
        return {name: self[name] for name in (*self._makers, *self._made)}

    def __setstate__(self, state: dict[str, np.ndarray]) -> None:
        self._makers = {}
        self._made = dict(state)
