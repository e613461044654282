"""Totals, ranks and bands of what-if variants, summed as `score.score` sums them.

Variants come as patches on today's scores: a supplier's new cells (only its
row changes), or new columns (others' cells change too). Each row is summed
with the engine's weights, the same sums in the same order as `score.score`;
a rank is counted against today's sorted tie keys, corrected for the rows that
changed.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np

from scorecard.opportunities.rescore import Rescore, moved_apart
from scorecard.score import TIE_DECIMALS, ScoreResult
from scorecard.score.aggregation.topsis import (
    closeness,
    closeness_of,
    distance_terms,
    geometry_compares,
    topsis_geometry,
)
from scorecard.score.ranks import scale_of

# a what-if's changed cells: supplier i's new score per criterion column, or the columns that others move in
CellPatch = dict[int, float]
ColumnPatch = dict[int, np.ndarray]
TABLE_CELLS = 1_000_000  # cells of the what-if tables stacked at once (8 MB of floats per array)


class VariantTotals:
    """The field's totals today, and the same sums for variants of it."""

    def __init__(self, result: ScoreResult, no_total: np.ndarray) -> None:
        self.result = result
        self.no_total = no_total  # out for missing required data: no total, whatever the variant
        self.bands = scale_of(result.config.bands)  # looked up once: hashing the bands costs each time
        self.rankable = ~np.isnan(result.ranks)
        # the field's tie keys, sorted: a supplier's rank is 1 + how many of the others are above it
        self.sorted_keys = np.sort(np.round(result.totals[self.rankable], TIE_DECIMALS))

    def outcomes(
        self,
        totals: np.ndarray,
        performance: np.ndarray,
        rankable: np.ndarray,
        ranks: np.ndarray,
        moved: list[bool],
    ) -> list[Rescore]:
        """Rescores from the supplier's totals, bands' scores, ranks and whether others moved, per variant."""
        bands = self.bands.names[self.bands.codes(np.where(rankable, performance, np.nan))].tolist()
        return [
            Rescore(total, band, None if rank != rank else int(rank), bool(move))
            for total, band, rank, move in zip(totals.tolist(), bands, ranks.tolist(), moved, strict=True)
        ]

    @cached_property
    def today(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every row's cells used, weights and whether it is scored, as `row_weights` works them out today:
        a variant's row that uses the same cells has the same weights (the same formula on the same cells)."""
        used = ~np.isnan(self.result.scores)
        weights, scored = self.row_weights(np.arange(len(used)), used)
        return used, weights, scored

    @cached_property
    def today_products(self) -> np.ndarray:
        """Each cell's weight times its score today (0 where the row does not use it): what `row_totals`
        multiplies for a row that uses today's cells, so a variant's row copies them and works out only
        its changed cells (the same products, summed in the same order)."""
        used, weights, _ = self.today
        return weights * np.where(used, self.result.scores, 0.0)

    def row_weights(self, at: np.ndarray, used: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each row's share per criterion over the cells it uses (row k belongs to supplier at[k]), and
        whether it has any: the engine's shares, row by row."""
        weights = np.where(used & ~self.no_total[at, None], self.result.base_weights, 0.0)
        row_sums = weights.sum(axis=1, keepdims=True)
        weights = np.divide(weights, row_sums, out=np.zeros_like(weights), where=row_sums > 0)
        return weights, row_sums[:, 0] > 0

    def row_totals(
        self, at: np.ndarray, scores: np.ndarray, same: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Weighted-sum totals of score rows (row k belongs to supplier at[k]) and which are scored: the
        engine's sums, row by row in the same order as `score.score`. Rows using the same cells as today
        (`same`, worked out here when not given) take today's weights."""
        used = ~np.isnan(scores)
        today_used, today_weights, today_scored = self.today
        if same is None:
            same = (used == today_used[at]).all(axis=1)
        weights, scored = today_weights[at], today_scored[at]
        if not same.all():
            other = ~same
            weights[other], scored[other] = self.row_weights(at[other], used[other])
        sums = (weights * np.where(used, scores, 0.0)).sum(axis=1)  # scores are 0-100 or NaN
        return np.where(scored, np.clip(sums, 0.0, 100.0), np.nan), scored

    def above_today(self, keys: np.ndarray) -> np.ndarray:
        """How many of today's ranked suppliers have a tie key above each key."""
        return len(self.sorted_keys) - np.searchsorted(self.sorted_keys, keys, side="right")

    def rows(self, rows: list[int], patches: list[CellPatch]) -> list[Rescore]:
        """Totals, ranks and bands of variants that each change only their supplier's own row (weighted sum):
        `rows[k]` is variant k's supplier, `patches[k]` its new cells."""
        at = np.array(rows, dtype=np.intp)
        variant = np.array([k for k, cells in enumerate(patches) for _ in cells], dtype=np.intp)
        columns = np.array([j for cells in patches for j in cells], dtype=np.intp)
        points = np.array([p for cells in patches for p in cells.values()], dtype=float)
        totals, ranks = self.own_rows(at, variant, columns, points)
        return self.outcomes(totals, totals, ~np.isnan(ranks), ranks, [False] * len(patches))

    def own_rows(
        self, at: np.ndarray, variant: np.ndarray, columns: np.ndarray, points: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Totals and ranks (NaN: not ranked) of variants that change only their own supplier's row: row k
        is supplier at[k]'s scores with cell (variant[p], columns[p]) set to points[p], in one pass."""
        result = self.result
        totals, scored = self.patched_totals(at, variant, columns, points)
        rankable = result.qualified[at] & scored
        keys = np.round(totals, TIE_DECIMALS)
        # a supplier's own total today is among the sorted keys: it is not above itself
        above = self.above_today(keys) - (
            self.rankable[at] & (np.round(result.totals[at], TIE_DECIMALS) > keys)
        )
        return totals, np.where(rankable, above + 1.0, np.nan)

    def patched_totals(
        self, at: np.ndarray, row: np.ndarray, columns: np.ndarray, points: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """`row_totals` of rows that are today's rows (row k: supplier at[k]'s) with cell (row[p],
        columns[p]) set to points[p]: a row using today's cells keeps today's weights, so it copies
        today's products and works out only its changed cells (the same products, summed in the same
        order); a row whose cells gain or lose a score is worked out as `row_totals` works out any row."""
        result = self.result
        _, weights_today, scored_today = self.today
        cells = at[row]  # the supplier of each changed cell
        # a row uses other cells than today only where a cell gains or loses its score
        same = np.bincount(row, np.isnan(result.scores[cells, columns]) != np.isnan(points), len(at)) == 0
        products = self.today_products[at]  # a copy: one row per variant
        products[row, columns] = weights_today[cells, columns] * np.where(np.isnan(points), 0.0, points)
        scored = scored_today[at]
        if not same.all():
            other = np.flatnonzero(~same)
            slot = np.full(len(at), -1, dtype=np.intp)
            slot[other] = np.arange(len(other))
            scores = result.scores[at[other]]
            patched = ~same[row]
            scores[slot[row[patched]], columns[patched]] = points[patched]
            used = ~np.isnan(scores)
            weights, scored[other] = self.row_weights(at[other], used)
            products[other] = weights * np.where(used, scores, 0.0)
        return np.where(scored, np.clip(products.sum(axis=1), 0.0, 100.0), np.nan), scored

    def changed_rows(self, variants: list[tuple[int, ColumnPatch]]) -> list[Rescore]:
        """Variants that move other suppliers' scores too (weighted sum), each (supplier, new columns): only
        the rows whose cells change are summed again, every variant's in one pass; everyone else's total,
        and so their place above or below, stays."""
        stacks = stacked(variants)
        at, owner, own = self.changed_at(variants, stacks)
        rows, columns, cells = [], [], []
        for j, (ks, stack) in stacks.items():  # each criterion's new cells, for the variants changing it
            slot = np.full(len(variants), -1, dtype=np.intp)
            slot[ks] = np.arange(len(ks))
            on = np.flatnonzero(slot[owner] >= 0)
            rows.append(on)
            columns.append(np.full(len(on), j, dtype=np.intp))
            cells.append(stack[slot[owner[on]], at[on]])
        totals, scored = self.patched_totals(
            at, np.concatenate(rows), np.concatenate(columns), np.concatenate(cells)
        )
        return self.ranked(len(variants), at, owner, own, totals, scored)

    def averaged_rows(
        self, suppliers: np.ndarray, columns: np.ndarray, points: np.ndarray, averages: np.ndarray
    ) -> list[Rescore]:
        """Variants that set supplier suppliers[k]'s cell in criterion columns[k] to points[k] and the cell of
        every supplier without data there to the new average it gets ('neutral'), averages[k]: the rows
        they change are known (the supplier's own, the blanks'), so none are compared, and each is summed
        from today's products with that one cell worked out again (`patched_totals`)."""
        count = len(suppliers)
        blanks = {j: np.flatnonzero(self.result.missing[:, j]) for j in set(columns.tolist())}
        sizes = np.array([len(blanks[j]) for j in columns.tolist()], dtype=np.intp)
        at = np.concatenate([*(blanks[j] for j in columns.tolist()), suppliers]).astype(np.intp)
        owner = np.concatenate([np.repeat(np.arange(count), sizes), np.arange(count)])
        own = np.zeros(len(at), dtype=bool)
        own[len(at) - count :] = True  # each variant's own row, in variant order
        totals, scored = self.patched_totals(
            at,
            np.arange(len(at)),
            np.concatenate([np.repeat(columns, sizes), columns]),
            np.concatenate([np.repeat(averages, sizes), points]),
        )
        return self.ranked(count, at, owner, own, totals, scored)

    def ranked(
        self,
        count: int,
        at: np.ndarray,
        owner: np.ndarray,
        own: np.ndarray,
        totals: np.ndarray,
        scored: np.ndarray,
    ) -> list[Rescore]:
        """Outcomes of `count` variants from the new totals of the rows they change (row k: supplier
        at[k]'s in variant owner[k], its own row where `own`; each variant's own row once, in variant
        order): everyone else's total, and so their place above or below, stays as today."""
        result = self.result
        before = result.totals[at]
        others = ~own
        shifted = moved_apart(before, totals)
        moved = np.bincount(owner[others & shifted], minlength=count) > 0
        rankable = result.qualified[at] & scored
        keys = np.round(totals, TIE_DECIMALS)
        mine = np.flatnonzero(own)  # each variant's own row, in variant order
        key = keys[mine]
        # today's ranked suppliers above, less the changed ones as they were, plus the changed ones as they are
        above = self.above_today(key)
        above -= np.bincount(
            owner, self.rankable[at] & (np.round(before, TIE_DECIMALS) > key[owner]), count
        ).astype(int)
        above += np.bincount(owner, others & rankable & (keys > key[owner]), count).astype(int)
        ranks = np.where(rankable[mine], above + 1.0, np.nan)
        return self.outcomes(totals[mine], totals[mine], rankable[mine], ranks, moved.tolist())

    def changed_at(
        self, variants: list[tuple[int, ColumnPatch]], stacks: dict[int, tuple[np.ndarray, np.ndarray]]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per variant, the rows whose cells its columns change (its own row always), stacked: the rows,
        which variant each belongs to, and whether it is that variant's own supplier. Compared a criterion
        at a time, all variants changing it together (`stacks`)."""
        scores = self.result.scores
        suppliers = np.array([i for i, _ in variants], dtype=np.intp)
        changed = np.zeros((len(variants), len(scores)), dtype=bool)
        changed[np.arange(len(variants)), suppliers] = True
        for j, (ks, stack) in stacks.items():
            old = scores[:, j]
            changed[ks] |= ~((stack == old) | (np.isnan(stack) & np.isnan(old)))
        owner, at = np.nonzero(changed)  # by variant, then by row: each variant's rows one stretch
        return at, owner, at == suppliers[owner]

    def tables(self, variants: list[tuple[int, ColumnPatch]]) -> list[Rescore]:
        """Totals, ranks and bands of every variant (supplier, new columns), each its whole table through the
        engine's aggregation: stacks of tables, TOPSIS's geometry worked out for a whole stack at once.
        Under TOPSIS, variants that keep today's field are worked out from today's distances, their
        changed columns (and rows) only (`kept_field`); the others as whole tables."""
        n, m = self.result.scores.shape
        size = max(1, TABLE_CELLS // max(n * m, 1))  # tables per stack: a few MB at a time
        found: list[Rescore | None] = [None] * len(variants)
        rest = list(range(len(variants)))
        if self.result.config.aggregation == "topsis" and m >= 2:
            rest = []
            by_columns: dict[tuple[int, ...], list[int]] = {}
            for k, (_, columns) in enumerate(variants):
                by_columns.setdefault(tuple(sorted(columns)), []).append(k)
            for columns, ks in by_columns.items():
                for start in range(0, len(ks), size):
                    chunk = ks[start : start + size]
                    outcomes = self.kept_field([variants[k] for k in chunk], list(columns))
                    for k, outcome in zip(chunk, outcomes, strict=True):
                        if outcome is None:
                            rest.append(k)
                        found[k] = outcome
        rest.sort()
        for start in range(0, len(rest), size):
            chunk = rest[start : start + size]
            for k, outcome in zip(chunk, self.stack_outcomes([variants[k] for k in chunk]), strict=True):
                found[k] = outcome
        return found  # type: ignore[return-value]

    @cached_property
    def topsis_today(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Today's TOPSIS field (qualified and scored), normalised scores, ideal, anti-ideal and each cell's
        distance terms: a variant that keeps the field changes them only in its columns and in a row whose
        cells gain or lose a score (the same formulas on the same numbers)."""
        used, weights, scored = self.today
        field = self.result.qualified & scored
        geometry = topsis_geometry(self.result.scores, field)
        return (field, *geometry, *distance_terms(geometry, weights, used))

    def kept_field(self, variants: list[tuple[int, ColumnPatch]], columns: list[int]) -> list[Rescore | None]:
        """TOPSIS outcomes of variants changing these columns, from today's geometry and distances with
        those columns (and any row whose cells gain or lose a score) worked out again; None for a variant
        that changes the field or cannot be told apart by TOPSIS (worked out as a whole table instead)."""
        result, count = self.result, len(variants)
        field, r0, ideal0, anti0, to_ideal0, to_anti0 = self.topsis_today
        used0, weights0, scored0 = self.today
        new = np.stack([np.column_stack([patch[j] for j in columns]) for _, patch in variants])
        # a lone column is worked out beside an unchanged one: numpy sums a one-column pool in another order
        beside = (
            [j for j in range(result.scores.shape[1]) if j not in columns][:1] if len(columns) == 1 else []
        )
        if beside:
            new = np.concatenate([new, np.repeat(result.scores[None, :, beside], count, axis=0)], axis=2)
        r_new, ideal_new, anti_new = topsis_geometry(new, field)
        r_new, ideal_new, anti_new = (
            r_new[..., : len(columns)],
            ideal_new[:, : len(columns)],
            anti_new[:, : len(columns)],
        )
        used_new = ~np.isnan(new[..., : len(columns)])
        ideal, anti = np.repeat(ideal0[None], count, axis=0), np.repeat(anti0[None], count, axis=0)
        ideal[:, columns], anti[:, columns] = ideal_new, anti_new
        to_ideal, to_anti = (
            np.repeat(to_ideal0[None], count, axis=0),
            np.repeat(to_anti0[None], count, axis=0),
        )
        on = np.ix_(np.arange(count), np.arange(len(used0)), columns)
        w = weights0[None][:, :, columns]
        to_ideal[on] = np.where(used_new, (w * (r_new - ideal_new[:, None, :])) ** 2, 0)
        to_anti[on] = np.where(used_new, (w * (r_new - anti_new[:, None, :])) ** 2, 0)
        scored = np.repeat(scored0[None], count, axis=0)
        ks, rows = np.nonzero((used_new != used0[None][:, :, columns]).any(axis=2))  # rows re-weighted
        if ks.size:
            used_rows, r_rows = used0[rows], r0[rows]
            used_rows[:, columns], r_rows[:, columns] = used_new[ks, rows], r_new[ks, rows]
            weights_rows, scored[ks, rows] = self.row_weights(rows, used_rows)
            geometry_rows = (r_rows[:, None, :], ideal[ks], anti[ks])
            terms = distance_terms(geometry_rows, weights_rows[:, None, :], used_rows[:, None, :])
            to_ideal[ks, rows], to_anti[ks, rows] = terms[0][:, 0], terms[1][:, 0]
        keeps = ((result.qualified[None] & scored) == field[None]).all(axis=1)
        keeps &= geometry_compares((r0, ideal, anti), result.base_weights, field)
        totals = np.where(scored, np.clip(closeness_of(to_ideal, to_anti), 0.0, 100.0), np.nan)
        suppliers = np.array([i for i, _ in variants], dtype=np.intp)
        own = result.scores[suppliers]  # each supplier's own row, for its band (the weighted score)
        own[:, columns] = new[np.arange(count), suppliers, : len(columns)]
        performance, _ = self.row_totals(suppliers, own)
        found = self.stack_ranks(suppliers, totals, result.qualified[None] & scored, performance)
        return [outcome if keep else None for outcome, keep in zip(found, keeps.tolist(), strict=True)]

    def stack_outcomes(self, variants: list[tuple[int, ColumnPatch]]) -> list[Rescore]:
        """`tables` for one stack of variants."""
        result = self.result
        count, suppliers = len(variants), np.array([i for i, _ in variants], dtype=np.intp)
        scores = np.repeat(result.scores[None, :, :], count, axis=0)
        for k, (_, columns) in enumerate(variants):
            for j, column in columns.items():
                scores[k, :, j] = column
        base_weights = result.base_weights
        used = ~np.isnan(scores)
        weights = np.where(used & ~self.no_total[None, :, None], base_weights, 0.0)
        row_sums = weights.sum(axis=2, keepdims=True)
        scored = row_sums[:, :, 0] > 0
        weights = np.divide(weights, row_sums, out=np.zeros_like(weights), where=row_sums > 0)
        reference = result.qualified[None, :] & scored
        totals = (weights * np.where(used, scores, 0.0)).sum(axis=2)
        # bands read the weighted score under every aggregation (see ScoreResult.performance)
        performance = np.where(scored, np.clip(totals, 0.0, 100.0), np.nan)
        if result.config.aggregation == "topsis":
            for ks in same_rows(reference):  # one geometry per field (most what-ifs keep today's)
                field = reference[ks[0]]
                geometry = topsis_geometry(scores[ks], field)
                ranks_apart = geometry_compares(geometry, base_weights, field)
                closeness_of = closeness(geometry, weights[ks], used[ks])
                totals[ks] = np.where(ranks_apart[:, None], closeness_of, totals[ks])
        totals = np.where(scored, np.clip(totals, 0.0, 100.0), np.nan)
        return self.stack_ranks(suppliers, totals, reference, performance[np.arange(count), suppliers])

    def stack_ranks(
        self, suppliers: np.ndarray, totals: np.ndarray, reference: np.ndarray, performance: np.ndarray
    ) -> list[Rescore]:
        """Outcomes from each variant's totals of the whole field (a row per variant, its supplier in
        `suppliers`): whether anyone else's total moved, the supplier's competition rank among the
        reference suppliers, its band from its weighted score (`performance`)."""
        result = self.result
        at = np.arange(len(suppliers))
        others = np.arange(len(result.suppliers))[None, :] != suppliers[:, None]
        before = result.totals[None, :]
        # did anyone else's total move (or appear, or go)? as `rescore` asks it
        shifted = moved_apart(before, totals)
        moved = np.any(others & shifted, axis=1)
        # competition ranks: 1 + how many reference suppliers are ahead at the tie precision
        keys = np.round(totals, TIE_DECIMALS)
        ahead = (reference & (keys > keys[at, suppliers][:, None])).sum(axis=1)
        mine = reference[at, suppliers]
        ranks = np.where(mine, ahead + 1.0, np.nan)
        return self.outcomes(totals[at, suppliers], performance, mine, ranks, moved.tolist())


def stacked(variants: list[tuple[int, ColumnPatch]]) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """The variants' new columns by criterion: which variants change it, and their columns as one array."""
    found: dict[int, tuple[list[int], list[np.ndarray]]] = {}
    for k, (_, columns) in enumerate(variants):
        for j, column in columns.items():
            ks, stack = found.setdefault(j, ([], []))
            ks.append(k)
            stack.append(column)
    return {j: (np.array(ks, dtype=np.intp), np.stack(stack)) for j, (ks, stack) in found.items()}


def same_rows(flags: np.ndarray) -> list[np.ndarray]:
    """The rows of a boolean array grouped by equal rows (positions, in order of first appearance)."""
    groups = []
    left = np.arange(len(flags))
    while left.size:
        same = (flags[left] == flags[left[0]]).all(axis=1)
        groups.append(left[same])
        left = left[~same]
    return groups
