"""Knock-outs (must-haves): who fails a rule, who lacks the data a rule needs, and why, in words."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from scorecard.config import Config, Criterion, Knockout, unit_suffix
from scorecard.score.methods import rejected_value
from scorecard.score.reasons import Reasons
from scorecard.score.values import CriterionValues, answer_codes

Answers = Callable[[str], tuple[np.ndarray, np.ndarray]]  # a column's (codes, distinct answers)


def rule_failures(
    rule: Knockout, criterion: Criterion, answers: Answers, v: CriterionValues, text: str, reasons: Reasons
) -> tuple[np.ndarray, np.ndarray]:
    """(fails, no value) for one rule; each failing supplier's reason is added to `reasons`."""
    if rule.must_be:
        # compared on the cell's own text: an answer outside the points table is still an answer
        codes, distinct = answers(rule.criterion)
        allowed = {x.casefold() for x in rule.must_be}
        absent = np.array([s is None for s in distinct], dtype=bool)
        fails = np.array([s is not None and s.casefold() not in allowed for s in distinct], dtype=bool)[codes]
        rows = np.flatnonzero(fails)
        reasons.add(rows, f"{text} (is ", distinct[codes[rows]], ")")
        return fails, absent[codes]
    limit_fails = v.numbers < rule.at_least if rule.at_least is not None else v.numbers > rule.at_most
    fails = ~v.missing & limit_fails
    rows = np.flatnonzero(fails)
    reasons.add(rows, f"{text} (is ", v.numbers[rows], f"{unit_suffix(criterion.unit)})")
    return fails, v.missing


def flagged(rows: np.ndarray, v: CriterionValues) -> np.ndarray:
    """Which of these suppliers' cells held a value that could not be used (unreadable or rejected)."""
    return v.invalid[rows] | (v.rejected[rows] if v.rejected is not None else False)


def unusable_cells(
    rows: np.ndarray, column: pd.Series, v: CriterionValues, criterion: Criterion
) -> np.ndarray:
    """What each of these suppliers has instead of a usable value: a rejected or unreadable value, or no data."""
    if not flagged(rows, v).any():
        return np.full(len(rows), "no data", dtype=object)
    cells = column.to_numpy(dtype=object)[rows]
    found = []
    for k, i in enumerate(rows.tolist()):
        if v.rejected is not None and v.rejected[i]:
            found.append(rejected_value(criterion, cells[k]))
        elif v.invalid[i]:
            found.append(f"unreadable value {cells[k]!s}")
        else:
            found.append("no data")
    return np.array(found, dtype=object)


def knockout_reasons(
    knockouts: tuple[Knockout, ...],
    config: Config,
    table: pd.DataFrame,
    values: dict[str, CriterionValues],
    answers: Answers | None = None,
) -> tuple[Reasons, np.ndarray, np.ndarray]:
    """Per supplier out, every must-have it fails, in words; who lacks data a rule needs; who fails a rule.

    `answers` gives a column's answer codes (`SupplierTable.answers`, worked out once per table);
    without it they are worked out from `table`.

    Kept as records (see `Reasons`): 3,000 sentences cost more than the scoring, and are written when read.
    """
    reasons = Reasons(len(table))
    answers = answers or (lambda key: answer_codes(table[key]))
    for_missing = np.zeros(len(table), dtype=bool)
    failed = np.zeros(len(table), dtype=bool)
    for rule in knockouts:
        criterion = config.criterion(rule.criterion)
        text = rule.describe(criterion.label, unit_suffix(criterion.unit))
        column, v = table[rule.criterion], values[rule.criterion]
        fails, absent = rule_failures(rule, criterion, answers, v, text, reasons)
        failed |= fails
        if rule.if_missing == "disqualify":
            rows = np.flatnonzero(absent)
            if rule.must_be or not flagged(rows, v).any():
                reasons.add(rows, f"{text} (no data)")
            else:
                reasons.add(rows, f"{text} (", unusable_cells(rows, column, v, criterion), ")")
            for_missing |= absent
    return reasons, for_missing, failed
