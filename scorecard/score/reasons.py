"""Why a supplier is out of the race, kept as typed records and put into words only when read.

A knock-out on 10,000 suppliers may fail 3,000 of them; writing 3,000 sentences (and a
tuple for each of the 10,000 suppliers) costs more than scoring them, and most runs never
show most of them. So each rule adds one `ReasonBatch` (who, and what to fill in), and the
words are written the first time a supplier's reasons are read.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import overload

import numpy as np


@dataclass(frozen=True)
class ReasonBatch:
    """One reason for each of `rows` (supplier positions, ascending): `prefix + fill[k] + suffix`.

    `fill` is None (the same words for everyone), numbers (written as `:g`, e.g. '71') or
    texts; it is aligned with `rows`.
    """

    rows: np.ndarray
    prefix: str
    fill: np.ndarray | None = None
    suffix: str = ""

    def texts(self) -> list[str]:
        """The reasons in words, aligned with `rows`."""
        if self.fill is None:
            return [self.prefix + self.suffix] * len(self.rows)
        if self.fill.dtype.kind == "f":
            return [f"{self.prefix}{x:g}{self.suffix}" for x in self.fill.tolist()]
        return [f"{self.prefix}{x}{self.suffix}" for x in self.fill.tolist()]


class Reasons:
    """Every supplier's reasons for being out, added rule by rule (`add`), in the order they are added."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.batches: list[ReasonBatch] = []

    def add(self, rows: np.ndarray, prefix: str, fill: np.ndarray | None = None, suffix: str = "") -> None:
        """One reason for each of these suppliers (`fill` aligned with `rows`, see `ReasonBatch`)."""
        if len(rows):
            self.batches.append(ReasonBatch(np.asarray(rows, dtype=np.intp), prefix, fill, suffix))

    def add_texts(self, rows: np.ndarray, texts: Sequence[str]) -> None:
        """One reason already in words for each of these suppliers."""
        self.add(rows, "", np.array(list(texts), dtype=object))

    def any(self) -> np.ndarray:
        """(n,) True for a supplier with at least one reason."""
        listed = np.zeros(self.n, dtype=bool)
        for batch in self.batches:
            listed[batch.rows] = True
        return listed

    def per_supplier(self) -> SupplierReasons:
        """The reasons as the result holds them (see `SupplierReasons`)."""
        return SupplierReasons(self.n, tuple(self.batches))


class SupplierReasons(Sequence[tuple[str, ...]]):
    """One tuple of reasons per supplier (empty when it is in the race), written when first read."""

    def __init__(self, n: int, batches: tuple[ReasonBatch, ...]) -> None:
        self.n = n
        self.batches = batches

    @cached_property
    def listed(self) -> tuple[tuple[str, ...], ...]:
        """Every supplier's reasons in words, in the order their rules were applied."""
        found: dict[int, list[str]] = {}
        for batch in self.batches:
            for i, why in zip(batch.rows.tolist(), batch.texts(), strict=True):
                found.setdefault(i, []).append(why)
        listed: list[tuple[str, ...]] = [()] * self.n
        for i, why in found.items():
            listed[i] = tuple(why)
        return tuple(listed)

    @overload
    def __getitem__(self, i: int) -> tuple[str, ...]: ...

    @overload
    def __getitem__(self, i: slice) -> tuple[tuple[str, ...], ...]: ...

    def __getitem__(self, i: int | slice) -> tuple[str, ...] | tuple[tuple[str, ...], ...]:
        return self.listed[i]

    def __len__(self) -> int:
        return self.n

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        return iter(self.listed)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SupplierReasons):
            other = other.listed
        return isinstance(other, Sequence) and self.listed == tuple(other)

    __hash__ = None  # type: ignore[assignment] - compared by content, like the tuple it stands for

    def __repr__(self) -> str:
        return repr(self.listed)
