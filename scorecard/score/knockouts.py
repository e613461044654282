"""Knock-outs (must-haves): who fails a rule, who lacks the data a rule needs, and why, as typed records."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from scorecard.config import Config, Criterion, Knockout
from scorecard.score.reasons import CellState, Reasons, Why
from scorecard.score.values import CriterionValues, answer_codes

Answers = Callable[[str], tuple[np.ndarray, np.ndarray]]  # a column's (codes, distinct answers)


def rule_failures(
    rule: Knockout, criterion: Criterion, answers: Answers, v: CriterionValues, reasons: Reasons
) -> tuple[np.ndarray, np.ndarray]:
    """(fails, no value) for one rule; each failing supplier's reason is added to `reasons`."""
    if rule.must_be:
        # compared on the cell's own text: an answer outside the points table is still an answer
        codes, distinct = answers(rule.criterion)
        allowed = {x.casefold() for x in rule.must_be}
        absent = np.array([s is None for s in distinct], dtype=bool)
        fails = np.array([s is not None and s.casefold() not in allowed for s in distinct], dtype=bool)[codes]
        rows = np.flatnonzero(fails)
        reasons.add(rows, Why.FAILS_MUST_HAVE, criterion=criterion, rule=rule, values=distinct[codes[rows]])
        return fails, absent[codes]
    limit_fails = v.numbers < rule.at_least if rule.at_least is not None else v.numbers > rule.at_most
    fails = ~v.missing & limit_fails
    rows = np.flatnonzero(fails)
    reasons.add(rows, Why.FAILS_MUST_HAVE, criterion=criterion, rule=rule, values=v.numbers[rows])
    return fails, v.missing


def flagged(rows: np.ndarray, v: CriterionValues) -> np.ndarray:
    """Which of these suppliers' cells held a value that could not be used (unreadable or rejected)."""
    return v.invalid[rows] | (v.rejected[rows] if v.rejected is not None else False)


def cell_states(rows: np.ndarray, table: pd.DataFrame, key: str, v: CriterionValues) -> dict[str, np.ndarray]:
    """What each of these suppliers has instead of a usable value: `states` (a rejected or unreadable
    value, or no data) and the `cells` themselves (from the table's column `key`, read only then);
    empty when none of them has anything but no data."""
    if not flagged(rows, v).any():
        return {}
    rejected = v.rejected[rows] if v.rejected is not None else np.zeros(len(rows), dtype=bool)
    states = np.full(len(rows), CellState.NO_DATA, dtype=np.int8)
    states[v.invalid[rows]] = CellState.UNREADABLE
    states[rejected] = CellState.REJECTED  # a rejected number is named as such, before unreadable
    return {"states": states, "cells": table[key].to_numpy(dtype=object)[rows]}


def knockout_reasons(
    knockouts: tuple[Knockout, ...],
    config: Config,
    table: pd.DataFrame,
    values: dict[str, CriterionValues],
    answers: Answers | None = None,
) -> tuple[Reasons, np.ndarray, np.ndarray]:
    """Per supplier out, every must-have it fails (typed records); who lacks data a rule needs; who fails a rule.

    `answers` gives a column's answer codes (`SupplierTable.answers`, worked out once per table);
    without it they are worked out from `table`.

    Kept as records (see `Reasons`): 3,000 sentences cost more than the scoring; `scorecard.tables` words them.
    """
    reasons = Reasons(len(table))
    answers = answers or (lambda key: answer_codes(table[key]))
    for_missing = np.zeros(len(table), dtype=bool)
    failed = np.zeros(len(table), dtype=bool)
    for rule in knockouts:
        criterion = config.criterion(rule.criterion)
        v = values[rule.criterion]
        fails, absent = rule_failures(rule, criterion, answers, v, reasons)
        failed |= fails
        if rule.if_missing == "disqualify":
            rows = np.flatnonzero(absent)
            # a must-be rule compares the cell's own text: no answer is no data
            cells = {} if rule.must_be else cell_states(rows, table, rule.criterion, v)
            reasons.add(rows, Why.NO_VALUE_FOR_MUST_HAVE, criterion=criterion, rule=rule, **cells)
            for_missing |= absent
    return reasons, for_missing, failed
