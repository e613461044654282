"""Why a supplier is out of the race, kept as typed records (their words: `scorecard.tables.status`).

A knock-out on 10,000 suppliers may fail 3,000 of them; writing 3,000 sentences (and a
tuple for each of the 10,000 suppliers) costs more than scoring them, and most runs never
show most of them. So each rule adds one `ReasonBatch` (who, why, and each one's value),
and a supplier's records are gathered the first time they are read.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import Enum, IntEnum
from functools import cached_property
from typing import Any, overload

import numpy as np

from scorecard.config import Criterion, Knockout


class Why(Enum):
    """What put a supplier out of the race."""

    FAILS_MUST_HAVE = "fails a must-have"  # its value breaks the rule
    NO_VALUE_FOR_MUST_HAVE = "no usable value for a must-have"  # the rule disqualifies on no data
    NO_VALUE_FOR_REQUIRED = "no usable value for a required criterion"  # missing policy 'disqualify'
    NOTHING_TO_SCORE = "no data on any weighted criterion"


class CellState(IntEnum):
    """What a supplier has instead of a usable value."""

    NO_DATA = 0
    UNREADABLE = 1
    REJECTED = 2  # a number the criterion's method cannot score (e.g. a price of 0)


@dataclass(frozen=True)
class Reason:
    """One supplier's reason: why, on which criterion and rule, the value it has, or the cell instead."""

    why: Why
    criterion: Criterion | None = None
    rule: Knockout | None = None
    value: Any = None  # FAILS_MUST_HAVE: the number or answer that breaks the rule
    state: CellState = CellState.NO_DATA  # NO_VALUE_*: what the cell held instead
    cell: Any = None  # NO_VALUE_*: the cell's own value, when it was unreadable or rejected


@dataclass(frozen=True)
class ReasonBatch:
    """One reason for each of `rows` (supplier positions, ascending); `values`, `states` and `cells`
    are aligned with `rows` (None: no value / every cell without data)."""

    rows: np.ndarray
    why: Why
    criterion: Criterion | None = None
    rule: Knockout | None = None
    values: np.ndarray | None = None
    states: np.ndarray | None = None
    cells: np.ndarray | None = None

    def reasons(self) -> list[Reason]:
        """The records, aligned with `rows`."""
        n = len(self.rows)
        values = self.values.tolist() if self.values is not None else [None] * n
        states = self.states.tolist() if self.states is not None else [CellState.NO_DATA] * n
        cells = self.cells.tolist() if self.cells is not None else [None] * n
        return [
            Reason(self.why, self.criterion, self.rule, value, CellState(state), cell)
            for value, state, cell in zip(values, states, cells, strict=True)
        ]


class Reasons:
    """Every supplier's reasons for being out, added rule by rule (`add`), in the order they are added."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.batches: list[ReasonBatch] = []

    def add(self, rows: np.ndarray, why: Why, **fields: Any) -> None:
        """One reason for each of these suppliers (the fields of `ReasonBatch`, aligned with `rows`)."""
        if len(rows):
            self.batches.append(ReasonBatch(np.asarray(rows, dtype=np.intp), why, **fields))

    def any(self) -> np.ndarray:
        """(n,) True for a supplier with at least one reason."""
        listed = np.zeros(self.n, dtype=bool)
        for batch in self.batches:
            listed[batch.rows] = True
        return listed

    def per_supplier(self) -> SupplierReasons:
        """The reasons as the result holds them (see `SupplierReasons`)."""
        return SupplierReasons(self.n, tuple(self.batches))


class SupplierReasons(Sequence[tuple[Reason, ...]]):
    """One tuple of reasons per supplier (empty when it is in the race), gathered when first read."""

    def __init__(self, n: int, batches: tuple[ReasonBatch, ...]) -> None:
        self.n = n
        self.batches = batches

    @cached_property
    def listed(self) -> tuple[tuple[Reason, ...], ...]:
        """Every supplier's reasons, in the order their rules were applied."""
        found: dict[int, list[Reason]] = {}
        for batch in self.batches:
            for i, why in zip(batch.rows.tolist(), batch.reasons(), strict=True):
                found.setdefault(i, []).append(why)
        listed: list[tuple[Reason, ...]] = [()] * self.n
        for i, why in found.items():
            listed[i] = tuple(why)
        return tuple(listed)

    @overload
    def __getitem__(self, i: int) -> tuple[Reason, ...]: ...

    @overload
    def __getitem__(self, i: slice) -> tuple[tuple[Reason, ...], ...]: ...

    def __getitem__(self, i: int | slice) -> tuple[Reason, ...] | tuple[tuple[Reason, ...], ...]:
        return self.listed[i]

    def __len__(self) -> int:
        return self.n

    def __iter__(self) -> Iterator[tuple[Reason, ...]]:
        return iter(self.listed)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SupplierReasons):
            other = other.listed
        return isinstance(other, Sequence) and self.listed == tuple(other)

    __hash__ = None  # type: ignore[assignment] - compared by content, like the tuple it stands for

    def __repr__(self) -> str:
        return repr(self.listed)
