"""What changed in the ranking between two settings: each supplier's move, and a new leader or band.

A buyer who moves a weight wants to see what moved, not only the new order.
The page keeps the previous standing (or the preset's) and asks this module
for the moves; no Streamlit here, so the rule is tested without a browser.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from scorecard.score import ScoreResult


@dataclass(frozen=True)
class Standing:
    """Where each supplier stood under one set of settings: rank (None: not ranked) and band."""

    ranks: Mapping[str, int | None]
    bands: Mapping[str, str | None]
    leader: str | None

    @classmethod
    def of(cls, result: ScoreResult) -> Standing:
        ranks = {
            name: None if math.isnan(rank) else int(rank)
            for name, rank in zip(result.suppliers, np.asarray(result.ranks, dtype=float), strict=True)
        }
        bands = {
            name: band.name if band is not None else None
            for name, band in zip(result.suppliers, result.bands, strict=True)
        }
        return cls(ranks, bands, result.leader)


@dataclass(frozen=True)
class RankChanges:
    """Moves against an earlier standing: places gained (+) or lost (-), and what a buyer should notice."""

    moves: Mapping[str, int | None]  # None: ranked in one standing only (newly ranked or knocked out)
    entered: frozenset[str]  # ranked now, not before
    left: frozenset[str]  # ranked before, not now
    new_leader: tuple[str | None, str | None] | None  # (before, after) when the leader changed
    band_changes: tuple[tuple[str, str | None, str | None], ...]  # (supplier, band before, band after)

    @property
    def moved(self) -> int:
        return sum(1 for move in self.moves.values() if move) + len(self.entered) + len(self.left)

    def move_text(self, supplier: str) -> str:
        """'▲ 2', '▼ 1', '=' (same place), 'new' (now ranked) or 'out' (no longer ranked); '' if never ranked."""
        if supplier in self.entered:
            return "new"
        if supplier in self.left:
            return "out"
        move = self.moves.get(supplier)
        if move is None:
            return ""
        return "=" if move == 0 else f"▲ {move}" if move > 0 else f"▼ {-move}"

    def note(self, against: str) -> str | None:
        """One line when the leader or a band changed ('against' names the earlier settings), else None."""
        parts = []
        if self.new_leader is not None:
            before, after = self.new_leader
            parts.append(f"the leader is now {after or 'nobody'} (was {before or 'nobody'})")
        if self.band_changes:  # one line: the names are in the table's Band and Move columns
            if len(self.band_changes) == 1:
                name, old, new = self.band_changes[0]
                parts.append(f"{name} moved from {old or 'no band'} to {new or 'no band'}")
            else:
                parts.append(f"{len(self.band_changes)} suppliers changed band")
        if not parts:
            return None
        return f"Compared with {against}: {'; '.join(parts)}."  # names keep their capitals


def rank_changes(before: Standing, after: Standing) -> RankChanges:
    """Each supplier's move from `before` to `after` (a supplier in only one of them is not compared)."""
    moves: dict[str, int | None] = {}
    entered, left = set(), set()
    for name, now in after.ranks.items():
        if name not in before.ranks:
            continue
        was = before.ranks[name]
        if was is not None and now is not None:
            moves[name] = was - now
        elif now is not None:
            entered.add(name)
        elif was is not None:
            left.add(name)
    bands = tuple(
        (name, before.bands[name], band)
        for name, band in after.bands.items()
        if name in before.bands and before.bands[name] != band
    )
    leader = (before.leader, after.leader) if before.leader != after.leader else None
    return RankChanges(moves, frozenset(entered), frozenset(left), leader, bands)
