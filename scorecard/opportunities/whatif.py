"""Exact what-ifs: the totals, ranks and bands a supplier would get with some of its values changed.

Every number is what `score.score` gives for the table with the values
changed; `rescore` does exactly that, one copy of the table at a time, and
`WhatIfScorer` gets the same numbers without the copies:

- A change that could alter who is qualified (a knock-out's criterion, a
  required value appearing or going) is scored in full.
- A change that moves other suppliers' scores (it shifts a relative method's
  bar, such as min-max's lowest value, or the average that suppliers without
  data get) re-scores just the changed criteria's columns with the engine's
  own functions (`moved_average` works out a moved average for many suppliers
  at once, and `VariantTotals.averaged_rows` sums just the rows it changes), and
  sums every variant's changed rows in one numpy pass.
- Any other change moves only the supplier's own row: its new cells are scored
  with the engine's own `method_scores` (against the same bar), and only its
  row is summed again, the same sums in the same order as `score.score`.
  Everyone else's total stays as it is, so the rank is one search in the
  field's sorted totals. Most plans' what-ifs take this path; whether one does
  is decided for many suppliers at once (`own_row_scores`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cached_property

import numpy as np

from scorecard.config import Knockout
from scorecard.opportunities.cell_scores import CellScorer
from scorecard.opportunities.rescore import Rescore, rescore
from scorecard.opportunities.whatif_totals import CellPatch, ColumnPatch, VariantTotals
from scorecard.score import (
    RELATIVE_METHODS,
    CriterionValues,
    ScoreResult,
    answer_text,
    knockout_reasons,
)
from scorecard.suppliers import SupplierTable


class WhatIfScorer(CellScorer):
    """Exact what-ifs for one scored table, many at a time (see the module's docstring); its cells and
    columns are read and scored by `CellScorer`.

    Built once per result: it works out who gets no total for missing required
    data, which no what-if on the fast paths can change, and reads a
    criterion's values only when a what-if needs them.
    """

    def __init__(self, result: ScoreResult, table: SupplierTable) -> None:
        super().__init__(result, table)
        config = result.config
        base = config.counted_shares()
        knockouts = config.knockouts if config.knockouts_enabled else ()
        _, for_missing, failed = knockout_reasons(knockouts, config, table.values, self.values, table.answers)
        self.required = {c.key for c in result.criteria if c.missing == "disqualify" and base[c.key] > 0}
        for key in self.required:
            for_missing = for_missing | result.missing[:, self.column_of[key]]
        self.no_total = for_missing & ~failed
        self.knockouts = knockouts
        self.knocked_out_on = {rule.criterion for rule in knockouts}
        self.raw: np.ndarray | None = None  # cells as read (objects), when first needed
        self.missing_count = result.missing.sum(axis=0)
        self.row_path = config.aggregation == "weighted_sum"
        self.sums = VariantTotals(result, self.no_total)

    @cached_property
    def own_row_only(self) -> np.ndarray:
        """Per criterion: whether a value a ranked supplier holds today, put in another supplier's cell,
        always moves only that supplier's row (`own_row_scores` decides the same, cell by cell): its
        method scores each value on its own (no bar), no average moves ('neutral' is not its policy),
        nobody can requalify (no knock-out on it, not required) and somebody has data on it."""
        n = len(self.result.suppliers)
        return np.array(
            [
                c.method.kind not in RELATIVE_METHODS
                and c.missing != "neutral"
                and c.key not in self.required
                and c.key not in self.knocked_out_on
                and self.missing_count[j] != n
                for j, c in enumerate(self.result.criteria)
            ],
            dtype=bool,
        )

    def raw_cells(self, j: int) -> np.ndarray:
        """Criterion j's cells as read (objects): what a plan aims from and shows as "today". The whole
        table is converted at once, the first time: per column it costs more than all columns together."""
        if self.raw is None:
            self.raw = self.result.raw.to_numpy(dtype=object)
        return self.raw[:, j]

    def rescore_many(self, supplier: str, variants: Sequence[Mapping[str, object]]) -> list[Rescore]:
        """Each variant's outcome: the supplier's values changed as it says, everyone else's as they are."""
        i = self.result.index_of(supplier)
        return self.rescore_batch([(i, changes) for changes in variants])

    def rescore_batch(self, variants: Sequence[tuple[int, Mapping[str, object]]]) -> list[Rescore]:
        """Each (supplier row, changes) variant's outcome; variants of many suppliers are scored together:
        those that move only their own row in one pass, the others by their columns (`by_columns`)."""
        outcomes: list[Rescore | None] = [None] * len(variants)
        on_row: list[tuple[int, int, CellPatch]] = []
        rest: list[int] = []
        for k, (i, changes) in enumerate(variants):
            cells = self.row_cells(i, changes) if self.row_path else None
            if cells is None:
                rest.append(k)
            else:
                on_row.append((k, i, cells))
        if on_row:
            found = self.sums.rows([i for _, i, _ in on_row], [cells for _, _, cells in on_row])
            for (k, _, _), outcome in zip(on_row, found, strict=True):
                outcomes[k] = outcome
        by_columns = self.by_columns([variants[k] for k in rest], [{}] * len(rest), moving=False)
        for k, outcome in zip(rest, by_columns, strict=True):
            outcomes[k] = outcome
        return outcomes  # type: ignore[return-value]  # every position is set above

    def rescore_moving(
        self, variants: Sequence[tuple[int, Mapping[str, object]]], own: Sequence[CellPatch]
    ) -> list[Rescore]:
        """`rescore_batch` for variants known to move others' scores (one of their changes alone does),
        given the new score of each change known to move only the supplier's own row (`own[k]`, by
        column): those are not decided again, and no variant is tried on its own row first. Under the
        weighted sum every other change is known to move others' scores (`own_row_scores` said so), so
        its column is worked out again without asking."""
        return self.by_columns(variants, own, moving=self.row_path)

    def by_columns(
        self, variants: Sequence[tuple[int, Mapping[str, object]]], own: Sequence[CellPatch], moving: bool
    ) -> list[Rescore]:
        """Variants scored by their changed columns (see `columns` for `own` and `moving`), all in one
        pass; one that could change who qualifies is scored in full."""
        found: list[Rescore | None] = [None] * len(variants)
        on_columns: list[tuple[int, int, ColumnPatch]] = []
        for k, (i, changes) in enumerate(variants):
            columns = self.columns(i, changes, own[k], moving=moving)
            if columns is not None:
                on_columns.append((k, i, columns))
        if on_columns:
            outcomes = self.column_outcomes([(i, columns) for _, i, columns in on_columns])
            for (k, _, _), outcome in zip(on_columns, outcomes, strict=True):
                found[k] = outcome
        return [
            outcome if outcome is not None else self.in_full(*variants[k]) for k, outcome in enumerate(found)
        ]

    def in_full(self, i: int, changes: Mapping[str, object]) -> Rescore:
        """A what-if that could change who qualifies: the table scored again."""
        return rescore(self.result, self.table, self.result.suppliers[i], changes)

    def column_outcomes(self, variants: list[tuple[int, ColumnPatch]]) -> list[Rescore]:
        """Variants that move others' scores: under the weighted sum only the rows that change are summed
        again (all variants in one pass); under TOPSIS every variant's whole table, in stacks."""
        if self.row_path:
            return self.sums.changed_rows(variants)
        return self.sums.tables(variants)

    def row_cells(self, i: int, changes: Mapping[str, object]) -> CellPatch | None:
        """Supplier i's new scores on the changed criteria, when nobody else's score moves; else None."""
        found: CellPatch = {}
        at = np.array([i])
        for key, value in changes.items():
            if key not in self.column_of:
                return None
            holds, new_score = self.own_row_scores(key, at, value)
            if not holds[0]:
                return None
            found[self.column_of[key]] = new_score
        return found

    def own_row_scores(
        self, key: str, rows: np.ndarray, value: object, holder: int | None = None
    ) -> tuple[np.ndarray, float]:
        """The listed suppliers' score on the criterion with their cell set to `value` (the same for each:
        it depends on the cell and the bar only), and where that moves only the supplier's own row
        (`holds`): who qualifies cannot change, no bar or average moves. Decided for all rows at once.
        A value a ranked supplier holds today (at row `holder`) is read and scored as it was there."""
        criterion, (cell, points_today) = (
            self.result.criteria[self.column_of[key]],
            self.cell(key, value, holder),
        )
        holds = ~self.may_requalify(key, rows, value, cell)
        bar_holds, points = self.scored_cells(criterion, rows, cell, points_today)
        j, n = self.column_of[key], len(self.result.suppliers)
        old_missing = self.result.missing[rows, j]
        others_missing = self.missing_count[j] - old_missing
        gone = bool(cell.missing[0])
        if self.missing_count[j] == n:
            holds[:] = False  # nobody has data: the criterion is left out, and would come back
        if gone:
            holds &= others_missing != n - 1  # nobody else has data: the criterion would be left out
        if criterion.missing == "neutral":
            # suppliers without data get the average: it moves unless the supplier's score stays the same
            if gone:
                holds[:] = False
            else:
                averaged = others_missing > 0
                holds &= ~averaged | (~old_missing & (points == self.result.scores[rows, j]))
        holds &= bar_holds
        if gone:  # a blank: scored 0 ('worst') or left out ('exclude'; 'disqualify' is required, in full)
            points = 0.0 if criterion.missing == "worst" else float("nan")
        return holds, points

    def moved_average(
        self, key: str, rows: np.ndarray, value: object, holder: int | None = None
    ) -> tuple[np.ndarray, float, np.ndarray]:
        """Where setting a listed supplier's cell to `value` moves only its own score and the average that
        suppliers without data get ('neutral'), its new score there, and (one per such supplier) the new
        average: the method's scores of the others stay, the average is taken again. `holder`: as for
        `own_row_scores`."""
        j, criterion = self.column_of[key], self.result.criteria[self.column_of[key]]
        cell, points_today = self.cell(key, value, holder)
        missing = self.result.missing[:, j]
        if criterion.missing != "neutral" or cell.missing[0] or not missing.any() or missing.all():
            return np.zeros(len(rows), dtype=bool), float("nan"), np.empty(0)
        bar_holds, points = self.scored_cells(criterion, rows, cell, points_today)
        # the supplier is in the average's pool before and after, so the pool is the same suppliers
        holds = (
            bar_holds
            & ~self.may_requalify(key, rows, value, cell)
            & ~missing[rows]
            & self.result.qualified[rows]
        )
        if not holds.any():
            return holds, float("nan"), np.empty(0)
        # today's scores are the method's where there is data ('neutral' fills only the blanks): the
        # pool's scores, with the supplier's own replaced, averaged as the engine averages a column
        columns = np.repeat(self.result.scores[None, :, j], int(holds.sum()), axis=0)
        columns[np.arange(len(columns)), rows[holds]] = points
        # each pool averaged on its own, as the engine averages one (`missing.policy_fill`): numpy may
        # sum a 2-D array's rows in another order, 1 ulp apart
        averages = np.array([pool.mean() for pool in columns[:, self.result.qualified & ~missing]])
        try:  # kept for the plan's steps closing the same gap again (`moved_column`)
            hash((key, type(value), value))
            for i, average in zip(rows[holds].tolist(), averages.tolist(), strict=True):
                self.averages[i, key, type(value), value] = (points, average)
        except TypeError:
            pass
        return holds, points, averages

    def may_requalify(self, key: str, rows: np.ndarray, value: object, cell: CriterionValues) -> np.ndarray:
        """Where setting the suppliers' cell to `value` (read as `cell`) could alter who is qualified: a
        required value appears or goes, or a knock-out treats the new value differently."""
        changes = np.zeros(len(rows), dtype=bool)
        if key in self.required:
            changes |= bool(cell.missing[0]) | self.result.missing[rows, self.column_of[key]]
        for rule in self.knockouts:
            if rule.criterion == key:
                changes |= self.knockout_differs(rule, rows, value, cell)
        return changes

    def knockout_differs(
        self, rule: Knockout, rows: np.ndarray, value: object, cell: CriterionValues
    ) -> np.ndarray:
        """Where a knock-out treats the new value otherwise than each supplier's value today (absent or
        not, failing or not)."""
        if rule.must_be:
            allowed = {x.casefold() for x in rule.must_be}
            codes, distinct = self.table.answers(rule.criterion)  # each distinct answer judged once
            absent = np.array([t is None for t in distinct], dtype=bool)[codes[rows]]
            failing = np.array([t is not None and t.casefold() not in allowed for t in distinct], dtype=bool)
            failing = failing[codes[rows]]
            new = answer_text(value)
            return (absent != (new is None)) | (
                failing != (new is not None and new.casefold() not in allowed)
            )
        old = self.values[rule.criterion]
        return (old.missing[rows] != bool(cell.missing[0])) | (
            self.fails(rule, old.numbers[rows], old.missing[rows])
            != self.fails(rule, cell.numbers, cell.missing)
        )

    @staticmethod
    def fails(rule: Knockout, numbers: np.ndarray, missing: np.ndarray) -> np.ndarray:
        """Whether each value fails the rule's limit (a missing value fails nothing)."""
        over = numbers < rule.at_least if rule.at_least is not None else numbers > rule.at_most
        return ~missing & over

    def columns(
        self, i: int, changes: Mapping[str, object], own: CellPatch | None = None, moving: bool = False
    ) -> ColumnPatch | None:
        """The changed criteria's new score columns; None when the change could alter who qualifies, or
        when the totals come from raw values (textbook TOPSIS), which the batch does not re-read. A column
        where only the supplier's own score moves (`own_row_scores`, or known: `own`, by column) is
        today's with that cell replaced; with `moving`, every change not in `own` is known to move
        others' scores, and its column is worked out again without asking."""
        if self.result.config.aggregation == "topsis_classic":
            return None
        found: ColumnPatch = {}
        at = np.array([i])
        for key, value in changes.items():
            if key not in self.column_of:
                return None
            j = self.column_of[key]
            if own and j in own:  # moves only the own row: nobody requalifies (see `own_row_scores`)
                holds, points = np.ones(1, dtype=bool), own[j]
            elif self.may_requalify(key, at, value, self.read_cell(key, value))[0]:
                return None
            elif moving:
                holds, points = np.zeros(1, dtype=bool), float("nan")
            else:
                holds, points = self.own_row_scores(key, at, value)
            if holds[0]:
                found[j] = self.result.scores[:, j].copy()
                found[j][i] = points
            else:
                found[j] = self.moved_column(i, key, value)
        return found
