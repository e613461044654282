"""Exact what-ifs: the totals, ranks and bands a supplier would get with some of its values changed.

Every number is what `score.score` gives for the table with the values
changed; `rescore` does exactly that, one copy of the table at a time, and
`WhatIfScorer` gets the same numbers without the copies:

- A change that could alter who is qualified (a knock-out's criterion, a
  required value appearing or going) is scored in full.
- A change that moves other suppliers' scores (it shifts a relative method's
  bar, such as min-max's lowest value, or the average that suppliers without
  data get) re-scores just the changed criteria's columns with the engine's
  own functions, and sums every variant's totals in one numpy pass.
- Any other change moves only the supplier's own row: its new cells are scored
  with the engine's own `method_scores` (against the same bar), and only its
  row is summed again, the same sums in the same order as `score.score`.
  Everyone else's total stays as it is, so the rank is one search in the
  field's sorted totals. Most plans' what-ifs take this path.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from scorecard.config import Criterion, Knockout
from scorecard.opportunities.bars import Bar, bar_sides
from scorecard.opportunities.rescore import Rescore, rescore
from scorecard.opportunities.whatif_totals import CellPatch, ColumnPatch, VariantTotals
from scorecard.score import (
    RELATIVE_METHODS,
    CriterionValues,
    ScoreResult,
    answer_text,
    knockout_reasons,
    method_scores,
    read_values,
    usable_values,
)
from scorecard.suppliers import SupplierTable


class WhatIfScorer:
    """Exact what-ifs for one scored table, many at a time (see the module's docstring).

    Built once per result: it reads every criterion's values as the engine did
    and works out who gets no total for missing required data, which no
    what-if on the fast paths can change.
    """

    def __init__(self, result: ScoreResult, table: SupplierTable) -> None:
        self.result = result
        self.table = table
        config = result.config
        self.values: dict[str, CriterionValues] = {
            c.key: usable_values(c, read_values(table.values[c.key], c))[0] for c in result.criteria
        }
        base = config.counted_shares()
        knockouts = config.knockouts if config.knockouts_enabled else ()
        _, for_missing, failed = knockout_reasons(knockouts, config, table.values, self.values)
        for c in result.criteria:
            if c.missing == "disqualify" and base[c.key] > 0:
                for_missing = for_missing | self.values[c.key].missing
        self.no_total = for_missing & ~failed
        self.knockouts = knockouts
        self.knocked_out_on = {rule.criterion for rule in knockouts}
        self.cells: dict[tuple[str, type, object], CriterionValues] = {}
        self.loose: list[CriterionValues] = []
        self.points: dict[
            int, float
        ] = {}  # a read cell's score, by the cell's id (cells are kept in `cells`)
        self.required = {c.key for c in result.criteria if c.missing == "disqualify" and base[c.key] > 0}
        self.column_of = {c.key: j for j, c in enumerate(result.criteria)}
        self.raw = result.raw.to_numpy(dtype=object)  # cells as read, for the plans' "today" values
        self.bars = {
            c.key: Bar.of(self.values[c.key].numbers, result.qualified & ~self.values[c.key].missing)
            for c in result.criteria
            if c.method.kind in RELATIVE_METHODS
        }
        self.missing_count = {key: int(v.missing.sum()) for key, v in self.values.items()}
        self.row_path = config.aggregation == "weighted_sum"
        self.sums = VariantTotals(result, self.no_total)

    def rescore_many(self, supplier: str, variants: Sequence[Mapping[str, object]]) -> list[Rescore]:
        """Each variant's outcome: the supplier's values changed as it says, everyone else's as they are."""
        i = self.result.index_of(supplier)
        return self.rescore_batch([(i, changes) for changes in variants])

    def rescore_batch(self, variants: Sequence[tuple[int, Mapping[str, object]]]) -> list[Rescore]:
        """Each (supplier row, changes) variant's outcome; variants of many suppliers are scored together."""
        outcomes: list[Rescore | None] = [None] * len(variants)
        on_row: list[tuple[int, int, CellPatch]] = []
        on_columns: dict[int, list[tuple[int, ColumnPatch]]] = {}
        for k, (i, changes) in enumerate(variants):
            cells = self.row_cells(i, changes) if self.row_path else None
            if cells is not None:
                on_row.append((k, i, cells))
                continue
            columns = self.columns(i, changes)
            if columns is not None:
                on_columns.setdefault(i, []).append((k, columns))
        if on_row:
            found = self.sums.rows([i for _, i, _ in on_row], [cells for _, _, cells in on_row])
            for (k, _, _), outcome in zip(on_row, found, strict=True):
                outcomes[k] = outcome
        for i, patches in on_columns.items():
            for k, outcome in self.column_outcomes(i, patches):
                outcomes[k] = outcome
        return [
            outcome
            if outcome is not None
            else rescore(self.result, self.table, self.result.suppliers[variants[k][0]], variants[k][1])
            for k, outcome in enumerate(outcomes)
        ]

    def column_outcomes(self, i: int, patches: list[tuple[int, ColumnPatch]]) -> list[tuple[int, Rescore]]:
        """Supplier i's variants that move others' scores: under the weighted sum only the rows that change
        are summed again; under TOPSIS every variant's whole table."""
        if self.row_path:
            return [(k, self.sums.changed_rows(i, columns)) for k, columns in patches]
        return list(zip([k for k, _ in patches], self.sums.tables(i, [c for _, c in patches]), strict=True))

    def qualification_may_change(self, key: str, i: int, value: object, cell: CriterionValues) -> bool:
        """Whether setting supplier i's cell (read as `cell`) could alter who is qualified: those what-ifs
        are scored in full."""
        if key in self.required and (cell.missing[0] or self.values[key].missing[i]):
            return True  # a required value appears or disappears
        return key in self.knocked_out_on and not self.same_knockouts(key, i, value, cell)

    def row_cells(self, i: int, changes: Mapping[str, object]) -> CellPatch | None:
        """Supplier i's new scores on the changed criteria, when nobody else's score moves; else None."""
        found: CellPatch = {}
        for key, value in changes.items():
            j = self.column_of.get(key)
            if j is None:
                return None
            cell = self.read_cell(key, value)
            if self.qualification_may_change(key, i, value, cell):
                return None
            new_score = self.cell_score(self.result.criteria[j], i, cell)
            if new_score is None:
                return None
            found[j] = new_score
        return found

    def cell_score(self, criterion: Criterion, i: int, cell: CriterionValues) -> float | None:
        """Supplier i's score on the criterion with its cell replaced, if no other supplier's score moves.

        None when it would: the criterion's bar moves, or suppliers without data
        there get an average that includes supplier i.
        """
        old = self.values[criterion.key]
        j = self.column_of[criterion.key]
        others_missing = self.missing_count[criterion.key] - int(old.missing[i])
        gone = bool(cell.missing[0])
        if self.missing_count[criterion.key] == len(old.missing) or (
            gone and others_missing == len(old.missing) - 1
        ):
            return None  # nobody (else) has data: the criterion is left out, or comes back
        if criterion.missing == "neutral" and (gone or others_missing):
            if gone:
                return None  # supplier i would get the others' average
            tiny = self.scored_cell(criterion, i, cell)
            if tiny is None or old.missing[i] or tiny != self.result.scores[i, j]:
                return None  # the average the suppliers without data get moves
            return tiny
        new_score = self.scored_cell(criterion, i, cell)
        if new_score is None or not gone:
            return new_score
        if criterion.missing == "worst":
            return 0.0
        return float("nan")  # exclude (disqualify is required: scored in full above)

    def scored_cell(self, criterion: Criterion, i: int, cell: CriterionValues) -> float | None:
        """The engine's score for one new cell, against the bar the field sets; None if the bar moves."""
        if criterion.method.kind in RELATIVE_METHODS and not self.bar_holds(criterion, i, cell):
            return None
        known = self.points.get(id(cell))
        if known is None:
            known = self.points[id(cell)] = self.cell_points(criterion, cell)
        return known

    def bar_holds(self, criterion: Criterion, i: int, cell: CriterionValues) -> bool:
        """Whether a relative method's bar stays where it is with supplier i's cell replaced."""
        bar = self.bars[criterion.key]
        if bar is None or not self.result.qualified[i]:
            return False
        old = self.values[criterion.key]
        ends = bar.ends_without(float(old.numbers[i]), not bool(old.missing[i]))
        if ends is None:
            return False
        low, high = ends
        if not cell.missing[0]:
            low, high = min(low, float(cell.numbers[0])), max(high, float(cell.numbers[0]))
        reads_low, reads_high = bar_sides(criterion)
        return not ((reads_low and low != bar.lows[0]) or (reads_high and high != bar.highs[0]))

    def cell_points(self, criterion: Criterion, cell: CriterionValues) -> float:
        """One cell scored by the engine's own formula; a relative method's cell beside the bar's two ends,
        which (`bar_holds`) it does not pass."""
        if criterion.method.kind not in RELATIVE_METHODS:
            return float(method_scores(criterion, cell, np.ones(1, dtype=bool))[0][0])
        bar = self.bars[criterion.key]
        assert bar is not None  # bar_holds has checked
        trio = CriterionValues(
            np.array([cell.numbers[0], bar.lows[0], bar.highs[0]]),
            None,
            np.array([bool(cell.missing[0]), False, False]),
            np.zeros(3, dtype=bool),
        )
        return float(method_scores(criterion, trio, np.ones(3, dtype=bool))[0][0])

    def columns(self, i: int, changes: Mapping[str, object]) -> ColumnPatch | None:
        """The changed criteria's new score columns; None when the change could alter who qualifies, or
        when the totals come from raw values (textbook TOPSIS), which the batch does not re-read."""
        if self.result.config.aggregation == "topsis_classic":
            return None
        found: ColumnPatch = {}
        for key, value in changes.items():
            if key not in self.column_of:
                return None
            criterion = self.result.criteria[self.column_of[key]]
            if self.qualification_may_change(key, i, value, self.read_cell(key, value)):
                return None
            found[self.column_of[key]] = self.column_scores(criterion, self.values_with(key, i, value))
        return found

    def read_cell(self, key: str, value: object) -> CriterionValues:
        """One cell read as the engine reads a column (cell by cell: each cell's reading is its own)."""
        try:
            cache_key = (key, type(value), value)
            hash(cache_key)
        except TypeError:
            cache_key = None
        if cache_key is not None and cache_key in self.cells:
            return self.cells[cache_key]
        criterion = self.result.criteria[self.column_of[key]]
        cell = pd.Series([value], dtype=object)
        read = usable_values(criterion, read_values(cell, criterion))[0]
        if cache_key is not None:
            self.cells[cache_key] = read
        else:
            self.loose.append(read)  # kept alive, so that its id stays its own in `points`
        return read

    def values_with(self, key: str, i: int, value: object) -> CriterionValues:
        """The criterion's values with supplier i's cell replaced."""
        old, cell = self.values[key], self.read_cell(key, value)
        numbers, missing, invalid = old.numbers.copy(), old.missing.copy(), old.invalid.copy()
        numbers[i], missing[i], invalid[i] = cell.numbers[0], cell.missing[0], cell.invalid[0]
        labels = old.labels
        if labels is not None or cell.labels is not None:
            labels = np.array(old.labels if old.labels is not None else [None] * len(numbers), dtype=object)
            labels[i] = cell.labels[0] if cell.labels is not None else None
        rejected = None
        if old.rejected is not None or cell.rejected is not None:
            rejected = old.rejected.copy() if old.rejected is not None else np.zeros(len(numbers), dtype=bool)
            rejected[i] = bool(cell.rejected[0]) if cell.rejected is not None else False
            if not rejected.any():
                rejected = None
        return CriterionValues(numbers, labels, missing, invalid, rejected)

    def same_knockouts(self, key: str, i: int, value: object, cell: CriterionValues) -> bool:
        """Whether every knock-out on this criterion treats supplier i's new value (read as `cell`) as it
        did the old one."""
        old_value, old = self.raw[i, self.column_of[key]], self.values[key]
        for rule in self.knockouts:
            if rule.criterion != key:
                continue
            if rule.must_be:
                allowed = {x.casefold() for x in rule.must_be}
                outcomes = []
                for text in (answer_text(old_value), answer_text(value)):
                    outcomes.append((text is None, text is not None and text.casefold() not in allowed))
                if outcomes[0] != outcomes[1]:
                    return False
                continue
            before = (bool(old.missing[i]), bool(self.fails(rule, old, i)))
            after = (bool(cell.missing[0]), bool(self.fails(rule, cell, 0)))
            if before != after:
                return False
        return True

    @staticmethod
    def fails(rule: Knockout, v: CriterionValues, i: int) -> bool:
        if v.missing[i]:
            return False
        number = v.numbers[i]
        return bool(number < rule.at_least) if rule.at_least is not None else bool(number > rule.at_most)

    def column_scores(self, criterion: Criterion, v: CriterionValues) -> np.ndarray:
        """One criterion's score column as `score.score` builds it, missing-value policy included."""
        qualified = self.result.qualified
        col_missing = v.missing
        if col_missing.all() and criterion.missing != "disqualify":
            return np.full(len(col_missing), np.nan)  # nobody has data: the criterion is left out
        column, _ = method_scores(criterion, v, qualified)
        if criterion.missing == "worst":
            column = np.where(col_missing, 0.0, column)
        elif criterion.missing == "neutral":
            pool = column[qualified & ~col_missing]
            if pool.size:
                column = np.where(col_missing, pool.mean(), column)
        return np.where(col_missing & (criterion.missing in ("exclude", "disqualify")), np.nan, column)
